"""The application figures, in Latvian and English (one function a figure in ``figures.py``).

>>> from latgale_stats.present import charts
>>> fig = charts.draw("unemployment_latest", obs, "lv")   # a ChartFigure; fig.alt_text, fig.data

Each figure is handed only the indicators it declares (``core.declarations.FIGURES``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core.declarations import FIGURE_IDS
from ...core.regions import DEFAULT_VERSUS
from ...pipeline.select import for_output
from .base import CHART_DATA_COLUMNS, ChartFigure, ChartUnavailable
from .figures import FIGURES
from .theme import style

if TYPE_CHECKING:
    import pandas as pd

LANGS = ("lv", "en")
__all__ = [
    "CHART_DATA_COLUMNS",
    "FIGURES",
    "FIGURE_IDS",
    "LANGS",
    "ChartFigure",
    "ChartUnavailable",
    "draw",
    "draw_all",
    "style",
]

assert tuple(FIGURES) == FIGURE_IDS or set(FIGURES) == set(FIGURE_IDS), "every declared figure has a function"


def draw(chart_id: str, obs: pd.DataFrame, lang: str = "lv", versus: str = DEFAULT_VERSUS) -> ChartFigure:
    """One figure in the house style, comparing Latgale with the planning region ``versus`` (a key
    such as ``RIGA``) where it compares. Raises ChartUnavailable when there is nothing to draw."""
    if chart_id not in FIGURES:
        raise KeyError(f"unknown figure {chart_id!r}; known: {', '.join(FIGURE_IDS)}")
    with style():
        return FIGURES[chart_id](for_output(obs, chart_id), lang, versus)


def draw_all(
    obs: pd.DataFrame, langs: tuple[str, ...] = LANGS, versus: str = DEFAULT_VERSUS
) -> tuple[list[ChartFigure], list[ChartUnavailable]]:
    """Every figure in every language; figures without data are returned as reasons, not drawn."""
    figures, missing = [], []
    for chart_id in FIGURE_IDS:
        for lang in langs:
            try:
                figures.append(draw(chart_id, obs, lang, versus))
            except ChartUnavailable as why:
                if lang == langs[0]:
                    missing.append(why)
    return figures, missing
