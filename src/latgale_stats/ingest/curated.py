"""Figures read in public reports, one observation a row (``data/raw/*.csv`` entered by hand).

Columns: ``indicator, region, period, value, unit, publisher, url, quote, status, note``.
Files named ``application_*_statements.csv`` hold what an earlier application stated: they are
kept as statements (compared with current data, never merged into a series).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from ..core.corrections import Correction, for_file
from ..core.model import Kind, RawRecord, Severity, SourceKind
from ..core.problems import Problem
from .base import ReadResult, Source

REQUIRED = ("indicator", "region", "period", "value", "unit", "publisher", "url", "quote")
OPTIONAL = ("status", "note")


DELIMITERS = (",", ";", "\t")  # as written by hand, by Excel with Latvian settings, as Excel's "Unicode text"
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")


def _header(src: Source) -> tuple[str, list[str]]:
    """The delimiter and the header cells of the first line (the delimiter that splits it most)."""
    first = (src.head or "").split("\n", 1)[0].strip().lstrip("\ufeff")
    sep = max(DELIMITERS, key=lambda d: first.count(d))
    return sep, [h.strip().strip('"').lower() for h in first.split(sep)]


def sniff(src: Source) -> bool:
    """A curated file: its header names indicator, region, period and value (the other columns may be
    missing: the reader says which)."""
    _, header = _header(src)
    return {"indicator", "region", "period", "value"} <= set(header)


def is_statements(path: Path) -> bool:
    return path.name.startswith("application_") and path.stem.endswith("_statements")


MAX_COLUMNS = 100  # the ten columns, with room for a person's own; a file with more is not one typed by hand
MAX_LINE_BYTES = 200_000  # a row of figures with its quote is a few hundred characters (UTF-16: two bytes each)


def _shape(src: Source, sep: str) -> str:
    """Why the file is too large a shape to be a curated CSV ('' if it is not): checked before its rows
    are parsed, in a fraction of a second whatever its size."""
    import numpy as np

    text = src.text or ""
    end = text.find("\n")
    columns = text.count(sep, 0, end if end >= 0 else len(text)) + 1
    if columns > MAX_COLUMNS:
        return f"a header of {columns:,} columns (at most {MAX_COLUMNS})"
    breaks = np.flatnonzero(np.frombuffer(src.data, dtype=np.uint8) == 10)
    edges = np.concatenate(([-1], breaks, [len(src.data)]))
    longest = int(np.diff(edges).max()) - 1
    if longest > MAX_LINE_BYTES:
        return f"a line of {longest:,} bytes (at most {MAX_LINE_BYTES:,})"
    return ""


def read(src: Source) -> ReadResult:
    result = ReadResult("curated CSV")
    statements = is_statements(src.path)
    kind = Kind.STATEMENT if statements else Kind.OBSERVATION
    source_kind = SourceKind.STATEMENT if statements else SourceKind.PRESS
    sep, _ = _header(src)
    shape = _shape(src, sep)
    if shape:
        result.problem(
            "too-large",
            src.at(1),
            expected=f"a curated CSV: {shape}",
            action="keep the ten columns and one figure a row; move anything else into another file",
        )
        return result
    reader = csv.reader(io.StringIO(src.text or "", newline=""), delimiter=sep)
    try:
        header = [h.strip().lower() for h in next(reader)]
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
    pos: dict[str, int] = {}
    for i, name in enumerate(header):
        pos.setdefault(name, i)  # the first column of a name, as list.index found it
    columns = {k: k for k in pos}
    corrections = for_file(src.path.name)
    applied: set[tuple[str, str, str]] = set()
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
        if sep != "," and _DECIMAL_COMMA.match(get["value"]):  # Excel with Latvian settings: 19,8
            get["value"] = get["value"].replace(",", ".")
        fix = corrections.get((get["indicator"], get["region"], get["period"]))
        if fix is not None and fix.written == get["publisher"]:
            _correct(result, src, row, get, fix)
            applied.add(fix.row)
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
    for key, fix in sorted(corrections.items()):
        if key not in applied:
            result.problems.append(
                Problem(
                    "stale-correction",
                    src.at(None, "publisher"),
                    " ".join(fix.row),
                    f"a row {', '.join(fix.row)} crediting {fix.written}, which latgale_stats/core/corrections.toml "
                    f"credits to {fix.publisher}",
                    "the row was changed or removed: remove or update its entry in corrections.toml",
                    Severity.WARNING,
                )
            )
    return result


def _correct(result: ReadResult, src: Source, row: int, get: dict[str, str], fix: Correction) -> None:
    """Credit a row to the publisher a declared correction names, say so in its note, and report it."""
    get["publisher"] = fix.publisher
    said = f"[publisher: the file says {fix.written}; credited to {fix.publisher} (core/corrections.toml)]"
    get["note"] = f"{get.get('note', '')} {said}".strip()
    result.problems.append(
        Problem(
            "publisher-corrected",
            src.at(row, "publisher"),
            fix.written,
            f"credited to {fix.publisher}, as latgale_stats/core/corrections.toml declares ({fix.reason})",
            "none needed (the file stays as collected); if the credit is wrong, edit the entry in corrections.toml",
            Severity.WARNING,
        )
    )
