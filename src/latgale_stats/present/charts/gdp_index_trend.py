"""Figure: GDP per capita of the statistical regions over time, Latvia = 100, with the 2013
application's statement beside the current value."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...core import regions as R
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
        "{first}–{last}; statistiskie reģioni (robežas līdz 2023. gadam)",
        "{first}–{last}; statistical regions (boundaries until 2023)",
    ),
    "reference": ("Latvija = 100", "Latvia = 100"),
    "stated": ("2013. gada pieteikumā: {value}", "2013 application: {value}"),
    "now": ("Eurostat ({vintage}): {value}", "Eurostat ({vintage}): {value}"),
    "diamond": (
        "Rombs: skaitlis no 2013. gada pieteikuma ({period}. gads); pašreizējā vērtība ir no vēlākas datu versijas",
        "Diamond: the figure stated in the 2013 application ({period}); the current value comes from a later "
        "data vintage",
    ),
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
    rows = [rows_for("index", d)] + [rows_for("2013 application", stated.loc[[i]]) for i in stated.index]
    return Selection(pd.concat(rows), {"index": d, "stated": stated})


def describe(sel: Selection, lang: str) -> Described:
    d = sel["index"]
    first, last = int(d["year"].min()), int(d["year"].max())
    notes = [say(PHRASES, "diamond", lang, period=p) for p in sel["stated"]["period"]]
    lat = d[d["region"] == "LV005"].sort_values("period")
    alt = say(PHRASES, "alt", lang)
    if len(lat):
        alt += say(
            PHRASES,
            "alt_latgale",
            lang,
            first=first,
            last=last,
            v_first=N.number(lat["value"].iloc[0], lang, 1),
            v_last=N.number(lat["value"].iloc[-1], lang, 1),
        )
    alt += say(PHRASES, "alt_end", lang)
    return Described(say(PHRASES, "title", lang), say(PHRASES, "subtitle", lang, first=first, last=last), notes, alt)


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:
    ax = fig.subplots(1, 1)
    d = sel["index"]
    ends = []
    for code in [c for c in R.STATISTICAL_2021 if c != "LV005"] + ["LV005"]:
        part = d[d["region"] == code]
        pts = list(zip(part["period"], part["value"], strict=True))
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
        if pts:
            _, last_v = sorted(pts)[-1]
            ends.append((last_v, R.name(code, lang), S.LATGALE if highlight else "#666666", highlight))
    ax.axhline(100, color=S.LATVIA, lw=0.8, ls="--")
    ax.text(float(d["year"].min()), 101, say(PHRASES, "reference", lang), fontsize=6.8, va="bottom")
    for st in sel["stated"].itertuples():
        now = d[(d["region"] == "LV005") & (d["period"] == st.period)]
        x = int(st.period)
        ax.plot([x], [st.value], marker="D", ms=5, mfc="white", mec=S.STATEMENT, mew=1.0, ls="none", zorder=5)
        ax.annotate(
            say(PHRASES, "stated", lang, value=N.number(st.value, lang, 0)),
            (x, st.value),
            xytext=(x + 1.2, st.value - 14),
            fontsize=6.8,
            arrowprops={"arrowstyle": "-", "color": "#333333", "lw": 0.6},
        )
        if len(now):
            v = float(now["value"].iloc[0])
            ax.annotate(
                say(PHRASES, "now", lang, vintage=now["vintage"].iloc[0], value=N.number(v, lang, 1)),
                (x, v),
                xytext=(x - 6.5, v + 14),
                fontsize=6.8,
                color=S.LATGALE,
                arrowprops={"arrowstyle": "-", "color": S.LATGALE, "lw": 0.6},
            )
    first, last = int(d["year"].min()), int(d["year"].max())
    B.year_axis(ax, first, last)
    ax.set_xlim(first - 0.5, last + 2.6)
    B.end_labels(ax, last + 0.3, ends)
    B.fmt_axis(ax, lang, 0)
