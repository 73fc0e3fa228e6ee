"""Figure for a municipality focus: the municipalities with data, highest value on top, the focus highlighted:
GDP per capita (Latvia = 100) in the latest year the focus has one, else new registrations per 1000
inhabitants, else the change of the annual average population (CSP IRS031, over its latest unbroken run of
years). Drawn where at least three municipalities have a value in that year."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...core import focus as F
from .. import focus as X
from .. import formatting as N
from ..phrases import period_label
from . import base as B
from .common import ChartUnavailable, Described, Layout, Selection, rows_for, say, used

ID = "focus_ranking"
ANY_FOCUS = True
PHRASES = {
    "gdp_title": (
        "IKP uz vienu iedzīvotāju pašvaldībās, Latvija = 100",
        "GDP per capita in the municipalities, Latvia = 100",
    ),
    "register_title": (
        "Jaunreģistrētie uzņēmumi uz 1000 iedzīvotājiem pašvaldībās",
        "New registrations per 1000 inhabitants in the municipalities",
    ),
    "popavg_title": (
        "Vidējā gada iedzīvotāju skaita pārmaiņas pašvaldībās, %",
        "Change of the annual average population in the municipalities, %",
    ),
    "popavg_period": ("{first}.–{last}. gads", "{first}–{last}"),
    "popavg_note": (
        "Pārmaiņas: vidējais gada iedzīvotāju skaits {last}. gadā pret {first}. gadu (autoru aprēķins); 1. vieta – "
        "augstākā vērtība (mazākais kritums)",
        "Change: the annual average population of {last} against {first} (authors' calculation); rank 1 = the "
        "highest value (the smallest fall)",
    ),
    "subtitle": (
        "{period}; {name} – {place}. vieta no {of} pašvaldībām, par kurām ir dati",
        "{period}; {name} ranks {place} of the {of} municipalities with data",
    ),
    "alt": ("Joslu diagramma, no augstākās vērtības: {values}.", "Bar chart, highest value first: {values}."),
}
INDICATORS = (
    ("gdp", "gdp_per_capita_index"),
    ("register", "registrations_per_1000"),
    ("popavg", "population_average_change"),
)


def layout(sel: Selection) -> Layout:
    """Taller with more municipalities (all 43 fit in the longest)."""
    n = len(sel["bars"])
    return Layout("full-long" if n > 24 else "full" if n > 12 else "full-short", left_cm=3.6)


def select(obs: pd.DataFrame, focus: F.Focus) -> Selection:
    compared = X.Compared.of(focus)
    if compared.level != "municipality":
        raise ChartUnavailable(ID, "the focus is not a municipality")
    for kind, indicator in INDICATORS:
        d = used(obs, indicator, ("derived",))
        d = d[d["region"].map(X.is_municipality).astype(bool)]
        mine = d[d["region"] == compared.focus]
        if mine.empty:
            continue
        period = mine["period"].max()
        bars = d[d["period"] == period].drop_duplicates("region")
        if len(bars) < 3:
            continue
        place = X.rank(d, compared, period)
        first = {str(i.period) for refs in mine["inputs"] for i in refs if str(i.period) != str(period)}
        parts = {"kind": kind, "period": str(period), "bars": bars, "rank": place, "focus": compared.focus}
        parts["first"] = min(first) if kind == "popavg" and first else None
        return Selection(rows_for(indicator, bars), parts)
    raise ChartUnavailable(
        ID,
        "fewer than three municipalities with a value in the year the focus has one: CSP IKR060 holds every "
        "municipality's GDP (latgale-stats update --only csp)",
    )


def describe(sel: Selection, lang: str) -> Described:
    rank = sel["rank"]
    title = say(PHRASES, f"{sel['kind']}_title", lang)
    name = X.name(sel["focus"], lang)
    period = period_label(sel["period"], lang)
    notes = []
    if sel["first"]:
        period = say(PHRASES, "popavg_period", lang, first=sel["first"], last=sel["period"])
        notes.append(say(PHRASES, "popavg_note", lang, first=sel["first"], last=sel["period"]))
    subtitle = say(PHRASES, "subtitle", lang, period=period, name=name, place=rank.place, of=rank.of)
    bars = sel["bars"].sort_values("value", ascending=False)
    shown = N.signed if sel["kind"] == "popavg" else N.number
    values = ", ".join(
        f"{X.name(c, lang)} {shown(v, lang, 1)}" for c, v in zip(bars["region"], bars["value"], strict=True)
    )
    alt = say(PHRASES, "alt", lang, values=values)
    return Described(title, subtitle, notes, alt)


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:  # noqa: ARG001
    ax = fig.subplots(1, 1)
    B.bars(ax, sel["bars"], lang, 1, False, highlight=(sel["focus"],), label=lambda c: X.name(c, lang))
