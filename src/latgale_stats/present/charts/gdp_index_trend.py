"""Figure: GDP per capita of the statistical regions over time, Latvia = 100, with the 2013
application's statement beside the current value."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...core import regions as R
from ...core.model import VintageFrom
from .. import citations
from .. import formatting as N
from . import base as B
from . import theme as S
from .common import ChartUnavailable, Described, Layout, Selection, rows_for, say, segments, used

ID = "gdp_index_trend"
LAYOUT = Layout("full", left_cm=1.2)
PHRASES = {
    "title": (
        "Latgale atpaliek: IKP uz vienu iedzīvotāju, Latvija = 100",
        "Latgale lags behind: GDP per capita, Latvia = 100",
    ),
    "subtitle": (
        "{first}–{last}; statistiskie reģioni (Latgale un Zemgale nemainīgās robežās, pārējie – robežās līdz 2023. "
        "gadam)",
        "{first}–{last}; statistical regions (Latgale and Zemgale unchanged, the others as bounded until 2023)",
    ),
    "releases": ("Latgale: {parts}", "Latgale: {parts}"),
    "release": ("{first}–{last} Eurostat laidiens {date}", "{first}–{last} Eurostat release of {date}"),
    "copy": ("{first}–{last} Eurostat dati, lejupielādēti {date}", "{first}–{last} Eurostat data downloaded {date}"),
    "from_totals": (
        "no {first}. gada IKP uz vienu iedzīvotāju aprēķināts no IKP un vidējā iedzīvotāju skaita (autoru aprēķins)",
        "from {first}, GDP per capita computed from GDP and average population (authors' calculation)",
    ),
    "reference": ("Latvija = 100", "Latvia = 100"),
    "stated": ("2013. gada pieteikumā: {value}", "2013 application: {value}"),
    "now": ("Eurostat ({vintage}): {value}", "Eurostat ({vintage}): {value}"),
    "diamond": (
        "Rombs: 2013. gada pieteikumā minētais skaitlis ({period}. gads: {stated}); Eurostat datos {now}{totals}",
        "Diamond: the figure stated in the 2013 application ({period}: {stated}); Eurostat's data give {now}{totals}",
    ),
    "totals": ("; no IKP kopsummām {value}", "; {value} from GDP totals"),
    "alt": (
        "Līniju diagramma: IKP uz vienu iedzīvotāju, Latvija = 100, ",
        "Line chart: GDP per capita, Latvia = 100, ",
    ),
    "alt_latgale": (
        "Latgale {first}. gadā {v_first}, {last}. gadā {v_last}; ",
        "Latgale {v_first} in {first}, {v_last} in {last}; ",
    ),
    "alt_end": ("pārējie reģioni pelēkā krāsā.", "other regions in grey."),
}


def select(obs: pd.DataFrame, versus: str) -> Selection:
    d = used(obs, "gdp_per_capita_index", ("derived",))
    d = d[d["region"].isin(R.STATISTICAL_2021)]
    if d.empty:
        raise ChartUnavailable(ID, "no GDP per capita index could be computed")
    stated = obs[
        (obs["kind"] == "statement") & (obs["indicator"] == "gdp_per_capita_index") & (obs["region"] == "LV005")
    ]
    totals = used(obs, "gdp_index_from_totals", ("derived",))
    totals = totals[(totals["region"] == "LV005") & totals["period"].isin(stated["period"])]
    rows = [rows_for("index", d)] + [rows_for("2013 application", stated.loc[[i]]) for i in stated.index]
    return Selection(pd.concat(rows), {"index": d, "stated": stated, "totals": totals})


def _releases(lat: pd.DataFrame, lang: str) -> str:
    """'2000–2010 Eurostat release of 21.02.2023; from 2011 …' for the Latgale series."""
    parts = []
    groups = lat.groupby(["vintage", "vintage_from"])
    for (vintage, kind), g in sorted(groups, key=lambda kv: kv[1]["period"].min()):
        first, last = g["period"].min(), g["period"].max()
        phrase = "copy" if kind == VintageFrom.COPY else "release"  # a copy date is never called a release
        parts.append(say(PHRASES, phrase, lang, first=first, last=last, date=N.date(str(vintage), lang)))
        if g["inputs"].map(lambda refs: any(i.cell is None for i in refs)).any():
            parts.append(say(PHRASES, "from_totals", lang, first=first))
    return say(PHRASES, "releases", lang, parts="; ".join(parts))


def describe(sel: Selection, lang: str) -> Described:
    d = sel["index"]
    first, last = int(d["year"].min()), int(d["year"].max())
    lat = d[d["region"] == "LV005"].sort_values("period")
    notes = []
    for st in sel["stated"].itertuples():
        now = lat[lat["period"] == st.period]
        totals = sel["totals"][sel["totals"]["period"] == st.period]
        notes.append(
            say(
                PHRASES,
                "diamond",
                lang,
                period=st.period,
                stated=N.number(st.value, lang, 0),
                now=N.number(now["value"].iloc[0], lang, 1) if len(now) else "–",
                totals=say(PHRASES, "totals", lang, value=N.number(totals["value"].iloc[0], lang, 1))
                if len(totals)
                else "",
            )
        )
    if len(lat):
        notes.append(_releases(lat, lang))
    alt = say(PHRASES, "alt", lang)
    if len(lat):
        alt += say(
            PHRASES,
            "alt_latgale",
            lang,
            first=lat["year"].min(),
            last=lat["year"].max(),
            v_first=N.number(lat["value"].iloc[0], lang, 1),
            v_last=N.number(lat["value"].iloc[-1], lang, 1),
        )
    alt += say(PHRASES, "alt_end", lang)
    return Described(say(PHRASES, "title", lang), say(PHRASES, "subtitle", lang, first=first, last=last), notes, alt)


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:
    ax = fig.subplots(1, 1)
    d = sel["index"]
    starts, ends = [], []
    for code in [c for c in R.STATISTICAL_2021 if c != "LV005"] + ["LV005"]:
        part = d[d["region"] == code]
        pts = sorted(zip(part["period"], part["value"], strict=True))
        highlight = code == "LV005"
        for run in segments(pts):
            ax.plot(
                [int(p) for p, _ in run],
                [v for _, v in run],
                color=B.color(code),
                lw=2.0 if highlight else 0.9,
                marker="o",
                ms=2.6 if highlight else 1.6,
                zorder=3 if highlight else 2,
            )
        if not pts:
            continue
        # the grey lines are named where they start (left of every line when all start in the first year, so no
        # label sits at another line's end); Latgale where it ends, right of every line
        label = (R.name(code, lang), S.LATGALE if highlight else "#666666", highlight)
        if highlight:
            ends.append((int(pts[-1][0]), pts[-1][1], *label))
        else:
            starts.append((int(pts[0][0]), pts[0][1], *label))
    first, last = int(d["year"].min()), int(d["year"].max())
    low = float(min(d["value"].min(), sel["stated"]["value"].min() if len(sel["stated"]) else 100))
    ax.set_ylim(max(0.0, low - 28), float(d["value"].max()) * 1.06)
    ax.axhline(100, color=S.LATVIA, lw=0.8, ls="--")
    ax.text(float(first), 101, say(PHRASES, "reference", lang), fontsize=S.SMALL_PT, va="bottom")
    for st in sel["stated"].itertuples():
        # said below every line, under its year, marked with the diamond's symbol: no leader to cross a line
        now = d[(d["region"] == "LV005") & (d["period"] == st.period)]
        x = int(st.period)
        ax.plot([x], [st.value], marker="D", ms=5, mfc="white", mec=S.STATEMENT, mew=1.0, ls="none", zorder=5)
        lines = ["\u25c7 " + say(PHRASES, "stated", lang, value=N.number(st.value, lang, 0))]
        if len(now):
            v = float(now["value"].iloc[0])
            vintage = citations.dated(str(now["vintage"].iloc[0]), VintageFrom(now["vintage_from"].iloc[0]), lang)
            lines.append(say(PHRASES, "now", lang, vintage=vintage, value=N.number(v, lang, 1)))
        ax.text(x, low - 6, "\n".join(lines), fontsize=S.SMALL_PT, ha="center", va="top")
    B.year_axis(ax, first, last)
    ax.set_xlim(first - 3.2, last + 2.6)
    for start in sorted({e[0] for e in starts}):  # each beside its own line's start, apart at each start year
        B.end_labels(ax, start - 0.3, [e[1:] for e in starts if e[0] == start], ha="right")
    B.end_labels(ax, last + 0.3, [e[1:] for e in ends])
    B.fmt_axis(ax, lang, 0)
