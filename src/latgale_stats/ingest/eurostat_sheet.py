"""Eurostat data browser "spreadsheet" CSV export of a custom view.

A header block (``Data extracted on … from [ESTAT]``, ``Dataset: ,<title> [<code>__custom_…]``,
``Last updated: ,10/02/2026 11:00`` = the vintage, one line per fixed dimension such as
``Unit of measure,,Million euro``), a ``TIME`` row with a value column and a flag column per period,
a ``GEO (Codes),GEO (Labels)`` row, one row a territory (numbers written ``"1,446.25"`` with comma
thousands separators, ``:`` not available), an empty row, then a legend block. Every shape the format
promises is checked: a missing release date, a value/flag pair out of step, text in a value cell are
errors naming the row and column.
"""

from __future__ import annotations

import csv
import io
import re

from ..core.model import VintageFrom
from .base import ReadResult, Source
from .eurostat import DATASETS, _take, vintage

# dimension labels of the header block -> (dimension code, value label -> code)
DIMENSIONS: dict[str, tuple[str, dict[str, str]]] = {
    "time frequency": ("freq", {"annual": "A"}),
    "unit of measure": (
        "unit",
        {
            "million euro": "MIO_EUR",
            "euro per inhabitant": "EUR_HAB",
            "number": "NR",
            "purchasing power standard (pps, eu27 from 2020), per inhabitant in percentage of the eu27 "
            "(from 2020) average": "PPS_HAB_EU27_2020",
        },
    ),
    "sex": ("sex", {"total": "T"}),
    "age class": ("age", {"total": "TOTAL"}),
    "size classes in number of employees": ("sizeclas", {"total": "TOTAL"}),
}
_NUMBER = re.compile(r"^-?\d{1,3}(?:,\d{3})*(?:\.\d+)?$|^-?\d+(?:\.\d+)?$")
_FLAG = re.compile(r"^[a-z]{0,4}$")
_PERIOD = re.compile(r"^\d{4}(?:-\d{2})?$")


def sniff(src: Source) -> bool:
    head = (src.head or "")[:2000]
    return head.lstrip("\ufeff").startswith("Data extracted on") and "Dataset:" in head and "[" in head


def _letter(i: int) -> str:
    """The spreadsheet column letter of the 0-based column ``i`` (0 -> A, 26 -> AA)."""
    out = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        out = chr(65 + r) + out
    return out


def _column(i: int, period: str) -> str:
    return f"{period} ({_letter(i)})"


def read(src: Source) -> ReadResult:  # noqa: C901 - one pass over a small, strictly shaped file
    result = ReadResult("Eurostat spreadsheet CSV")
    rows = list(csv.reader(io.StringIO(src.text or "", newline="")))
    dataset, release, coords, time_row = "", None, {}, None
    for n, cells in enumerate(rows, 1):
        first = cells[0].strip() if cells else ""
        if first.startswith("Dataset:"):
            title = next((c for c in cells[1:] if c.strip()), "")
            m = re.search(r"\[([^\]]+)\]\s*$", title)
            dataset = (m.group(1).split("__", 1)[0].strip().lower()) if m else ""
            if dataset not in DATASETS:
                result.problem(
                    "unknown-dataset",
                    src.at(n, "Dataset"),
                    title[-60:],
                    f"a Eurostat dataset the catalogue knows ({', '.join(DATASETS)})",
                    "download a dataset the catalogue knows, or add it to latgale_stats/ingest/eurostat.py",
                )
                return result
        elif first.startswith("Last updated"):
            text = next((c for c in cells[1:] if c.strip()), "")
            release = vintage(text)
            if release is None:
                result.problem(
                    "bad-date",
                    src.at(n, "Last updated"),
                    text,
                    "a date such as 10/02/2026 11:00",
                    "download the table again from the data browser",
                )
                return result
        elif first.lower() in DIMENSIONS and len(cells) > 2:
            dim, values = DIMENSIONS[first.lower()]
            label = cells[2].strip()
            code = values.get(label.lower())
            if code is None:
                result.problem(
                    "unexpected-dimension",
                    src.at(n, first),
                    label,
                    f"one of {', '.join(repr(v) for v in values)}",
                    f"select one of these for '{first}' in the data browser and download again",
                )
                return result
            coords[dim] = code
        elif first == "TIME":
            time_row = n
            break
    if not dataset:
        result.problem(
            "missing-column",
            src.at(2, "Dataset"),
            expected="a 'Dataset:' line with the dataset code in brackets",
            action="download the table again as 'Spreadsheet' from the data browser",
        )
        return result
    if release is None:
        result.problem(
            "missing-release-date",
            src.at(3, "Last updated"),
            expected="a 'Last updated:' line with the release date",
            action="download the table again from the data browser: the export must keep its header lines",
        )
        return result
    if time_row is None:
        result.problem(
            "missing-column",
            src.at(None, "TIME"),
            expected="a TIME row with the periods",
            action="download the table again as 'Spreadsheet' from the data browser",
        )
        return result
    header = rows[time_row - 1]
    periods: list[tuple[int, str]] = []
    for i in range(2, len(header), 2):
        period, flag_head = header[i].strip(), header[i + 1].strip() if i + 1 < len(header) else ""
        if not period and not flag_head:
            continue
        if not _PERIOD.match(period) or flag_head:
            result.problem(
                "row-width",
                src.at(time_row, _column(i, period or flag_head)),
                period or flag_head,
                "a period in every other column, each followed by its (empty) flag column",
                "download the table again: a column was added or removed",
            )
            return result
        periods.append((i, period))
    line = time_row + 1
    if line <= len(rows) and rows[line - 1] and rows[line - 1][0].strip().startswith("GEO"):
        line += 1
    skipped: dict[str, int] = {}
    while line <= len(rows) and any(c.strip() for c in rows[line - 1]):
        cells = rows[line - 1]
        geo = cells[0].strip()
        for i, period in periods:
            raw = cells[i].strip() if i < len(cells) else ""
            flag = cells[i + 1].strip() if i + 1 < len(cells) else ""
            where = src.at(line, _column(i, period))
            if _NUMBER.match(flag) or (not _FLAG.match(flag)):
                result.problem(
                    "row-width",
                    src.at(line, _column(i + 1, f"{period} flag")),
                    flag,
                    "a flag (letters such as p or e) or nothing in the column after each value",
                    "the value and flag columns are out of step: download the table again",
                )
                continue
            if raw in ("", ":"):
                value = ""
            elif _NUMBER.match(raw):
                value = raw.replace(",", "")
            else:
                result.problem(
                    "not-a-number",
                    where,
                    raw,
                    "a number such as 1,446.25, or : for not available",
                    "download the table again; never edit a publisher's file",
                )
                continue
            rec = _take(
                src,
                dataset,
                {**coords, "geo": geo},
                period,
                value,
                flag,
                (release, VintageFrom.RELEASE),  # "Last updated": Eurostat's date of the release
                line,
                _column(i, period),
                skipped,
            )
            if rec is not None:
                result.records.append(rec)
        line += 1
    result.vintage, result.vintage_from = release, VintageFrom.RELEASE
    if skipped:
        result.notes.append("cells not used: " + ", ".join(f"{k} ({n})" for k, n in sorted(skipped.items())))
    return result
