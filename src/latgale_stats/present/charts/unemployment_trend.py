"""Figure: registered unemployment (NVA) at the end of each year in the planning regions, as lines
that leave a year without a December figure as a gap; end-of-month lines only where a series is
published month after month; the July 2021 boundary change as a break; the 2013 application's
end-2011 statements as diamonds."""

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
    "subtitle": ("gada beigās (decembrī), {first}–{last}", "at the end of the year (December), {first}–{last}"),
    "boundary": (
        "plānošanas reģionu\nrobežas mainītas\n01.07.2021",
        "planning-region\nboundaries changed\n1 July 2021",
    ),
    "yearend": (
        "Līnijas savieno decembra skaitļus secīgos gados; gads bez publicēta decembra skaitļa paliek kā pārrāvums",
        "Lines join December figures of consecutive years; a year without a published December figure is left as a gap",
    ),
    "gaps": ("Nav decembra skaitļa: {gaps}", "No December figure: {gaps}"),
    "monthly": (
        "Tievās līnijas: mēneša beigu skaitļi, kur NVA tos publicējis vismaz {n} mēnešus pēc kārtas",
        "Thin lines: end-of-month figures where NVA published at least {n} consecutive months",
    ),
    "break": (
        "Līdz 30.06.2021 un no 01.07.2021 reģioni ar citām robežām, tāpēc līnija nav vilkta pāri robežu maiņai",
        "Regions before 30 June 2021 and from 1 July 2021 have other boundaries, so no line crosses the change",
    ),
    "diamonds": (
        "Rombi: 2013. gada pieteikumā minētais 2011. gada beigu bezdarbs (NVA dati) Latgales un Rīgas reģionā",
        "Diamonds: end-2011 registered unemployment in the Latgale and Rīga regions as stated in the "
        "2013 application (NVA data)",
    ),
    "others": ("Pārējie plānošanas reģioni", "Other planning regions"),
    "application": ("2013. gada pieteikums", "2013 application"),
    "alt": (
        "Līniju diagramma: reģistrētā bezdarba līmenis plānošanas reģionos gada beigās; ",
        "Line chart: registered unemployment rate in the planning regions at the end of the year; ",
    ),
    "alt_latgale": ("Latgalē no {v0} ({p0}) līdz {v1} ({p1})", "Latgale from {v0} ({p0}) to {v1} ({p1})"),
    "alt_highest": (", augstākais visos gados ar datiem.", ", the highest in every year with data."),
}
KEEP = (*R.PLANNING_2006, *R.PLANNING_2021, "LV")
MIN_RUN = 6  # months in a row before a series is drawn month by month


def year_ends(d: pd.DataFrame) -> pd.DataFrame:
    return d[d["period"].str.endswith("-12")]


def dense_months(d: pd.DataFrame) -> pd.DataFrame:
    """The end-of-month figures that belong to a run of at least MIN_RUN consecutive months of one region."""
    keep = []
    for _code, part in d.groupby("region"):
        for run in segments(list(zip(part["period"], part.index, strict=True))):
            if len(run) >= MIN_RUN:
                keep += [i for _, i in run]
    return d.loc[sorted(keep)]


def ranges(years: list[int]) -> str:
    """[2010, 2011, 2013, 2014, 2015, 2019] -> '2010–2011, 2013–2015, 2019'."""
    out: list[list[int]] = []
    for y in sorted(years):
        if out and y == out[-1][-1] + 1:
            out[-1].append(y)
        else:
            out.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in out)


def missing_years(ends: pd.DataFrame, codes: tuple[str, ...]) -> list[int]:
    """Years between a region's first and last December figure that have none (both boundary vintages
    of a planning region taken together)."""
    years = {int(p[:4]) for p in ends.loc[ends["region"].isin(codes), "period"]}
    return [y for y in range(min(years), max(years) + 1) if y not in years] if years else []


def highest_every_year(ends: pd.DataFrame, codes: tuple[str, ...]) -> bool:
    """True when the region is the highest of the planning regions at every year end it has a figure."""
    regions = ends[ends["region"] != "LV"]
    for _period, g in regions.groupby("period"):
        top = g["region"].iloc[int(g["value"].to_numpy().argmax())]  # the first highest, as idxmax
        if g["region"].isin(codes).any() and top not in codes:
            return False
    return True


def select(obs: pd.DataFrame, versus: str) -> Selection:
    d = used(obs, "registered_unemployment_rate", ("observation",))
    d = d[d["region"].isin(KEEP)].sort_values(["region", "period"])
    if d.empty:
        raise ChartUnavailable(ID, "no registered unemployment figures for the planning regions")
    ends = year_ends(d)
    months = dense_months(d)
    if ends.empty and months.empty:
        raise ChartUnavailable(ID, "no December figures and no monthly series of the planning regions")
    st = obs[(obs["kind"] == "statement") & (obs["indicator"] == "registered_unemployment_rate")]
    monthly_only = months[~months.index.isin(ends.index)]
    rows = [rows_for("year end", ends), rows_for("end of month", monthly_only)]
    rows += [rows_for("2013 application", st.loc[[i]]) for i in st.index]
    return Selection(pd.concat(rows), {"ends": ends, "months": months, "stated": st, "versus": versus})


def describe(sel: Selection, lang: str) -> Described:
    ends, months = sel["ends"], sel["months"]
    shown = pd.concat([ends, months])
    notes = [say(PHRASES, "yearend", lang)]
    gaps = []
    for codes, name in (
        (R.LATGALE_CODES, R.name("PR_LATGALE_2021", lang)),
        (R.planning_codes(sel["versus"]), R.name(f"PR_{sel['versus']}_2021", lang)),
        (("LV",), R.name("LV", lang)),
    ):
        missing = missing_years(ends, codes)
        if missing:
            gaps.append(f"{name} {ranges(missing)}")
    if gaps:
        notes.append(say(PHRASES, "gaps", lang, gaps="; ".join(gaps)))
    if len(months):
        notes.append(say(PHRASES, "monthly", lang, n=MIN_RUN))
    notes.append(say(PHRASES, "break", lang))
    if len(sel["stated"]):
        notes.append(say(PHRASES, "diamonds", lang))
    first, last = shown["period"].min(), shown["period"].max()
    subtitle = say(PHRASES, "subtitle", lang, first=first[:4], last=last[:4])
    lat = ends[ends["region"].isin(R.LATGALE_CODES)].sort_values("period")
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
        alt += say(PHRASES, "alt_highest", lang) if highest_every_year(ends, R.LATGALE_CODES) else "."
    return Described(say(PHRASES, "title", lang), subtitle, notes, alt)


def _order(code: str, other: tuple[str, ...]) -> tuple[bool, bool, bool]:
    """Grey regions first, then the comparison region, Latvia and Latgale on top."""
    return (code in R.LATGALE_CODES, code == "LV", code in other)


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:
    ax = fig.subplots(1, 1)
    ends, months, st = sel["ends"], sel["months"], sel["stated"]
    other = R.planning_codes(versus)
    codes = sorted(set(ends["region"]) | set(months["region"]), key=lambda c: (*_order(c, other), c))
    for z, code in enumerate(codes):
        color = B.color(code, other)
        big = color != S.MUTED
        part = months[months["region"] == code]
        for run in segments(list(zip(part["period"], part["value"], strict=True))):
            ax.plot(
                [month_x(p) for p, _ in run], [v for _, v in run], color=color, lw=0.6, alpha=0.9, zorder=2 + z / 100
            )
        part = ends[ends["region"] == code]
        for run in segments(list(zip(part["period"], part["value"], strict=True)), step=12):
            ax.plot(
                [month_x(p) for p, _ in run],
                [v for _, v in run],
                color=color,
                lw=1.6 if big else 0.9,
                marker="o",
                ms=3.2 if big else 2.2,
                zorder=(4 if big else 3) + z / 100,
            )
    boundary = month_x("2021-06") + 0.5 / 12  # between the end of June and the end of July 2021
    ax.axvline(boundary, color="#333333", lw=0.7, ls=":")
    ax.text(
        boundary + 0.1,
        0.02,
        say(PHRASES, "boundary", lang),
        transform=ax.get_xaxis_transform(),
        fontsize=7,
        va="bottom",
        color="#333333",
    )
    for row in st.itertuples():
        x = month_x(row.period)
        ax.plot([x], [row.value], marker="D", ms=5, mfc="white", mec=S.STATEMENT, mew=1.0, ls="none", zorder=6)
        ax.annotate(
            f"{N.percent(row.value, lang, 1)}", (x, row.value), xytext=(4, 3), textcoords="offset points", fontsize=7
        )
    handles = [
        Line2D([], [], color=c, marker="o", ms=3, lw=1.4, label=lbl)
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
    shown = pd.concat([ends, months])
    B.year_span_axis(ax, int(shown["period"].min()[:4]), int(shown["period"].max()[:4]))
    B.fmt_axis(ax, lang, 0, percent=True)
    top = max(shown["value"].max(), st["value"].max() if len(st) else 0)
    ax.set_ylim(0, float(top) * 1.12)
