"""The justification's sentences for any focus (``core.declarations.FOCUS_SENTENCES``), in Latvian and English.

Each names the focus and what it is compared with in the case the sentence needs (``core/territory/names.csv``:
"Daugavpilī", "Augšdaugavas novadā", "in the Latgale region"), states the values of the same period the focus
figure shows (``present.focus``), and cites every value it states. A sentence without a value for the focus is
not written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from ..core import focus as F
from . import focus as X
from . import formatting as N
from .wording import Sentence, _cite, _cited, en_month_end, lv_count, lv_month_end, lv_singular


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


@dataclass
class Held:
    """The values a sentence states: the focus's (first) and those of the territories compared with it, of
    the period the focus figure shows, and the rows of every municipality for the rank."""

    compared: X.Compared
    frame: pd.DataFrame
    period: str
    found: list[tuple[str, pd.Series]]

    @property
    def value(self) -> float:
        return float(self.found[0][1]["value"])

    @property
    def rows(self) -> list[pd.Series]:
        return [r for _, r in self.found]

    def place(self, lang: str) -> str:
        """The focus where a sentence says "in": 'Daugavpilī', 'in the Augšdaugava municipality'."""
        return X.name(self.compared.focus, lang, "locative")

    def tail(self, lang: str, shown: Callable[[float], str]) -> str:
        """What follows the focus's value: the others' values, the focus's rank, the citation."""
        return f"{_others(self.found, lang, shown)}{self._rank(lang)} {_cited(self.rows, lang)}"

    def cites(self, decimals: int = 1) -> list[dict]:
        return [_cite(r, decimals) for r in self.rows]

    def _rank(self, lang: str) -> str:
        rank = X.rank(self.frame, self.compared, self.period)
        if rank is None:
            return ""
        if lang == "lv":
            return f"; tā ir {rank.place}. vieta starp {rank.of} pašvaldībām, par kurām ir dati"
        return f"; {self.place(lang)} ranks {rank.place} of the {rank.of} municipalities with data"


def _held(obs, indicator: str, kinds: tuple[str, ...], focus: F.Focus, implicit: tuple[str, ...] = ()) -> Held | None:
    """The values of the latest period the focus and Latvia (else another territory compared) both have;
    None where the focus has none."""
    compared = X.Compared.of(focus)
    d = obs[(obs["indicator"] == indicator) & obs["kind"].isin(kinds) & (obs["status"] == "")]
    period = X.comparison_period(d, compared, implicit)
    if period is None:
        return None
    found = [(m, r) for m, r in X.value_rows(d, compared, period) if m not in implicit]
    if not found or found[0][0] != compared.focus:
        return None
    return Held(compared, d, str(period), found)


def _others(found, lang: str, shown, sep_lv: str = " – ") -> str:
    """', Latgales reģionā – 9,8%, Latvijā – 4,8%' / ', 9.8% in the Latgale region and 4.8% in Latvia'."""
    rest = found[1:]
    if not rest:
        return ""
    if lang == "lv":
        return "".join(f", {X.name(m, lang, 'locative')}{sep_lv}{shown(r['value'])}" for m, r in rest)
    parts = [f"{shown(r['value'])} in {X.name(m, lang, 'locative')}" for m, r in rest]
    return ", " + (parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}")


def _percent(lang: str) -> Callable[[float], str]:
    return lambda v: N.percent(v, lang, 1)


def focus_gdp(obs, lang: str, focus: F.Focus) -> Sentence | None:
    h = _held(obs, "gdp_per_capita_index", ("derived",), focus, ("LV",))
    if h is None:
        return None
    shown = _percent(lang)
    if lang == "lv":
        text = f"{h.period}. gadā IKP uz vienu iedzīvotāju {h.place(lang)} bija {shown(h.value)} no Latvijas vidējā"
    else:
        text = f"In {h.period} GDP per capita in {h.place(lang)} was {shown(h.value)} of the Latvian average"
    text += f"{h.tail(lang, shown)}."
    return Sentence("focus_gdp", lang, text, "gdp_per_capita_index", h.period, "CSB", 2, h.cites())


def focus_unemployment(obs, lang: str, focus: F.Focus) -> Sentence | None:
    h = _held(obs, "registered_unemployment_rate", ("observation",), focus)
    if h is None:
        return None
    shown, monthly = _percent(lang), len(h.period) == 7
    if lang == "lv":
        when = lv_month_end(h.period) if monthly else f"{h.period}. gadā"
        text = f"{when} reģistrētā bezdarba līmenis {h.place(lang)} bija {shown(h.value)}"
    else:
        when = en_month_end(h.period) if monthly else f"in {h.period}"
        text = f"{when} the registered unemployment rate was {shown(h.value)} in {h.place(lang)}"
    text = _capital(f"{text}{h.tail(lang, shown)}.")
    return Sentence("focus_unemployment", lang, text, "registered_unemployment_rate", h.period, "NVA", 1, h.cites())


FIRMS = {"registrations_per_1000": "Register of Enterprises", "new_enterprises_per_1000": "Lursoft"}


def focus_firms(obs, lang: str, focus: F.Focus) -> Sentence | None:
    """New registrations per 1000 inhabitants (the register's, else Lursoft's counts on the CSP's population)."""
    found = ((i, _held(obs, i, ("derived",), focus)) for i in FIRMS)
    indicator, h = next(((i, h) for i, h in found if h is not None), ("", None))
    if h is None:
        return None
    shown = lambda v: N.number(v, lang, 1)  # noqa: E731
    if lang == "lv":
        text = f"{h.period}. gadā {h.place(lang)} uz 1000 iedzīvotājiem reģistrēja {shown(h.value)} jaunus uzņēmumus"
    else:
        text = (
            f"In {h.period}, {shown(h.value)} new enterprises per 1000 inhabitants were registered in {h.place(lang)}"
        )
    text += f"{h.tail(lang, shown)}."
    return Sentence("focus_firms", lang, text, indicator, h.period, FIRMS[indicator], 3, h.cites())


def focus_enterprises(obs, lang: str, focus: F.Focus) -> Sentence | None:
    """Lursoft's counts of new (and liquidated) enterprises in the focus, the latest year held."""
    codes = F.codes(focus.territory)
    used = obs[(obs["kind"] == "observation") & (obs["status"] == "") & obs["region"].isin(codes)]
    new = used[used["indicator"] == "new_enterprises"].sort_values("period")
    if new.empty:
        return None
    row = new.iloc[-1]
    period = str(row["period"])
    gone = used[(used["indicator"] == "liquidated_enterprises") & (used["period"] == row["period"])]
    rows = [row, *([gone.iloc[0]] if len(gone) else [])]
    n = row["value"]
    place = X.name(focus.territory, lang, "locative")
    if lang == "lv":
        verb = "reģistrēts" if lv_singular(n) else "reģistrēti"
        text = f"{period}. gadā {place} {verb} {lv_count(n, 'jauns uzņēmums', 'jauni uzņēmumi')}"
        if len(gone):
            text += f", likvidēti – {N.number(gone.iloc[0]['value'], lang, 0)}"
    else:
        word = "enterprise was" if n == 1 else "enterprises were"
        text = f"In {period}, {N.number(n, lang, 0)} new {word} registered in {place}"
        if len(gone):
            text += f" and {N.number(gone.iloc[0]['value'], lang, 0)} liquidated"
    text += f" {_cited(rows, lang)}."
    cites = [_cite(r, 0) for r in rows]
    return Sentence("focus_enterprises", lang, text, "new_enterprises", period, "Lursoft", 5, cites)


def focus_population(obs, lang: str, focus: F.Focus) -> Sentence | None:
    """The population's change in the latest year, beside the comparisons; where no population on 1 January
    is held for the focus, the change of its annual average population over the years (CSP IRS031)."""
    h = _held(obs, "population_change_pct", ("derived",), focus)
    if h is None:
        return _average_change(obs, lang, focus)
    shown = lambda v: f"{N.signed(v, lang, 1)}%"  # noqa: E731
    if lang == "lv":
        text = f"{h.period}. gadā iedzīvotāju skaits {h.place(lang)} mainījās par {shown(h.value)}"
        text += f"{_others(h.found, lang, shown, ' – par ')} {_cited(h.rows, lang)}."
    else:
        text = f"In {h.period} the population changed by {shown(h.value)} in {h.place(lang)}"
        text += f"{_others(h.found, lang, shown)} {_cited(h.rows, lang)}."
    return Sentence("focus_population", lang, text, "population_change_pct", h.period, "CSB", 4, h.cites())


def _steeper(d: pd.DataFrame, compared: X.Compared, period: str, lang: str) -> str:
    """'; straujāks kritums bija tikai 1 pašvaldībā no 35, par kurām ir dati' / '; only 1 of the 35
    municipalities with data fell faster' (a fall among the municipalities with a value; '' otherwise)."""
    rank = X.rank(d, compared, period)
    mine = d[(d["region"] == compared.focus) & (d["period"] == period)]
    if rank is None or mine.empty or float(mine["value"].iloc[0]) >= 0:
        return ""
    steeper = rank.of - rank.place
    if lang == "lv":
        if steeper == 0:
            return f"; tas ir straujākais kritums starp {rank.of} pašvaldībām, par kurām ir dati"
        where = "pašvaldībā" if lv_singular(steeper) else "pašvaldībās"
        return f"; straujāks kritums bija tikai {steeper} {where} no {rank.of}, par kurām ir dati"
    if steeper == 0:
        return f"; the steepest fall of the {rank.of} municipalities with data"
    return f"; only {steeper} of the {rank.of} municipalities with data fell faster"


def _average_change(obs, lang: str, focus: F.Focus) -> Sentence | None:
    compared = X.Compared.of(focus)
    d = obs[(obs["indicator"] == "population_average_change") & (obs["kind"] == "derived") & (obs["status"] == "")]
    mine = d[d["region"].isin(F.codes(focus.territory))].sort_values("period")
    if mine.empty:
        return None
    row = mine.iloc[-1]
    last, first = row["inputs"][0], row["inputs"][-1]
    period = str(row["period"])
    change = f"{N.signed(row['value'], lang, 1)}%"
    a, b = N.number(first.value, lang, 0), N.number(last.value, lang, 0)
    tail = f"{_steeper(d, compared, period, lang)} {_cited([row], lang)}."
    place = X.name(focus.territory, lang, "locative")
    if lang == "lv":
        text = f"{first.period}.–{period}. gadā vidējais gada iedzīvotāju skaits {place} mainījās par {change}"
        text += f" (no {a} līdz {b}){tail}"
    else:
        text = f"From {first.period} to {period} the annual average population of {place} changed by {change}"
        text += f" ({a} to {b}){tail}"
    return Sentence("focus_population", lang, text, "population_average_change", period, "CSB", 4, [_cite(row, 1)])


BUILDERS = {
    "focus_gdp": focus_gdp,
    "focus_unemployment": focus_unemployment,
    "focus_firms": focus_firms,
    "focus_enterprises": focus_enterprises,
    "focus_population": focus_population,
}
