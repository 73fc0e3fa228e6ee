"""The data-entry workbook that ``latgale-stats template`` writes (its reader is ``ingest.entry``)."""

from __future__ import annotations

import io
from typing import Any

from ..core import indicators as I
from ..core import regions as R
from ..core.io import normalise_zip
from ..ingest.entry import COLUMNS, INSTRUCTIONS, LISTS, MARKER, PUBLISHERS, SHEETS, STATUSES, TEXT, unit_choices
from ..pipeline.validate import plain
from .sheets import print_setup


def _region_names(indicator: str) -> list[str]:
    """The names a drop-down offers: each unit's name in the indicator's schemes, newest first."""
    schemes = set(I.get(indicator).schemes) - {R.EU}
    names: list[str] = []
    for region in R.REGIONS:
        current = region.valid_to is None or indicator != "registered_unemployment_rate"
        if set(region.schemes) & schemes and region.name_lv not in names and current:
            names.append(region.name_lv)
    return names


# What to type into a value cell, as the instructions say (entry.TEXT): with Latvian settings a decimal comma,
# since there a decimal point makes a date. Shown when a value cell is selected and when a value is refused.
VALUE_PROMPT = "Ar latviešu iestatījumiem: 9,8 (9.8 kļūst par datumu). With English settings: 9.8."


def value_message(ind: I.Indicator) -> str:
    """The message of a refused value: the range, and how a decimal number is typed."""
    low, high = plain(ind.minimum, group=True), plain(ind.maximum, group=True)
    if ind.maximum != float("inf"):
        lv, en = f"Skaitlis no {low} līdz {high}", f"a number from {low} to {high}"
    else:
        lv, en = f"Skaitlis, ne mazāks par {low}", f"a number of at least {low}"
    return (
        f"{lv}, ar decimālkomatu: 9,8 (latviešu iestatījumos 9.8 ir datums) / "
        f"{en}: 9,8 with Latvian settings (there 9.8 is a date), 9.8 with English settings"
    )


def template_bytes() -> bytes:
    """The empty entry workbook (deterministic bytes)."""
    # openpyxl is imported when needed: importing the package stays light
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.workbook.defined_name import DefinedName
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    info: Any = wb.active
    info.title = INSTRUCTIONS
    for lv, en in TEXT:
        info.append([lv])
        info.append([en])
        info.append([])
    info["A1"].font = info["A2"].font = Font(name="Calibri", bold=True, size=13)
    info.column_dimensions["A"].width = 110
    print_setup(info, grid=False)
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
    add_list("status", [label for label in STATUSES if "/" in label])
    head = Font(name="Calibri", size=11, bold=True)
    fill = PatternFill("solid", fgColor="FFF2CC")
    for ind_id in SHEETS:
        ind = I.get(ind_id)
        ws = wb.create_sheet(ind_id)
        ws.append([label for _, label, _ in COLUMNS])
        units = list(unit_choices(ind_id))
        regions = _region_names(ind_id)
        for i, (key, label, width) in enumerate(COLUMNS, 1):
            cell = ws.cell(row=1, column=i)
            cell.font, cell.fill = head, fill
            # wide enough for the header and for what the drop-down offers
            offered = {"region": regions, "unit": units, "status": list(STATUSES)}.get(key, [])
            widest = min(max([0, *(len(v) + 3 for v in offered)]), 50)
            ws.column_dimensions[cell.column_letter].width = max(width, len(label) + 3, widest)
        ws.freeze_panes = "A2"
        # The value column keeps the General number format: a spreadsheet program marks a number it read as
        # a date with a date format only in a General cell (Calc with Latvian settings reads 9.6 as 9 June);
        # in a cell formatted as a number it keeps the bare date serial (46182), which no reader can tell
        # from a number. The reader refuses a date-formatted value (ingest.entry).
        print_setup(ws)
        regions_ref = add_list(f"regions_{ind_id}", regions)
        units_ref = add_list(f"units_{ind_id}", units)
        checks = [
            ("A", regions_ref, "Reģions / Region", "Izvēlieties no saraksta / pick from the list"),
            ("D", units_ref, "Mērvienība / Unit", "Kā publicēts / as published"),
            ("E", ranges["publishers"], "Publicētājs / Publisher", "NVA, CSB, Lursoft, Eurostat"),
            ("H", ranges["status"], "Statuss / Status", "tukšs vai apšaubāms / empty or suspect"),
        ]
        for column, ref, title, prompt in checks:
            dv = DataValidation(
                type="list",
                formula1=f"={ref}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=title,
                error=prompt,
                promptTitle=title,
                prompt=prompt,
            )
            dv.add(f"{column}2:{column}1000")
            ws.add_data_validation(dv)
        num = DataValidation(
            type="decimal",
            operator="between",
            formula1=str(ind.minimum),
            formula2=str(min(ind.maximum, 1e12)),
            allow_blank=True,
            showErrorMessage=True,
            errorTitle="Vērtība / Value",
            error=value_message(ind),
            showInputMessage=True,
            promptTitle="Vērtība / Value",
            prompt=VALUE_PROMPT,
        )
        num.add("C2:C1000")
        ws.add_data_validation(num)
        need = DataValidation(
            type="textLength",
            operator="greaterThan",
            formula1="0",
            allow_blank=False,
            showErrorMessage=True,
            errorTitle="Obligāti / Required",
            error="Ierakstiet avota adresi / type the source address",
        )
        need.add("F2:F1000")
        ws.add_data_validation(need)
    lists.sheet_state = "hidden"
    wb.defined_names[MARKER] = DefinedName(MARKER, attr_text=f"'{INSTRUCTIONS}'!$A$1")
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_zip(buf.getvalue())
