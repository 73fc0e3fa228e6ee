"""Figure: GDP per capita of the statistical regions in the latest complete year, Latvia = 100."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...core import regions as R
from .. import formatting as N
from ..phrases import period_label
from . import base as B
from . import theme as S
from .common import ChartUnavailable, Described, Layout, Selection, latest_complete, missing_note, rows_for, say, used

ID = "gdp_index_latest"
LAYOUT = Layout("full-short", left_cm=2.2)
PHRASES = {
    "title": (
        "IKP uz vienu iedzīvotāju statistiskajos reģionos, Latvija = 100",
        "GDP per capita in the statistical regions, Latvia = 100",
    ),
    "boundaries": (
        "Statistiskie reģioni robežās, kas bija spēkā līdz 2023. gadam",
        "Statistical regions as bounded until 2023",
    ),
    "alt": (
        "Joslu diagramma: IKP uz vienu iedzīvotāju {period}. gadā, Latvija = 100: {values}.",
        "Bar chart: GDP per capita in {period}, Latvia = 100: {values}.",
    ),
    "reference": (" Latvija = 100", " Latvia = 100"),
}


def alt_list(frame: pd.DataFrame, lang: str, decimals: int, percent: bool) -> str:
    """'Latgale 50,9, Kurzeme 74,2, …' from the largest value down."""
    frame = frame.sort_values("value", ascending=False)
    fmt = (lambda v: N.percent(v, lang, decimals)) if percent else (lambda v: N.number(v, lang, decimals))
    return ", ".join(f"{R.name(c, lang)} {fmt(v)}" for c, v in zip(frame["region"], frame["value"], strict=True))


def select(obs: pd.DataFrame, versus: str) -> Selection:
    codes = R.STATISTICAL_2021
    d = used(obs, "gdp_per_capita_index", ("derived",))
    d = d[d["region"].isin(codes)]
    if d.empty:
        raise ChartUnavailable(ID, "no GDP per capita for Latvia and its regions in one publisher file")
    period = latest_complete(d, codes) or d["period"].max()
    sel = d[d["period"] == period]
    return Selection(rows_for("index", sel), {"period": period, "bars": sel, "codes": codes})


def describe(sel: Selection, lang: str) -> Described:
    period = sel["period"]
    notes = missing_note(sel["codes"], sel["bars"]["region"], period, lang)
    notes.append(say(PHRASES, "boundaries", lang))
    alt = say(PHRASES, "alt", lang, period=period, values=alt_list(sel["bars"], lang, 1, False))
    return Described(say(PHRASES, "title", lang), period_label(period, lang), notes, alt)


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:
    ax = fig.subplots(1, 1)
    B.bars(ax, sel["bars"], lang, 1, False)
    ax.axvline(100, color=S.LATVIA, lw=0.8, ls="--")
    ax.text(
        100,
        1.0,
        say(PHRASES, "reference", lang),
        transform=ax.get_xaxis_transform(),
        fontsize=7,
        va="bottom",
        ha="left",
    )
    B.fmt_axis(ax, lang, 0, axis="x")
