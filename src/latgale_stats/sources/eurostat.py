"""Eurostat SDMX-CSV downloads ("linear" CSV from the data browser), see FORMATS.md §9.

``DATAFLOW,LAST UPDATE,freq,unit,[sex,age,]geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG``; the
``LAST UPDATE`` of each row is the vintage of the data. Which rows become which indicator is set
per dataset in ``DATASETS`` below; rows for units or breakdowns the catalogue does not use are
counted and skipped, extra-regio codes (``LVZ``…) are dropped.
"""

from __future__ import annotations

import csv
import io
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
        spec = DATASETS.get(ds)
        if spec is None:
            result.problems.append(Problem(
                shown, row, "DATAFLOW", cells[pos["DATAFLOW"]],
                f"a Eurostat dataset the catalogue knows ({', '.join(DATASETS)})",
                "add the dataset to latgale_stats/sources/eurostat.py and the indicator catalogue, "
                "or remove the file from data/raw/"))
            return result
        filters, unit_map = spec
        if any(cells[pos[dim]].strip() != want for dim, want in filters.items() if dim in pos):
            skipped["other breakdowns"] = skipped.get("other breakdowns", 0) + 1
            continue
        unit = cells[pos["unit"]].strip()
        geo = cells[pos["geo"]].strip()
        if unit not in unit_map:
            skipped[f"unit {unit}"] = skipped.get(f"unit {unit}", 0) + 1
            continue
        if geo in EXTRA_REGIO:
            skipped["extra-regio"] = skipped.get("extra-regio", 0) + 1
            continue
        if geo in NOT_USED_GEO:
            skipped[NOT_USED_GEO[geo]] = skipped.get(NOT_USED_GEO[geo], 0) + 1
            continue
        value = cells[pos["OBS_VALUE"]].strip()
        flag = cells[flag_col].strip() if flag_col is not None and flag_col < len(cells) else ""
        if value in ("", ":"):
            skipped["not available (:)"] = skipped.get("not available (:)", 0) + 1
            continue
        last_update = cells[pos["LAST UPDATE"]]
        v = vintage(last_update)
        if v is None:
            result.problems.append(Problem(shown, row, "LAST UPDATE", last_update,
                                           "a date such as 21/02/23 23:00:00"))
            continue
        vintages.add(v)
        result.records.append({
            "indicator": unit_map[unit], "region": geo, "period": cells[pos["TIME_PERIOD"]].strip(),
            "value": value, "unit": unit, "flag": flag, "status": "", "publisher": "Eurostat",
            "dataset": ds, "vintage": v, "url": URL.format(dataset=ds), "quote": "",
            "note": "", "row": row, "kind": "observation", "source_kind": "publisher file",
            "columns": {"region": "geo", "period": "TIME_PERIOD", "value": "OBS_VALUE", "unit": "unit",
                        "indicator": "unit"},
        })
    result.vintage = max(vintages) if vintages else None
    if skipped:
        result.notes.append("rows not used: " + ", ".join(f"{k} ({n})" for k, n in sorted(skipped.items())))
    return result
