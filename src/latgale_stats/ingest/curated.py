"""Figures read in public reports, one observation a row (``data/raw/*.csv`` entered by hand).

Columns: ``indicator, region, period, value, unit, publisher, url, quote, status, note``.
Files named ``application_*_statements.csv`` hold what an earlier application stated: they are
kept as statements (compared with current data, never merged into a series).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..core.model import Kind, RawRecord, SourceKind
from .base import ReadResult, Source

HEADER_START = "indicator,region,period,value,unit"
REQUIRED = ("indicator", "region", "period", "value", "unit", "publisher", "url", "quote")
OPTIONAL = ("status", "note")


def sniff(src: Source) -> bool:
    first = (src.head or "").split("\n", 1)[0].strip().lstrip("\ufeff")
    return first.replace(" ", "").startswith(HEADER_START)


def is_statements(path: Path) -> bool:
    return path.name.startswith("application_") and path.stem.endswith("_statements")


def read(src: Source) -> ReadResult:
    result = ReadResult("curated CSV")
    statements = is_statements(src.path)
    kind = Kind.STATEMENT if statements else Kind.OBSERVATION
    source_kind = SourceKind.STATEMENT if statements else SourceKind.PRESS
    reader = csv.reader(io.StringIO(src.text or "", newline=""))
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        result.problem("missing-column", src.at(1), expected="a header row with the column names")
        return result
    for col in (c for c in REQUIRED if c not in header):
        result.problem(
            "missing-column",
            src.at(1, col),
            expected=f"a column named {col!r} (columns must be {', '.join(REQUIRED + OPTIONAL)})",
            action="add the column to the first row",
        )
    if result.problems:
        return result
    pos = {name: header.index(name) for name in header}
    columns = {k: k for k in pos}
    line = reader.line_num + 1
    for cells in reader:
        row = line
        line = reader.line_num + 1
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            result.problem(
                "row-width",
                src.at(row),
                ",".join(cells)[:60],
                f"{len(header)} cells as in the header, found {len(cells)}",
                "check the commas; text with a comma must be in double quotes",
            )
            continue
        get = {name: cells[i].strip() for name, i in pos.items()}
        result.records.append(
            RawRecord(
                indicator=get["indicator"],
                region=get["region"],
                period=get["period"],
                value=get["value"],
                unit=get["unit"],
                publisher=get["publisher"],
                dataset=src.path.stem,
                cell=src.at(row),
                kind=kind,
                source_kind=source_kind,
                status=get.get("status", ""),
                url=get["url"],
                quote=get["quote"],
                note=get.get("note", ""),
                columns=columns,
            )
        )
    return result
