"""Figure: registered unemployment (NVA) at the end of each year in the planning regions, as lines
that leave a year without a December figure as a gap; end-of-month lines only where a series is
published month after month; the breaks declared for the rate (NVA's denominator from April 2012, the
July 2021 boundary change: core/breaks.toml) and changes of release as gaps; the 2013 application's
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
from .common import (
    ChartUnavailable,
    Described,
    Layout,
    Selection,
    break_alt,
    break_notes,
    month_x,
    ranges,
    release_notes,
    rows_for,
    runs,
    say,
    segments,
    used,
)

ID = "unemployment_trend"
LAYOUT = Layout("full-tall", left_cm=1.2)
PHRASES = {
    "title": (
        "Reģistrētā bezdarba līmenis: Latgale un citi reģioni",
        "Registered unemployment rate: Latgale and the other regions",
    ),
    "subtitle": ("gada beigās (decembrī), {first}–{last}", "at the end of the year (December), {first}–{last}"),
    "yearend": (
        "Līnijas savieno decembra skaitļus secīgos gados; gads bez publicēta decembra skaitļa paliek kā pārrāvums",
        "Lines join December figures of consecutive years; a year without a published December figure is left as a gap",
    ),
    "gaps": ("Nav decembra skaitļa: {gaps}", "No December figure: {gaps}"),
    "monthly": (
        "Tievās līnijas: mēneša beigu skaitļi, kur NVA tos publicējis vismaz {n} mēnešus pēc kārtas",
        "Thin lines: end-of-month figures where NVA published at least {n} consecutive months",
    ),
    "own_months": (
        "Tukši apļi: citu mēnešu beigu skaitļi no NVA pašas mēneša pārskatiem ({years})",
        "Open circles: other end-of-month figures from NVA's own monthly releases ({years})",
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
    # NVA's own monthly releases (read on its site) for months neither December nor in a dense run: points
    own = d[(d["source_kind"] == "publisher page") & ~d.index.isin(ends.index) & ~d.index.isin(months.index)]
    rows = [rows_for("year end", ends), rows_for("end of month", monthly_only)]
    if len(own):
        rows.append(rows_for("end of month, NVA's own release", own))
    rows += [rows_for("2013 application", st.loc[[i]]) for i in st.index]
    return Selection(pd.concat(rows), {"ends": ends, "months": months, "own": own, "stated": st, "versus": versus})


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
    own = sel.parts.get("own")
    if own is not None and len(own):
        notes.append(say(PHRASES, "own_months", lang, years=ranges(sorted({int(p[:4]) for p in own["period"]}))))
    lines = _lines(sel, lang)
    notes += break_notes(shown, lines, lang)
    notes += release_notes(lines, lang)
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
    broken = break_alt(shown, lines, lang)
    alt += f" {broken}" if broken else ""
    return Described(say(PHRASES, "title", lang), subtitle, notes, alt)


def _lines(sel: Selection, lang: str) -> dict[str, pd.DataFrame]:
    """Each line by its name (a planning region's two boundary vintages under one name), with its rows."""
    shown = pd.concat([sel["ends"], sel["months"][~sel["months"].index.isin(sel["ends"].index)]])
    return {name: g for name, g in shown.groupby(shown["region"].map(lambda c: R.name(c, lang)), sort=True)}


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
        for run in runs(months[months["region"] == code]):
            ax.plot(
                [month_x(p) for p in run["period"]],
                list(run["value"]),
                color=color,
                lw=0.6,
                alpha=0.9,
                zorder=2 + z / 100,
            )
        for run in runs(ends[ends["region"] == code], step=12):
            ax.plot(
                [month_x(p) for p in run["period"]],
                list(run["value"]),
                color=color,
                lw=1.6 if big else 0.9,
                marker="o",
                ms=3.2 if big else 2.2,
                zorder=(4 if big else 3) + z / 100,
            )
    own = sel.parts.get("own")
    if own is not None and len(own):
        for code, part in own.groupby("region"):
            color = B.color(str(code), other)
            ax.plot(
                [month_x(p) for p in part["period"]],
                list(part["value"]),
                ls="none",
                marker="o",
                ms=2.6,
                mfc="white",
                mec=color,
                mew=0.8,
                zorder=2.5,
            )
    shown = pd.concat([ends, months])
    colors = {R.name(c, lang): B.color(c, other) for c in codes}
    B.mark_breaks(ax, shown, _lines(sel, lang), lang, month_x, colors=colors)
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
    B.year_span_axis(ax, int(shown["period"].min()[:4]), int(shown["period"].max()[:4]))
    B.fmt_axis(ax, lang, 0, percent=True)
    top = max(shown["value"].max(), st["value"].max() if len(st) else 0)
    ax.set_ylim(0, float(top) * 1.12)
