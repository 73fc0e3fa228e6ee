"""Figure: population on 1 January, Latgale beside Latvia, first year held = 100 (Eurostat). Each line is
drawn from one release at a time, broken where the release changes, with a note on the change."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...core import regions as R
from .. import formatting as N
from . import base as B
from . import theme as S
from .common import (
    ChartUnavailable,
    Described,
    Layout,
    Selection,
    break_alt,
    break_notes,
    release_changes,
    release_notes,
    rows_for,
    runs,
    say,
    used,
)

ID = "population_change"
LAYOUT = Layout("full-short", left_cm=1.2)
LAYOUT_RELEASES = Layout("full", left_cm=1.2)  # lines from two releases: the notes need the room


def layout(sel: Selection) -> Layout:
    return LAYOUT_RELEASES if release_changes(_lines(sel["index"], "en")) else LAYOUT


PHRASES = {
    "title": ("Latgale zaudē iedzīvotājus straujāk nekā Latvija", "Latgale is losing people faster than Latvia"),
    "subtitle": (
        "iedzīvotāju skaits 1. janvārī, {base}. gads = 100; {base}–{last}",
        "population on 1 January, {base} = 100; {base}–{last}",
    ),
    "reference": ("{base}. gads = 100", "{base} = 100"),
    "method": (
        "Indekss: iedzīvotāju skaits / iedzīvotāju skaits {base}. gada 1. janvārī × 100 (autoru aprēķins); "
        "{base}. gads – pirmais gads, par kuru Eurostat datos ir gan Latgale, gan Latvija",
        "Index: population / population on 1 January {base} x 100 (authors' calculation); {base} is the first year "
        "for which Eurostat's data hold both Latgale and Latvia",
    ),
    "base": (
        "Katra līnijas daļa dalīta ar {base}. gada 1. janvāra iedzīvotāju skaitu no {release}",
        "Every part of a line is divided by the population on 1 January {base} of {release}",
    ),
    "base_release": ("laidiena {date}", "the release of {date}"),
    "alt": (
        "Līniju diagramma: iedzīvotāju skaits, {base}. gads = 100; {values}.",
        "Line chart: population, {base} = 100; {values}.",
    ),
    "alt_region": (
        "{region} {last}. gadā {value} ({people} iedzīvotāji)",
        "{region} {value} in {last} ({people} people)",
    ),
}
REGIONS = ("LV", "LV005")


def select(obs: pd.DataFrame, versus: str) -> Selection:
    d = used(obs, "population_index", ("derived",))
    d = d[d["region"].isin(REGIONS)].sort_values(["region", "period"])
    if d.empty:
        raise ChartUnavailable(ID, "no population series for Latgale and Latvia from one base year")
    base = str(d["period"].min())
    return Selection(rows_for("index", d), {"index": d, "base": base})


def describe(sel: Selection, lang: str) -> Described:
    d, base = sel["index"], sel["base"]
    last = str(d["period"].max())
    parts = []
    for code in ("LV005", "LV"):
        part = d[d["region"] == code]
        if len(part):
            row = part.iloc[-1]
            people = next((i.value for i in row["inputs"] if i.indicator == "population"), None)
            parts.append(
                say(
                    PHRASES,
                    "alt_region",
                    lang,
                    region=R.name(code, lang),
                    last=row["period"],
                    value=N.number(row["value"], lang, 1),
                    people=N.number(people, lang, 0) if people is not None else "–",
                )
            )
    notes = [say(PHRASES, "method", lang, base=base)]
    lines = _lines(d, lang)
    if d["release"].nunique() > 1:  # the base year's value is one release's: say whose
        first = d[d["period"] == base].iloc[0]
        date = N.date(str(first["vintage"]), lang)
        notes.append(say(PHRASES, "base", lang, base=base, release=say(PHRASES, "base_release", lang, date=date)))
    notes += release_notes(lines, lang) + break_notes(d, lines, lang)
    alt = say(PHRASES, "alt", lang, base=base, values="; ".join(parts))
    broken = break_alt(d, lines, lang)
    alt += f" {broken}" if broken else ""
    return Described(say(PHRASES, "title", lang), say(PHRASES, "subtitle", lang, base=base, last=last), notes, alt)


def _lines(d: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    return {R.name(c, lang): d[d["region"] == c] for c in ("LV005", "LV") if (d["region"] == c).any()}


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:
    ax = fig.subplots(1, 1)
    d, base = sel["index"], sel["base"]
    for code in REGIONS:
        part = d[d["region"] == code]
        big = code == "LV005"
        for run in runs(part):
            ax.plot(
                [int(p) for p in run["period"]],
                list(run["value"]),
                color=B.color(code),
                lw=2.0 if big else 1.2,
                marker="o",
                ms=2.6 if big else 2.0,
                zorder=3 if big else 2,
            )
        if len(part):
            last = part.iloc[-1]
            ax.text(
                int(last["period"]) + 0.4,
                last["value"],
                f"{R.name(code, lang)} {N.number(last['value'], lang, 0)}",
                color=S.LATGALE if big else S.LATVIA,
                va="center",
                fontsize=7.4 if big else 7,
            )
    ax.axhline(100, color="#333333", lw=0.8, ls="--")
    ax.text(int(base), 100.8, say(PHRASES, "reference", lang, base=base), fontsize=S.SMALL_PT, va="bottom")
    first, last = int(d["year"].min()), int(d["year"].max())
    B.year_axis(ax, first, last)
    ax.set_xlim(first - 0.5, last + 3.2)
    ax.set_ylim(min(55.0, float(d["value"].min()) - 5), 105)
    B.fmt_axis(ax, lang, 0)
    colors = {R.name(c, lang): B.color(c) for c in REGIONS}
    B.mark_breaks(ax, d, _lines(d, lang), lang, lambda p: float(int(p)), colors=colors)
