"""What every figure shares: a Figure that carries its title, footer, notes, alt text and the
numbers it plots; the layout (title block, plot area, footer inside the image); helpers to select
data without ever inventing a point."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from matplotlib.figure import Figure

from ...core import regions as R
from ...core.model import SourceKind
from ..phrases import period_short
from . import theme as S

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
    "file",
    "row",
    "url",
    "note",
]
# carried with the chart data for the annex and the workbook (structured, not shown as columns)
CARRIED_COLUMNS = ["flag", "inputs", "sources"]

WORDS = {
    "source": {"lv": "Avots", "en": "Source"},
    "sources": {"lv": "Avoti", "en": "Sources"},
    "notes": {"lv": "Piezīmes", "en": "Notes"},
    "computed": {"lv": "aprēķins: latgale-stats", "en": "calculation: latgale-stats"},
    "press": {
        "lv": "preses relīzes un ziņas (adreses: chart_data.xlsx)",
        "en": "press releases and news (addresses in chart_data.xlsx)",
    },
    "application": {"lv": "2013. gada projekta pieteikums", "en": "2013 project application"},
    "no_data": {"lv": "Nav datu", "en": "No data"},
    "flag_p": {"lv": "p – provizoriski dati", "en": "p – provisional"},
    "flag_e": {"lv": "e – novērtējums", "en": "e – estimated"},
    "flag_b": {"lv": "b – laikrindas pārrāvums", "en": "b – break in series"},
}


def word(key: str, lang: str) -> str:
    return WORDS[key][lang]


class ChartUnavailable(Exception):
    """No data at all for a figure: it is not drawn, and the build says why."""

    def __init__(self, chart_id: str, reason: str):
        self.chart_id = chart_id
        self.reason = reason
        super().__init__(f"{chart_id}: {reason}")


class ChartFigure(Figure):
    """A matplotlib Figure that also knows what it says and where its numbers come from."""

    chart_id: str = ""
    lang: str = "lv"
    title: str = ""
    subtitle: str = ""
    footer: str = ""
    notes: list[str]
    alt_text: str = ""
    data = None  # DataFrame with CHART_DATA_COLUMNS: exactly the numbers plotted
    preset: str = "full"


def new_figure(chart_id: str, lang: str, preset: str = "full", ncols: int = 1, **subplot_kw):
    fig = ChartFigure(figsize=S.size_inches(preset))
    fig.chart_id, fig.lang, fig.preset, fig.notes = chart_id, lang, preset, []
    axes = fig.subplots(1, ncols, **subplot_kw)
    return fig, axes


def source_line(data, lang: str) -> str:
    """'Avots: Eurostat nama_10r_3gdp (2023-02-21); …' naming every source behind the plotted rows
    (for derived rows, the sources of their inputs, and that latgale-stats computed them). Press
    figures are named once per curated file, with the publishers whose figures it holds."""
    parts: list[str] = []
    press: dict[str, set[str]] = {}
    for sources in data["sources"]:
        for s in sources:
            if s.kind == SourceKind.STATEMENT:
                label = word("application", lang)
            elif s.kind == SourceKind.PUBLISHER_FILE:
                label = f"{s.publisher} {s.dataset} ({s.vintage})"
            else:
                press.setdefault(s.cell.file if s.cell else s.dataset, set()).add(s.publisher)
                continue
            if label not in parts:
                parts.append(label)
    for publishers in press.values():
        label = f"{', '.join(sorted(publishers))}, {word('press', lang)}"
        if label not in parts:
            parts.append(label)
    parts.sort(key=lambda p: (p == word("application", lang), p))
    if (data["kind"] == "derived").any():
        parts.append(word("computed", lang))
    label = word("sources" if len(parts) > 1 else "source", lang)
    return f"{label}: " + "; ".join(parts) + "."


def flag_notes(data, lang: str) -> list[str]:
    flags = sorted({c for f in data["flag"].fillna("") for c in str(f)}) if "flag" in data else []
    return [word(f"flag_{c}", lang) for c in flags if f"flag_{c}" in WORDS]


def rows_for(series: str, frame):
    """Chart-data rows (CHART_DATA_COLUMNS) for observations ``frame`` plotted as ``series``."""
    out = frame.assign(series=series, region_name=frame["region"].map(lambda c: R.name(c, "lv")))
    return out[CHART_DATA_COLUMNS + CARRIED_COLUMNS]


def finish(
    fig: ChartFigure,
    title: str,
    subtitle: str,
    data,
    notes: Iterable[str] = (),
    alt_text: str = "",
    left_cm: float = 1.3,
    right_cm: float = 0.5,
    xaxis_cm: float = 0.8,
    top_extra_cm: float = 0.0,
    wspace: float | None = None,
) -> ChartFigure:
    """Place title, subtitle, plot area and the footer (sources, then notes) inside the image."""
    import pandas as pd

    w_cm, h_cm = S.SIZES_CM[fig.preset]
    data = data.reset_index(drop=True) if isinstance(data, pd.DataFrame) else pd.DataFrame(data)
    notes = [*notes, *flag_notes(data, fig.lang)]
    sources = source_line(data, fig.lang)
    chars = int(w_cm * 7.4)
    paragraphs = [sources] + (
        [f"{word('notes', fig.lang)}: " + " ".join(n.rstrip(".") + "." for n in notes)] if notes else []
    )
    footer = "\n".join(textwrap.fill(p, chars) for p in paragraphs)
    footer_lines = footer.count("\n") + 1
    line_cm = 6.3 / 72 * 2.54 * 1.3
    bottom_cm = 0.25 + footer_lines * line_cm + 0.15 + xaxis_cm
    top_cm = 0.3 + 0.45 + (0.4 if subtitle else 0) + 0.25 + top_extra_cm
    fig.subplots_adjust(
        left=left_cm / w_cm, right=1 - right_cm / w_cm, top=1 - top_cm / h_cm, bottom=bottom_cm / h_cm, wspace=wspace
    )
    x0 = 0.3 / w_cm
    # one font weight throughout: every PDF then embeds one font, which halves its cost
    fig.text(x0, 1 - 0.3 / h_cm, title, ha="left", va="top", fontsize=10.5, color="#000000")
    if subtitle:
        fig.text(x0, 1 - 0.78 / h_cm, subtitle, ha="left", va="top", fontsize=7.5, color=S.TEXT_MUTED)
    fig.text(x0, 0.25 / h_cm, footer, ha="left", va="bottom", fontsize=6.3, color=S.TEXT_MUTED, linespacing=1.3)
    fig.title, fig.subtitle, fig.footer, fig.notes = title, subtitle, footer, list(notes)
    fig.alt_text = alt_text
    fig.data = data.drop(columns=["flag"], errors="ignore")
    return fig


def latest_complete(frame, codes: Sequence[str]):
    """The latest period in which every code has a value (None if no period has them all)."""
    have = frame[frame["region"].isin(codes)].groupby("period")["region"].nunique()
    complete = have[have == len(set(codes))]
    return complete.index.max() if len(complete) else None


def month_x(period: str) -> float:
    """Position of an end-of-month period on a year axis: 2011-12 -> 2012.0."""
    return int(period[:4]) + int(period[5:7]) / 12 if len(period) == 7 else float(period)


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
