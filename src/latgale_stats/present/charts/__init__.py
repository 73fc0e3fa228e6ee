"""The application figures, in Latvian and English: one module a figure, each with ``select``
(the rows it plots), ``describe`` (title, subtitle, notes, alt text, from its phrase table) and
``draw`` (matplotlib). See ``common`` for the contract.

>>> from latgale_stats.present import charts
>>> fig = charts.draw("unemployment_latest", obs, "lv")      # a ChartFigure; fig.alt_text, fig.data
>>> s = charts.summary("unemployment_latest", obs, "lv")     # the same texts and rows, not drawn

Each figure is handed only the indicators it declares (``core.declarations.FIGURES``).
A figure of the focus set (``ANY_FOCUS``) is given the focus (``core.focus.Focus``) instead of ``versus``:

>>> fig = charts.draw("focus_profile", obs, "lv", focus=focus_of("Daugavpils"))   # core.focus
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from ...core import focus as F
from ...core.declarations import EVERY_FIGURE_ID, FIGURE_IDS, figure_ids
from ...core.regions import DEFAULT_VERSUS
from ...pipeline.select import for_output
from . import (
    firm_formation,
    focus_profile,
    focus_ranking,
    gdp_index_latest,
    gdp_index_trend,
    gdp_pps_eu,
    key_figures,
    population_change,
    unemployment_latest,
    unemployment_trend,
)
from .base import ChartFigure, new_figure, place
from .common import CHART_DATA_COLUMNS, ChartUnavailable, Selection, Summary, footer_text
from .theme import style

if TYPE_CHECKING:
    import pandas as pd

LANGS = ("lv", "en")
MODULES: dict[str, ModuleType] = {
    m.ID: m
    for m in (
        gdp_index_latest,
        gdp_index_trend,
        gdp_pps_eu,
        unemployment_latest,
        unemployment_trend,
        firm_formation,
        population_change,
        key_figures,
        focus_profile,
        focus_ranking,
    )
}
__all__ = [
    "CHART_DATA_COLUMNS",
    "FIGURE_IDS",
    "LANGS",
    "MODULES",
    "ChartFigure",
    "ChartUnavailable",
    "Summary",
    "draw",
    "draw_all",
    "style",
    "summary",
]


def _module(chart_id: str) -> ModuleType:
    if chart_id not in MODULES:
        raise KeyError(f"unknown figure {chart_id!r}; known: {', '.join(EVERY_FIGURE_ID)}")
    return MODULES[chart_id]


def _summarise(
    chart_id: str, obs: pd.DataFrame, lang: str, versus: str, focus: F.Focus | None = None
) -> tuple[Selection, Summary]:
    module = _module(chart_id)
    if getattr(module, "ANY_FOCUS", False):
        sel = module.select(for_output(obs, chart_id), focus or F.default_focus())
    else:
        sel = module.select(for_output(obs, chart_id), versus)
    text = module.describe(sel, lang)
    layout = module.layout(sel) if hasattr(module, "layout") else module.LAYOUT  # a figure may size itself to its data
    footer, notes = footer_text(sel.rows, text.notes, lang, layout.preset)
    data = sel.rows.reset_index(drop=True).drop(columns=["flag"], errors="ignore")
    return sel, Summary(chart_id, lang, text.title, text.subtitle, footer, notes, text.alt_text, data, layout)


def summary(
    chart_id: str, obs: pd.DataFrame, lang: str = "lv", versus: str = DEFAULT_VERSUS, focus: F.Focus | None = None
) -> Summary:
    """A figure's title, subtitle, footer, notes, alt text and plotted rows, without drawing it.
    Raises ChartUnavailable when there is nothing to draw."""
    return _summarise(chart_id, obs, lang, versus, focus)[1]


def draw(
    chart_id: str, obs: pd.DataFrame, lang: str = "lv", versus: str = DEFAULT_VERSUS, focus: F.Focus | None = None
) -> ChartFigure:
    """One figure in the house style, comparing Latgale with the planning region ``versus`` (a key
    such as ``RIGA``) where it compares; a figure of the focus set speaks of ``focus``. Raises
    ChartUnavailable when there is nothing to draw."""
    sel, text = _summarise(chart_id, obs, lang, versus, focus)
    with style():
        fig = new_figure(text)
        _module(chart_id).draw(fig, sel, lang, versus)
        return place(fig, text)


def draw_all(
    obs: pd.DataFrame, langs: tuple[str, ...] = LANGS, versus: str = DEFAULT_VERSUS, focus: F.Focus | None = None
) -> tuple[list[ChartFigure], list[ChartUnavailable]]:
    """Every figure of the focus (the default: Latgale's) in every language; figures without data are
    returned as reasons, not drawn."""
    figures, missing = [], []
    for chart_id in figure_ids(*F.scope(focus)):
        for lang in langs:
            try:
                figures.append(draw(chart_id, obs, lang, versus, focus))
            except ChartUnavailable as why:
                if lang == langs[0]:
                    missing.append(why)
    return figures, missing
