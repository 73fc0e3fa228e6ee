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

from ...core import breaks as BR
from ...core import indicators as I
from ...core import regions as R
from ...core.model import Period, VintageFrom
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
    "release",
    "file",
    "row",
    "url",
    "note",
]
# carried with the chart data for the annex and the workbook (structured, not shown as columns)
CARRIED_COLUMNS = ["flag", "inputs", "sources", "differs", "older"]

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
    "one_release": (
        "Katra līnija no viena laidiena; kur laidiens mainās, līnija pārtraukta",
        "Each line comes from one release and is broken where the release changes",
    ),
    "line_releases": ("{line}: {parts}", "{line}: {parts}"),
    "run_release": ("{first}–{last} {release}", "{first}–{last} {release}"),
    "run_dated": ("{first}–{last} laidiens {date}", "{first}–{last} release of {date}"),
    "run_copy": ("{first}–{last} dati lejupielādēti {date}", "{first}–{last} data downloaded {date}"),
    "seam": (
        "{period}: vecākajā laidienā {older}, jaunākajā {newer}",
        "{period}: {older} in the older, {newer} in the newer",
    ),
    "seam_same": ("{period}: abos {value}", "{period}: {value} in both"),
    "seam_none": ("nav gada, kas būtu abos", "no year in both"),
    "flagged": (
        "{lines}: pārrāvums laikrindā ({periods}; publicētāja atzīme b), līnija nav savienota",
        "{lines}: break in series ({periods}; the publisher's flag b), the line is not joined",
    ),
    "alt_breaks": ("Līnijas pārtrauktas: {breaks}.", "Lines broken: {breaks}."),
    "alt_release": (
        "{period} – cits laidiens ({older} → {newer})",
        "{period}, another release ({older} → {newer})",
    ),
    "alt_flagged": ("{line} {period} (atzīme b)", "{line} {period} (flag b)"),
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
    """Split (period, value) points into runs of consecutive periods, gaps only (to count how long a
    series runs unbroken; a line is drawn by :func:`runs`, which also ends a run at a change of release
    and at a break)."""
    out: list[list[tuple[str, float]]] = []
    for p in sorted(points):
        if out and _index(p[0]) - _index(out[-1][-1][0]) == step:
            out[-1].append(p)
        else:
            out.append([p])
    return out


def _index(period: str) -> int:
    """Months since year 0 for a month, the year itself for a year: consecutive periods differ by one step."""
    return int(period[:4]) * 12 + int(period[5:7]) if len(period) == 7 else int(period)


def declared_between(a: Any, b: Any) -> list[BR.Break]:
    """The breaks declared for the series (core/breaks.toml) that lie between two rows of one line."""
    return [k for k in BR.of(a.indicator) if k.applies(b.region) and k.between(str(a.period), str(b.period))]


def flagged(row: Any) -> bool:
    """A value its publisher flags ``b``: a break in series before it."""
    return "b" in str(getattr(row, "flag", "") or "")


def joined(a: Any, b: Any, step: int = 1) -> bool:
    """Whether a line may be drawn from row ``a`` to the next row ``b`` of the same line: consecutive
    periods, one release, no declared break between them and no break flagged on ``b``."""
    return (
        _index(str(b.period)) - _index(str(a.period)) == step
        and getattr(a, "release", "") == getattr(b, "release", "")
        and not flagged(b)
        and not declared_between(a, b)
    )


def runs(part: pd.DataFrame, step: int = 1) -> list[pd.DataFrame]:
    """The rows of one line (one territory of one series), in the runs it is drawn as: a run ends at a gap
    (more than ``step`` periods), where the release changes (a line is drawn from one release), at a break
    declared for the indicator (core/breaks.toml), and before a value its publisher flags ``b``."""
    part = part.sort_values("period")
    groups: list[list[int]] = []
    rows = list(part.itertuples(index=False))
    for n, row in enumerate(rows):
        if n == 0 or not joined(rows[n - 1], row, step):
            groups.append([])
        groups[-1].append(n)
    return [part.iloc[g] for g in groups]


def release_blocks(part: pd.DataFrame) -> list[pd.DataFrame]:
    """The rows of one line in blocks of one release each, in time order (gaps do not end a block)."""
    part = part.sort_values("period")
    blocks: list[list[int]] = []
    releases = list(part["release"])
    for n, release in enumerate(releases):
        if n == 0 or release != releases[n - 1]:
            blocks.append([])
        blocks[-1].append(n)
    return [part.iloc[b] for b in blocks]


@dataclass(frozen=True)
class Change:
    """Where a line passes from one release to the next: the last row of the older block, the first of the
    newer, and the first period both releases hold with the older's value there (None: no period in both)."""

    line: str
    before: Any
    after: Any
    shared: Any = None  # the newer release's row in the first period both hold
    older_value: float | None = None


def release_changes(lines: Mapping[str, pd.DataFrame]) -> list[Change]:
    """For each line (name -> its rows) drawn from more than one release, each change of release."""
    out = []
    for name, part in lines.items():
        if part.empty:
            continue
        blocks = release_blocks(part)
        for old, new in zip(blocks, blocks[1:], strict=False):
            older = old["release"].iloc[0]
            same = part[part["release"] == new["release"].iloc[0]].sort_values("period")
            shared, value = None, None
            for row in same.itertuples(index=False):
                match = [v for ref, v in (row.older or ()) if ref.release == older]
                if match:
                    shared, value = row, match[0]
                    break
            out.append(Change(name, old.iloc[-1], new.iloc[0], shared, value))
    return out


def _cited(row: Any, lang: str) -> str:
    """The release of a plotted row as a citation gives it ('Eurostat, nama_10r_3gdp, 10.02.2026')."""
    refs = list(row.sources or ())[:1]
    return "; ".join(citations.cite(refs, lang)) if refs else str(row.release)


def _shown(value: float, indicator: str, lang: str) -> str:
    ind = I.get(indicator)
    return N.percent(value, lang, ind.decimals) if ind.unit.startswith("%") else N.number(value, lang, ind.decimals)


def release_notes(lines: Mapping[str, pd.DataFrame], lang: str) -> list[str]:
    """One note a line drawn from more than one release: the periods of each release, and at each change
    the two releases' values in the first period both hold (preceded, once, by the rule)."""
    changes = release_changes(lines)
    out = []
    for name in dict.fromkeys(c.line for c in changes):
        blocks = release_blocks(lines[name])
        seams = [c for c in changes if c.line == name]
        parts = []
        mains = [b["sources"].iloc[0][0] for b in blocks if len(b["sources"].iloc[0])]
        one_table = len(mains) == len(blocks) and len({(r.publisher, r.dataset) for r in mains}) == 1
        for n, block in enumerate(blocks):
            first, last = (period_short(str(block["period"].iloc[i]), lang) for i in (0, -1))
            row = block.iloc[0]
            vintage = row["vintage"] if isinstance(row["vintage"], str) else ""
            if one_table and vintage:  # the dataset is in the source line: the date tells the releases apart
                copy = row["vintage_from"] == VintageFrom.COPY
                key = "run_copy" if copy else "run_dated"
                part = say(WORDS, key, lang, first=first, last=last, date=N.date(vintage, lang))
            else:
                part = say(WORDS, "run_release", lang, first=first, last=last, release=_cited(row, lang))
            if n > 0:
                part += f" ({_seam(seams[n - 1], lang)})"
            parts.append(part)
        out.append(say(WORDS, "line_releases", lang, line=name, parts="; ".join(parts)))
    return [say(WORDS, "one_release", lang), *out] if out else []


def _seam(change: Change, lang: str) -> str:
    row = change.shared
    if row is None or change.older_value is None:
        return say(WORDS, "seam_none", lang)
    period = period_short(str(row.period), lang)
    older, newer = _shown(change.older_value, row.indicator, lang), _shown(row.value, row.indicator, lang)
    if older == newer:
        return say(WORDS, "seam_same", lang, period=period, value=newer)
    return say(WORDS, "seam", lang, period=period, older=older, newer=newer)


def one_release_a_period(frame: pd.DataFrame, anchor: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each period's rows from one release, so that every line in a period is computed against the same
    total (an index's Latvia = 100): the release of ``anchor``'s value in that period (the newest that
    holds it), else the newest release there. Returns the rows kept and, apart, those left out."""
    keep: list[Any] = []
    for _period, g in frame.groupby("period", sort=True):
        own = g[g["region"] == anchor]
        newest = g.assign(_v=g["vintage"].fillna("")).sort_values("_v", kind="stable")
        release = own["release"].iloc[0] if len(own) else newest["release"].iloc[-1]
        keep += list(g.index[g["release"] == release])
    kept = frame.index.isin(keep)
    return frame[kept], frame[~kept]


def ranges(years: Iterable[int]) -> str:
    """[2010, 2011, 2013, 2014, 2015, 2019] -> '2010–2011, 2013–2015, 2019'."""
    out: list[list[int]] = []
    for y in sorted(years):
        if out and y == out[-1][-1] + 1:
            out[-1].append(y)
        else:
            out.append([y])
    return ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in out)


def declared_breaks(frame: pd.DataFrame) -> list[BR.Break]:
    """The declared breaks a figure's rows span: rows of a territory the break concerns before it and after."""
    out = []
    for indicator in dict.fromkeys(frame["indicator"]):
        rows = frame[frame["indicator"] == indicator]
        for brk in BR.of(str(indicator)):
            concerned = rows[rows["region"].map(brk.applies)]
            index = concerned["period"].map(lambda p: Period.parse(str(p)).index())
            if (index < brk.first.index()).any() and (index >= brk.first.index()).any():
                out.append(brk)
    return out


def flagged_breaks(lines: Mapping[str, pd.DataFrame]) -> list[tuple[str, Any]]:
    """The values flagged ``b`` that follow an earlier value of their line: (line, row)."""
    out = []
    for name, part in lines.items():
        part = part.sort_values("period")
        out += [(name, row) for n, row in enumerate(part.itertuples(index=False)) if n and flagged(row)]
    return out


def break_notes(frame: pd.DataFrame, lines: Mapping[str, pd.DataFrame], lang: str) -> list[str]:
    """The notes on the breaks a figure's lines leave: each declared break it spans (its own note), and
    the values their publisher flags ``b`` inside a line."""
    notes = [brk.note(lang) for brk in declared_breaks(frame)]
    found = flagged_breaks(lines)
    if found:
        names = ", ".join(dict.fromkeys(name for name, _ in found))
        periods = ", ".join(dict.fromkeys(period_short(str(row.period), lang) for _, row in found))
        notes.append(say(WORDS, "flagged", lang, lines=names, periods=periods))
    return notes


def break_alt(frame: pd.DataFrame, lines: Mapping[str, pd.DataFrame], lang: str) -> str:
    """A sentence for the alt text naming where the lines are broken: declared breaks, changes of release,
    values flagged ``b`` ('' when none)."""
    parts = [" ".join(brk.label(lang).split()) for brk in declared_breaks(frame)]
    changes: dict[tuple[str, str, str], None] = {}
    for c in release_changes(lines):
        period = f"{period_short(str(c.before.period), lang)}/{period_short(str(c.after.period), lang)}"
        changes[(period, _cited(c.before, lang), _cited(c.after, lang))] = None
    parts += [say(WORDS, "alt_release", lang, period=p, older=a, newer=b) for p, a, b in changes]
    parts += [
        say(WORDS, "alt_flagged", lang, line=name, period=period_short(str(row.period), lang))
        for name, row in flagged_breaks(lines)
    ]
    return say(WORDS, "alt_breaks", lang, breaks="; ".join(parts)) if parts else ""


def missing_note(codes: Sequence[str], present: Iterable[str], period: str | None, lang: str) -> list[str]:
    absent = [c for c in codes if c not in set(present)]
    if not absent:
        return []
    names = ", ".join(R.name(c, lang) for c in absent)
    when = f" ({period_short(period, lang)})" if period else ""
    return [f"{word('no_data', lang)}{when}: {names}"]
