"""Eurostat downloads: SDMX-CSV ("linear" CSV) and TSV, see FORMATS.md §9.

``DATAFLOW,LAST UPDATE,freq,unit,[sex,age,]geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG``, and in current
answers ``CONF_STATUS`` after ``OBS_FLAG`` (FORMATS.md §10); the ``LAST UPDATE`` of each row is the
vintage of the data. A non-empty confidentiality status is kept in the observation's note (it reaches
``check`` and indicators.xlsx; the flag, which the figures read letter by letter, is left to
``OBS_FLAG``); a confidential cell without a value is "not available", never a zero. Which rows
become which indicator is set per dataset in the dataset catalogue (``core/catalogue.toml``); rows
for units or breakdowns the catalogue does not use are counted and skipped, extra-regio codes
(``LVZ``…) are dropped.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from ..core import catalogue
from ..core import regions as R
from ..core.model import RawRecord, SourceKind, VintageFrom
from .base import ReadResult, Source

SDMX_MARKER = "DATAFLOW"
URL = "https://ec.europa.eu/eurostat/databrowser/view/{dataset}/default/table"


@dataclass(frozen=True)
class Dataset:
    """How a Eurostat dataset maps to the catalogue: fixed values of other dimensions, and the
    dimension (``unit`` or ``indic_sb``…) whose codes name the indicator; ``units`` gives the unit
    of each measure when the measure dimension is not itself the unit."""

    filters: dict[str, str]
    measure: str
    indicators: dict[str, str]  # measure code -> catalogue indicator
    units: dict[str, str] | None = None  # measure code -> unit, when the measure is not a unit


DATASETS: dict[str, Dataset] = {  # from the dataset catalogue (core/catalogue.toml, source eurostat)
    e.code: Dataset(
        dict(e.filters),
        e.measure,
        {code: ind for code, (ind, _) in e.codes.items()},
        {code: unit for code, (_, unit) in e.codes.items()},
    )
    for e in catalogue.entries("eurostat")
}
EXTRA_REGIO = ("LVZ", "LVZZ", "LVZZZ")
# Extra-regio GDP (territory outside the regions) is kept where Latvia is summed from its regions
KEEP_EXTRA_REGIO = {("gdp_total", "LVZZZ")}
# NUTS 1 and 2 "Latvia" (LV0, LV00) are the sum of the regions without extra-regio and differ from
# the country total LV (e.g. EUR_HAB 2007: LV 10400, LV0 10300); LV is Latvia here.
NOT_USED_GEO = {"LV0": "NUTS 1/2 totals (LV0, LV00)", "LV00": "NUTS 1/2 totals (LV0, LV00)"}
COLUMNS = ("DATAFLOW", "LAST UPDATE", "geo", "TIME_PERIOD", "OBS_VALUE")
CONF_STATUS = "CONF_STATUS"  # optional: current SDMX-CSV answers carry it after OBS_FLAG


def dataset_id(dataflow: str) -> str:
    """'ESTAT:NAMA_10R_3GDP(1.0)' -> 'nama_10r_3gdp'."""
    return dataflow.split(":", 1)[-1].split("(", 1)[0].strip().lower()


@cache
def vintage(last_update: str) -> str | None:
    """'21/02/23 23:00:00' -> '2023-02-21'."""
    for fmt in ("%d/%m/%y %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(last_update.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _take(
    src: Source,
    ds: str,
    coords: dict[str, str],
    period: str,
    cell_value: str,
    flag: str,
    vintage_: tuple[str | None, VintageFrom],
    row: int,
    value_column: str,
    skipped: dict[str, int],
    confidentiality: str = "",
) -> RawRecord | None:
    """One Eurostat cell as a record, or None (counted in ``skipped``) when it is not used.
    ``confidentiality``: the cell's ``CONF_STATUS`` (SDMX-CSV only), noted on the record."""
    spec = DATASETS[ds]
    if any(coords.get(dim, want) != want for dim, want in spec.filters.items()):
        skipped["other breakdowns"] = skipped.get("other breakdowns", 0) + 1
        return None
    measure, geo = coords.get(spec.measure, ""), coords.get("geo", "")
    indicator = spec.indicators.get(measure, "")
    if not indicator:
        reason: str | None = f"{spec.measure} {measure}"
    elif geo in EXTRA_REGIO and (indicator, geo) not in KEEP_EXTRA_REGIO:
        reason = "extra-regio"
    else:
        reason = NOT_USED_GEO.get(geo)
        if not reason and cell_value in ("", ":"):
            reason = (
                f"confidential, no value ({CONF_STATUS} {confidentiality})" if confidentiality else "not available (:)"
            )
    if not reason and not geo.startswith("LV") and geo not in R.BY_CODE:
        reason = "regions outside Latvia"  # a download of every EU region: Latvia's rows are used, the rest counted
    if reason:
        skipped[reason] = skipped.get(reason, 0) + 1
        return None
    unit = measure if spec.units is None else spec.units[measure]
    return RawRecord(
        indicator=indicator,
        region=geo,
        period=period,
        value=cell_value,
        unit=unit,
        publisher="Eurostat",
        dataset=ds,
        cell=src.at(row),
        source_kind=SourceKind.PUBLISHER_FILE,
        flag=flag,
        vintage=vintage_[0],
        vintage_from=vintage_[1],
        url=URL.format(dataset=ds),
        note=f"Eurostat confidentiality status ({CONF_STATUS}): {confidentiality}" if confidentiality else "",
        columns={
            "region": "geo",
            "period": "TIME_PERIOD",
            "value": value_column,
            "unit": spec.measure,
            "indicator": spec.measure,
        },
    )


def sniff_sdmx(src: Source) -> bool:
    first = (src.head or "").split("\n", 1)[0].strip().lstrip("\ufeff")
    return SDMX_MARKER in first and "OBS_VALUE" in first


def read_sdmx_csv(src: Source) -> ReadResult:
    result = ReadResult("Eurostat SDMX-CSV")
    reader = csv.reader(io.StringIO(src.text or "", newline=""))
    header = [h.strip() for h in next(reader)]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        result.problem(
            "missing-column",
            src.at(1, ", ".join(missing)),
            expected="the columns of a Eurostat SDMX-CSV download",
            action="download the dataset again as 'SDMX-CSV 1.0' from the data browser",
        )
        return result
    pos = {h: i for i, h in enumerate(header)}
    flag_col = pos.get("OBS_FLAG")
    conf_col = pos.get(CONF_STATUS)
    skipped: dict[str, int] = {}
    vintages: set[str] = set()
    line = 2
    for cells in reader:
        row = line
        line = reader.line_num + 1
        if not cells or not any(cells):
            continue
        if len(cells) != len(header):
            result.problem(
                "row-width",
                src.at(row),
                ",".join(cells)[:60],
                f"{len(header)} cells as in the header",
                "download the file again",
            )
            continue
        ds = dataset_id(cells[pos["DATAFLOW"]])
        if ds not in DATASETS:
            result.problem(
                "unknown-dataset",
                src.at(row, "DATAFLOW"),
                cells[pos["DATAFLOW"]],
                f"a Eurostat dataset the catalogue knows ({', '.join(DATASETS)})",
                "add the dataset to latgale_stats/ingest/eurostat.py and the indicator catalogue, "
                "or remove the file from data/raw/",
            )
            return result
        last_update = cells[pos["LAST UPDATE"]]
        v = vintage(last_update)
        if v is None:
            result.problem("bad-date", src.at(row, "LAST UPDATE"), last_update, "a date such as 21/02/23 23:00:00")
            continue
        coords = {dim: cells[i].strip() for dim, i in pos.items()}
        flag = cells[flag_col].strip() if flag_col is not None and flag_col < len(cells) else ""
        conf = cells[conf_col].strip() if conf_col is not None and conf_col < len(cells) else ""
        value = cells[pos["OBS_VALUE"]].strip()
        release = (v, VintageFrom.RELEASE)  # LAST UPDATE: Eurostat's own date of the release
        rec = _take(src, ds, coords, coords["TIME_PERIOD"], value, flag, release, row, "OBS_VALUE", skipped, conf)
        if rec is not None:
            vintages.add(v)
            result.records.append(rec)
    result.vintage = max(vintages) if vintages else None
    result.vintage_from = VintageFrom.RELEASE if vintages else VintageFrom.NONE
    if skipped:
        result.notes.append("rows not used: " + ", ".join(f"{k} ({n})" for k, n in sorted(skipped.items())))
    return result


_TSV_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def sniff_tsv(src: Source) -> bool:
    first = (src.head or "").split("\n", 1)[0].strip().lstrip("\ufeff")
    head = first.split("\t")[0].lower()
    return "\t" in first and ("\\time" in head or "\\time_period" in head)


def dataset_from_name(name: str) -> str | None:
    stem = name.lower()
    return next((ds for ds in DATASETS if stem.startswith(ds)), None)


def read_tsv(src: Source) -> ReadResult:
    """Eurostat's TSV: wide by period; the first column packs the dimensions ('unit,geo\\time' or
    'freq,unit,geo\\TIME_PERIOD'); cells are a number and optional flag letters, ':' when missing.
    The file holds neither the dataset code nor the release date: both come from the file's origin
    record (data/raw/origins.toml), else from the file name (e.g. nama_10r_3gdp_LV_2022-04-20.tsv), whose
    date is the day of the download (a copy date, cited "downloaded"), not a release date."""
    result = ReadResult("Eurostat TSV")
    lines = (src.text or "").splitlines()
    header = lines[0].split("\t")
    dims = [d.strip() for d in header[0].split("\\")[0].split(",")]
    periods = [h.strip() for h in header[1:]]
    ds = src.dataset if src.dataset in DATASETS else dataset_from_name(src.path.stem)
    if ds is None:
        result.problem(
            "file-name",
            src.at(None, "file name"),
            src.path.name,
            f"a file name starting with a Eurostat dataset the catalogue knows ({', '.join(DATASETS)})",
            "name the TSV after its dataset, e.g. nama_10r_3gdp_LV_2022-04-20.tsv, or record it in "
            "data/raw/origins.toml",
        )
        return result
    m = _TSV_DATE.search(src.path.stem)
    vintage_ = src.vintage(None, m.group(1) if m else None)  # a date in the name is a download's: a copy date
    skipped: dict[str, int] = {}
    for row, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        keys = [k.strip() for k in cells[0].split(",")]
        if len(cells) != len(header) or len(keys) != len(dims):
            result.problem(
                "row-width",
                src.at(row),
                line[:60],
                f"{len(header)} tab-separated cells and {len(dims)} codes in the first, as in the header",
                "the file is cut or damaged: download it again",
            )
            continue
        coords = dict(zip(dims, keys, strict=True))
        for period, cell in zip(periods, cells[1:], strict=False):
            number, _, flag = cell.strip().partition(" ")
            rec = _take(
                src, ds, coords, period, "" if number == ":" else number, flag.strip(), vintage_, row, period, skipped
            )
            if rec is not None:
                result.records.append(rec)
    result.vintage, result.vintage_from = vintage_
    if vintage_[0] is None:
        result.notes.append("no release date in the file, its origin record or its name: vintage unknown")
    if skipped:
        result.notes.append("cells not used: " + ", ".join(f"{k} ({n})" for k, n in sorted(skipped.items())))
    return result
