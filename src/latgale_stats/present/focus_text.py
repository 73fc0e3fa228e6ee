"""The justification's sentences for any focus (``core.declarations.FOCUS_SENTENCES``), in Latvian and English.

Each names the focus and what it is compared with in the case the sentence needs (``core/territory/names.csv``:
"Daugavpilī", "Augšdaugavas novadā", "in the Latgale region"), states the values of the same period the focus
figure shows (``present.focus``), and cites every value it states. A sentence without a value for the focus is
not written.
"""

from __future__ import annotations

from ..core import focus as F
from . import focus as X
from . import formatting as N
from .text import Sentence, _cite, _cited, en_month_end, lv_count, lv_month_end


def _capital(text: str) -> str:
    return text[0].upper() + text[1:]


def _held(obs, indicator: str, kinds: tuple[str, ...], compared: X.Compared, implicit: tuple[str, ...] = ()):
    d = obs[(obs["indicator"] == indicator) & obs["kind"].isin(kinds) & (obs["status"] == "")]
    period = X.comparison_period(d, compared, implicit)
    if period is None:
        return None
    found = X.value_rows(d, compared, period)
    if not found or found[0][0] != compared.focus:
        return None
    return d, str(period), found


def _rank_clause(d, compared: X.Compared, period: str, lang: str) -> str:
    rank = X.rank(d, compared, period)
    if rank is None:
        return ""
    if lang == "lv":
        return f"; tā ir {rank.place}. vieta starp {rank.of} pašvaldībām, par kurām ir dati"
    return f"; {X.name(compared.focus, lang, 'locative')} ranks {rank.place} of the {rank.of} municipalities with data"


def _others(found, lang: str, shown, sep_lv: str = " – ") -> str:
    """', Latgales reģionā – 9,8%, Latvijā – 4,8%' / ', 9.8% in the Latgale region and 4.8% in Latvia'."""
    rest = found[1:]
    if not rest:
        return ""
    if lang == "lv":
        return "".join(f", {X.name(m, lang, 'locative')}{sep_lv}{shown(r['value'])}" for m, r in rest)
    parts = [f"{shown(r['value'])} in {X.name(m, lang, 'locative')}" for m, r in rest]
    return ", " + (parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}")


def focus_gdp(obs, lang: str, focus: F.Focus) -> Sentence | None:
    compared = X.Compared.of(focus)
    held = _held(obs, "gdp_per_capita_index", ("derived",), compared, ("LV",))
    if held is None:
        return None
    d, period, found = held
    found = [(m, r) for m, r in found if m != "LV"]
    row = found[0][1]
    shown = lambda v: N.percent(v, lang, 1)  # noqa: E731
    tail = (
        f"{_others(found, lang, shown)}{_rank_clause(d, compared, period, lang)} {_cited([r for _, r in found], lang)}"
    )
    place, value = X.name(compared.focus, lang, "locative"), shown(row["value"])
    if lang == "lv":
        text = f"{period}. gadā IKP uz vienu iedzīvotāju {place} bija {value} no Latvijas vidējā{tail}."
    else:
        text = f"In {period} GDP per capita in {place} was {value} of the Latvian average{tail}."
    cites = [_cite(r, 1) for _, r in found]
    return Sentence("focus_gdp", lang, text, "gdp_per_capita_index", period, "CSB", 2, cites)


def focus_unemployment(obs, lang: str, focus: F.Focus) -> Sentence | None:
    compared = X.Compared.of(focus)
    held = _held(obs, "registered_unemployment_rate", ("observation",), compared)
    if held is None:
        return None
    d, period, found = held
    shown = lambda v: N.percent(v, lang, 1)  # noqa: E731
    row = found[0][1]
    rank = _rank_clause(d, compared, period, lang)
    rows = [r for _, r in found]
    if lang == "lv":
        when = lv_month_end(period) if len(period) == 7 else f"{period}. gadā"
        text = _capital(
            f"{when} reģistrētā bezdarba līmenis {X.name(compared.focus, lang, 'locative')} bija "
            f"{shown(row['value'])}{_others(found, lang, shown)}{rank} {_cited(rows, lang)}."
        )
    else:
        when = en_month_end(period) if len(period) == 7 else f"in {period}"
        text = _capital(
            f"{when} the registered unemployment rate was {shown(row['value'])} in "
            f"{X.name(compared.focus, lang, 'locative')}{_others(found, lang, shown)}{rank} {_cited(rows, lang)}."
        )
    return Sentence(
        "focus_unemployment", lang, text, "registered_unemployment_rate", period, "NVA", 1, [_cite(r, 1) for r in rows]
    )


def focus_firms(obs, lang: str, focus: F.Focus) -> Sentence | None:
    compared = X.Compared.of(focus)
    sources = {"registrations_per_1000": "Register of Enterprises", "new_enterprises_per_1000": "Lursoft"}
    found_in = [(i, _held(obs, i, ("derived",), compared)) for i in sources]
    indicator, held = next(((i, h) for i, h in found_in if h is not None), ("", None))
    if held is None:
        return None
    source = sources[indicator]
    d, period, found = held
    shown = lambda v: N.number(v, lang, 1)  # noqa: E731
    row = found[0][1]
    rank = _rank_clause(d, compared, period, lang)
    rows = [r for _, r in found]
    if lang == "lv":
        text = (
            f"{period}. gadā {X.name(compared.focus, lang, 'locative')} uz 1000 iedzīvotājiem reģistrēja "
            f"{shown(row['value'])} jaunus uzņēmumus{_others(found, lang, shown)}{rank} {_cited(rows, lang)}."
        )
    else:
        text = (
            f"In {period}, {shown(row['value'])} new enterprises per 1000 inhabitants were registered in "
            f"{X.name(compared.focus, lang, 'locative')}{_others(found, lang, shown)}{rank} {_cited(rows, lang)}."
        )
    return Sentence("focus_firms", lang, text, indicator, period, source, 3, [_cite(r, 1) for r in rows])


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
        verb = "reģistrēts" if lv_count(n, "x", "y").endswith("x") else "reģistrēti"
        text = f"{period}. gadā {place} {verb} {lv_count(n, 'jauns uzņēmums', 'jauni uzņēmumi')}"
        if len(gone):
            text += f", likvidēti – {N.number(gone.iloc[0]['value'], lang, 0)}"
    else:
        word = "enterprise was" if n == 1 else "enterprises were"
        text = f"In {period}, {N.number(n, lang, 0)} new {word} registered in {place}"
        if len(gone):
            text += f" and {N.number(gone.iloc[0]['value'], lang, 0)} liquidated"
    text += f" {_cited(rows, lang)}."
    return Sentence(
        "focus_enterprises", lang, text, "new_enterprises", period, "Lursoft", 5, [_cite(r, 0) for r in rows]
    )


def focus_population(obs, lang: str, focus: F.Focus) -> Sentence | None:
    compared = X.Compared.of(focus)
    held = _held(obs, "population_change_pct", ("derived",), compared)
    if held is None:
        return None
    d, period, found = held
    shown = lambda v: f"{N.signed(v, lang, 1)}%"  # noqa: E731
    row = found[0][1]
    rows = [r for _, r in found]
    if lang == "lv":
        others = "".join(f", {X.name(m, lang, 'locative')} – par {shown(r['value'])}" for m, r in found[1:])
        text = (
            f"{period}. gadā iedzīvotāju skaits {X.name(compared.focus, lang, 'locative')} mainījās par "
            f"{shown(row['value'])}{others} {_cited(rows, lang)}."
        )
    else:
        text = (
            f"In {period} the population changed by {shown(row['value'])} in {X.name(compared.focus, lang, 'locative')}"
            f"{_others(found, lang, shown)} {_cited(rows, lang)}."
        )
    return Sentence(
        "focus_population", lang, text, "population_change_pct", period, "CSB", 4, [_cite(r, 1) for r in rows]
    )


BUILDERS = {
    "focus_gdp": focus_gdp,
    "focus_unemployment": focus_unemployment,
    "focus_firms": focus_firms,
    "focus_enterprises": focus_enterprises,
    "focus_population": focus_population,
}
