"""What every figure shares that needs no drawing: the chart-data rows, the phrase table lookup,
the footer (sources, notes, flags), and helpers that select data without ever inventing a point.

A figure module (``present/charts/<figure>.py``) has three steps:

* ``select(obs, versus) -> Selection``: the rows it plots (``Selection.rows``, chart-data columns)
  and whatever the drawing needs; raises :class:`ChartUnavailable` when there is nothing to draw;
* ``describe(sel, lang) -> Described``: title, subtitle, notes and alt text, from ``PHRASES``;
* ``draw(fig, sel, lang, versus)``: the matplotlib part only.

``select`` and ``describe`` import no matplotlib: the build describes a figure whose image has not
changed (for the annex and chart_data.xlsx) without drawing it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ...core import indicators as I
from ...core import regions as R
from .. import citations
from .. import formatting as N
from ..phrases import period_short
from .theme import SIZES_CM

if TYPE_CHECKING:
    import pandas as pd

CHART_DATA_COLUMNS = [
    "series",
    "indicator",
    "region",
    "region_name",
    "period",
    "value",
    "unit",
    "kind",
    "source_kind",
    "publisher",
    "dataset",
    "vintage",
    "vintage_from",
    "file",
    "row",
    "url",
    "note",
]
# carried with the chart data for the annex and the workbook (structured, not shown as columns)
CARRIED_COLUMNS = ["flag", "inputs", "sources", "differs"]

Phrases = Mapping[str, tuple[str, str]]  # key -> (Latvian, English), str.format fields allowed

WORDS: Phrases = {
    "source": ("Avots", "Source"),
    "sources": ("Avoti", "Sources"),
    "notes": ("Piezīmes", "Notes"),
    "no_data": ("Nav datu", "No data"),
    "flag_p": ("p – provizoriski dati", "p – provisional"),
    "flag_e": ("e – novērtējums", "e – estimated"),
    "flag_b": ("b – laikrindas pārrāvums", "b – break in series"),
    "differs": (
        "{release} dod citas vērtības {n} no attēlotajām, atšķirība līdz {most} (piemēram, {example})",
        "{release} gives other values for {n} of those shown, up to {most} apart (e.g. {example})",
    ),
    "differs_example": ("{region} {period}: {other}, attēlots {shown}", "{region} {period}: {other}, {shown} shown"),
    "points": ("{value} punkti", "{value} points"),
}
LANGS = ("lv", "en")


def say(table: Phrases, key: str, lang: str, **values: object) -> str:
    """The phrase ``key`` of ``table`` in ``lang``, with ``values`` filled in."""
    text = table[key][LANGS.index(lang)]
    return text.format(**values) if values else text


def word(key: str, lang: str) -> str:
    return say(WORDS, key, lang)


class ChartUnavailable(Exception):
    """No data at all for a figure: it is not drawn, and the build says why."""

    def __init__(self, chart_id: str, reason: str):
        self.chart_id = chart_id
        self.reason = reason
        super().__init__(f"{chart_id}: {reason}")


@dataclass
class Selection:
    """What ``select`` found: the rows plotted (chart-data columns) and, in ``parts``, what the
    drawing needs beyond them (periods, ordered series, panels)."""

    rows: pd.DataFrame
    parts: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        return self.parts[key]


@dataclass
class Described:
    title: str
    subtitle: str
    notes: list[str]
    alt_text: str


@dataclass(frozen=True)
class Layout:
    """Where the plot area sits inside the image, in centimetres."""

    preset: str = "full"
    left_cm: float = 1.3
    right_cm: float = 0.5
    xaxis_cm: float = 0.8
    top_extra_cm: float = 0.0
    wspace: float | None = None


@dataclass
class Summary:
    """A figure without its drawing: what the annex, chart_data.xlsx and the alt texts need."""

    chart_id: str
    lang: str
    title: str
    subtitle: str
    footer: str
    notes: list[str]
    alt_text: str
    data: pd.DataFrame  # the rows plotted (chart-data columns and the carried ones, without flag)
    layout: Layout


def used(obs: pd.DataFrame, indicator: str, kinds: Sequence[str] = ("observation", "derived")) -> pd.DataFrame:
    return obs[(obs["indicator"] == indicator) & (obs["kind"].isin(kinds)) & (obs["status"] == "")]


def source_line(data: pd.DataFrame, lang: str) -> str:
    """'Avoti: Eurostat, nama_10r_3gdp, 10.02.2026; NVA dati, publicēti: LSM; autoru aprēķins.' for
    every source behind the plotted rows (for derived rows, the sources of their inputs)."""
    sources = [s for refs in data["sources"] for s in refs]
    return citations.source_line(sources, lang, derived=bool((data["kind"] == "derived").any()))


def flag_notes(data: pd.DataFrame, lang: str) -> list[str]:
    flags = sorted({c for f in data["flag"].fillna("") for c in str(f)}) if "flag" in data else []
    return [word(f"flag_{c}", lang) for c in flags if f"flag_{c}" in WORDS]


def differ_notes(data: pd.DataFrame, lang: str) -> list[str]:
    """For each other official release that differs from values shown (``differs``, set where the CSP
    and Eurostat disagree by more than 1 % or 1 index point): how many, by how much, one example."""
    if "differs" not in data:
        return []
    found: dict[Any, list[tuple[float, Any, float]]] = {}
    for row, differs in zip(data.itertuples(index=False), data["differs"], strict=True):
        for ref, other in differs or ():
            found.setdefault(ref, []).append((abs(other - row.value), row, other))
    out = []
    for ref, items in sorted(found.items(), key=lambda kv: (kv[0].publisher, kv[0].dataset, kv[0].vintage or "")):
        gap, row, other = max(items, key=lambda t: (t[0], str(t[1].period), t[1].region))
        ind = I.get(row.indicator)
        if ind.unit == "Latvia = 100":
            most = say(WORDS, "points", lang, value=N.number(gap, lang, 1))
        else:
            most = N.percent(gap / max(abs(row.value), abs(other)) * 100, lang, 1)
        example = say(
            WORDS,
            "differs_example",
            lang,
            region=R.name(row.region, lang),
            period=row.period,
            other=N.number(other, lang, ind.decimals),
            shown=N.number(row.value, lang, ind.decimals),
        )
        release = "; ".join(citations.cite([ref], lang))
        out.append(say(WORDS, "differs", lang, release=release, n=len(items), most=most, example=example))
    return out


def footer_text(data: pd.DataFrame, notes: Iterable[str], lang: str, preset: str) -> tuple[str, list[str]]:
    """The footer printed in the image (sources, then notes with the publishers' flags and other official
    releases that differ), wrapped to the figure's width; and the notes."""
    notes = [*notes, *flag_notes(data, lang), *differ_notes(data, lang)]
    chars = int(SIZES_CM[preset][0] * 6.6)  # characters of FOOTER_PT text in the figure's width
    paragraphs = [source_line(data, lang)] + (
        [f"{word('notes', lang)}: " + " ".join(n.rstrip(".") + "." for n in notes)] if notes else []
    )
    return "\n".join(textwrap.fill(p, chars) for p in paragraphs), notes


def without_sources(footer: str, lang: str) -> str:
    """The footer's notes alone: what the figure says under its plot in the Word annex, whose caption
    already gives the source line (the footer is not to repeat it)."""
    at = footer.find(f"\n{word('notes', lang)}: ")
    return footer[at + 1 :] if at >= 0 else ""


def rows_for(series: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Chart-data rows (CHART_DATA_COLUMNS) for observations ``frame`` plotted as ``series``."""
    out = frame.assign(series=series, region_name=frame["region"].map(lambda c: R.name(c, "lv")))
    return out[CHART_DATA_COLUMNS + CARRIED_COLUMNS]


def latest_complete(frame: pd.DataFrame, codes: Sequence[str]) -> Any:
    """The latest period in which every code has a value (None if no period has them all)."""
    have = frame[frame["region"].isin(codes)].groupby("period")["region"].nunique()
    complete = have[have == len(set(codes))]
    return complete.index.max() if len(complete) else None


def month_x(period: str) -> float:
    """Position of a month on a calendar axis whose year Y spans [Y, Y + 1): the middle of the month, so a
    December figure sits at the end of its own year (2011-12 -> 2011.96), never at the next year's start."""
    return int(period[:4]) + (int(period[5:7]) - 0.5) / 12 if len(period) == 7 else float(period)


def segments(points: list[tuple[str, float]], step: int = 1) -> list[list[tuple[str, float]]]:
    """Split (period, value) points into runs of consecutive periods: a line is drawn only inside
    a run, never across a gap."""

    def index(p: str) -> int:
        return int(p[:4]) * 12 + int(p[5:7]) if len(p) == 7 else int(p)

    runs: list[list[tuple[str, float]]] = []
    for p in sorted(points):
        if runs and index(p[0]) - index(runs[-1][-1][0]) == step:
            runs[-1].append(p)
        else:
            runs.append([p])
    return runs


def missing_note(codes: Sequence[str], present: Iterable[str], period: str | None, lang: str) -> list[str]:
    absent = [c for c in codes if c not in set(present)]
    if not absent:
        return []
    names = ", ".join(R.name(c, lang) for c in absent)
    when = f" ({period_short(period, lang)})" if period else ""
    return [f"{word('no_data', lang)}{when}: {names}"]
