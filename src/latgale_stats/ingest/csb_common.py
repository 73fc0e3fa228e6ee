"""What the CSB readers share (data.stat.gov.lv downloads, see FORMATS.md §1–2, §6).

One reader a format, all ending in the same tidy table (territory, indicator, period, value as
written, row and column where it stood), which ``cells_to_records`` maps to the catalogue and the
region registry:

* web CSV (Latvian or English; ``;`` ``,`` or TAB; with or without the title line; one or two
  heading variables; long ``csv2``/``csv3`` API answers) — read with pandas, vectorised;
* web XLSX, both layouts ("Excel (xlsx)" and "with code and text");
* API answers in json-stat2 (v1 and v2) and PxWeb json, with or without a byte-order mark;
* PC-Axis PX files.

Missing-value symbols (``…``, ``...``, ``..``, ``.`` …) mean "not available": no observation.
``-`` means magnitude zero. Territories the registry does not know (municipalities, ``UNK``) and
indicators the catalogue does not know are counted and left out, and ``check`` says so.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..core import catalogue
from ..core import indicators as I
from ..core import regions as R
from ..core.model import CellRef, Period, RawRecord, SourceKind
from .base import ReadResult, Source

URL = "https://data.stat.gov.lv/pxweb/en/OSP_PUB/START/{table}"
MAX_CELLS = 5_000_000  # larger tables (a PX file) are refused before anything is allocated
# an API answer (json-stat2, PxWeb json): CSP's API gives at most 100 000 cells a request (its maxCells), so
# an answer declaring more is not one of its answers; some room for an API that raises its limit a little
MAX_API_CELLS = 150_000
MAX_COLUMNS = 10_000


def too_large(result: ReadResult, where: CellRef, sizes: list[int], action: str, limit: int = MAX_CELLS) -> int | None:
    """The number of cells a table declares (json-stat ``size``, PX VALUES), or None after adding a
    ``too-large`` problem when it is over ``limit``: checked before anything is allocated."""
    total = 1
    for n in sizes:
        total *= n
    if total <= limit:
        return total
    result.problem("too-large", where, " x ".join(map(str, sizes)), f"a table of at most {limit:,} cells", action)
    return None


MISSING = {"…", "...", "..", ".", "....", ".....", "......", ":", ""}
ZERO = "-"
AREA_NAMES = {"territorial unit", "teritoriālā vienība", "area", "territory", "teritorija"}
INDICATOR_NAMES = {"indicator", "indicators", "rādītāji", "rādītājs"}
TIME_NAMES = {"time period", "laika periods", "time", "year", "gads", "period", "periods", "gads/ceturksnis"}
_PERIOD = re.compile(r"^(\d{4})(?:M(\d{2}))?$")
_TRAILING_PERIOD = re.compile(r"^(.*\S)\s+(\d{4}(?:M\d{2})?)$")

# CSB indicator codes and labels (EN, LV) -> catalogue indicator and the unit CSB publishes it in: the
# dataset catalogue's [csp_labels] (core/catalogue.toml); tables of its [csp] entries are mapped by codes
CSB_INDICATORS: dict[str, tuple[str, str]] = catalogue.csp_labels()


def _key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def map_indicator(*candidates: str) -> tuple[str, str] | None:
    """The catalogue indicator for a CSB code or label (or a table title starting with a label)."""
    for c in candidates:
        if not c:
            continue
        k = _key(c)
        if k in CSB_INDICATORS:
            return CSB_INDICATORS[k]
    for c in candidates:
        k = _key(c or "")
        for label, target in CSB_INDICATORS.items():
            if len(label) > 8 and k.startswith(label):
                return target
    return None


def period_of(raw: str) -> str | None:
    m = _PERIOD.match(str(raw).strip())
    if not m:
        return None
    return m.group(1) if m.group(2) is None else f"{m.group(1)}-{m.group(2)}"


def _cmap(series: Any, fn: Any) -> Any:
    """``fn`` applied to each category of a categorical Series once; a plain (object) Series back."""
    import numpy as np
    import pandas as pd

    looked_up = np.array([fn(c) for c in series.cat.categories] + [None], dtype=object)
    return pd.Series(looked_up[series.cat.codes.to_numpy()], index=series.index, dtype=object)


def cells_to_records(cells: Any, src: Source, meta: dict[str, Any], result: ReadResult) -> None:
    """Map a tidy table of CSB cells (columns area, indicator, period, value, row, column; optional
    sheet) to observation records; count what is left out and say why."""
    import pandas as pd

    table = meta.get("table") or ""
    title = meta.get("title") or ""
    skipped: dict[str, int] = {}
    unknown_areas: dict[str, int] = {}
    unknown_indicators: dict[str, int] = {}

    def skip(reason: str, n: int = 1) -> None:
        skipped[reason] = skipped.get(reason, 0) + n

    if len(cells) == 0:
        result.problem(
            "empty-table", src.at(), expected="a table with at least one value", action="download the table again"
        )
        return
    for col in ("area", "indicator"):  # labels repeat: work on each distinct one once
        cells[col] = (
            cells[col].astype(str).astype("category")
            if cells[col].dtype != "category"
            else cells[col].cat.rename_categories(lambda c: str(c))
        )
    ind_map: dict[Any, Any] = {}
    context = (table, title) if not meta.get("indicator_dim", True) else ()
    by_catalogue = meta.get("indicator_map")
    for key in cells["indicator"].cat.categories:
        ind_map[key] = by_catalogue.get(key) if by_catalogue is not None else map_indicator(key, *context)
    mapped = _cmap(cells["indicator"], lambda k: ind_map[k] is not None).astype(bool)
    if not mapped.any():
        names = ", ".join(sorted({str(k) for k in ind_map})[:5]) or title[:60]
        result.problem(
            "unknown-dataset",
            src.at(None, "indicator"),
            names,
            "a CSB table with an indicator of the catalogue (population, GDP, GDP per capita, GDP share)",
            "download a table the catalogue knows, or add the label to [csp_labels] in "
            "src/latgale_stats/core/catalogue.toml",
        )
        return
    counts = cells["indicator"].value_counts()
    for key, target in ind_map.items():
        if target is None:
            unknown_indicators[str(key)] = int(counts.get(key, 0))
    import numpy as np

    # territories: each distinct name once per indicator (a table of codes, indexed by the rows'
    # category codes); a name that fits units of several boundary vintages is resolved per period
    area = cells["area"]
    area_cats = list(area.cat.categories)
    on = BOUNDARY_YEAR.get(meta.get("boundaries") or "")  # a table on one set of territories for every year
    ind_cats = list(cells["indicator"].cat.categories)
    lut: Any = np.full((len(ind_cats), len(area_cats)), None, dtype=object)
    for k, key in enumerate(ind_cats):
        if ind_map[key] is not None:
            lut[k] = [_area_code(str(a), ind_map[key][0], on) for a in area_cats]
    known_lut: Any = (lut != None) & (lut != "?")  # noqa: E711  (element-wise, not identity)
    area_codes = area.cat.codes.to_numpy()
    ind_codes = cells["indicator"].cat.codes.to_numpy()
    found: Any = lut[ind_codes, area_codes]
    known_mask = known_lut[ind_codes, area_codes]
    unknown = ~known_mask & mapped.to_numpy() & (found == None)  # noqa: E711  (element-wise)
    if unknown.any():
        per_area = np.bincount(area_codes[unknown], minlength=len(area_cats))
        for name, n in zip(area_cats, per_area, strict=True):
            if n:
                unknown_areas[str(name)] = int(n)
    # periods: only for the rows that stay
    ambiguous = np.flatnonzero((lut == "?")[ind_codes, area_codes])
    rows = np.flatnonzero(known_mask)
    period_raw = cells["period"].to_numpy(dtype=object)
    periods = {p: period_of(p) for p in set(period_raw[np.concatenate([rows, ambiguous])])}
    bad_periods = sorted(str(p) for p, v in periods.items() if v is None)
    for i in ambiguous:
        per = periods.get(period_raw[i])
        found[i] = _area_code(str(area_cats[area_codes[i]]), ind_map[ind_cats[ind_codes[i]]][0], per) if per else None
        known_mask[i] = found[i] is not None
    indicator: Any = pd.Series(
        [ind_map[c][0] if ind_map[c] else None for c in ind_cats] + [None], dtype=object
    ).to_numpy()[ind_codes]
    indicator = pd.Series(indicator, index=cells.index, dtype=object)
    period = (
        pd.Series([periods.get(p) for p in period_raw] if len(ambiguous) else None, index=cells.index, dtype=object)
        if len(ambiguous)
        else pd.Series(None, index=cells.index, dtype=object)
    )
    rows = np.flatnonzero(known_mask)
    period.iloc[rows] = [periods.get(p) for p in period_raw[rows]]
    if bad_periods:
        skip(f"periods other than years and months ({', '.join(bad_periods[:3])})", int(period.iloc[rows].isna().sum()))
    code = pd.Series(found, index=cells.index, dtype=object)
    known = pd.Series(known_mask, index=cells.index)
    keep = known & period.notna()
    value = cells.loc[keep, "value"].astype(str).str.strip()
    missing = value.isin(MISSING)
    if missing.any():
        skip("not available (…)", int(missing.sum()))
    zero = value == ZERO
    if zero.any():
        no_zero = zero & indicator[value.index].map(lambda i: I.get(i).minimum > 0)
        if no_zero.any():
            skip("magnitude zero (-)", int(no_zero.sum()))
        value = value.where(~zero, "0")
        missing |= no_zero
    value = value[~missing].str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
    comma = value.str.contains(",", regex=False) & ~value.str.contains(".", regex=False)
    value = value.where(~comma, value.str.replace(",", ".", regex=False))
    kept = pd.DataFrame({"indicator": indicator[value.index], "period": period[value.index]})
    vintage, vintage_from = src.vintage(meta.get("vintage_content"), meta.get("vintage_name"))
    url = meta.get("url") or (URL.format(table=table) if table else "")
    publisher = meta.get("publisher") or "CSB"
    dataset = table or src.path.stem
    columns = {"region": "Territorial unit", "period": "Time period", "indicator": "Indicator", "unit": "Indicator"}
    units = {k: v[1] for k, v in ind_map.items() if v}
    unit_of = {ind_id: unit for ind_id, unit in (ind_map[k] for k in units)}
    sheets = cells.loc[kept.index, "sheet"] if "sheet" in cells.columns else [""] * len(kept)
    for ind_id, region, per, val, row, col, sheet in zip(
        kept["indicator"],
        code[kept.index],
        kept["period"],
        value,
        cells.loc[kept.index, "row"],
        cells.loc[kept.index, "column"],
        sheets,
        strict=True,
    ):
        result.records.append(
            RawRecord(
                indicator=ind_id,
                region=region,
                period=per,
                value=val,
                unit=unit_of[ind_id],
                publisher=publisher,
                dataset=dataset,
                cell=src.at(int(row), str(col), sheet),
                source_kind=SourceKind.PUBLISHER_FILE,
                vintage=vintage,
                vintage_from=vintage_from,
                url=url,
                columns=columns,
            )
        )
    result.vintage, result.vintage_from = vintage, vintage_from
    if unknown_areas:
        names = ", ".join(sorted(unknown_areas)[:4]) + (" …" if len(unknown_areas) > 4 else "")
        skip(f"territories not in the region registry ({names})", sum(unknown_areas.values()))
    if unknown_indicators:
        skip(
            f"indicators not in the catalogue ({', '.join(sorted(unknown_indicators)[:4])})",
            sum(unknown_indicators.values()),
        )
    if skipped:
        result.notes.append("rows not used: " + ", ".join(f"{k} ({n})" for k, n in sorted(skipped.items())))


def _area_code(label: str, indicator: str, period: str | None) -> str | None:
    """The registry code for a CSB territory label or code; None if unknown; '?' if the name fits
    several units and no period was given."""
    label = label.strip()
    if label in R.BY_CODE:
        return label
    ind = I.get(indicator)
    try:
        return R.resolve(label, ind.schemes, Period.of(period), suggest=False).code
    except R.UnknownRegion:
        if ind.coded and _CSP_CODE.match(label):  # a state city or municipality by CSP's code (LV0002000)
            try:
                return R.resolve(label, ind.coded, Period.of(period), suggest=False).code
            except (R.UnknownRegion, R.AmbiguousRegion):
                return None
        code = _CODE_AND_NAME.match(label)  # 'LV0022000 Augšdaugavas novads' (a download with codes and texts)
        return _area_code(code.group(1), indicator, period) if code else _named(label, ind.schemes, period)
    except R.AmbiguousRegion:
        return "?" if period is None else None


BOUNDARY_YEAR = {"2021": "2023"}  # a year in which every unit of that set of boundaries was in force


def _named(label: str, schemes: Sequence[str], period: str | None) -> str | None:
    """A municipality by the name the CSP's English tables give it ("Aizkraukle municipality") or its
    Latvian name, as ``core/territory/names.csv`` has them, among the units of ``schemes`` valid in ``period``."""
    from ..core.territory import names as NM

    key = R.fold(label)
    on = Period.of(period)
    found = [
        code
        for code, forms in NM.table().items()
        if key in (R.fold(forms.english), R.fold(forms.nominative))
        and code in R.BY_CODE
        and set(R.BY_CODE[code].schemes) & set(schemes)
        and (on is None or R.BY_CODE[code].valid_on(on.end()))
    ]
    return found[0] if len(found) == 1 else None


_CODE_AND_NAME = re.compile(r"^(LV[0-9A-C]*)\s+\S")
_CSP_CODE = re.compile(r"^LV\d{7}$")


def unpack(categories: Sequence[Sequence[str]]) -> Iterator[tuple[str, ...]]:
    """Every cell's coordinates of a cube whose values are stored row-major (the last dimension
    varies fastest), as json-stat2 and PC-Axis store them."""
    return itertools.product(*categories)


def table_from_name(path: Path) -> str:
    m = re.match(r"^([A-Z]{2,4}\d{3}[a-z]?)(?:_|$)", path.stem)
    return m.group(1) if m else ""


def date_from_name(path: Path) -> str | None:
    """CSB download names carry the download time: IRS030_20231109-185354.csv -> 2023-11-09."""
    m = re.search(r"_(\d{4})(\d{2})(\d{2})-\d{6}$", path.stem) or re.search(r"_(\d{4})-(\d{2})-(\d{2})$", path.stem)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None
