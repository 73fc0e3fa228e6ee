"""Values the argument needs, computed from observations and labelled as derived.

Each derived value keeps its inputs (the cells it was computed from) and the sources of those
inputs as structured fields. Nothing is interpolated: a value is derived only where every input
exists for the same territory (same region code, hence the same boundaries: the 2024 regions LV00A,
LV00B, LV00C never meet the earlier LV003, LV006, LV007, LV008; Latgale LV005 and Zemgale LV009 are
the same territory in both) and the periods the definition names. Which indicators a derived
indicator reads is declared in the catalogue (``Indicator.inputs``).

Ratios are computed within one *basis* (the publisher file the main input comes from, i.e. one
release): GDP per capita of a region and of Latvia from the same GDP file. When several bases give
a value for the same cell, :func:`choose_newest` keeps the newest release and marks the others
superseded, as reconciling does for observations.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..core import indicators as I
from ..core import regions as R
from ..core.model import Kind, Observation, Period, SourceKind, Status, VintageFrom

DERIVED_PUBLISHER = "latgale-stats (derived)"
_USABLE = (Status.USED, Status.SUPERSEDED)  # within one file, a value superseded by a newer release still counts


def _rows(
    rows: Iterable[Observation], indicator: str, statuses: Sequence[Status] = (Status.USED,)
) -> list[Observation]:
    return [r for r in rows if r.indicator == indicator and r.status in statuses and r.kind != Kind.STATEMENT]


def _sorted(cells: dict[tuple[str, Period | None], Observation]) -> list[tuple[tuple[str, Period | None], Observation]]:
    return sorted(cells.items(), key=lambda kv: (kv[0][0], kv[0][1] or Period(0)))


def _derived(
    indicator: str,
    region: str,
    period: Period | None,
    value: float,
    inputs: list[Observation],
    versus: str | None = None,
    basis: str = "",
) -> Observation:
    datasets = {r.dataset for r in inputs}
    vintages = sorted({r.vintage for r in inputs if r.vintage})
    kinds = {r.vintage_from for r in inputs if r.vintage}  # release dates, copy dates, or both
    sources = tuple(dict.fromkeys(s for r in inputs for s in r.sources))
    publishers = " + ".join(sorted({s.publisher for s in sources}))
    main = inputs[0]
    return Observation(
        indicator=indicator,
        region=region,
        region_name=R.name(region, "lv"),
        period=period,
        value=value,
        unit=I.get(indicator).unit,
        kind=Kind.DERIVED,
        source_kind=SourceKind.DERIVED,
        publisher=f"{DERIVED_PUBLISHER} from {publishers}",
        dataset=datasets.pop() if len(datasets) == 1 else "",
        cell=None,
        flag="".join(sorted({c for r in inputs for c in r.flag})),
        vintage=main.vintage if basis else (vintages[0] if len(vintages) == 1 else (" / ".join(vintages) or None)),
        vintage_from=main.vintage_from if basis else (kinds.pop() if len(kinds) == 1 else VintageFrom.NONE),
        note=I.get(indicator).derivation,
        versus=versus,
        inputs=tuple(r.as_input() for r in inputs),
        sources=sources,
        basis=basis or main.basis,
    )


def _by_basis(rows: Iterable[Observation]) -> dict[str, dict[tuple[str, Period | None], Observation]]:
    out: dict[str, dict[tuple[str, Period | None], Observation]] = {}
    for r in rows:
        out.setdefault(r.basis, {})[(r.region, r.period)] = r
    return out


def latvia_gdp_sums(rows: Iterable[Observation]) -> list[Observation]:
    """Latvia's GDP as the sum of its NUTS 3 regions and extra-regio, for the years a GDP file holds
    every region of one boundary set but no national (LV) row."""
    out = []
    totals = [r for r in _rows(rows, "gdp_total", _USABLE) if r.source_kind == SourceKind.PUBLISHER_FILE]
    for basis, cells in _by_basis(totals).items():
        years = sorted({p for (_, p) in cells if p is not None})
        for year in years:
            if ("LV", year) in cells:
                continue
            for regions in (R.STATISTICAL_2024, R.STATISTICAL_2021):
                parts = [cells.get((code, year)) for code in regions]
                if all(parts):
                    extra = cells.get(("LVZZZ", year))
                    inputs = [p for p in parts if p is not None] + ([extra] if extra else [])
                    value = sum(p.value for p in inputs)
                    out.append(_derived("gdp_total", "LV", year, value, inputs, basis=basis))
                    break
    return out


def gdp_per_capita_from_totals(rows: Iterable[Observation], sums: list[Observation]) -> list[Observation]:
    """GDP per inhabitant = GDP (EUR million) / average population (mean of 1 January of the year
    and of the next year, same territory), for GDP files that hold no per-inhabitant value."""
    rows = list(rows)
    has_per_capita = {r.basis for r in _rows(rows, "gdp_per_capita", _USABLE)}
    population = {(r.region, r.period): r for r in _rows(rows, "population")}
    totals = [r for r in _rows(rows, "gdp_total", _USABLE) if r.source_kind == SourceKind.PUBLISHER_FILE] + sums
    out = []
    for basis, cells in _by_basis(totals).items():
        if basis in has_per_capita:
            continue
        for (region, year), gdp in _sorted(cells):
            if year is None or year.is_month or region == "LVZZZ":
                continue
            start, end = population.get((region, year)), population.get((region, Period(year.year + 1)))
            if start is None or end is None:
                continue
            value = gdp.value * 1_000_000 / ((start.value + end.value) / 2)
            out.append(_derived("gdp_per_capita", region, year, value, [gdp, start, end], basis=basis))
    return out


def gdp_per_capita_index(rows: Iterable[Observation], per_capita: list[Observation]) -> list[Observation]:
    """GDP per capita of each region / Latvia's x 100, within one basis (one GDP file and release)."""
    published = [r for r in _rows(rows, "gdp_per_capita", _USABLE) if r.source_kind == SourceKind.PUBLISHER_FILE]
    out = []
    for basis, cells in _by_basis([*published, *per_capita]).items():
        for (region, period), r in _sorted(cells):
            lv = cells.get(("LV", period))
            if region in ("LV", "EU27_2020") or lv is None or not lv.value:
                continue
            out.append(_derived("gdp_per_capita_index", region, period, r.value / lv.value * 100, [r, lv], basis=basis))
    return out


def gdp_index_from_totals(rows: Iterable[Observation], sums: list[Observation]) -> list[Observation]:
    """The GDP per capita index from GDP totals and average population (unrounded), per GDP file."""
    rows = list(rows)
    population = {(r.region, r.period): r for r in _rows(rows, "population")}
    totals = [r for r in _rows(rows, "gdp_total", _USABLE) if r.source_kind == SourceKind.PUBLISHER_FILE] + sums
    out = []
    for basis, cells in _by_basis(totals).items():
        for (region, year), gdp in _sorted(cells):
            lv = cells.get(("LV", year))
            if year is None or year.is_month or region in ("LV", "EU27_2020", "LVZZZ") or lv is None:
                continue
            pops = [population.get((code, Period(y))) for code in (region, "LV") for y in (year.year, year.year + 1)]
            if not all(pops):
                continue
            a0, a1, l0, l1 = (p.value for p in pops if p is not None)
            value = (gdp.value / ((a0 + a1) / 2)) / (lv.value / ((l0 + l1) / 2)) * 100
            inputs = [gdp, lv, *(p for p in pops if p is not None)]
            out.append(_derived("gdp_index_from_totals", region, year, value, inputs, basis=basis))
    return out


def _per_1000(rows: list[Observation], count_indicator: str, indicator: str) -> list[Observation]:
    population = {(r.region, r.period): r for r in _rows(rows, "population")}
    counts = {(r.region, r.period): r for r in _rows(rows, count_indicator)}
    out = []
    for (region, period), c in _sorted(counts):
        p = population.get((region, period))
        if p is not None:
            out.append(_derived(indicator, region, period, c.value / p.value * 1000, [c, p]))
    return out


def new_enterprises_per_1000(rows: Iterable[Observation]) -> list[Observation]:
    """Lursoft's new enterprises / population on 1 January x 1000, same territory code and year."""
    return _per_1000(list(rows), "new_enterprises", "new_enterprises_per_1000")


def enterprise_births_per_1000(rows: Iterable[Observation]) -> list[Observation]:
    """Eurostat's enterprise births in year t / population on 1 January t x 1000, same territory."""
    return _per_1000(list(rows), "enterprise_births", "enterprise_births_per_1000")


def register_sums(rows: Iterable[Observation]) -> list[Observation]:
    """Registrations and liquidations of each planning region (2021 boundaries) and statistical region
    (NUTS 2021 and NUTS 2024) as the sum of its 2021 municipalities, within one register file. The
    register places every firm by its address today, so the sum is on today's boundaries every year."""
    from ..core import territory as T

    munis = T.by_region()
    out = []
    for indicator in ("registrations", "register_liquidations"):
        cells = [r for r in _rows(rows, indicator, _USABLE) if r.region in munis]
        for basis, group in _by_basis(cells).items():
            parts: dict[tuple[str, Period | None], list[Observation]] = {}
            for (code, period), r in group.items():
                m = munis[code]
                for target in sorted({m.planning, m.nuts2021, m.nuts2024} - {""}):
                    parts.setdefault((target, period), []).append(r)
            for (target, period), inputs in sorted(parts.items(), key=lambda kv: (kv[0][0], str(kv[0][1]))):
                value = float(sum(p.value for p in inputs))
                out.append(_derived(indicator, target, period, value, inputs, basis=basis))
    return out


def registrations_per_1000(rows: Iterable[Observation], sums: list[Observation]) -> list[Observation]:
    """Register registrations in year t / population on 1 January t x 1000, same territory: Latvia, the
    regions and the municipalities whose population is held (CSP's IRS031 gives the municipalities')."""
    yearly = [r for r in (*rows, *sums) if r.period is not None and not r.period.is_month]
    return _per_1000(yearly, "registrations", "registrations_per_1000")


def population_index(rows: Iterable[Observation], regions: Sequence[str] = ("LV005", "LV")) -> list[Observation]:
    """Population on 1 January as a percentage of the base year: the first year from 2000 on that
    every one of ``regions`` holds (so Latgale and Latvia share their base).

    Computed within each release of the population (each basis), so that a figure draws each line from one
    release: a release that holds the base year divides by its own base; one that does not (a download
    limited to recent years) by the base year's value in use, which its inputs name. :func:`choose_newest`
    then shows the newest release of each cell and keeps the others' values in ``older``."""
    rows = [r for r in rows if r.period and not r.period.is_month]
    shown: dict[tuple[str, Period | None], Observation] = {(r.region, r.period): r for r in _rows(rows, "population")}
    years = [sorted(p.year for (code, p) in shown if code == region and p) for region in regions]
    common = sorted(set.intersection(*(set(y for y in ys if y >= 2000) for ys in years))) if years else []
    if not common:
        return []
    base = Period(common[0])
    # every publisher release (superseded ones too), and a press figure where it is the value in use
    releases = [
        r
        for r in _rows(rows, "population", _USABLE)
        if r.source_kind == SourceKind.PUBLISHER_FILE or r.status == Status.USED
    ]
    out = []
    for basis, cells in _by_basis(releases).items():
        for region in regions:
            first = cells.get((region, base), shown[(region, base)])
            for (code, period), r in _sorted(cells):
                if code == region and period is not None and period >= base:
                    value = r.value / first.value * 100
                    index = _derived("population_index", region, period, value, [r, first], basis=basis)
                    # a break flagged on the base year is no break inside the line: only the year's own is kept
                    index.flag = "".join(sorted(set(r.flag) | (set(first.flag) - {"b"})))
                    out.append(index)
    return out


def population_change_pct(rows: Iterable[Observation]) -> list[Observation]:
    """The change of the population during a year, %: 1 January of the next year against 1 January of the
    year, for every territory, within one release (basis) so both ends come from the same table."""
    releases = [r for r in _rows(rows, "population", _USABLE) if r.period is not None and not r.period.is_month]
    out = []
    for basis, cells in _by_basis(releases).items():
        for (region, year), start in _sorted(cells):
            end = cells.get((region, Period(year.year + 1))) if year is not None else None
            if end is None or not start.value:
                continue
            value = end.value / start.value * 100 - 100
            out.append(_derived("population_change_pct", region, year, value, [end, start], basis=basis))
    return out


MIN_RUN_YEARS = 5  # the shortest run of years a change of the annual average population is computed over


def population_average_change(rows: Iterable[Observation]) -> list[Observation]:
    """The change of the annual average population, %, for each territory and release: the last year
    against the first of the latest run of consecutive years (at least ``MIN_RUN_YEARS``) that no break
    declared for it crosses (the CSP's method change of 2023: the run 2012–2022 of IRS031)."""
    from ..core import breaks as BR

    declared = BR.of("population_average")
    yearly = [r for r in _rows(rows, "population_average", _USABLE) if r.period is not None and not r.period.is_month]
    out = []
    for basis, cells in _by_basis(yearly).items():
        regions = sorted({code for code, _ in cells})
        for region in regions:
            years = sorted(p for code, p in cells if code == region and p is not None)
            runs: list[list[Period]] = []
            for year in years:
                joined = runs and year.year == runs[-1][-1].year + 1
                crossed = joined and any(
                    k.applies(region) and k.between(str(runs[-1][-1]), str(year)) for k in declared
                )
                if joined and not crossed:
                    runs[-1].append(year)
                else:
                    runs.append([year])
            long = [run for run in runs if len(run) >= MIN_RUN_YEARS]
            if not long:
                continue
            first, last = cells[(region, long[-1][0])], cells[(region, long[-1][-1])]
            value = last.value / first.value * 100 - 100
            out.append(_derived("population_average_change", region, last.period, value, [last, first], basis=basis))
    return out


def unemployment_gaps(rows: Iterable[Observation], region: str = "LATGALE") -> list[Observation]:
    """Registered unemployment of a planning region minus each other planning region's, in
    percentage points, per month (``versus`` names the other region).

    ``region`` names a planning region by key (``LATGALE``…); the comparison is always made within one
    boundary vintage (2006 or 2021 planning regions), never across.
    """
    rates = {(r.region, r.period): r for r in _rows(rows, "registered_unemployment_rate")}
    out = []
    for vintage, versus in ((v, k) for k in R.PLANNING_KEYS if k != region for v in ("2006", "2021")):
        a_code, b_code = f"PR_{region}_{vintage}", f"PR_{versus}_{vintage}"
        for (code, period), a in _sorted(rates):
            b = rates.get((b_code, period))
            if code == a_code and b is not None:
                out.append(
                    _derived("unemployment_gap_pp", a_code, period, round(a.value - b.value, 10), [a, b], versus=b_code)
                )
    return out


def choose_newest(rows: list[Observation], derived: list[Observation]) -> None:
    """One value a cell across observations and derived values: the newest release wins (a value
    without a release date, a press figure, loses to any publisher release); on a tie the published
    observation wins. The others become superseded, with a note naming the value used; the value used keeps
    theirs in ``older`` (where a figure's line passes from one release to the next, the notes say how far
    apart the two are)."""
    cells: dict[tuple[str, str, Period | None, str | None], list[Observation]] = {}
    for r in (*rows, *derived):
        if r.status == Status.USED and r.kind != Kind.STATEMENT:
            cells.setdefault((r.indicator, r.region, r.period, r.versus), []).append(r)
    for group in cells.values():
        if len(group) < 2 or not any(r.kind == Kind.DERIVED for r in group):
            continue
        best = max(group, key=lambda r: (r.vintage or "", r.kind == Kind.OBSERVATION))
        for r in group:
            if r is not best:
                r.status = Status.SUPERSEDED
                used = best.vintage_from.label(best.vintage)
                r.note = (r.note + f" [superseded: {used} ({best.basis}) is used]").strip()
                best.older = (*best.older, (r.main_source(), r.value))


def all_derived(rows: list[Observation]) -> list[Observation]:
    sums = latvia_gdp_sums(rows)
    per_capita = gdp_per_capita_from_totals(rows, sums)
    register = register_sums(rows)
    derived = [
        *sums,
        *register,
        *registrations_per_1000(rows, register),
        *per_capita,
        *gdp_per_capita_index(rows, per_capita),
        *gdp_index_from_totals(rows, sums),
        *new_enterprises_per_1000(rows),
        *enterprise_births_per_1000(rows),
        *population_index(rows),
        *population_change_pct(rows),
        *population_average_change(rows),
        *unemployment_gaps(rows),
    ]
    choose_newest(rows, derived)
    return derived
