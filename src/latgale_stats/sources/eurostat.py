"""Eurostat SDMX-CSV downloads ("linear" CSV from the data browser), see FORMATS.md §9.

``DATAFLOW,LAST UPDATE,freq,unit,[sex,age,]geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG``; the
``LAST UPDATE`` of each row is the vintage of the data. Which rows become which indicator is set
per dataset in ``DATASETS`` below; rows for units or breakdowns the catalogue does not use are
counted and skipped, extra-regio codes (``LVZ``…) are dropped.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime
from functools import cache
from pathlib import Path

from ..errors import Problem
from . import ReadResult

SDMX_MARKER = "DATAFLOW"
URL = "https://ec.europa.eu/eurostat/databrowser/view/{dataset}/default/table"

# dataset -> (filter on other dimensions, unit -> indicator)
DATASETS: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    "nama_10r_3gdp": ({}, {
        "EUR_HAB": "gdp_per_capita",
        "PPS_HAB_EU27_2020": "gdp_per_capita_pps_eu",
        "MIO_EUR": "gdp_total",
    }),
    "demo_r_pjanaggr3": ({"sex": "T", "age": "TOTAL"}, {"NR": "population"}),
}
EXTRA_REGIO = ("LVZ", "LVZZ", "LVZZZ")
# NUTS 1 and 2 "Latvia" (LV0, LV00) are the sum of the regions without extra-regio and differ from
# the country total LV (e.g. EUR_HAB 2007: LV 10400, LV0 10300); LV is Latvia here.
NOT_USED_GEO = {"LV0": "NUTS 1/2 totals (LV0, LV00)", "LV00": "NUTS 1/2 totals (LV0, LV00)"}
COLUMNS = ("DATAFLOW", "LAST UPDATE", "unit", "geo", "TIME_PERIOD", "OBS_VALUE")


def dataset_id(dataflow: str) -> str:
    """'ESTAT:NAMA_10R_3GDP(1.0)' -> 'nama_10r_3gdp'."""
    return dataflow.split(":", 1)[-1].split("(", 1)[0].strip().lower()


@cache
def vintage(last_update: str) -> str | None:
    """'21/02/23 23:00:00' -> '2023-02-21'."""
    for fmt in ("%d/%m/%y %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%d/%m/%y", "%Y-%m-%dT%H:%M:%S"):
        try:
            return datetime.strptime(last_update.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _take(ds: str, coords: dict[str, str], period: str, cell_value: str, flag: str, vintage_: str | None,
          row: int, value_column: str, skipped: dict[str, int]) -> dict | None:
    """One Eurostat cell as a record, or None (counted in ``skipped``) when it is not used."""
    filters, unit_map = DATASETS[ds]
    if any(coords.get(dim, want) != want for dim, want in filters.items()):
        skipped["other breakdowns"] = skipped.get("other breakdowns", 0) + 1
        return None
    unit, geo = coords.get("unit", ""), coords.get("geo", "")
    reason = (f"unit {unit}" if unit not in unit_map else "extra-regio" if geo in EXTRA_REGIO
              else NOT_USED_GEO.get(geo) or ("not available (:)" if cell_value in ("", ":") else None))
    if reason:
        skipped[reason] = skipped.get(reason, 0) + 1
        return None
    return {
        "indicator": unit_map[unit], "region": geo, "period": period, "value": cell_value, "unit": unit,
        "flag": flag, "status": "", "publisher": "Eurostat", "dataset": ds, "vintage": vintage_,
        "url": URL.format(dataset=ds), "quote": "", "note": "", "row": row, "kind": "observation",
        "source_kind": "publisher file",
        "columns": {"region": "geo", "period": "TIME_PERIOD", "value": value_column, "unit": "unit",
                    "indicator": "unit"},
    }


def read_sdmx_csv(path: Path, text: str, shown: str) -> ReadResult:
    result = ReadResult("Eurostat SDMX-CSV")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip() for h in next(reader)]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        result.problems.append(Problem(shown, 1, ", ".join(missing), "",
                                       "the columns of a Eurostat SDMX-CSV download",
                                       "download the dataset again as 'SDMX-CSV 1.0' from the data browser"))
        return result
    pos = {h: i for i, h in enumerate(header)}
    flag_col = pos.get("OBS_FLAG")
    skipped: dict[str, int] = {}
    vintages: set[str] = set()
    line = 2
    for cells in reader:
        row = line
        line = reader.line_num + 1
        if not cells or not any(cells):
            continue
        if len(cells) < len(header):
            result.problems.append(Problem(shown, row, "", ",".join(cells)[:60],
                                           f"{len(header)} cells as in the header", "download the file again"))
            continue
        ds = dataset_id(cells[pos["DATAFLOW"]])
        if ds not in DATASETS:
            result.problems.append(Problem(
                shown, row, "DATAFLOW", cells[pos["DATAFLOW"]],
                f"a Eurostat dataset the catalogue knows ({', '.join(DATASETS)})",
                "add the dataset to latgale_stats/sources/eurostat.py and the indicator catalogue, "
                "or remove the file from data/raw/"))
            return result
        last_update = cells[pos["LAST UPDATE"]]
        v = vintage(last_update)
        if v is None:
            result.problems.append(Problem(shown, row, "LAST UPDATE", last_update,
                                           "a date such as 21/02/23 23:00:00"))
            continue
        coords = {dim: cells[i].strip() for dim, i in pos.items()}
        flag = cells[flag_col].strip() if flag_col is not None and flag_col < len(cells) else ""
        rec = _take(ds, coords, coords["TIME_PERIOD"], cells[pos["OBS_VALUE"]].strip(), flag, v, row,
                    "OBS_VALUE", skipped)
        if rec is not None:
            vintages.add(v)
            result.records.append(rec)
    result.vintage = max(vintages) if vintages else None
    if skipped:
        result.notes.append("rows not used: " + ", ".join(f"{k} ({n})" for k, n in sorted(skipped.items())))
    return result


_TSV_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def looks_like_tsv(first_line: str) -> bool:
    return "\t" in first_line and ("\\time" in first_line.split("\t")[0].lower()
                                   or "\\time_period" in first_line.split("\t")[0].lower())


def dataset_from_name(path: Path) -> str | None:
    stem = path.stem.lower()
    return next((ds for ds in DATASETS if stem.startswith(ds)), None)


def read_tsv(path: Path, text: str, shown: str) -> ReadResult:
    """Eurostat's TSV: wide by period; the first column packs the dimensions ('unit,geo\\time' or
    'freq,unit,geo\\TIME_PERIOD'); cells are a number and optional flag letters, ':' when missing.
    The file holds neither the dataset code nor the release date: both come from the file name
    (e.g. nama_10r_3gdp_LV_2022-04-20.tsv), as Eurostat names its downloads."""
    result = ReadResult("Eurostat TSV")
    lines = text.splitlines()
    header = lines[0].split("\t")
    dims = [d.strip() for d in header[0].split("\\")[0].split(",")]
    periods = [h.strip() for h in header[1:]]
    ds = dataset_from_name(path)
    if ds is None:
        result.problems.append(Problem(
            shown, None, "file name", path.name,
            f"a file name starting with a Eurostat dataset the catalogue knows ({', '.join(DATASETS)})",
            "name the TSV after its dataset, e.g. nama_10r_3gdp_LV_2022-04-20.tsv"))
        return result
    m = _TSV_DATE.search(path.stem)
    vintage_ = m.group(1) if m else None
    skipped: dict[str, int] = {}
    for row, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cells = line.split("\t")
        coords = dict(zip(dims, (k.strip() for k in cells[0].split(",")), strict=False))
        for period, cell in zip(periods, cells[1:], strict=False):
            number, _, flag = cell.strip().partition(" ")
            rec = _take(ds, coords, period, "" if number == ":" else number, flag.strip(), vintage_, row,
                        period, skipped)
            if rec is not None:
                result.records.append(rec)
    result.vintage = vintage_
    if vintage_ is None:
        result.notes.append("no release date in the file name: vintage unknown (name it …_YYYY-MM-DD.tsv)")
    if skipped:
        result.notes.append("cells not used: " + ", ".join(f"{k} ({n})" for k, n in sorted(skipped.items())))
    return result
