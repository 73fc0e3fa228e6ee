"""Figures read in public reports, one observation a row (``data/raw/*.csv`` entered by hand).

Columns: ``indicator, region, period, value, unit, publisher, url, quote, status, note``.
Files named ``application_*_statements.csv`` hold what an earlier application stated: they are
kept as statements (compared with current data, never merged into a series).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import Problem
from . import ReadResult

HEADER_START = "indicator,region,period,value,unit"
REQUIRED = ("indicator", "region", "period", "value", "unit", "publisher", "url", "quote")
OPTIONAL = ("status", "note")


def is_statements(path: Path) -> bool:
    return path.name.startswith("application_") and path.stem.endswith("_statements")


def read(path: Path, text: str, shown: str) -> ReadResult:
    result = ReadResult("curated CSV")
    kind = "statement" if is_statements(path) else "observation"
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        result.problems.append(Problem(shown, 1, "", "", "a header row with the column names"))
        return result
    missing = [c for c in REQUIRED if c not in header]
    for col in missing:
        result.problems.append(Problem(
            shown, 1, col, "", f"a column named {col!r} (columns must be {', '.join(REQUIRED + OPTIONAL)})",
            "add the column to the first row"))
    if missing:
        return result
    pos = {name: header.index(name) for name in header}
    line = reader.line_num + 1
    for cells in reader:
        row = line
        line = reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            result.problems.append(Problem(
                shown, row, "", ",".join(cells)[:60],
                f"{len(header)} cells as in the header, found {len(cells)}",
                "check the commas; text with a comma must be in double quotes"))
            continue
        get = {name: cells[i].strip() for name, i in pos.items()}
        source_kind = "statement" if kind == "statement" else "press figure"
        result.records.append({
            "indicator": get["indicator"], "region": get["region"], "period": get["period"],
            "value": get["value"], "unit": get["unit"], "flag": "",
            "status": get.get("status", ""), "publisher": get["publisher"],
            "dataset": path.stem, "vintage": None, "url": get["url"], "quote": get["quote"],
            "note": get.get("note", ""), "row": row, "kind": kind, "source_kind": source_kind,
            "columns": {k: k for k in get},
        })
    return result
