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
        "3. Vērtību rakstiet kā publicēts, ar decimālkomatu: 19,8 (ar punktu, 19.8, latviešu iestatījumos tā kļūst "
        "par datumu: 19. augusts). Publicētājs un avota adrese ir obligāti.",
        "3. Type the value as published: 19,8 with Latvian settings (there 19.8 becomes the date 19 August), 19.8 "
        "with English settings. Publisher and source address are required.",
    ),
    (
        "4. Ja skaitlis avotā izskatās kļūdains, statusā izvēlieties 'apšaubāms / suspect' un piezīmē paskaidrojiet.",
        "4. If a figure looks wrong in its source, choose 'apšaubāms / suspect' as status and explain in the note.",
    ),
    (
        "5. Saglabājiet failu mapē data/raw/ (make template to raksta tur), reģistrējiet to ar latgale-stats origins "
        "add un palaidiet make build. Kļūdas tiek parādītas ar lapu un rindu.",
        "5. Save the file in data/raw/ (make template writes it there), record it with latgale-stats origins add and "
        "run make build. Errors are shown with the sheet and the row.",
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


# date serials of 2000-01-01 … 2099-12-31 (days since 1899-12-30, as spreadsheets count them)
_SERIALS = (36526, 73050)
_EPOCH = dt.date(1899, 12, 30)


def _read_as_date(cell: object, ind: I.Indicator, unit: str) -> tuple[str, str, str] | None:
    """Value, expectation and action when a value cell holds a date instead of the number typed: with
    Latvian settings a spreadsheet reads 9.6 as 9 June (19.8 as 19 August). A cell the program marked
    with a date format is read as a date. A whole number in the range of this century's date serials
    that the indicator cannot take (46182 for a rate) is one whose cell kept a number format (Calc keeps
    a format other than General: workbooks from templates made before the value column was General).
    None: not a date."""
    if isinstance(cell, dt.time):
        return (
            cell.isoformat(),
            "a number, but the spreadsheet read the value as a time of day",
            "retype the number with a decimal comma (9,8), then save",
        )
    if isinstance(cell, dt.datetime | dt.date):
        day = cell.date() if isinstance(cell, dt.datetime) else cell
        value, known = day.isoformat(), ""
    elif (
        isinstance(cell, int | float)
        and not isinstance(cell, bool)
        and float(cell).is_integer()
        and _SERIALS[0] <= cell <= _SERIALS[1]
        and cell * (ind.factor(unit) or 1.0) > ind.maximum
    ):
        day = _EPOCH + dt.timedelta(days=int(cell))
        value, known = str(int(cell)), f" ({int(cell)} is the date {day.isoformat()})"
    else:
        return None
    typed, meant = f"{day.day}.{day.month}", f"{day.day},{day.month}"
    return (
        value,
        f"a number; the spreadsheet read {typed} as a date{known}: type {meant}",
        f"retype the value with a decimal comma ({meant}): with Latvian settings a decimal point makes a date; "
        "then save",
    )


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
        ind = I.get(ws.title)
        for excel_row, cells in enumerate(ws.iter_rows(min_row=2, max_col=len(keys)), 2):
            values = {k: _text(c.value) for k, c in zip(keys, cells, strict=False)}
            if not any(values.values()):
                continue
            typed = cells[keys.index("value")].value if len(cells) > keys.index("value") else None
            unit = _unit(ws.title, values.get("unit", ""))
            misread = _read_as_date(typed, ind, unit)
            if misread is not None:  # the row is left out: its value is not the number that was typed
                result.problem("value-is-date", src.at(excel_row, columns["value"], ws.title), *misread)
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
                    unit=unit,
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
    if not result.records and not result.problems:  # a template not filled in yet: read, and said so
        result.notes.append(
            "no figures typed yet: type one a row, with its source address, into the indicator's sheet and save; "
            "then record the file with `latgale-stats origins add`"
        )
    return result
