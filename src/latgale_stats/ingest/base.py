"""What every reader shares: the result type, decoding, and how a file that no reader takes is named."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..core.model import CellRef, RawRecord, VintageFrom
from ..core.origins import RELEASE_SOURCES
from ..core.problems import Problem


@dataclass
class ReadResult:
    """What a reader found in one file: raw records (text as written), problems, notes on what was
    left out and why, and the file's vintage if it is known, with whether that is a release date or
    only the day the copy was made (``vintage_from``)."""

    format: str
    records: list[RawRecord] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    vintage: str | None = None
    vintage_from: VintageFrom = VintageFrom.NONE

    def problem(self, code: str, where: CellRef, value: str = "", expected: str = "", action: str = "") -> None:
        self.problems.append(Problem(code, where, value, expected, action))


HEAD_BYTES = 65536
BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


@dataclass(frozen=True)
class Source:
    """A file handed to a reader: its path, the path as the analyst sees it and its bytes. Its text
    (None for binary files) is decoded when a reader asks for it; ``head`` is the decoded start,
    enough to recognise the format and read a header."""

    path: Path
    shown: str
    data: bytes
    release_date: str | None = None  # from the file's origin record (data/raw/origins.toml), if any
    dataset: str | None = None  # likewise
    streamed: bool = False  # only the head is in ``data``: the reader reads the file itself, in blocks
    release_date_from: str | None = None  # the origin's: "content" or "metadata" (a release), "copy"

    @property
    def binary(self) -> bool:
        return self.data[:4] in BINARY_MAGIC

    @cached_property
    def head(self) -> str | None:
        return None if self.binary else decode(self.data[:HEAD_BYTES], partial=len(self.data) > HEAD_BYTES)

    @cached_property
    def text(self) -> str | None:
        return None if self.binary else decode(self.data)

    def vintage(self, from_content: str | None, from_name: str | None = None) -> tuple[str | None, VintageFrom]:
        """The file's vintage and what it is: the date the content holds (a release), else the origin
        record's (a release, or with ``release_date_from = "copy"`` the day the copy was made), else the
        date in the file name (a download's: a copy date)."""
        if from_content:
            return from_content, VintageFrom.RELEASE
        if self.release_date:
            release = self.release_date_from is None or self.release_date_from in RELEASE_SOURCES
            return self.release_date, VintageFrom.RELEASE if release else VintageFrom.COPY
        if from_name:
            return from_name, VintageFrom.COPY
        return None, VintageFrom.NONE

    def at(self, row: int | None = None, column: str = "", sheet: str = "") -> CellRef:
        return CellRef(self.shown, row, column, sheet)


Reader = Callable[[Source], ReadResult]


def decode(data: bytes, partial: bool = False) -> str:
    """Text of a download: UTF-8 (a byte-order mark is dropped), else Windows-1257 (Baltic).
    ``partial``: the bytes are the start of a file, so a character cut at the end is not an error."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Excel's "Unicode text" (UTF-16 with a byte-order mark)
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if partial and err.start > len(data) - 4:
            return data[: err.start].decode("utf-8-sig")
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
    """A file recognised but not readable as it is, with what to do about it (``code``: the problem
    code to report)."""

    def __init__(self, message: str, code: str = "unsupported-format"):
        super().__init__(message)
        self.code = code


MAX_BYTES = 300_000_000  # a file, or an archive's content, larger than this is refused before it is unpacked
MAX_RATIO = 200  # an archive whose content is more than this many times its size is refused (a zip bomb)


def gunzip(data: bytes) -> bytes:
    """A .gz download unpacked, every member of it (``cat a.gz b.gz`` is one valid .gz), at most MAX_BYTES
    (refused beyond, or when damaged, or when bytes that are no gzip member follow the last one)."""
    import zlib

    out: list[bytes] = []
    size = 0
    rest = data
    while True:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            part = inflater.decompress(rest, MAX_BYTES + 1 - size)
        except zlib.error as err:
            raise Refused(f"a damaged .gz file ({err}): download it again", "damaged-file") from None
        size += len(part)
        out.append(part)
        if size > MAX_BYTES or inflater.unconsumed_tail:
            raise Refused(f"a .gz file that unpacks to more than {MAX_BYTES // 1_000_000} MB", "too-large")
        if not inflater.eof:
            raise Refused("a .gz file that ends too early: download it again", "damaged-file")
        rest = inflater.unused_data
        if not rest:
            return b"".join(out)
        if not rest.startswith(b"\x1f\x8b"):
            raise Refused(
                f"a .gz file followed by {len(rest):,} bytes that are not part of it: download it again",
                "damaged-file",
            )


def _zip_problem(data: bytes) -> str | None:
    """Why a zip container cannot be read as an Excel workbook (None: it can)."""
    import io
    import zipfile

    try:
        names = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):
        return None  # a damaged zip directory: the workbook reader reports the damaged file
    files = {i.filename for i in names}
    if "mimetype" in files and any(i.filename.startswith("content.xml") for i in names):
        return "an OpenDocument spreadsheet (.ods): open it in LibreOffice Calc and save it as Excel 2007-365 (.xlsx)"
    if "[Content_Types].xml" not in files or not any(f.startswith("xl/") for f in files):
        return "a zip archive, not a workbook: unpack it and put the files it holds into data/raw/"
    size = sum(i.file_size for i in names)
    if size > MAX_BYTES or size > MAX_RATIO * max(len(data), 1):
        raise Refused(
            f"a workbook that unpacks to {size // 1_000_000} MB from {len(data) // 1000} KB "
            "(refused before it is unpacked): save it again from Excel",
            "too-large",
        )
    return None


def refuse_binary(data: bytes) -> str | None:
    """Why a file must be converted before it can be read (None: nothing to refuse)."""
    if len(data) > MAX_BYTES:
        raise Refused(f"a file of {len(data) // 1_000_000} MB, larger than latgale-stats reads", "too-large")
    if data.startswith(b"PK\x03\x04"):
        return _zip_problem(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in data:
            return (
                "a password-protected workbook: latgale-stats cannot open it. Open it in Excel, remove the "
                "password (File > Info > Protect Workbook > Encrypt with Password) and save it as .xlsx"
            )
        return "an old Excel .xls workbook: open it in Excel and save it as .xlsx (Excel Workbook)"
    low = data[:2048].lstrip().lower()
    if low.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in data[:8192].lower():
        return (
            "an Excel 2003 XML workbook (PxWeb's 'Excel' download): open it in Excel and save it as .xlsx, "
            "or download the table as 'Excel (xlsx)' or CSV instead"
        )
    if low.startswith((b"<!doctype html", b"<html")) or b"<table" in low:
        return (
            "an HTML web page saved with a spreadsheet name, not a spreadsheet: open it in Excel and save it "
            "as .xlsx, or download the table as CSV instead"
        )
    return None
