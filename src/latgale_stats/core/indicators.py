"""The indicator catalogue: what each number means, in which unit, from whom, for which territories.

A maintainer adding an indicator adds one entry here (and, if needed, a reader and a figure).
``units`` lists every unit string accepted in input files, with the factor that converts a value
in that unit to the indicator's canonical ``unit`` (e.g. "EUR billion" x 1000 = EUR million).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from . import regions as R

_STAT = (R.COUNTRY, R.EU, R.STAT2021, R.STAT2024)
_NVA = (R.COUNTRY, R.PLAN2006, R.PLAN2021, R.MUNICIPALITY)
_FIRMS = (R.COUNTRY, R.MUNICIPALITY)  # Lursoft counts by municipality (legal address)
_RATES = (R.COUNTRY, R.STAT2021, R.STAT2024)  # as the 2013 application stated them


@dataclass(frozen=True)
class Indicator:
    id: str
    name_lv: str
    name_en: str
    unit: str
    unit_lv: str
    definition: str
    publishers: tuple[str, ...]
    schemes: tuple[str, ...]
    units: dict[str, float] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()
    minimum: float = 0.0
    maximum: float = float("inf")
    integer: bool = False
    decimals: int = 1
    derived: bool = False
    derivation: str = ""
    inputs: tuple[str, ...] = ()  # for derived indicators: the indicators they are computed from

    def name(self, lang: str = "lv") -> str:
        return self.name_lv if lang == "lv" else self.name_en

    def unit_label(self, lang: str = "lv") -> str:
        return self.unit_lv if lang == "lv" else self.unit

    def factor(self, unit: str) -> float | None:
        """Factor from ``unit`` (as written in a file) to the canonical unit, None if not accepted."""
        key = " ".join(unit.split()).casefold()
        for accepted, factor in self.units.items():
            if accepted.casefold() == key:
                return factor
        return None


def _units(canonical: str, *more: tuple[str, float]) -> dict[str, float]:
    return {canonical: 1.0, **dict(more)}


CATALOGUE: tuple[Indicator, ...] = (
    Indicator(
        "gdp_per_capita",
        "IKP uz vienu iedzīvotāju",
        "GDP per capita",
        "EUR per inhabitant",
        "EUR uz vienu iedzīvotāju",
        "Gross domestic product at current market prices divided by the average population.",
        ("Eurostat", "CSB"),
        _STAT,
        _units(
            "EUR per inhabitant",
            ("EUR per inhabitant, current prices", 1.0),
            ("EUR thousand per inhabitant", 1000.0),
            ("EUR thousand per inhabitant, current prices", 1000.0),
            ("EUR_HAB", 1.0),
        ),
        maximum=1_000_000,
        decimals=0,
    ),
    Indicator(
        "gdp_per_capita_pps_eu",
        "IKP uz vienu iedzīvotāju pēc PPS, % no ES-27 vidējā",
        "GDP per capita in PPS, % of the EU27 average",
        "% of EU27 average",
        "% no ES-27 vidējā",
        "GDP per inhabitant in purchasing power standards, as a percentage of the EU average. Press "
        "figures before 2020 may use the EU of their time (EU-15, EU-27, EU-28) as the base.",
        ("Eurostat",),
        _STAT,
        _units("% of EU27 average", ("% of EU average (PPS per inhabitant)", 1.0), ("PPS_HAB_EU27_2020", 1.0)),
        aliases=("gdp_per_capita_pps_pct_eu",),
        maximum=1000,
        decimals=0,
    ),
    Indicator(
        "gdp_total",
        "Iekšzemes kopprodukts",
        "Gross domestic product",
        "EUR million",
        "milj. EUR",
        "Gross domestic product at current market prices.",
        ("Eurostat", "CSB"),
        _STAT,
        _units(
            "EUR million",
            ("EUR million, current prices", 1.0),
            ("MIO_EUR", 1.0),
            ("EUR thousand", 0.001),
            ("EUR billion", 1000.0),
            ("EUR billion, current prices", 1000.0),
        ),
        maximum=100_000_000,
        decimals=0,
    ),
    Indicator(
        "gdp_share",
        "Reģiona daļa Latvijas IKP",
        "Share of Latvia's GDP",
        "% of Latvia's GDP",
        "% no Latvijas IKP",
        "The region's GDP as a percentage of Latvia's GDP in the same year.",
        ("CSB", "Eurostat"),
        _STAT,
        _units("% of Latvia's GDP", ("% of Latvia GDP", 1.0)),
        aliases=("gdp_share_pct",),
        maximum=100,
    ),
    Indicator(
        "population",
        "Iedzīvotāju skaits gada sākumā",
        "Population on 1 January",
        "persons",
        "iedzīvotāji",
        "Usually resident population on 1 January of the year.",
        ("Eurostat", "CSB"),
        (*_STAT, R.MUNICIPALITY),
        _units("persons", ("persons at the beginning of the year", 1.0), ("persons on 1 January", 1.0), ("NR", 1.0)),
        minimum=1,
        maximum=1_000_000_000,
        integer=True,
        decimals=0,
    ),
    Indicator(
        "registered_unemployment_rate",
        "Reģistrētā bezdarba līmenis",
        "Registered unemployment rate",
        "% of economically active population",
        "% no ekonomiski aktīvajiem iedzīvotājiem",
        "Unemployed persons registered with NVA at the end of the month, as a percentage of the "
        "economically active population of working age (denominator from CSB).",
        ("NVA",),
        _NVA,
        _units("% of economically active population"),
        maximum=100,
    ),
    Indicator(
        "new_enterprises",
        "Jaunreģistrētie uzņēmumi",
        "Newly registered enterprises",
        "enterprises",
        "uzņēmumi",
        "Enterprises entered in the Register of Enterprises during the calendar year (Lursoft counts).",
        ("Lursoft",),
        _FIRMS,
        _units("enterprises"),
        maximum=1_000_000,
        integer=True,
        decimals=0,
    ),
    Indicator(
        "liquidated_enterprises",
        "Likvidētie uzņēmumi",
        "Liquidated enterprises",
        "enterprises",
        "uzņēmumi",
        "Enterprises removed from the Register of Enterprises during the calendar year (Lursoft counts).",
        ("Lursoft",),
        _FIRMS,
        _units("enterprises"),
        maximum=1_000_000,
        integer=True,
        decimals=0,
    ),
    Indicator(
        "gdp_per_capita_index",
        "IKP uz vienu iedzīvotāju, Latvija = 100",
        "GDP per capita, Latvia = 100",
        "Latvia = 100",
        "Latvija = 100",
        "The region's GDP per capita divided by Latvia's in the same year and file vintage, x 100.",
        ("derived",),
        _STAT,
        _units("Latvia = 100", ("% of Latvia average", 1.0)),
        maximum=1000,
        derived=True,
        inputs=("gdp_per_capita",),
        derivation="gdp_per_capita(region, year) / gdp_per_capita(LV, year) x 100, same publisher file",
    ),
    Indicator(
        "new_enterprises_per_1000",
        "Jauni uzņēmumi uz 1000 iedzīvotājiem",
        "New enterprises per 1000 inhabitants",
        "per 1000 inhabitants",
        "uz 1000 iedzīvotājiem",
        "Newly registered enterprises in the year per 1000 inhabitants on 1 January of that year.",
        ("derived",),
        _RATES,
        _units("per 1000 inhabitants", ("new enterprises per 1000 inhabitants", 1.0)),
        maximum=1000,
        derived=True,
        inputs=("new_enterprises", "population"),
        derivation="new_enterprises(territory, year) / population(territory, 1 January of year) x 1000",
    ),
    Indicator(
        "unemployment_gap_pp",
        "Bezdarba līmeņa starpība",
        "Unemployment rate gap",
        "percentage points",
        "procentpunkti",
        "Registered unemployment rate of a region minus that of the comparison region, same month.",
        ("derived",),
        _NVA,
        _units("percentage points"),
        minimum=-100,
        maximum=100,
        derived=True,
        inputs=("registered_unemployment_rate",),
        derivation="registered_unemployment_rate(region) - registered_unemployment_rate(versus)",
    ),
)

BY_ID: dict[str, Indicator] = {i.id: i for i in CATALOGUE}
_ALIASES: dict[str, Indicator] = {a: i for i in CATALOGUE for a in (i.id, *i.aliases)}


def find(indicator_id: str) -> Indicator | None:
    """The catalogue entry for an id as written in a file (aliases accepted), or None."""
    return _ALIASES.get(indicator_id.strip())


def with_inputs(indicators: Iterable[str]) -> frozenset[str]:
    """The indicators and, for derived ones, everything they are computed from (transitively)."""
    out: set[str] = set()
    todo = list(indicators)
    while todo:
        ind = todo.pop()
        if ind not in out:
            out.add(ind)
            todo.extend(BY_ID[ind].inputs if ind in BY_ID else ())
    return frozenset(out)


def fed_by(indicators: Iterable[str]) -> frozenset[str]:
    """The indicators and every derived indicator computed from any of them (transitively)."""
    out = set(indicators)
    changed = True
    while changed:
        changed = False
        for ind in CATALOGUE:
            if ind.id not in out and set(ind.inputs) & out:
                out.add(ind.id)
                changed = True
    return frozenset(out)


def get(indicator_id: str) -> Indicator:
    found = find(indicator_id)
    if found is None:
        raise KeyError(f"unknown indicator {indicator_id!r}; known: {', '.join(BY_ID)}")
    return found
