"""The drawing half every figure shares (matplotlib): a Figure that carries its summary, the title
block and footer placed inside the image, and the house helpers for axes, bars and labels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ...core import regions as R
from .. import citations
from .. import formatting as N
from . import theme as S
from .common import Summary, declared_breaks, flagged_breaks, release_changes, say


class ChartFigure(Figure):
    """A matplotlib Figure that also knows what it says and where its numbers come from."""

    chart_id: str = ""
    lang: str = "lv"
    title: str = ""
    subtitle: str = ""
    footer: str = ""
    notes: list[str]
    alt_text: str = ""
    data: pd.DataFrame | None = None  # the numbers plotted, with their sources
    preset: str = "full"
    footer_artist: Any = None  # the footer's text in the image (the annex's copy shows its notes only)
    footer_top: float = 0.0  # where the footer's first line starts (figure fraction)


def new_figure(summary: Summary) -> ChartFigure:
    """An empty figure of the summary's size; the figure module adds its axes."""
    fig = ChartFigure(figsize=S.size_inches(summary.layout.preset))
    fig.chart_id, fig.lang, fig.preset, fig.notes = summary.chart_id, summary.lang, summary.layout.preset, []
    return fig


def place(fig: ChartFigure, summary: Summary) -> ChartFigure:
    """Place title, subtitle, plot area and the footer (sources, then notes) inside the image."""
    layout = summary.layout
    w_cm, h_cm = S.SIZES_CM[layout.preset]
    footer_lines = summary.footer.count("\n") + 1
    line_cm = S.FOOTER_PT / 72 * 2.54 * 1.3
    bottom_cm = 0.25 + footer_lines * line_cm + 0.15 + layout.xaxis_cm
    top_cm = 0.3 + 0.45 + (0.4 if summary.subtitle else 0) + 0.25 + layout.top_extra_cm
    fig.subplots_adjust(
        left=layout.left_cm / w_cm,
        right=1 - layout.right_cm / w_cm,
        top=1 - top_cm / h_cm,
        bottom=bottom_cm / h_cm,
        wspace=layout.wspace,
    )
    _fit_tick_labels(fig, layout.left_cm / w_cm, 0.3 / w_cm)
    x0 = 0.3 / w_cm
    # one font weight throughout: every PDF then embeds one font, which halves its cost
    fig.text(x0, 1 - 0.3 / h_cm, summary.title, ha="left", va="top", fontsize=10.5, color="#000000")
    if summary.subtitle:
        fig.text(x0, 1 - 0.78 / h_cm, summary.subtitle, ha="left", va="top", fontsize=7.5, color=S.TEXT_MUTED)
    fig.footer_artist = fig.text(
        x0,
        0.25 / h_cm,
        summary.footer,
        ha="left",
        va="bottom",
        fontsize=S.FOOTER_PT,
        color=S.TEXT_MUTED,
        linespacing=1.3,
    )
    fig.footer_top = (0.25 + footer_lines * line_cm) / h_cm
    fig.title, fig.subtitle, fig.footer, fig.notes = summary.title, summary.subtitle, summary.footer, summary.notes
    fig.alt_text = summary.alt_text
    fig.data = summary.data
    return fig


def _fit_tick_labels(fig: ChartFigure, left: float, margin: float) -> None:
    """Widen the left margin where the y tick labels (long region names) would run out of the image."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    starts = [
        t.get_window_extent(renderer).x0 / fig.bbox.width
        for ax in fig.axes
        if ax.get_visible() and ax.axison
        for t in ax.get_yticklabels()
        if t.get_text()
    ]
    if starts and min(starts) < margin:
        fig.subplots_adjust(left=left + margin - min(starts))


def fmt_axis(ax: Any, lang: str, decimals: int = 0, percent: bool = False, axis: str = "y") -> None:
    def f(v: float, _pos: int) -> str:
        return N.percent(v, lang, decimals) if percent else N.number(v, lang, decimals)

    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(FuncFormatter(f))


def year_axis(ax: Any, first: float, last: float) -> None:
    """Year ticks every 2 (or 5) years, only where there are data."""
    step = 2 if last - first <= 24 else 5
    start = int(first) + (-int(first)) % step
    ax.set_xticks(list(range(start, int(last) + 1, step)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{int(v)}"))


def year_span_axis(ax: Any, first: int, last: int) -> None:
    """A calendar axis: a tick at the start of each year, the year's label centred on its span (every
    other year when there are many), so a December value sits visibly inside its own year."""
    from matplotlib.ticker import FixedLocator, NullFormatter

    step = 1 if last - first <= 20 else 2
    ax.set_xlim(first, last + 1)
    ax.xaxis.set_major_locator(FixedLocator(list(range(first, last + 2))))
    ax.xaxis.set_major_formatter(NullFormatter())
    ax.xaxis.set_minor_locator(FixedLocator([y + 0.5 for y in range(first, last + 1) if (last - y) % step == 0]))
    ax.xaxis.set_minor_formatter(FuncFormatter(lambda v, _p: f"{int(v)}"))
    ax.tick_params(axis="x", which="minor", length=0)
    ax.grid(False, axis="x", which="both")


def end_labels(
    ax: Any, x: float, items: list[tuple[float, str, str, bool]], min_gap_frac: float = 0.05, ha: str = "left"
) -> list[Any]:
    """Labels beside the ends (or starts, ``ha="right"``) of lines, pushed apart so that none overlaps
    (y, text, colour, larger); the texts drawn."""
    lo, hi = ax.get_ylim()
    gap = (hi - lo) * min_gap_frac
    placed: list[float] = []
    texts = []
    for y, text, color, bold in sorted(items):  # "bold": the highlighted label, set larger
        y_text = max(y, placed[-1] + gap) if placed else y
        placed.append(y_text)
        size = S.SMALL_PT + 0.6 if bold else S.SMALL_PT
        texts.append(ax.text(x, y_text, text, fontsize=size, va="center", ha=ha, color=color))
    return texts


def color(code: str, comparison: tuple[str, ...] = (), highlight: tuple[str, ...] = R.LATGALE_CODES) -> str:
    if code in highlight:
        return S.LATGALE
    if code == "LV":
        return S.LATVIA
    if code in comparison:
        return S.COMPARISON
    return S.MUTED


def bars(
    ax: Any,
    frame: pd.DataFrame,
    lang: str,
    decimals: int,
    percent: bool,
    comparison: tuple[str, ...] = (),
    highlight: tuple[str, ...] = R.LATGALE_CODES,
    label: Callable[[str], str] | None = None,
) -> None:
    """Horizontal bars, largest on top, the focus (Latgale by default) highlighted, value at each bar's end;
    ``label`` names a territory (the registry's name by default)."""
    frame = frame.sort_values("value")
    named = label or (lambda c: R.name(c, lang))
    labels = [named(c) for c in frame["region"]]
    colors = [color(c, comparison, highlight) for c in frame["region"]]
    drawn = ax.barh(labels, frame["value"], color=colors, height=0.62)
    top = max(float(frame["value"].max()), 0.0)
    low = min(float(frame["value"].min()), 0.0)  # below 0: a fall, drawn to the left, its value at its left end
    span = (top - low) or 1.0
    for bar, value, code in zip(drawn, frame["value"], frame["region"], strict=True):
        text = N.percent(value, lang, decimals) if percent else N.number(value, lang, decimals)
        ax.text(
            value + (span if value >= 0 else -span) * 0.012,
            bar.get_y() + bar.get_height() / 2,
            text,
            va="center",
            ha="left" if value >= 0 else "right",
            fontsize=7.4 if code in highlight else 7,
            color=S.LATGALE if code in highlight else "#111111",
        )
    for tick in ax.get_yticklabels():
        if tick.get_text() in (named(c) for c in highlight):
            tick.set_color(S.LATGALE)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(low - span * 0.15 if low < 0 else 0, top + span * 0.15 if top > 0 else 0)  # as before for >= 0
    if low < 0:
        ax.axvline(0, color="#333333", lw=0.6)
    ax.tick_params(axis="y", length=0)


BREAK_WORDS = {"release": ("cits laidiens", "another release")}  # the label where the release changes


def break_mark(ax: Any, x: float, label: str, top: bool = False, dx: float = 0.1) -> None:
    """A break every line of the figure shares: a dotted vertical line at ``x`` (between two periods) and
    a short label beside it, at the foot of the plot (or at its top)."""
    ax.axvline(x, color="#333333", lw=0.7, ls=":")
    ax.text(
        x + dx,
        0.98 if top else 0.02,
        label,
        transform=ax.get_xaxis_transform(),
        fontsize=S.SMALL_PT,
        va="top" if top else "bottom",
        color="#333333",
    )


def mark_breaks(
    ax: Any,
    frame: pd.DataFrame,
    lines: dict[str, pd.DataFrame],
    lang: str,
    x_of: Any,
    top: bool = False,
    colors: dict[str, str] | None = None,
) -> None:
    """Label where a figure's lines are broken: each declared break the rows span and each change of
    release (a dotted line between the two periods, labelled), and each value its publisher flags ``b``
    inside a line (a small 'b' over the value, in the line's colour). ``lines``: each line's name and rows,
    ``x_of``: a period's place on the x axis, ``colors``: each line's colour."""
    for brk in declared_breaks(frame):
        year, month = brk.first.year, brk.first.month
        if month is None:  # a year: between it and the year before
            x = x_of(str(year)) - 0.5
        else:  # a month: between it and the month before
            before = f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"
            x = (x_of(before) + x_of(str(brk.first))) / 2
        break_mark(ax, x, brk.label(lang), top)
    seen: set[float] = set()
    for change in release_changes(lines):
        x = (x_of(str(change.before.period)) + x_of(str(change.after.period))) / 2
        if x in seen:
            continue
        seen.add(x)
        dates = [
            citations.dated(r.vintage if isinstance(r.vintage, str) else "", r.vintage_from, lang) or r.release
            for r in (change.before, change.after)
        ]
        break_mark(ax, x, f"{say(BREAK_WORDS, 'release', lang)}\n{dates[0]} → {dates[1]}", top)
    for line, row in flagged_breaks(lines):
        ax.annotate(
            "b",
            (x_of(str(row.period)), row.value),
            xytext=(0, 5),
            textcoords="offset points",
            ha="center",
            fontsize=S.SMALL_PT,
            color=(colors or {}).get(line, S.TEXT_MUTED),
        )
