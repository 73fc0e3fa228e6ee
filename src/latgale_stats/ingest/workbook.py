"""An .xlsx file: the data-entry workbook of latgale-stats, or a CSB "Excel (xlsx)" download."""

from __future__ import annotations

import zipfile

from ..core.paths import command
from . import csb_xlsx, entry
from .base import ReadResult, Source


def sniff(src: Source) -> bool:
    return src.data.startswith(b"PK\x03\x04")


def read(src: Source) -> ReadResult:
    from openpyxl import load_workbook  # heavy: imported when a workbook is read

    try:
        wb = load_workbook(src.path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        result = ReadResult("workbook")
        result.problem(
            "damaged-file",
            src.at(),
            expected=f"a complete .xlsx workbook ({type(err).__name__})",
            action="the file is damaged or was not fully downloaded: download or save it again",
        )
        return result
    try:
        if entry.is_entry_workbook(wb):
            return entry.read(src, wb)
        if csb_xlsx.is_csb_workbook(wb):
            return csb_xlsx.read(src, wb)
        result = ReadResult("workbook")
        result.problem(
            "unsupported-format",
            src.at(),
            ", ".join(wb.sheetnames)[:80],
            "a latgale-stats data-entry workbook or a CSB 'Excel (xlsx)' download",
            f"fill in the workbook from `{command('template')}`, or remove this file from data/raw/",
        )
        return result
    finally:
        wb.close()
