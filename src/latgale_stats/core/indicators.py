"""The indicator catalogue: what each number means, in which unit, from whom, for which territories.

A maintainer adding an indicator adds one entry here (and, if needed, a reader and a figure).
``units`` lists every unit string accepted in input files, with the factor that converts a value
in that unit to the indicator's canonical ``unit`` (e.g. "EUR billion" x 1000 = EUR million).

How far a value may plausibly move (between two sources of one cell, and from one period to the next)
is declared as data beside this module, in ``tolerances.toml`` (:func:`tolerances`).
"""

from __future__ import annotations

import math
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Literal

from . import regions as R

_STAT = (R.COUNTRY, R.EU, R.STAT2021, R.STAT2024)
_NVA = (R.COUNTRY, R.PLAN2006, R.PLAN2021, R.MUNICIPALITY)
_FIRMS = (R.COUNTRY, R.MUNICIPALITY)  # Lursoft counts by municipality (legal address)
_RATES = (R.COUNTRY, R.STAT2021, R.STAT2024)  # as the 2013 application stated them
_REGISTER = (R.COUNTRY, R.MUNICIPALITY, R.PLAN2021, R.STAT2021, R.STAT2024)  # by legal address, then summed

# When in its period a figure is measured, and so from when it can exist:
#   "start"   a stock on the period's first day (population on 1 January): once the period has begun;
#   "end"     a stock on its last day (registered unemployment at the end of the month; a year: at the end
#             of December): once the period has ended;
#   "during"  a total or an average over the period (GDP, registrations in the year): once it has ended.
Timing = Literal["start", "end", "during"]


FIRST_YEAR = 1990  # Latvia's statistics of today begin with its independence (the register: 1991)


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
    # schemes a publisher file may name only by code (CSP's LV0002000 for Daugavpils): a name is looked
    # up among ``schemes`` alone, so "Rīga" in a press file stays the statistical region, not the city
    coded: tuple[str, ...] = ()
    timing: Timing = "during"
    # (low, high) in ``unit``: the values a real release can hold (narrower than minimum/maximum, which are
    # what the unit allows); a download outside it is refused, a file dropped in by hand is warned about
    plausible: tuple[float, float] | None = None
    first_year: int = FIRST_YEAR  # periods before it are refused: no series of this kind goes back further
    # whether the CSP's and Eurostat's values of a cell are compared (publishers_differ); not for a change computed
    # from an indicator that is compared itself (a small number, beside which any revision looks large)
    compared: bool = True

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
        inputs=("gdp_total", "population"),  # derived from them where a file holds no per-inhabitant value
        derivation="gdp_total(region, year) x 1 000 000 / mean(population 1 January year, 1 January year + 1), "
        "same territory, where the GDP file holds no per-inhabitant value",
        coded=(R.MUNICIPALITY,),  # CSP IKR060: state cities and municipalities by their codes
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
        (*_STAT, R.EXTRA),
        _units(
            "EUR million",
            ("EUR million, current prices", 1.0),
            ("MIO_EUR", 1.0),
            ("EUR thousand", 0.001),
            ("EUR billion", 1000.0),
            ("EUR billion, current prices", 1000.0),
        ),
        maximum=100_000_000,
        inputs=("gdp_total",),  # Latvia: the sum of its NUTS 3 regions and extra-regio where a file has no LV row
        decimals=0,
        coded=(R.MUNICIPALITY,),
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
        timing="start",
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
        _units("% of economically active population", ("%", 1.0)),
        maximum=100,
        timing="end",
    ),
    Indicator(
        "registered_unemployed",
        "Reģistrēto bezdarbnieku skaits",
        "Registered unemployed persons",
        "persons",
        "personas",
        "Unemployed persons registered with NVA at the end of the month.",
        ("NVA",),
        _NVA,
        _units("persons"),
        integer=True,
        decimals=0,
        maximum=1_000_000,
        timing="end",
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
        "enterprise_births",
        "Uzņēmumu dzimstība (jauni aktīvi uzņēmumi)",
        "Enterprise births",
        "enterprises",
        "uzņēmumi",
        "Enterprises that started an economic activity in the year, with employees or turnover, that are not a "
        "merger, take-over, break-up or restructuring (Eurostat business demography, business economy except "
        "holding activities, B-S_X_K642).",
        ("Eurostat",),
        _STAT,
        _units("enterprises"),
        maximum=10_000_000,
        integer=True,
        decimals=0,
    ),
    Indicator(
        "active_enterprises",
        "Aktīvie uzņēmumi",
        "Active enterprises",
        "enterprises",
        "uzņēmumi",
        "Enterprises with turnover or employment at any time during the year (Eurostat business demography, "
        "B-S_X_K642).",
        ("Eurostat",),
        _STAT,
        _units("enterprises"),
        maximum=100_000_000,
        integer=True,
        decimals=0,
    ),
    Indicator(
        "enterprise_birth_rate",
        "Uzņēmumu dzimstības koeficients",
        "Enterprise birth rate",
        "% of active enterprises",
        "% no aktīvajiem uzņēmumiem",
        "Enterprise births in the year as a percentage of the enterprises active in the year (published by "
        "Eurostat, business demography).",
        ("Eurostat",),
        _STAT,
        _units("% of active enterprises"),
        maximum=100,
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
        timing="end",
    ),
    Indicator(
        "enterprise_births_per_1000",
        "Uzņēmumu dzimstība uz 1000 iedzīvotājiem",
        "Enterprise births per 1000 inhabitants",
        "per 1000 inhabitants",
        "uz 1000 iedzīvotājiem",
        "Eurostat enterprise births in the year per 1000 inhabitants on 1 January of that year, same territory.",
        ("derived",),
        _RATES,
        _units("per 1000 inhabitants"),
        maximum=1000,
        derived=True,
        inputs=("enterprise_births", "population"),
        derivation="enterprise_births(territory, year) / population(territory, 1 January of year) x 1000",
    ),
    Indicator(
        "population_index",
        "Iedzīvotāju skaits, sākuma gads = 100",
        "Population, first year = 100",
        "first year = 100",
        "sākuma gads = 100",
        "Population on 1 January as a percentage of the population on 1 January of the first year from 2000 on "
        "held for both Latgale and Latvia, same territory.",
        ("derived",),
        (R.COUNTRY, R.STAT2021, R.STAT2024),
        _units("first year = 100"),
        maximum=1000,
        derived=True,
        inputs=("population",),
        derivation="population(territory, 1 January year) / population(territory, 1 January of the base year) x 100",
        timing="start",
    ),
    Indicator(
        "population_average",
        "Vidējais gada iedzīvotāju skaits",
        "Annual average population",
        "persons",
        "iedzīvotāji",
        "The population on average over the year (the CSP's estimate). Not the population on 1 January: a value "
        "per inhabitant of a year divides by it, a stock on one day does not.",
        ("CSB",),
        (*_STAT, R.MUNICIPALITY),
        _units("persons"),
        minimum=1,
        maximum=1_000_000_000,
        integer=True,
        decimals=0,
        coded=(R.MUNICIPALITY,),
    ),
    Indicator(
        "population_average_change",
        "Vidējā gada iedzīvotāju skaita pārmaiņas, %",
        "Change of the annual average population, %",
        "% change over the years",
        "% pārmaiņas",
        "The annual average population of the last year against the first of the latest run of at least five "
        "years that no declared break crosses, same territory and release; the period is the last year.",
        ("derived",),
        (*_STAT, R.MUNICIPALITY),
        _units("% change over the years"),
        minimum=-100,
        maximum=1000,
        compared=False,
        derived=True,
        inputs=("population_average",),
        derivation="population_average(territory, last year) / population_average(territory, first year) x 100 - "
        "100, over the latest unbroken run of five years or more",
    ),
    Indicator(
        "population_change_pct",
        "Iedzīvotāju skaita pārmaiņas gadā, %",
        "Population change in the year, %",
        "% change in the year",
        "% pārmaiņas gadā",
        "Population on 1 January of the next year against population on 1 January of the year, as a percentage "
        "change, same territory and same release (a fall is negative).",
        ("derived",),
        (R.COUNTRY, R.STAT2021, R.STAT2024, R.MUNICIPALITY),
        _units("% change in the year"),
        minimum=-100,
        maximum=1000,
        compared=False,
        derived=True,
        inputs=("population",),
        derivation="population(territory, 1 January year + 1) / population(territory, 1 January year) x 100 - 100",
    ),
    Indicator(
        "gdp_index_from_totals",
        "IKP uz vienu iedzīvotāju no kopsummām, Latvija = 100",
        "GDP per capita from totals, Latvia = 100",
        "Latvia = 100",
        "Latvija = 100",
        "The region's GDP divided by its average population, as a percentage of Latvia's, computed from GDP in EUR "
        "million and population (not from per-inhabitant values that Eurostat rounds to EUR 100), same file.",
        ("derived",),
        _STAT,
        _units("Latvia = 100"),
        maximum=1000,
        derived=True,
        inputs=("gdp_total", "population"),
        derivation="(gdp_total(region) / mean population(region)) / (gdp_total(LV) / mean population(LV)) x 100",
    ),
)

CATALOGUE += (
    Indicator(
        "registrations",
        "Jaunreģistrētie uzņēmumi (Uzņēmumu reģistrs)",
        "New registrations (Register of Enterprises)",
        "enterprises",
        "uzņēmumi",
        "Entities of the legal forms counted as new companies (commercial companies, sole traders, farms, "
        "individual enterprises, cooperatives; not associations, foundations, parties or religious organisations) "
        "entered in the Register of Enterprises in the calendar year or month, counted by their legal address as it "
        "is today (register.csv, open data). Regions and Latvia: sums of the municipalities; Latvia also counts the "
        "rows whose address is placed in no municipality. Caveats: the register gives the current legal address "
        "(a firm that moved is counted where it is now, a liquidated one where it was last); a re-registered entity is "
        "counted by the registration date the register gives (register.csv has a reregistration_term column; whether "
        "re-registrations keep their first date could not be verified from the rows available).",
        ("Register of Enterprises",),
        _REGISTER,
        _units("enterprises"),
        maximum=1_000_000,
        integer=True,
        decimals=0,
        inputs=("registrations",),  # regions: the sum of their municipalities
        derivation="registrations(region, period) = sum of registrations(municipality, period) over the 2021 "
        "municipalities of the region (legal address as it is today)",
    ),
    Indicator(
        "register_liquidations",
        "Likvidētie uzņēmumi (Uzņēmumu reģistrs)",
        "Liquidations (Register of Enterprises)",
        "enterprises",
        "uzņēmumi",
        "Entities of the legal forms counted as new companies whose liquidation (closed = L) the Register of "
        "Enterprises dates in the calendar year, by their last legal address (register.csv). Reorganised entities "
        "(closed = R) are not counted.",
        ("Register of Enterprises",),
        _REGISTER,
        _units("enterprises"),
        maximum=1_000_000,
        integer=True,
        decimals=0,
        inputs=("register_liquidations",),
        derivation="register_liquidations(region, year) = sum over the 2021 municipalities of the region",
    ),
    Indicator(
        "registrations_per_1000",
        "Jaunreģistrētie uzņēmumi uz 1000 iedzīvotājiem (Uzņēmumu reģistrs)",
        "New registrations per 1000 inhabitants (Register of Enterprises)",
        "per 1000 inhabitants",
        "uz 1000 iedzīvotājiem",
        "New registrations in the Register of Enterprises in the year per 1000 inhabitants on 1 January of that "
        "year, same territory (computed only where that population is held; never estimated).",
        ("derived",),
        _REGISTER,
        _units("per 1000 inhabitants"),
        maximum=1000,
        derived=True,
        inputs=("registrations", "population"),
        derivation="registrations(territory, year) / population(territory, 1 January of year) x 1000",
    ),
)

# plausible ranges, in each indicator's unit: Latvia, its regions and municipalities, and the EU27 totals
# Eurostat's files carry (GDP about EUR 18 million million, 450 million people, 2.6 million enterprise
# births); a count a municipality or Latvia can have in a year (registrations: about 30 per 1000 of
# Latvia's 1.9 million at most); per 1000 inhabitants about 1 to 30, with room either side
PLAUSIBLE: dict[str, tuple[float, float]] = {
    "gdp_per_capita": (500, 250_000),
    "gdp_per_capita_pps_eu": (5, 400),
    "gdp_total": (0, 50_000_000),
    "gdp_share": (0, 100),
    "population": (1_000, 600_000_000),
    "registered_unemployment_rate": (0, 100),
    "registered_unemployed": (0, 500_000),
    "new_enterprises": (0, 100_000),
    "liquidated_enterprises": (0, 100_000),
    "enterprise_births": (0, 5_000_000),
    "active_enterprises": (0, 60_000_000),
    "enterprise_birth_rate": (0, 100),
    "registrations": (0, 100_000),
    "register_liquidations": (0, 100_000),
    "gdp_per_capita_index": (5, 500),
    "gdp_index_from_totals": (5, 500),
    "population_index": (10, 300),
    "population_change_pct": (-20, 20),
    "population_average": (1_000, 600_000_000),
    "population_average_change": (-80, 80),
    "new_enterprises_per_1000": (0.5, 40),
    "enterprise_births_per_1000": (0.5, 40),
    "registrations_per_1000": (0.5, 40),
    "unemployment_gap_pp": (-60, 60),
}
CATALOGUE = tuple(replace(i, plausible=PLAUSIBLE.get(i.id)) for i in CATALOGUE)

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


# --- plausible movements (tolerances.toml) ----------------------------------------------------------------

TOLERANCES_FILE = "tolerances.toml"
_AMOUNT = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%|pp)\s*$")


@dataclass(frozen=True)
class Tolerance:
    """How far a value may move from the one before: ``amount`` percent of it, or ``amount``
    percentage points (``points``)."""

    amount: float
    points: bool

    @classmethod
    def parse(cls, text: str) -> Tolerance:
        """'5 %' or '3 pp'; anything else raises ValueError."""
        m = _AMOUNT.match(text)
        if not m:
            raise ValueError(f"not a tolerance: {text!r} (write it as '5 %' or '3 pp')")
        return cls(float(m.group(1)), m.group(2) == "pp")

    def exceeded(self, before: float, after: float) -> bool:
        if self.points:
            return abs(after - before) > self.amount + 1e-9
        return abs(after - before) > self.amount / 100 * abs(before) + 1e-9

    def change(self, before: float, after: float) -> str:
        """The move from ``before`` to ``after`` in this tolerance's terms: '+20.0 %', '-4.1 pp'."""
        if self.points:
            return f"{after - before:+.1f} pp"
        if before == 0:
            return "from 0"
        return f"{(after - before) / abs(before) * 100:+.1f} %"

    def __str__(self) -> str:
        return f"±{self.amount:g} {'pp' if self.points else '%'}"


@dataclass(frozen=True)
class Tolerances:
    """What ``tolerances.toml`` declares for one indicator (None: not checked that way)."""

    revision: Tolerance | None = None  # between two sources of one cell
    step: Tolerance | None = None  # between adjacent periods of one series


def parse_tolerances(text: str) -> tuple[float, dict[str, Tolerances]]:
    """The factor beyond which a drawn value is refused, and the tolerances by indicator id; an unknown
    indicator, key or amount raises ValueError naming it."""
    data = tomllib.loads(text)
    factor = data.pop("refuse_factor", None)
    if not isinstance(factor, int | float) or isinstance(factor, bool) or factor <= 1:
        raise ValueError(f"{TOLERANCES_FILE}: refuse_factor must be a number above 1, not {factor!r}")
    out: dict[str, Tolerances] = {}
    for indicator, entry in data.items():
        if indicator not in BY_ID or not isinstance(entry, dict):
            raise ValueError(f"{TOLERANCES_FILE}: [{indicator}] is not an indicator of the catalogue")
        unknown = set(entry) - {"revision", "step"}
        if unknown:
            raise ValueError(f"{TOLERANCES_FILE}: [{indicator}] has keys {sorted(unknown)}; only revision and step")
        revision, step = (Tolerance.parse(str(entry[k])) if k in entry else None for k in ("revision", "step"))
        out[indicator] = Tolerances(revision, step)
    return float(factor), out


@cache
def _tolerances() -> tuple[float, dict[str, Tolerances]]:
    here = resources.files(__package__ or "latgale_stats.core").joinpath(TOLERANCES_FILE)
    return parse_tolerances(here.read_text(encoding="utf-8"))


def tolerances(indicator_id: str) -> Tolerances:
    """The declared tolerances of an indicator (both None where it declares none)."""
    return _tolerances()[1].get(indicator_id, Tolerances())


def refuse_factor() -> float:
    """A value drawn this many times (or more) away from every other source for its cell is refused
    until confirmed (100)."""
    return _tolerances()[0]


def factor(a: float, b: float) -> float:
    """How many times the larger of two values is the smaller (inf when one of them is 0)."""
    lo, hi = sorted((abs(a), abs(b)))
    if hi == 0:
        return 1.0
    return math.inf if lo == 0 else hi / lo


def implausible(ind: Indicator, value: float) -> bool:
    """Whether a value (in the indicator's unit) lies outside what a real release can hold."""
    return ind.plausible is not None and not ind.plausible[0] <= value <= ind.plausible[1]
