"""One reader per publisher format. Formats are recognised from the content, not the file name.

A reader turns a file into raw records (strings as written, with the row and column each came
from); ``dataset`` validates them all the same way. Every reader is a function
``read(path, text) -> ReadResult``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem


@dataclass
class ReadResult:
    format: str
    records: list[dict[str, object]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    vintage: str | None = None


Reader = Callable[[Path, str, str], ReadResult]


def decode(data: bytes) -> str:
    """Text of a download: UTF-8 (a byte-order mark is dropped), else Windows-1257 (Baltic)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1257", errors="replace")


def looks_like(data: bytes) -> str:
    """A guess at what a file is, for the message when no reader takes it."""
    head = data[:512].lstrip()
    if head.startswith(b"PK\x03\x04"):
        return "a zip file or a workbook of another kind"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Excel .xls workbook"
    low = head.lower()
    if low.startswith(b"<?xml") or low.startswith(b"<html") or b"<table" in low:
        return "an HTML or XML document"
    if low.startswith(b"{") or low.startswith(b"["):
        return "a JSON document of another kind"
    if low.startswith(b"%pdf"):
        return "a PDF document"
    if b"\t" in head:
        return "a tab-separated text table"
    return "a text file without a known header"


class Refused(Exception):
    """A file recognised but not readable as it is, with what to do about it."""


def _refuse_binary(data: bytes) -> str | None:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            return ("a password-protected workbook: latgale-stats cannot open it. Open it in Excel, remove the "
                    "password (File > Info > Protect Workbook > Encrypt with Password) and save it as .xlsx")
        return "an old Excel .xls workbook: open it in Excel and save it as .xlsx (Excel Workbook)"
    low = data[:2048].lstrip().lower()
    if low.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in data[:8192].lower():
        return ("an Excel 2003 XML workbook (PxWeb's 'Excel' download): open it in Excel and save it as .xlsx, "
                "or download the table as 'Excel (xlsx)' or CSV instead")
    if low.startswith((b"<!doctype html", b"<html")) or b"<table" in low:
        return ("an HTML web page saved with a spreadsheet name, not a spreadsheet: open it in Excel and save it "
                "as .xlsx, or download the table as CSV instead")
    return None


def detect(data: bytes, text: str | None) -> tuple[str, Reader] | None:
    """The reader for a file, chosen from its content (never its name). Raises Refused for files
    recognised but not readable as they are."""
    from . import csb, eurostat

    why = _refuse_binary(data)
    if why:
        raise Refused(why)
    if data.startswith(b"PK\x03\x04"):
        return "workbook", read_workbook
    if text is None:
        return None
    first = text.split("\n", 1)[0].strip().lstrip("\ufeff")
    from . import curated

    if eurostat.SDMX_MARKER in first and "OBS_VALUE" in first:
        return "Eurostat SDMX-CSV", eurostat.read_sdmx_csv
    if eurostat.looks_like_tsv(first):
        return "Eurostat TSV", eurostat.read_tsv
    if first.replace(" ", "").startswith(curated.HEADER_START):
        return "curated CSV", curated.read
    if csb.sniff_json(text):
        return "CSB json-stat2", csb.read_json
    if csb.sniff_px(text):
        return "PC-Axis PX", csb.read_px
    if csb.looks_like_csb_csv(text[:65536]):
        return "CSB CSV", csb.read_csv
    return None


def read_workbook(path: Path, text: str, shown: str) -> ReadResult:
    """An .xlsx: the data-entry workbook of latgale-stats, or a CSB "Excel (xlsx)" download."""
    import zipfile

    from openpyxl import load_workbook

    from . import csb, entry

    try:
        wb = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        result = ReadResult("workbook")
        result.problems.append(Problem(str(shown), None, "", "", f"a complete .xlsx workbook ({type(err).__name__})",
                                       "the file is damaged or was not fully downloaded: download or save it again"))
        return result
    try:
        if entry.is_entry_workbook(wb):
            return entry.read(path, wb, shown)
        if csb.is_csb_workbook(wb):
            return csb.read_xlsx(path, wb, shown)
    finally:
        wb.close()
    result = ReadResult("workbook")
    result.problems.append(Problem(
        str(shown), None, "", ", ".join(wb.sheetnames)[:80],
        "a latgale-stats data-entry workbook or a CSB 'Excel (xlsx)' download",
        "fill in the workbook from `latgale-stats template`, or remove this file from data/raw/"))
    return result
