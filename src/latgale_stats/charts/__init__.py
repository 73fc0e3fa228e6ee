"""The application figures, in Latvian and English (see ``figures.py`` for each one).

>>> from latgale_stats import charts
>>> fig = charts.draw("unemployment_latest", obs, "lv")   # a ChartFigure; fig.alt_text, fig.data
"""

from __future__ import annotations

from .base import CHART_DATA_COLUMNS, ChartFigure, ChartUnavailable
from .figures import FIGURES
from .theme import style

LANGS = ("lv", "en")
__all__ = ["CHART_DATA_COLUMNS", "FIGURES", "LANGS", "ChartFigure", "ChartUnavailable", "draw", "draw_all", "style"]


def draw(chart_id: str, obs, lang: str = "lv") -> ChartFigure:
    """One figure in the house style. Raises ChartUnavailable when there is nothing to draw."""
    if chart_id not in FIGURES:
        raise KeyError(f"unknown figure {chart_id!r}; known: {', '.join(FIGURES)}")
    with style():
        return FIGURES[chart_id](obs, lang)


def draw_all(obs, langs=LANGS) -> tuple[list[ChartFigure], list[ChartUnavailable]]:
    """Every figure in every language; figures without data are returned as reasons, not drawn."""
    figures, missing = [], []
    for chart_id in FIGURES:
        for lang in langs:
            try:
                figures.append(draw(chart_id, obs, lang))
            except ChartUnavailable as why:
                if lang == langs[0]:
                    missing.append(why)
    return figures, missing
