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
        return "an Excel workbook or another zip file"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "an old Excel .xls workbook"
    low = head.lower()
    if low.startswith(b"<?xml") or low.startswith(b"<html") or b"<table" in low:
        return "an HTML or XML document"
    if low.startswith(b"{") or low.startswith(b"["):
        return "a JSON document"
    if low.startswith(b"%pdf"):
        return "a PDF document"
    if b"\t" in head:
        return "a tab-separated text table"
    return "a text file without a known header"


def detect(name: str, data: bytes, text: str | None) -> tuple[str, Reader] | None:
    """The reader for a file, chosen from its first line."""
    if text is None:
        return None
    first = text.split("\n", 1)[0].strip().lstrip("\ufeff")
    from . import curated, eurostat

    if eurostat.SDMX_MARKER in first and "OBS_VALUE" in first:
        return "Eurostat SDMX-CSV", eurostat.read_sdmx_csv
    if first.replace(" ", "").startswith(curated.HEADER_START):
        return "curated CSV", curated.read
    return None
