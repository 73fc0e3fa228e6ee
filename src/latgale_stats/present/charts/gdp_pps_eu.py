"""Figure: GDP per capita in purchasing power standards, % of the EU27 average, Latgale and Latvia."""

from __future__ import annotations

from typing import Any

import pandas as pd

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
    latest_complete,
    release_notes,
    rows_for,
    runs,
    say,
    used,
)

ID = "gdp_pps_eu"
LAYOUT = Layout("full", left_cm=1.2)
PHRASES = {
    "title": (
        "IKP uz vienu iedzīvotāju pēc pirktspējas, % no ES-27 vidējā",
        "GDP per capita in purchasing power standards, % of the EU27 average",
    ),
    "subtitle": ("Latgale un Latvija, {first}–{last}", "Latgale and Latvia, {first}–{last}"),
    "press": (
        "Tukšie apļi: skaitļi no preses ziņām (nav Eurostat datu failā); to bāze var atšķirties",
        "Hollow circles: figures from the press (not in the Eurostat file); their basis may differ",
    ),
    "threshold": ("75% – kohēzijas politikas slieksnis", "75% – cohesion policy threshold"),
    "alt": (
        "Līniju diagramma: IKP uz vienu iedzīvotāju pēc PPS, % no ES-27 vidējā; ",
        "Line chart: GDP per capita in PPS, % of the EU27 average; ",
    ),
    "alt_common": ("{period}: Latgale {lat}, Latvija {lv}; ", "{period}: Latgale {lat}, Latvia {lv}; "),
    "alt_end": ("slieksnis 75%.", "threshold 75%."),
}


def select(obs: pd.DataFrame, versus: str) -> Selection:
    d = used(obs, "gdp_per_capita_pps_eu")
    d = d[d["region"].isin(["LV005", "LV"])]
    if d.empty:
        raise ChartUnavailable(ID, "no GDP per capita in PPS for Latgale or Latvia")
    return Selection(rows_for("PPS % EU27", d), {"values": d})


def describe(sel: Selection, lang: str) -> Described:
    d = sel["values"]
    notes = [say(PHRASES, "press", lang)] if (d["source_kind"] != "publisher file").any() else []
    first, last = int(d["year"].min()), int(d["year"].max())
    alt = say(PHRASES, "alt", lang)
    # first the latest year both have in Eurostat's file (the year the sentence states), then any later figure
    filed = d[d["source_kind"] == "publisher file"]
    common = latest_complete(filed, ("LV005", "LV"))
    if common is not None:
        both = filed[filed["period"] == common].set_index("region")["value"]
        alt += say(
            PHRASES,
            "alt_common",
            lang,
            period=period_short(common, lang),
            lat=N.percent(both["LV005"], lang, 0),
            lv=N.percent(both["LV"], lang, 0),
        )
    for code in ("LV005", "LV"):
        part = d[(d["region"] == code)].sort_values("period")
        if len(part) and (common is None or part["period"].iloc[-1] > common):
            alt += (
                f"{R.name(code, lang)} {period_short(part['period'].iloc[-1], lang)}: "
                f"{N.percent(part['value'].iloc[-1], lang, 0)}; "
            )
    alt += say(PHRASES, "alt_end", lang)
    lines = _lines(d, lang)
    notes += release_notes(lines, lang) + break_notes(filed, lines, lang)
    broken = break_alt(filed, lines, lang)
    alt += f" {broken}" if broken else ""
    return Described(say(PHRASES, "title", lang), say(PHRASES, "subtitle", lang, first=first, last=last), notes, alt)


def _lines(d: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    """The lines drawn (Eurostat's file; the press figures are points), by name."""
    filed = d[d["source_kind"] == "publisher file"]
    return {R.name(c, lang): filed[filed["region"] == c] for c in ("LV005", "LV") if (filed["region"] == c).any()}


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:
    ax = fig.subplots(1, 1)
    d = sel["values"]
    for code in ("LV", "LV005"):
        part = d[d["region"] == code]
        color = B.color(code)
        for source_kind, g in part.groupby("source_kind"):
            press = source_kind != "publisher file"
            for run in runs(g):
                ax.plot(
                    [int(p) for p in run["period"]],
                    list(run["value"]),
                    color=color,
                    lw=0 if press else 1.6,
                    marker="o",
                    ms=4 if press else 2.4,
                    mfc="white" if press else color,
                    mec=color,
                    ls="none" if press else "-",
                )
        if len(part):
            last = part.sort_values("period").iloc[-1]
            ax.text(
                int(last["period"]) + 0.4,
                last["value"],
                R.name(code, lang),
                color=color,
                va="center",
                fontsize=7.4 if code == "LV005" else 7,
            )
    ax.axhline(75, color="#333333", lw=0.8, ls="--")
    ax.text(float(d["year"].min()), 76.5, say(PHRASES, "threshold", lang), fontsize=S.SMALL_PT, va="bottom")
    B.year_axis(ax, float(d["year"].min()), float(d["year"].max()))
    ax.set_xlim(float(d["year"].min()) - 0.5, float(d["year"].max()) + 2.2)
    ax.set_ylim(0, max(100.0, float(d["value"].max()) + 10))
    B.fmt_axis(ax, lang, 0, percent=True)
    colors = {R.name(c, lang): B.color(c) for c in ("LV005", "LV")}
    B.mark_breaks(
        ax, d[d["source_kind"] == "publisher file"], _lines(d, lang), lang, lambda p: float(int(p)), colors=colors
    )
