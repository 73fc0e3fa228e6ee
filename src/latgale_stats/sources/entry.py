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
from pathlib import Path

from .. import indicators as I
from .. import regions as R
from ..errors import Problem
from . import ReadResult

MARKER = "latgale_stats_entry"
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
SHEETS = ("registered_unemployment_rate", "new_enterprises", "liquidated_enterprises", "population",
          "gdp_per_capita", "gdp_total", "gdp_share", "gdp_per_capita_pps_eu")
PUBLISHERS = ("NVA", "CSB", "Lursoft", "Eurostat")
TEXT = [
    ("Kā lietot šo darbgrāmatu", "How to use this workbook"),
    ("1. Katrā lapā ir viens rādītājs (lapas nosaukums). Vienā rindā ierakstiet vienu skaitli.",
     "1. Each sheet holds one indicator (the sheet's name). Type one figure per row."),
    ("2. Reģionu un mērvienību izvēlieties no saraksta; periods: gads (2025) vai mēnesis (2025-12).",
     "2. Pick the region and the unit from the list; period: a year (2025) or a month (2025-12)."),
    ("3. Vērtību rakstiet kā publicēts (19,8 vai 19.8). Publicētājs un avota adrese ir obligāti.",
     "3. Type the value as published (19,8 or 19.8). Publisher and source address are required."),
    ("4. Ja skaitlis avotā izskatās kļūdains, statusā izvēlieties 'suspect' un piezīmē paskaidrojiet.",
     "4. If a figure looks wrong in its source, choose 'suspect' as status and explain in the note."),
    ("5. Saglabājiet failu mapē data/raw/ un palaidiet make build. Kļūdas tiek parādītas ar lapu un rindu.",
     "5. Save the file into data/raw/ and run make build. Errors are shown with the sheet and the row."),
]


def is_entry_workbook(wb) -> bool:
    return MARKER in wb.defined_names or INSTRUCTIONS in wb.sheetnames


def _region_names(indicator: str) -> list[str]:
    """The names a drop-down offers: each unit's name in the indicator's schemes, newest first."""
    schemes = set(I.get(indicator).schemes) - {R.EU}
    names: list[str] = []
    for region in R.REGIONS:
        current = region.valid_to is None or indicator != "registered_unemployment_rate"
        if set(region.schemes) & schemes and region.name_lv not in names and current:
            names.append(region.name_lv)
    return names


def template_bytes() -> bytes:
    """The empty entry workbook (deterministic bytes)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..export import normalise_zip

    wb = Workbook()
    info = wb.active
    info.title = INSTRUCTIONS
    for lv, en in TEXT:
        info.append([lv])
        info.append([en])
        info.append([])
    info["A1"].font = info["A2"].font = Font(bold=True, size=13)
    info.column_dimensions["A"].width = 110
    lists = wb.create_sheet(LISTS)
    col = 1
    ranges = {}

    def add_list(key: str, values: list[str]) -> str:
        nonlocal col
        letter = lists.cell(row=1, column=col).column_letter
        lists.cell(row=1, column=col, value=key)
        for i, v in enumerate(values, 2):
            lists.cell(row=i, column=col, value=v)
        ranges[key] = f"'{LISTS}'!${letter}$2:${letter}${len(values) + 1}"
        col += 1
        return ranges[key]

    add_list("publishers", list(PUBLISHERS))
    add_list("status", ["suspect"])
    head = Font(bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for ind_id in SHEETS:
        ind = I.get(ind_id)
        ws = wb.create_sheet(ind_id)
        ws.append([label for _, label, _ in COLUMNS])
        for i, (_key, _label, width) in enumerate(COLUMNS, 1):
            cell = ws.cell(row=1, column=i)
            cell.font, cell.fill = head, fill
            ws.column_dimensions[cell.column_letter].width = width
        ws.freeze_panes = "A2"
        regions_ref = add_list(f"regions_{ind_id}", _region_names(ind_id))
        units_ref = add_list(f"units_{ind_id}", [u for u in ind.units if not u.isupper()])
        checks = [
            ("A", regions_ref, "Reģions / Region", "Izvēlieties no saraksta / pick from the list"),
            ("D", units_ref, "Mērvienība / Unit", "Kā publicēts / as published"),
            ("E", ranges["publishers"], "Publicētājs / Publisher", "NVA, CSB, Lursoft, Eurostat"),
            ("H", ranges["status"], "Statuss / Status", "tukšs vai suspect / empty or suspect"),
        ]
        for column, ref, title, prompt in checks:
            dv = DataValidation(type="list", formula1=f"={ref}", allow_blank=True, showErrorMessage=True,
                                errorTitle=title, error=prompt, promptTitle=title, prompt=prompt)
            dv.add(f"{column}2:{column}1000")
            ws.add_data_validation(dv)
        num = DataValidation(type="decimal", operator="between", formula1=str(ind.minimum),
                             formula2=str(min(ind.maximum, 1e12)), allow_blank=True, showErrorMessage=True,
                             errorTitle="Vērtība / Value",
                             error=f"Skaitlis no {ind.minimum:g} līdz {ind.maximum:g} / a number from "
                                   f"{ind.minimum:g} to {ind.maximum:g}")
        num.add("C2:C1000")
        ws.add_data_validation(num)
        need = DataValidation(type="textLength", operator="greaterThan", formula1="0", allow_blank=False,
                              showErrorMessage=True, errorTitle="Obligāti / Required",
                              error="Ierakstiet avota adresi / type the source address")
        need.add("F2:F1000")
        ws.add_data_validation(need)
    lists.sheet_state = "hidden"
    wb.defined_names[MARKER] = DefinedName(MARKER, attr_text=f"'{INSTRUCTIONS}'!$A$1")
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_zip(buf.getvalue())


def _text(value) -> str:
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


def read(path: Path, wb, shown: str) -> ReadResult:
    import re

    result = ReadResult("data-entry workbook")
    keys = [k for k, _, _ in COLUMNS]
    for ws in wb.worksheets:
        if ws.title in (INSTRUCTIONS, LISTS):
            continue
        if I.find(ws.title) is None:
            result.problems.append(Problem(shown, None, "", ws.title,
                                           f"a sheet named after an indicator ({', '.join(SHEETS)})",
                                           "rename the sheet or move its rows to the right sheet", sheet=ws.title))
            continue
        for excel_row, cells in enumerate(ws.iter_rows(min_row=2, max_col=len(keys), values_only=True), 2):
            values = {k: _text(v) for k, v in zip(keys, cells, strict=False)}
            if not any(values.values()):
                continue
            value = values.get("value", "")
            if re.match(r"^-?\d+,\d+$", value):
                value = value.replace(",", ".")
            result.records.append({
                "indicator": ws.title, "region": values.get("region", ""), "period": values.get("period", ""),
                "value": value, "unit": values.get("unit", ""), "flag": "", "status": values.get("status", ""),
                "publisher": values.get("publisher", ""), "dataset": path.stem, "vintage": None,
                "url": values.get("url", ""), "quote": values.get("quote", ""), "note": values.get("note", ""),
                "row": excel_row, "kind": "observation", "source_kind": "press figure", "sheet": ws.title,
                "columns": {k: f"{label} ({chr(64 + i)})" for i, (k, label, _) in enumerate(COLUMNS, 1)},
                "require_url": True,
            })
    return result
