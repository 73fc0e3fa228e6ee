"""One reader per publisher format. Formats are recognised from the content, never the file name.

``FORMATS`` is the ordered list the content is tried against: the first whose ``sniff`` accepts the
file reads it. A reader turns a file into :class:`~latgale_stats.core.model.RawRecord` objects
(text as written, with the cell each came from); ``pipeline.validate`` checks them all alike.

To add a publisher format: one module here with ``sniff(src)`` and ``read(src)``, and one line in
``FORMATS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import csb_csv, csb_json, csb_px, curated, eurostat, eurostat_sheet, ur_register, workbook
from .base import HEAD_BYTES, MAX_BYTES, Reader, ReadResult, Refused, Source, gunzip, looks_like, refuse_binary

__all__ = ["FORMATS", "Format", "ReadResult", "Refused", "Source", "detect", "open_source"]


@dataclass(frozen=True)
class Format:
    name: str
    sniff: Callable[[Source], bool]
    read: Reader


FORMATS: tuple[Format, ...] = (
    Format("workbook (xlsx)", workbook.sniff, workbook.read),
    Format(ur_register.FORMAT, ur_register.sniff, ur_register.read),
    Format("Eurostat SDMX-CSV", eurostat.sniff_sdmx, eurostat.read_sdmx_csv),
    Format("Eurostat TSV", eurostat.sniff_tsv, eurostat.read_tsv),
    Format("Eurostat spreadsheet CSV", eurostat_sheet.sniff, eurostat_sheet.read),
    Format("curated CSV", curated.sniff, curated.read),
    Format("CSB json-stat2", csb_json.sniff, csb_json.read),
    Format("PC-Axis PX", csb_px.sniff, csb_px.read),
    Format("CSB CSV", csb_csv.sniff, csb_csv.read),
)


def open_source(
    path: Path,
    shown: str,
    release_date: str | None = None,
    dataset: str | None = None,
    release_date_from: str | None = None,
) -> Source:
    """The file as a reader sees it; a .gz download (as Eurostat offers them) unpacked first.
    ``release_date``, ``release_date_from`` and ``dataset`` come from the file's origin record."""
    size = path.stat().st_size
    if size > MAX_BYTES:  # refused before it is read into memory
        raise Refused(f"a file of {size // 1_000_000} MB, larger than latgale-stats reads", "too-large")
    with open(path, "rb") as fh:
        head = fh.read(HEAD_BYTES + 1)
    if ur_register.sniff(Source(path, shown, head)):  # Arrow reads it from disk: its bytes never held
        return Source(path, shown, head, release_date, dataset, streamed=True, release_date_from=release_date_from)
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gunzip(data)
        path = path.with_suffix("") if path.suffix.lower() == ".gz" else path
    return Source(path, shown, data, release_date, dataset, release_date_from=release_date_from)


def detect(src: Source) -> Format | None:
    """The format of a file, from its content. Raises :class:`Refused` for files recognised but not
    readable as they are (old .xls, HTML saved as .xls …)."""
    why = refuse_binary(src.data)
    if why:
        raise Refused(why)
    return next((f for f in FORMATS if f.sniff(src)), None)


def describe(src: Source) -> str:
    return looks_like(src.data)
