"""The data-entry workbook: figures published as reports, not files (NVA monthly releases, Lursoft
studies), typed in by an analyst with their source.

``latgale-stats template`` writes it: an instructions sheet (Latvian and English) and a sheet per
indicator with drop-down lists of valid region names, units, publishers and status, a numeric check
on values, and required publisher and source-address columns. The reader takes the filled workbook
(numbers typed with a decimal comma too) and reports every row without a source, with its sheet and
row. Rows are validated like every other input (see ``dataset``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..core import indicators as I
from ..core.model import RawRecord, SourceKind
from .base import ReadResult, Source

MARKER = "latgale_stats_entry"
MAX_ROWS = 50_000  # figures typed by hand: a sheet reaching further holds something else (and costs minutes)
MAX_COLUMNS = 100
INSTRUCTIONS = "Norādījumi - Instructions"
LISTS = "lists"
COLUMNS = [
    ("region", "Reģions / Region", 26),
    ("period", "Periods / Period (YYYY vai YYYY-MM)", 20),
    ("value", "Vērtība / Value", 12),
    ("unit", "Mērvienība / Unit", 34),
    ("publisher", "Publicētājs / Publisher", 14),
    ("url", "Avota adrese / Source URL", 44),
    ("quote", "Citāts / Quote", 44),
    ("status", "Statuss / Status", 10),
    ("note", "Piezīme / Note", 30),
]
SHEETS = (
    "registered_unemployment_rate",
    "new_enterprises",
    "liquidated_enterprises",
    "population",
    "gdp_per_capita",
    "gdp_total",
    "gdp_share",
    "gdp_per_capita_pps_eu",
)
PUBLISHERS = ("NVA", "CSB", "Lursoft", "Eurostat")
# Latvian for the units a figure is typed in besides each indicator's own (whose Latvian the catalogue
# holds): the drop-down offers "Latvian / English"; the reader takes either half too.
UNITS_LV = {
    "EUR thousand per inhabitant": "tūkst. EUR uz vienu iedzīvotāju",
    "EUR thousand": "tūkst. EUR",
    "EUR billion": "mljrd. EUR",
}
# the status drop-down: Latvian / English, read back as the status the data model knows
STATUSES = {"apšaubāms / suspect": "suspect", "apšaubāms": "suspect"}
LIST_SEPARATOR = " / "


def unit_choices(indicator: str) -> dict[str, str]:
    """The unit drop-down of an indicator's sheet: 'Latvian / English' label -> the unit as written
    in the catalogue (its own unit, then the scales a report may use: thousand, billion)."""
    ind = I.get(indicator)
    choices = {}
    for unit in ind.units:
        lv = ind.unit_lv if unit == ind.unit else UNITS_LV.get(unit)
        if lv:
            choices[f"{lv}{LIST_SEPARATOR}{unit}"] = unit
    return choices


def _unit(indicator: str, typed: str) -> str:
    """A unit as picked or typed: a drop-down label or its Latvian half gives the catalogue's unit;
    anything else is left as typed (validation names the accepted units)."""
    for label, unit in unit_choices(indicator).items():
        if typed.casefold() in (label.casefold(), label.split(LIST_SEPARATOR)[0].casefold()):
            return unit
    return typed


TEXT = [
    ("Kā lietot šo darbgrāmatu", "How to use this workbook"),
    (
        "1. Katrā lapā ir viens rādītājs (lapas nosaukums). Vienā rindā ierakstiet vienu skaitli.",
        "1. Each sheet holds one indicator (the sheet's name). Type one figure per row.",
    ),
    (
        "2. Reģionu un mērvienību izvēlieties no saraksta; periods: gads (2025) vai mēnesis (2025-12).",
        "2. Pick the region and the unit from the list; period: a year (2025) or a month (2025-12).",
    ),
    (
        "3. Vērtību rakstiet kā publicēts (19,8 vai 19.8). Publicētājs un avota adrese ir obligāti.",
        "3. Type the value as published (19,8 or 19.8). Publisher and source address are required.",
    ),
    (
        "4. Ja skaitlis avotā izskatās kļūdains, statusā izvēlieties 'apšaubāms / suspect' un piezīmē paskaidrojiet.",
        "4. If a figure looks wrong in its source, choose 'apšaubāms / suspect' as status and explain in the note.",
    ),
    (
        "5. Saglabājiet failu mapē data/raw/ un palaidiet make build. Kļūdas tiek parādītas ar lapu un rindu.",
        "5. Save the file into data/raw/ and run make build. Errors are shown with the sheet and the row.",
    ),
]


# a number as a spreadsheet program with Latvian settings keeps it where it stays text: a decimal comma,
# groups of three separated by a space or a no-break space
DECIMAL_COMMA = re.compile(r"^-?\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?$|^-?\d+,\d+$")


def is_entry_workbook(wb: Any) -> bool:
    return MARKER in wb.defined_names or INSTRUCTIONS in wb.sheetnames


def _text(value: object) -> str:
    """A cell as the analyst meant it: 19,8 and 19.8 both '19.8'; a date typed as a month '2025-12'."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    return str(value).strip()


def read(src: Source, wb: Any) -> ReadResult:
    result = ReadResult("data-entry workbook")
    keys = [k for k, _, _ in COLUMNS]
    columns = {k: f"{label} ({chr(64 + i)})" for i, (k, label, _) in enumerate(COLUMNS, 1)}
    for ws in wb.worksheets:
        if ws.title in (INSTRUCTIONS, LISTS):
            continue
        if I.find(ws.title) is None:
            result.problem(
                "unknown-indicator",
                src.at(None, "", ws.title),
                ws.title,
                f"a sheet named after an indicator ({', '.join(SHEETS)})",
                "rename the sheet or move its rows to the right sheet",
            )
            continue
        if ws.max_row > MAX_ROWS or ws.max_column > MAX_COLUMNS:
            result.problem(
                "too-large",
                src.at(None, "", ws.title),
                f"{ws.max_row:,} rows x {ws.max_column:,} columns",
                f"a sheet of at most {MAX_ROWS:,} rows and {MAX_COLUMNS} columns",
                "delete the rows and columns beyond the figures (Ctrl+End shows the last cell Excel keeps), "
                "then save the workbook again",
            )
            continue
        for excel_row, cells in enumerate(ws.iter_rows(min_row=2, max_col=len(keys), values_only=True), 2):
            values = {k: _text(v) for k, v in zip(keys, cells, strict=False)}
            if not any(values.values()):
                continue
            value = values.get("value", "")
            if DECIMAL_COMMA.match(value):  # text as typed with Latvian settings: 12,5 or 1 234,5
                value = re.sub(r"[ \u00a0\u202f]", "", value).replace(",", ".")
            result.records.append(
                RawRecord(
                    indicator=ws.title,
                    region=values.get("region", ""),
                    period=values.get("period", ""),
                    value=value,
                    unit=_unit(ws.title, values.get("unit", "")),
                    publisher=values.get("publisher", ""),
                    dataset=src.path.stem,
                    cell=src.at(excel_row, "", ws.title),
                    source_kind=SourceKind.PRESS,
                    status=STATUSES.get(values.get("status", "").casefold(), values.get("status", "")),
                    url=values.get("url", ""),
                    quote=values.get("quote", ""),
                    note=values.get("note", ""),
                    columns=columns,
                    require_url=True,
                )
            )
    return result
