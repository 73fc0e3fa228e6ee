"""Figure: registered unemployment (NVA) in the planning regions and Latvia, latest complete month."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...core import regions as R
from ...pipeline.select import comparison_period
from ..phrases import period_label
from . import base as B
from .common import ChartUnavailable, Described, Layout, Selection, latest_complete, missing_note, rows_for, say, used
from .gdp_index_latest import alt_list

ID = "unemployment_latest"
LAYOUT = Layout("full-short", left_cm=3.0)
PHRASES = {
    "title": ("Reģistrētā bezdarba līmenis reģionos", "Registered unemployment rate by region"),
    "definition": (
        "NVA reģistrētais bezdarbs: % no ekonomiski aktīvajiem iedzīvotājiem; plānošanas reģioni",
        "NVA registered unemployment: % of the economically active population; planning regions",
    ),
    "alt": (
        "Joslu diagramma: reģistrētā bezdarba līmenis, {period}: {values}.",
        "Bar chart: registered unemployment rate, {period}: {values}.",
    ),
}


def planning_codes(period: str) -> tuple[str, ...]:
    return R.PLANNING_2021 if R.planning_vintage(period) == "2021" else R.PLANNING_2006


def select(obs: pd.DataFrame, versus: str) -> Selection:
    d = used(obs, "registered_unemployment_rate", ("observation",))
    if d.empty:
        raise ChartUnavailable(ID, "no registered unemployment figures")
    period = (
        comparison_period(d)  # the one latest of the comparison: every planning region and Latvia
        or latest_complete(d, R.PLANNING_2021)
        or latest_complete(d, R.PLANNING_2006)
        or d["period"].max()
    )
    codes = (*planning_codes(period), "LV")
    sel = d[(d["period"] == period) & (d["region"].isin(codes))]
    return Selection(rows_for("rate", sel), {"period": period, "codes": codes, "bars": sel})


def describe(sel: Selection, lang: str) -> Described:
    period = sel["period"]
    notes = missing_note(sel["codes"], sel["bars"]["region"], period, lang)
    notes.append(say(PHRASES, "definition", lang))
    alt = say(PHRASES, "alt", lang, period=period_label(period, lang), values=alt_list(sel["bars"], lang, 1, True))
    return Described(say(PHRASES, "title", lang), period_label(period, lang), notes, alt)


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:
    ax = fig.subplots(1, 1)
    B.bars(ax, sel["bars"], lang, 1, True, comparison=R.planning_codes(versus))
    B.fmt_axis(ax, lang, 0, percent=True, axis="x")
