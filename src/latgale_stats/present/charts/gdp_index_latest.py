"""Figure: GDP per capita of the statistical regions in the latest complete year, Latvia = 100."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...core import regions as R
from .. import formatting as N
from ..phrases import period_label
from . import base as B
from . import theme as S
from .common import ChartUnavailable, Described, Layout, Selection, missing_note, rows_for, say, used

ID = "gdp_index_latest"
LAYOUT = Layout("full-short", left_cm=2.2)
PHRASES = {
    "title": (
        "IKP uz vienu iedzīvotāju statistiskajos reģionos, Latvija = 100",
        "GDP per capita in the statistical regions, Latvia = 100",
    ),
    "boundaries_2021": (
        "Statistiskie reģioni robežās, kas bija spēkā līdz 2023. gadam",
        "Statistical regions within their boundaries until 2023",
    ),
    "boundaries_2024": (
        "Statistiskie reģioni robežās, kas spēkā no 2024. gada un sakrīt ar plānošanas reģioniem",
        "Statistical regions within their boundaries from 2024, the same as the planning regions",
    ),
    "method": (
        "IKP uz vienu iedzīvotāju: IKP (milj. EUR) / vidējais iedzīvotāju skaits (1. janvāris šajā un nākamajā "
        "gadā); Latvija – reģionu un ārpusreģionu summa; autoru aprēķins",
        "GDP per capita: GDP (EUR million) / average population (1 January of the year and of the next); "
        "Latvia: the sum of the regions and extra-regio; authors' calculation",
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


def latest_on_one_basis(d: pd.DataFrame) -> tuple[str, tuple[str, ...]] | None:
    """The most recent year in which every statistical region of one boundary set has an index
    value from one basis (one GDP release), and that set."""
    best: tuple[str, tuple[str, ...]] | None = None
    for codes in (R.STATISTICAL_2024, R.STATISTICAL_2021):
        part = d[d["region"].isin(codes)]
        for period, g in sorted(part.groupby("period"), key=lambda kv: str(kv[0]), reverse=True):
            if g["region"].nunique() == len(codes) and g["vintage"].nunique() == 1:
                if best is None or str(period) > best[0]:
                    best = (str(period), codes)
                break
    return best


def select(obs: pd.DataFrame, versus: str) -> Selection:
    d = used(obs, "gdp_per_capita_index", ("derived",))
    latest = latest_on_one_basis(d)
    if latest is None:
        raise ChartUnavailable(ID, "no GDP per capita for Latvia and all its regions in one release")
    period, codes = latest
    sel = d[(d["period"] == period) & d["region"].isin(codes)]
    return Selection(rows_for("index", sel), {"period": period, "bars": sel, "codes": codes})


def describe(sel: Selection, lang: str) -> Described:
    period = sel["period"]
    notes = missing_note(sel["codes"], sel["bars"]["region"], period, lang)
    notes.append(say(PHRASES, "boundaries_2024" if sel["codes"] == R.STATISTICAL_2024 else "boundaries_2021", lang))
    if sel.rows["inputs"].map(lambda refs: any(i.cell is None for i in refs)).any():  # from GDP totals
        notes.append(say(PHRASES, "method", lang))
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
