"""Values the argument needs, computed from observations and labelled as derived.

Each derived value keeps its inputs (the cells it was computed from) and the sources of those
inputs as structured fields. Nothing is interpolated: a value is derived only where every input
exists for the same territory (same region code, hence the same territorial scheme) and period.
Which indicators a derived indicator reads is declared in the catalogue (``Indicator.inputs``).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core import indicators as I
from ..core import regions as R
from ..core.model import Kind, Observation, Period, SourceKind, Status

DERIVED_PUBLISHER = "latgale-stats (derived)"


def _used(rows: Iterable[Observation], indicator: str) -> list[Observation]:
    return [r for r in rows if r.indicator == indicator and r.status == Status.USED and r.kind == Kind.OBSERVATION]


def _derived(
    indicator: str,
    region: str,
    period: Period | None,
    value: float,
    inputs: list[Observation],
    versus: str | None = None,
) -> Observation:
    datasets = {r.dataset for r in inputs}
    vintages = sorted({r.vintage for r in inputs if r.vintage})
    sources = tuple(dict.fromkeys(s for r in inputs for s in r.sources))
    publishers = " + ".join(sorted({s.publisher for s in sources}))
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
        vintage=vintages[0] if len(vintages) == 1 else (" / ".join(vintages) or None),
        note=I.get(indicator).derivation,
        versus=versus,
        inputs=tuple(r.as_input() for r in inputs),
        sources=sources,
    )


def gdp_per_capita_index(rows: Iterable[Observation]) -> list[Observation]:
    """GDP per capita of each region / Latvia's x 100, within one publisher file and vintage."""
    groups: dict[tuple[str, str | None], dict[tuple[str, Period | None], Observation]] = {}
    for r in _used(rows, "gdp_per_capita"):
        if r.source_kind == SourceKind.PUBLISHER_FILE:
            groups.setdefault((r.cell.file if r.cell else "", r.vintage), {})[(r.region, r.period)] = r
    out = []
    for cells in groups.values():
        for (region, period), r in sorted(cells.items(), key=lambda kv: (kv[0][0], kv[0][1] or Period(0))):
            lv = cells.get(("LV", period))
            if region in ("LV", "EU27_2020") or lv is None or not lv.value:
                continue
            out.append(_derived("gdp_per_capita_index", region, period, r.value / lv.value * 100, [r, lv]))
    return out


def new_enterprises_per_1000(rows: Iterable[Observation]) -> list[Observation]:
    """New enterprises / population on 1 January x 1000, same territory code and year."""
    rows = list(rows)
    population = {(r.region, r.period): r for r in _used(rows, "population")}
    out = []
    counts = {(r.region, r.period): r for r in _used(rows, "new_enterprises")}
    for (region, period), c in sorted(counts.items(), key=lambda kv: (kv[0][0], kv[0][1] or Period(0))):
        p = population.get((region, period))
        if p is not None:
            out.append(_derived("new_enterprises_per_1000", region, period, c.value / p.value * 1000, [c, p]))
    return out


def unemployment_gaps(rows: Iterable[Observation], region: str = "LATGALE") -> list[Observation]:
    """Registered unemployment of a planning region minus each other planning region's, in
    percentage points, per month (``versus`` names the other region).

    ``region`` names a planning region by key (``LATGALE``…); the comparison is always made within one
    boundary vintage (2006 or 2021 planning regions), never across.
    """
    rates = {(r.region, r.period): r for r in _used(rows, "registered_unemployment_rate")}
    out = []
    for vintage, versus in ((v, k) for k in R.PLANNING_KEYS if k != region for v in ("2006", "2021")):
        a_code, b_code = f"PR_{region}_{vintage}", f"PR_{versus}_{vintage}"
        for (code, period), a in sorted(rates.items(), key=lambda kv: (kv[0][0], kv[0][1] or Period(0))):
            b = rates.get((b_code, period))
            if code == a_code and b is not None:
                out.append(
                    _derived("unemployment_gap_pp", a_code, period, round(a.value - b.value, 10), [a, b], versus=b_code)
                )
    return out


def all_derived(rows: list[Observation]) -> list[Observation]:
    return [*gdp_per_capita_index(rows), *new_enterprises_per_1000(rows), *unemployment_gaps(rows)]
