"""Figure: registered unemployment (NVA) over time in the planning regions, Latgale and the
comparison region highlighted, the 2013 application's statements as diamonds."""

from __future__ import annotations

from typing import Any

import pandas as pd
from matplotlib.lines import Line2D

from ...core import regions as R
from .. import formatting as N
from ..phrases import period_short
from . import base as B
from . import theme as S
from .common import ChartUnavailable, Described, Layout, Selection, month_x, rows_for, say, segments, used

ID = "unemployment_trend"
LAYOUT = Layout("full-tall", left_cm=1.2)
PHRASES = {
    "title": (
        "Reģistrētā bezdarba līmenis: Latgale un citi reģioni",
        "Registered unemployment rate: Latgale and the other regions",
    ),
    "subtitle": ("mēneša beigās, {first}–{last}", "end of month, {first}–{last}"),
    "boundary": (
        "plānošanas reģionu\nrobežas mainītas\n01.07.2021",
        "planning-region\nboundaries changed\n1 July 2021",
    ),
    "points": (
        "Punkti tikai tur, kur NVA skaitlis ir publicēts; līnija savieno tikai blakus mēnešus",
        "Points only where NVA published a figure; lines join consecutive months only",
    ),
    "diamonds": (
        "Rombi: 2013. gada pieteikumā minētais 2011. gada beigu bezdarbs (NVA dati) Latgales un Rīgas reģionā",
        "Diamonds: end-2011 registered unemployment in Latgale and the Rīga region as stated in the "
        "2013 application (NVA data)",
    ),
    "others": ("pārējie plānošanas reģioni", "other planning regions"),
    "application": ("2013. gada pieteikums", "2013 application"),
    "alt": (
        "Punktu un līniju diagramma: reģistrētā bezdarba līmenis plānošanas reģionos; ",
        "Dot and line chart: registered unemployment rate in the planning regions; ",
    ),
    "alt_latgale": ("Latgalē no {v0} ({p0}) līdz {v1} ({p1})", "Latgale from {v0} ({p0}) to {v1} ({p1})"),
    "alt_highest": (", augstākais visos mēnešos ar datiem.", ", the highest in every month with data."),
}
KEEP = (*R.PLANNING_2006, *R.PLANNING_2021, "LV")


def highest_every_month(d: pd.DataFrame, codes: tuple[str, ...]) -> bool:
    """True when the region is the highest of the planning regions in every month it has data."""
    regions = d[d["region"] != "LV"]
    for _period, g in regions.groupby("period"):
        top = g["region"].iloc[int(g["value"].to_numpy().argmax())]  # the first highest, as idxmax
        if g["region"].isin(codes).any() and top not in codes:
            return False
    return True


def select(obs: pd.DataFrame, versus: str) -> Selection:
    d = used(obs, "registered_unemployment_rate", ("observation",))
    d = d[d["region"].isin(KEEP)]
    if d.empty:
        raise ChartUnavailable(ID, "no registered unemployment figures for the planning regions")
    st = obs[(obs["kind"] == "statement") & (obs["indicator"] == "registered_unemployment_rate")]
    rows = [rows_for("rate", d)] + [rows_for("2013 application", st.loc[[i]]) for i in st.index]
    return Selection(pd.concat(rows), {"rates": d, "stated": st})


def describe(sel: Selection, lang: str) -> Described:
    d = sel["rates"]
    notes = [say(PHRASES, "points", lang)]
    if len(sel["stated"]):
        notes.append(say(PHRASES, "diamonds", lang))
    first, last = d["period"].min(), d["period"].max()
    subtitle = say(PHRASES, "subtitle", lang, first=period_short(first, lang), last=period_short(last, lang))
    lat = d[d["region"].isin(R.LATGALE_CODES)].sort_values("period")
    alt = say(PHRASES, "alt", lang)
    if len(lat):
        alt += say(
            PHRASES,
            "alt_latgale",
            lang,
            v0=N.percent(lat["value"].iloc[0], lang),
            v1=N.percent(lat["value"].iloc[-1], lang),
            p0=period_short(lat["period"].iloc[0], lang),
            p1=period_short(lat["period"].iloc[-1], lang),
        )
        alt += say(PHRASES, "alt_highest", lang) if highest_every_month(d, R.LATGALE_CODES) else "."
    return Described(say(PHRASES, "title", lang), subtitle, notes, alt)


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:
    ax = fig.subplots(1, 1)
    d, st = sel["rates"], sel["stated"]
    other = R.planning_codes(versus)
    for code in sorted(KEEP, key=lambda c: (c in R.LATGALE_CODES, c in other, c == "LV")):
        part = d[d["region"] == code]
        if part.empty:
            continue
        color = B.color(code, other)
        big = color != S.MUTED
        for run in segments(list(zip(part["period"], part["value"], strict=True))):
            ax.plot(
                [month_x(p) for p, _ in run],
                [v for _, v in run],
                color=color,
                lw=1.4 if big else 0.7,
                marker="o",
                ms=2.8 if big else 1.8,
                zorder=3 if big else 2,
            )
    ax.axvline(2021.5, color="#333333", lw=0.7, ls=":")
    ax.text(
        2021.6,
        0.02,
        say(PHRASES, "boundary", lang),
        transform=ax.get_xaxis_transform(),
        fontsize=6.3,
        va="bottom",
        color="#333333",
    )
    for row in st.itertuples():
        x = month_x(row.period)
        ax.plot([x], [row.value], marker="D", ms=5, mfc="white", mec=S.STATEMENT, mew=1.0, ls="none", zorder=5)
        ax.annotate(
            f"{N.percent(row.value, lang, 1)}", (x, row.value), xytext=(4, 3), textcoords="offset points", fontsize=6.8
        )
    handles = [
        Line2D([], [], color=c, marker="o", ms=3, lw=1.2, label=lbl)
        for c, lbl in (
            (S.LATGALE, R.name("PR_LATGALE_2021", lang)),
            (S.COMPARISON, R.name(other[-1], lang)),
            (S.LATVIA, R.name("LV", lang)),
            (S.MUTED, say(PHRASES, "others", lang)),
        )
    ]
    if len(st):
        handles.append(
            Line2D(
                [], [], color=S.STATEMENT, marker="D", mfc="white", ms=4, lw=0, label=say(PHRASES, "application", lang)
            )
        )
    ax.legend(handles=handles, loc="upper right", ncol=1, handlelength=1.5)
    B.year_axis(ax, month_x(d["period"].min()), month_x(d["period"].max()))
    B.fmt_axis(ax, lang, 0, percent=True)
    ax.set_ylim(0, float(max(d["value"].max(), st["value"].max() if len(st) else 0)) * 1.12)
