"""The Register of Enterprises' open data ``register.csv`` (Uzņēmumu reģistrs, data.gov.lv, CC0 1.0).

One row an entity: ``;`` delimited, ``"`` quoting with ``""`` escapes, UTF-8 with or without a BOM,
ISO dates, ``closed`` ``L`` (liquidated), ``R`` (reorganised) or a space, ``atvk`` the territory
code as text. The file (about 486 000 rows, 125 MB) is parsed by Arrow, only the 8 columns used
(a large file in two halves, each parsed and counted on its own core, then added up), and counted
with whole-column Arrow and numpy operations, each check and lookup done once a distinct value
(registrations by year × month × legal form × municipality; liquidations by year). The counts become
records (publisher "Register of Enterprises", this file, and how many rows each counted); the
problems of single rows keep their row numbers.

Recognised by its header (``regcode`` first), whatever the file's name: the file ``latgale-stats
update`` saves (``ur_register_<YYYY-MM-DD>.csv``; its origin record gives the server's Last-Modified as
the release date) or one saved by hand. Its vintage: the origin record's date, else the date in the
name (the day it was downloaded: a copy date, cited "downloaded"), else the last registration in it.

Placing a row (``core.territory``): its ``atvk`` code (2021 classifier, or a confirmed pre-2021 code
of a former republic city), else its address text. Rows that cannot be placed count for Latvia and
are listed by reason in ``check``; they are never guessed. In the real file ``atvk`` mostly holds a
pre-2021 code or nothing, so most rows are placed by their address. ``region`` (``0`` in real rows)
and ``city`` (an address-register code such as ``100003011``, not a territory code) are not read
(FORMATS.md §10).
"""

from __future__ import annotations

import io
import re
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..core import clock
from ..core import territory as T
from ..core.indicators import FIRST_YEAR
from ..core.model import CellRef, RawRecord, Severity, VintageFrom
from ..core.problems import Problem
from .base import ReadResult, Source

FORMAT = "Register of Enterprises register.csv"
PUBLISHER = "Register of Enterprises"
DATASET = "register.csv"
URL = "https://data.gov.lv/dati/lv/dataset/uz"
ABSENT = (
    "Register of Enterprises series (new registrations by municipality and region, per 1000 inhabitants): "
    "absent. Run `latgale-stats update --only register`, or download register.csv from the Register of "
    "Enterprises' open data (https://dati.ur.gov.lv/register/register.csv; described on data.gov.lv, dataset 'uz') "
    "into data/raw/ (any name)."
)
HEADER = [
    "regcode",
    "sepa",
    "name",
    "name_before_quotes",
    "name_in_quotes",
    "name_after_quotes",
    "without_quotes",
    "regtype",
    "regtype_text",
    "type",
    "type_text",
    "registered",
    "terminated",
    "closed",
    "address",
    "index",
    "addressid",
    "region",
    "city",
    "atvk",
    "reregistration_term",
]
USED = ("regcode", "regtype", "type", "registered", "terminated", "closed", "address", "atvk")
CLOSED = ("", " ", "L", "R")
REGISTRATIONS = "registrations"
LIQUIDATIONS = "register_liquidations"
MONTHLY_YEARS = 4  # months are given for the last years of the file (up to last month); years for all
LISTED = 20  # rows named one by one for each kind of problem; the rest counted in one more problem
_NAME_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_NO_DAY = -(2**31) + 1  # an empty cell or one that is not a date, among days since 1970
_SLICE = 1 << 16  # rows whose addresses are placed together
REASONS = (T.NO_TERRITORY, T.UNKNOWN_CODE, T.NO_PLACE_IN_ADDRESS, T.CONFLICT_IN_ADDRESS, T.AMBIGUOUS_IN_ADDRESS)


def _municipalities() -> list[T.Municipality]:
    """The municipalities counted, in the order of their codes (a territory index is a place here)."""
    return sorted({m.region: m for m in T.municipalities().values()}.values(), key=lambda m: m.atvk)


def _first_line(src: Source) -> str:
    head = src.head or ""
    return head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")


def sniff(src: Source) -> bool:
    """A header whose first column is ``regcode`` (with any delimiter: another one is then named)."""
    first = _first_line(src)
    return re.match(r'^"?regcode"?\s*[;,\t|]', first) is not None


@dataclass
class _Counts:
    registered: dict[str, Any] = field(default_factory=dict)  # year or YYYY-MM -> counts by territory index + 1
    liquidated: dict[str, Any] = field(default_factory=dict)
    by_form: dict[str, Counter[str]] = field(default_factory=dict)  # year -> legal form -> rows (Latvia)
    unplaced: Counter[str] = field(default_factory=Counter)
    unplaced_rows: dict[str, list[int]] = field(default_factory=dict)
    forms: Counter[str] = field(default_factory=Counter)
    regtypes: Counter[str] = field(default_factory=Counter)
    rows: int = 0
    last: str = ""


_TABLES = threading.Lock()


def _tables() -> None:
    """The territory tables that placing needs, read once (a second caller waits for the first)."""
    with _TABLES:
        T.load()


@dataclass
class _Part:
    """A part of the file (the whole file, or one of its halves) read and counted."""

    rows: int
    counts: _Counts
    problems: _Rows
    unplaced_at: dict[str, list[int]]  # reason -> the first rows (index in the part)
    regcode: Any
    registered: Any


def _release(src: Source) -> tuple[str | None, VintageFrom]:
    """The origin record's date, else the name's (the day `update` fetched it: a copy date)."""
    m = _NAME_DATE.search(src.path.name)
    return src.vintage(None, m.group(1) if m else None)


def _bytes_file(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


@dataclass
class _Coded:
    """A column dictionary-coded: its distinct cells once (``values``) and each row's index into them
    (``rows``), so that a check or a lookup is done once a distinct value."""

    values: list[str]
    rows: Any

    @classmethod
    def of(cls, np: Any, table: Any, name: str) -> _Coded:
        import pyarrow as pa
        import pyarrow.compute as pc

        column = table.column(name)
        if not len(column):
            return cls([], np.zeros(0, np.int32))
        if not pa.types.is_dictionary(column.type):  # read as text: coded here
            column = pa.chunked_array([pc.dictionary_encode(column.combine_chunks())])
        chunks = [c for c in column.chunks if len(c)]
        dictionary = chunks[0].dictionary  # one dictionary for all blocks (unified when read)
        rows = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks])
        return cls(dictionary.to_pylist(), rows)

    def counts(self) -> Counter[str]:
        import numpy as np

        n = np.bincount(self.rows, minlength=len(self.values)).tolist()
        return Counter({v: k for v, k in zip(self.values, n, strict=True) if k})


class _Rows:
    """Problems of single rows, by their index in a part of the file (0: its first row): the first
    ``LISTED`` of each kind kept, the rest counted; ``report`` names them with their lines."""

    def __init__(self) -> None:
        self.items: list[tuple[str, int, str, str, str, str, Severity]] = []
        self.seen: Counter[tuple[str, str]] = Counter()
        self.severity: dict[tuple[str, str], Severity] = {}

    def add(
        self,
        code: str,
        index: int,
        column: str,
        value: str,
        expected: str,
        action: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.seen[(code, column)] += 1
        self.severity[(code, column)] = severity
        if self.seen[(code, column)] <= LISTED:
            self.items.append((code, index, column, value, expected, action, severity))

    def add_values(self, code: str, cells: _Coded, bad: Any, column: str, expected: str, action: str) -> None:
        """Every row whose cell is one of the distinct values flagged in ``bad`` (one flag a value)."""
        import numpy as np

        if not bad.any():
            return
        at = np.flatnonzero(bad[cells.rows])
        for i in at[:LISTED].tolist():
            self.add(code, i, column, cells.values[cells.rows[i]], expected, action)
        self.seen[(code, column)] += max(0, len(at) - LISTED)

    def add_days(self, days: _Days, column: str, required: bool, action: str) -> None:
        """The cells of a date column that are not dates written YYYY-MM-DD (and, where the date is
        required, the empty ones)."""
        import numpy as np

        expected = "a date written YYYY-MM-DD (as register.csv writes dates)"
        if not required:
            expected = "empty, or a date written YYYY-MM-DD"
        at = sorted(days.bad)
        n = days.bad_count
        if required and days.empty.any():
            empty = np.flatnonzero(days.empty)
            at = sorted([*at, *empty[:LISTED].tolist()])
            n += len(empty)
        for i in at[:LISTED]:
            self.add("bad-value", i, column, days.bad.get(i, ""), expected, action)
        self.seen[("bad-value", column)] += max(0, n - min(n, LISTED))


def _report(src: Source, result: ReadResult, parts: list[tuple[int, _Rows]]) -> None:
    """The problems of single rows of every part (``offset``: the rows before it in the file), in the
    order of the file: the first ``LISTED`` of each kind named by their line, the rest counted."""
    seen: Counter[tuple[str, str]] = Counter()
    severity: dict[tuple[str, str], Severity] = {}
    for offset, rows in parts:
        for code, index, column, value, expected, action, level in rows.items:
            if seen[(code, column)] < LISTED:
                seen[(code, column)] += 1
                result.problems.append(
                    Problem(code, src.at(offset + index + 2, column), value, expected, action, level)
                )
        severity.update(rows.severity)
    total: Counter[tuple[str, str]] = Counter()
    for _, rows in parts:
        total.update(rows.seen)
    for (code, column), n in total.items():
        if n > LISTED:
            result.problems.append(
                Problem(
                    code,
                    src.at(None, column),
                    "",
                    f"{n - LISTED} more rows like the {LISTED} listed",
                    "see the rows listed before this line",
                    severity[(code, column)],
                )
            )


def _open(pa: Any, pacsv: Any, src: Source, columns: list[str], invalid: Any, threads: bool) -> Any:
    """A block reader of the file (from disk when it was not read whole): only ``columns``, all as
    text (codes keep their leading zeros, empty cells stay empty strings); rows of another width go to
    ``invalid``."""
    return pacsv.open_csv(
        pa.OSFile(str(src.path)) if src.streamed else pa.BufferReader(src.data),
        read_options=pacsv.ReadOptions(block_size=1 << 20, use_threads=threads),
        parse_options=pacsv.ParseOptions(delimiter=";", quote_char='"', double_quote=True, invalid_row_handler=invalid),
        convert_options=pacsv.ConvertOptions(
            include_columns=columns,
            column_types={c: pa.string() for c in columns},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


def _bad_rows(pa: Any, pacsv: Any, src: Source) -> list[Any]:
    """The rows of another width with their line numbers: the file parsed again in one thread (the
    threaded parser does not number rows). Only done when a file is refused."""
    found: list[Any] = []

    def keep(row: Any) -> str:
        found.append(row)
        return "skip"

    for _ in _open(pa, pacsv, src, ["regcode"], keep, threads=False):
        if len(found) > LISTED:
            break
    return found


def read(src: Source, forms: Iterable[str] | None = None) -> ReadResult:
    """Counts of the register's entities by year, month and territory. ``forms``: the legal form codes
    (column ``type``) counted as new companies (default: ``core/territory/legal_forms.toml``)."""
    with _unraisable_decode_errors() as not_utf8:
        return _read(src, forms, not_utf8)


def _read(src: Source, forms: Iterable[str] | None, not_utf8: list[Any]) -> ReadResult:
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    result = ReadResult(FORMAT)
    first = _first_line(src)
    if ";" not in first:
        delimiter = next((d for d in (",", "\t", "|") if d in first), "?")
        result.problem(
            "unsupported-format",
            src.at(1),
            f"delimiter {delimiter!r}",
            "the Register of Enterprises' register.csv separated by semicolons (;)",
            "download register.csv again from data.gov.lv (do not re-save it from Excel)",
        )
        return result
    columns = [c.strip().strip('"') for c in first.split(";")]
    missing = [c for c in USED if c not in columns]
    for name in missing:
        others = [c for c in columns if c not in HEADER]
        result.problem(
            "missing-column",
            src.at(1, name),
            ", ".join(others) if others else "",
            f"a column named {name!r} (the header of register.csv: {';'.join(HEADER)})",
            "download register.csv again, or give the column its original name",
        )
    if missing:
        return result
    counted_default, known_other = T.legal_forms()
    counted = sorted(set(forms) if forms is not None else set(counted_default))
    cut, cut_from = _release(src)
    munis = _municipalities()
    spans = _split(src, columns)
    done: list[_Part] = []
    if len(spans) > 1:  # each half parsed and counted on its own core; the halves are then added up
        with ThreadPoolExecutor(len(spans), thread_name_prefix="register") as pool:
            halves = list(pool.map(lambda span: _part(src, span, counted, munis, not_utf8), spans))
        # a half that could not be read alone: the whole file is read at once, below
        done = [h for h in halves if h is not None] if all(h is not None for h in halves) else []
    bad_rows: list[Any] = []
    if not done:

        def invalid(row: Any) -> str:
            if row is None:  # the file is read again
                bad_rows.clear()
            else:
                bad_rows.append(row)
            return "skip"

        whole = _part(src, None, counted, munis, not_utf8, result, invalid)
        if whole is None:
            return result  # refused whole: nothing half-read reaches a figure
        done = [whole]
    offsets = [sum(part.rows for part in done[:i]) for i in range(len(done))]
    _report(src, result, [(offset, part.problems) for offset, part in zip(offsets, done, strict=True)])
    counts = _merge(done, offsets)
    if bad_rows and not result.problems:  # (a file refused as damaged is not parsed again)
        numbered = _bad_rows(pa, pacsv, src)
        for bad in numbered[:LISTED]:
            result.problem(
                "row-width",
                src.at(bad.number),
                f"{bad.actual_columns} cells",
                f"{bad.expected_columns} cells, as in the header (a file cut short, or a stray delimiter)",
                "download register.csv again: the file is refused whole",
            )
        if len(bad_rows) > LISTED:
            result.problem("row-width", src.at(), "", f"{len(bad_rows) - LISTED} more rows of another width")
    # repeated register numbers (warnings only) are looked for while the records are made
    duplicates = _Rows()
    with ThreadPoolExecutor(1, thread_name_prefix="register") as pool:
        finding = pool.submit(_duplicates, pa, pc, np, pacsv, src, done, duplicates)
        refused = counts.rows == 0 or any(p.severity == Severity.ERROR for p in result.problems)
        records = [] if refused else _records(src, counts, munis, counted, (cut, cut_from))
        finding.result()
    _report(src, result, [(0, duplicates)])
    if counts.rows == 0 and not result.problems:
        result.problem("empty-table", src.at(), "", "at least one entity row below the header", "download it again")
    if any(p.severity == Severity.ERROR for p in result.problems):
        return result  # refused whole: nothing half-read reaches a figure
    # without a recorded or named date, the last registration in the file: the register as of that day
    result.vintage, result.vintage_from = (cut, cut_from) if cut else _last(counts)
    _forms_warnings(result, src, counts, counted, set(known_other))
    _unplaced_warnings(result, src, counts)
    result.records = records
    result.notes.append(
        "per 1000 inhabitants where the population of the same territory and year is held (Latvia, the "
        "regions, and the municipalities whose population a CSP table gives)"
    )
    full = [y for y in counts.by_form if _complete(y, cut or counts.last)]
    if full:
        year = max(full)
        by_form = counts.by_form[year]
        listed = ", ".join(
            f"{form} {k}" + ("" if form in counted else " (not counted)") for form, k in by_form.most_common()
        )
        result.notes.append(f"registrations in {year} by legal form (Latvia): {listed}")
    total = sum(int(v.sum()) for period, v in counts.registered.items() if len(period) == 4)
    result.notes.append(
        f"{counts.rows} rows; {total} registrations of the legal forms counted ({', '.join(counted)}); "
        f"{sum(counts.unplaced.values())} of them not placed in a municipality (counted for Latvia only)"
    )
    return result


@contextmanager
def _unraisable_decode_errors() -> Iterator[list[BaseException]]:
    """Arrow decodes a row of another width before handing it to the row handler; where that row is not
    UTF-8 its error reaches Python only as an "unraisable" exception: collected here instead."""
    import sys

    found: list[BaseException] = []
    previous = sys.unraisablehook

    def hook(unraisable: Any) -> None:
        if isinstance(unraisable.exc_value, UnicodeDecodeError):
            found.append(unraisable.exc_value)
        else:
            previous(unraisable)

    sys.unraisablehook = hook
    try:
        yield found
    finally:
        sys.unraisablehook = previous


def _not_utf8(pa: Any, src: Source, chunk: int = 1 << 22) -> int | None:
    """The line where the file stops being UTF-8 (None: it is UTF-8 throughout), checked whole lines at
    a time by Arrow's validation (fast); the bad line is then found by Python's decoder in that chunk."""
    lines, carry = 1, b""
    with open(src.path, "rb") if src.streamed else _bytes_file(src.data) as fh:
        while True:
            data = fh.read(chunk)
            whole, cut = (carry + data).rpartition(b"\n")[0::2] if data else (carry, b"")
            text = whole + (b"\n" if data and whole else b"")
            try:
                pa.array([text], pa.binary()).cast(pa.string())
            except pa.ArrowInvalid:
                try:
                    text.decode("utf-8")
                except UnicodeDecodeError as err:
                    return lines + text.count(b"\n", 0, err.start)
            lines += text.count(b"\n")
            carry = cut
            if not data:
                return None


SPLIT = 16 << 20  # a file of at least this size is read in two halves, one a core


def _split(src: Source, columns: list[str]) -> list[tuple[int, int | None, list[str] | None]]:
    """The byte ranges the file is read in: the whole file, or two halves cut at the end of a line
    (the second half given the header's column names)."""
    size = src.path.stat().st_size if src.streamed else len(src.data)
    if size < SPLIT:
        return [(0, None, None)]
    if src.streamed:
        with open(src.path, "rb") as fh:
            fh.seek(size // 2)
            chunk = fh.read(1 << 16)
    else:
        chunk = bytes(src.data[size // 2 : size // 2 + (1 << 16)])
    end = chunk.find(b"\n")
    if end < 0:
        return [(0, None, None)]
    cut = size // 2 + end + 1
    return [(0, cut, None), (cut, None, columns)]


class _Limited(io.RawIOBase):
    """A file read from ``start`` up to ``end`` (the end of the file where None)."""

    def __init__(self, path: Any, start: int, end: int | None):
        self.fh = open(path, "rb")  # noqa: SIM115 (closed by close())
        self.fh.seek(start)
        self.end = end

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        view = memoryview(buffer)
        if self.end is not None:
            view = view[: max(0, self.end - self.fh.tell())]
        return self.fh.readinto(view) if len(view) else 0

    def close(self) -> None:
        self.fh.close()
        super().close()


def _source(pa: Any, src: Source, span: tuple[int, int | None, list[str] | None] | None) -> Any:
    if span is None:
        return pa.OSFile(str(src.path)) if src.streamed else pa.BufferReader(src.data)
    start, end, _ = span
    if src.streamed and end is None:  # the last part: read by Arrow from its start to the end
        native = pa.OSFile(str(src.path))
        native.seek(start)
        return native
    if src.streamed:
        return pa.PythonFile(_Limited(src.path, start, end), mode="r")
    return pa.BufferReader(pa.py_buffer(src.data).slice(start, None if end is None else end - start))


def _table(
    pa: Any,
    pacsv: Any,
    src: Source,
    result: ReadResult | None,
    not_utf8: list[Any],
    invalid: Any,
    span: tuple[int, int | None, list[str] | None] | None = None,
) -> Any:
    """The used columns of the file (or of the byte range ``span``), parsed by Arrow: the dates as
    dates, the register numbers as integers, the columns with few distinct values (codes)
    dictionary-coded, which keeps them small. A date cell that is not a date (or a register number
    that is not a number) has those columns read again as text, so that ``_Days`` can name each such
    cell. None where it cannot be read (not UTF-8, a quote never closed): for the whole file
    (``result`` given) the problem names it (the line of a non-UTF-8 row found by a second, slower
    pass) and the file is refused whole; a half that cannot be read alone is simply None."""
    text = pa.string()
    # codes: coded by the parser on all cores for the whole file; a half (one core) reads them as text
    # and codes them after (faster on one core)
    coded = pa.dictionary(pa.int32(), pa.string()) if span is None else text
    names = span[2] if span is not None else None
    for dates, numbers in ((pa.date32(), pa.int64()), (text, text)):
        types = {"regcode": numbers, "address": text, "registered": dates, "terminated": dates}
        try:
            return pacsv.read_csv(
                _source(pa, src, span),
                read_options=pacsv.ReadOptions(block_size=1 << 20, use_threads=span is None, column_names=names),
                parse_options=pacsv.ParseOptions(
                    delimiter=";", quote_char='"', double_quote=True, invalid_row_handler=invalid
                ),
                convert_options=pacsv.ConvertOptions(
                    include_columns=list(USED),
                    column_types={c: types.get(c, coded) for c in USED},
                    strings_can_be_null=False,
                    quoted_strings_can_be_null=False,
                    null_values=[""],  # an empty date: no date (text columns keep empty strings)
                ),
            ).unify_dictionaries()
        except (pa.ArrowInvalid, UnicodeDecodeError) as err:
            if dates != text and "conversion error" in str(err) and not not_utf8:
                invalid(None)  # the rows of another width are counted again by the second reading
                continue
            if result is None:
                return None
            if not_utf8 or "utf8" in str(err).lower():
                result.problem(
                    "damaged-file",
                    src.at(_not_utf8(pa, src)),
                    "",
                    "text in UTF-8, as the Register of Enterprises publishes register.csv",
                    "download register.csv again (a file opened and saved in Excel may be in another encoding)",
                )
            else:
                result.problem(
                    "damaged-file",
                    src.at(),
                    str(err)[:160],
                    "a complete register.csv, every quoted cell closed",
                    "download register.csv again from data.gov.lv (do not re-save it from Excel)",
                )
            return None
    return None


def _part(
    src: Source,
    span: tuple[int, int | None, list[str] | None] | None,
    counted: list[str],
    munis: list[Any],
    not_utf8: list[Any],
    result: ReadResult | None = None,
    invalid: Any = None,
) -> _Part | None:
    """Read and count a part of the file (``span`` None: the whole file, its problems told to
    ``result``). A half with a row of another width is None: such rows are numbered on the whole."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    if span is None or span[1] is None:
        _tables()  # the territory tables read by the part read natively (the other waits for them)
    other_width: list[Any] = []
    if invalid is None:

        def invalid(row: Any) -> str:
            if row is None:  # the half is read again (its dates as text)
                other_width.clear()
            else:
                other_width.append(row)
            return "skip"

    table = _table(pa, pacsv, src, result, not_utf8, invalid, span)
    if table is None or other_width:
        return None
    _tables()
    rows = _Rows()
    counts = _Counts(rows=table.num_rows)
    col = {name: _Coded.of(np, table, name) for name in ("regtype", "type", "closed", "atvk")}
    closed, kind = col["closed"], col["type"]
    registered = _Days(pa, pc, np, table.column("registered"))
    rows.add_days(
        registered,
        "registered",
        True,
        "download register.csv again; a file opened and saved in Excel changes its dates",
    )
    terminated = _Days(pa, pc, np, table.column("terminated"))
    rows.add_days(terminated, "terminated", False, "download register.csv again")
    rows.add_values(
        "bad-value",
        closed,
        np.array([v not in CLOSED for v in closed.values], dtype=bool),
        "closed",
        "L (liquidated), R (reorganised) or a space (registered)",
        "download register.csv again",
    )
    counts.forms = kind.counts()
    counts.regtypes = col["regtype"].counts()
    # territory: the code where it is known, else the address text (each distinct value placed once)
    place, reason = _place(pa, pc, np, munis, col["atvk"], table.column("address"))
    is_counted = np.array([v in counted for v in kind.values], dtype=bool)[kind.rows]
    counts.last = registered.last
    counts.registered = registered.by_place(np, place, is_counted, len(munis))
    by_form = registered.by_form(np, kind.rows, len(kind.values))
    counts.by_form = {
        y: Counter({f: k for f, k in zip(kind.values, n.tolist(), strict=True) if k}) for y, n in by_form.items()
    }
    liquidated = np.array([v == "L" for v in closed.values], dtype=bool)[closed.rows]
    counts.liquidated = terminated.by_place(np, place, is_counted & liquidated, len(munis))
    unplaced = np.flatnonzero(is_counted & (registered.month >= 0) & (place < 0))
    unplaced_at: dict[str, list[int]] = {}
    for r in np.unique(reason[unplaced]).tolist():
        at = unplaced[reason[unplaced] == r]
        counts.unplaced[REASONS[r]] = len(at)
        unplaced_at[REASONS[r]] = at[:5].tolist()
    return _Part(table.num_rows, counts, rows, unplaced_at, table.column("regcode"), table.column("registered"))


def _merge(parts: list[_Part], offsets: list[int]) -> _Counts:
    """The counts of the whole file: the parts' added up (their rows numbered in the file)."""
    out = _Counts(rows=sum(p.rows for p in parts))
    for part, offset in zip(parts, offsets, strict=True):
        c = part.counts
        for mine, theirs in ((out.registered, c.registered), (out.liquidated, c.liquidated)):
            for period, n in theirs.items():
                mine[period] = mine[period] + n if period in mine else n
        for year, by_form in c.by_form.items():
            out.by_form.setdefault(year, Counter()).update(by_form)
        out.forms.update(c.forms)
        out.regtypes.update(c.regtypes)
        out.unplaced.update(c.unplaced)
        for reason, at in part.unplaced_at.items():
            listed = out.unplaced_rows.setdefault(reason, [])
            listed.extend(offset + i + 2 for i in at[: 5 - len(listed)])
        out.last = max(out.last, c.last)
    return out


class _Days:
    """A date column: each row's month (``year * 12 + month - 1``; -1 where the cell is empty or not a
    date), and, where the file held text that is not a date, those cells (``bad``: row index -> text).
    Read as dates by Arrow; a column read as text (a file with a cell that is not a date) is parsed
    here, so that each such cell can be named."""

    def __init__(self, pa: Any, pc: Any, np: Any, column: Any):
        self.bad: dict[int, str] = {}
        self.bad_count = 0
        empty = None
        if pa.types.is_string(column.type):
            text = column
            parsed = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
            ok = pc.and_(pc.is_valid(parsed), pc.equal(pc.binary_length(text), 10))  # written YYYY-MM-DD
            column = pc.if_else(ok, pc.cast(parsed, pa.date32()), pa.scalar(None, pa.date32()))
            empty = pc.equal(text, "").to_numpy(zero_copy_only=False)
            wrong = np.flatnonzero(~ok.to_numpy(zero_copy_only=False) & ~empty)
            self.bad_count = len(wrong)
            picked = wrong[:LISTED]
            self.bad = dict(zip(picked.tolist(), text.take(pa.array(picked, pa.int64())).to_pylist(), strict=True))
        days = pc.fill_null(pc.cast(column, pa.int32()), _NO_DAY).to_numpy()
        valid = days != _NO_DAY
        ends = pc.min_max(column).as_py()
        self.last = ends["max"].isoformat() if ends["max"] is not None else ""
        self.low, self.span = 0, 0
        self.month = np.full(len(days), -1, np.int32)
        if ends["min"] is not None:
            # each day of the file's range once: its month since year 0; each row then looks its day up
            first, last = (int(np.datetime64(ends[k], "D").astype(np.int64)) for k in ("min", "max"))
            months = np.arange(first, last + 1).astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
            months += 1970 * 12
            self.low, self.span = int(months[0]), int(months[-1] - months[0]) + 1
            self.month[valid] = months.astype(np.int32)[days[valid] - first]
        self.empty = ~valid if empty is None else empty
        self.valid = valid

    def _periods(self, np: Any, table: Any) -> dict[str, Any]:
        """Rows of a months × … table summed by month (``YYYY-MM``) and by year (``YYYY``); months
        without a row are left out."""
        out: dict[str, Any] = {}
        for i in np.flatnonzero(table.sum(axis=1)).tolist():
            m = self.low + i
            name, year, row = f"{m // 12:04d}-{m % 12 + 1:02d}", f"{m // 12:04d}", table[i]
            out[name] = row
            out[year] = out[year] + row if year in out else row.copy()
        return out

    def by_place(self, np: Any, place: Any, mask: Any, places: int) -> dict[str, Any]:
        """Counts of the rows in ``mask`` with a date by month and territory (index 0: not placed)."""
        keep = mask & self.valid
        key = (self.month[keep] - self.low) * (places + 1) + place[keep] + 1
        n = np.bincount(key, minlength=self.span * (places + 1)).reshape(self.span, places + 1)
        return self._periods(np, n)

    def by_form(self, np: Any, forms: Any, n_forms: int) -> dict[str, Any]:
        """Counts of the rows with a date by year and legal form (Latvia)."""
        key = (self.month[self.valid] - self.low) * n_forms + forms[self.valid]
        n = np.bincount(key, minlength=self.span * n_forms).reshape(self.span, n_forms)
        return {k: v for k, v in self._periods(np, n).items() if len(k) == 4}


def _place(pa: Any, pc: Any, np: Any, munis: list[Any], atvk: _Coded, address: Any) -> tuple[Any, Any]:
    """Each row's territory index (-1: not placed) and, where it is not placed, the index of its reason
    in ``REASONS``: the code where it is known, else the address (each distinct code and address start
    placed once; the addresses taken a slice of rows at a time, which bounds the memory they need)."""
    index_of = {m.region: i for i, m in enumerate(munis)}
    code_place = np.full(len(atvk.values), -1, np.int32)
    code_reason = np.full(len(atvk.values), -1, np.int8)
    for i, code in enumerate(atvk.values):
        if code.strip():
            m = T.place_code(code)
            if m is not None:
                code_place[i] = index_of[m.region]
            else:
                code_reason[i] = REASONS.index(T.UNKNOWN_CODE)
    place = code_place[atvk.rows] if len(atvk.values) else np.zeros(0, np.int32)
    reason = np.full(len(place), -1, np.int8)
    todo = np.flatnonzero(place < 0)
    known: dict[str, tuple[int, int]] = {}  # address start -> (territory, reason)
    for start in range(0, len(todo), _SLICE):
        at = todo[start : start + _SLICE]
        # each address's start: all but its last comma-separated part (the street and house; the whole
        # address where it has one part only), each distinct start placed once
        taken = address.take(pa.array(at))
        taken = taken.combine_chunks() if hasattr(taken, "combine_chunks") else taken
        keys = pc.dictionary_encode(pc.list_element(pc.split_pattern(taken, ",", max_splits=1, reverse=True), 0))
        found = np.array([known.get(k) or _address_place(k, index_of, known) for k in keys.dictionary.to_pylist()])
        found = found.reshape(-1, 2).astype(np.int32)
        rows = keys.indices.to_numpy(zero_copy_only=False)
        place[at] = found[rows, 0]
        # a code of no known classifier is the reason even when the address, tried next, names no place
        by_code = code_reason[atvk.rows[at]]
        reason[at] = np.where(by_code >= 0, by_code, found[rows, 1])
    return place, reason


def _address_place(key: str, index_of: dict[str, int], known: dict[str, tuple[int, int]]) -> tuple[int, int]:
    m, why = T.place_address(key) if key.strip() else (None, T.NO_TERRITORY)
    known[key] = (index_of[m.region], -1) if m is not None else (-1, REASONS.index(why))
    return known[key]


def _duplicates(pa: Any, pc: Any, np: Any, pacsv: Any, src: Source, parts: list[_Part], rows: _Rows) -> None:
    """The same ``regcode`` on two rows: a warning naming both rows (and both dates where they differ).
    Register numbers read as integers are sorted as such (fast) where each was 11 digits
    (10 000 000 000 and up, so no leading zero was lost); otherwise the column is read again as text
    and sorted as text."""
    chunks = [c for part in parts for c in part.regcode.chunks]
    if sum(len(c) for c in chunks) < 2:
        return
    regcode = None
    if all(pa.types.is_integer(c.type) for c in chunks):
        regcode = pa.chunked_array(chunks, pa.int64())
        ends = pc.min_max(regcode).as_py()
        if ends["min"] is None or ends["min"] < 10**10 or ends["max"] >= 10**11 or regcode.null_count:
            regcode = None
    if regcode is not None:
        codes = regcode.to_numpy()
        ordered = np.sort(codes)
        repeated = ordered[1:][ordered[1:] == ordered[:-1]]
        if not len(repeated):
            return
        at = pc.indices_nonzero(pc.is_in(pa.array(codes), value_set=pa.array(np.unique(repeated))))
    else:
        as_text = all(pa.types.is_string(c.type) for c in chunks)
        regcode = pa.chunked_array(chunks, pa.string()) if as_text else _regcodes(pa, pacsv, src)
        order = pc.array_sort_indices(regcode).to_numpy()
        text = regcode.take(pa.array(order))
        hits = np.flatnonzero(pc.equal(text.slice(1), text.slice(0, len(text) - 1)).to_numpy(zero_copy_only=False))
        if not len(hits):
            return
        at = pa.array(np.unique(np.concatenate([order[hits], order[hits + 1]])), pa.int64())
    registered = [c for part in parts for c in part.registered.chunks]
    if len({c.type for c in registered}) > 1:
        registered = [c.cast(pa.string()) if not pa.types.is_string(c.type) else c for c in registered]
    days = [
        d if isinstance(d, str) else d.isoformat() if d else ""
        for d in pa.chunked_array(registered).take(at).to_pylist()
    ]
    seen: dict[str, tuple[str, int]] = {}
    codes_at = [str(c) for c in regcode.take(at).to_pylist()]
    for i, code, day in sorted(zip(at.to_pylist(), codes_at, days, strict=True), key=lambda x: (x[1], x[0])):
        if code in seen:
            first_day, first_line = seen[code]
            rows.add(
                "duplicate-entity",
                i,
                "regcode",
                code,
                f"one row for each entity; row {first_line} has the same regcode "
                + (f"with another date ({first_day}, here {day})" if day != first_day else "and the same date"),
                "both rows are counted as they stand; report the rows to the Register of Enterprises if they persist",
                Severity.WARNING,
            )
        else:
            seen[code] = (day, i + 2)


def _regcodes(pa: Any, pacsv: Any, src: Source) -> Any:
    """The ``regcode`` column as text (rows of another width skipped, as in the first reading)."""
    return pacsv.read_csv(
        _source(pa, src, None),
        parse_options=pacsv.ParseOptions(
            delimiter=";", quote_char='"', double_quote=True, invalid_row_handler=lambda _: "skip"
        ),
        convert_options=pacsv.ConvertOptions(
            include_columns=["regcode"], column_types={"regcode": pa.string()}, strings_can_be_null=False
        ),
    ).column("regcode")


def _forms_warnings(result: ReadResult, src: Source, counts: _Counts, counted: list[str], known: set[str]) -> None:
    for form, k in sorted(counts.forms.items()):
        if form not in counted and form not in known:
            result.problems.append(
                Problem(
                    "unknown-legal-form",
                    src.at(None, "type"),
                    form,
                    f"a legal form listed in core/territory/legal_forms.toml ({k} rows carry this one: not counted)",
                    "add the code to the counted or not_counted list there",
                    Severity.WARNING,
                )
            )
    for regtype, k in sorted(counts.regtypes.items()):
        if not re.fullmatch(r"[A-Z]", regtype):
            result.problems.append(
                Problem(
                    "bad-value",
                    src.at(None, "regtype"),
                    regtype,
                    f"one capital letter (K Komercreģistrs, B Biedrību un nodibinājumu reģistrs …); {k} rows",
                    "check the file; the rows are still counted by their legal form",
                    Severity.WARNING,
                )
            )


def _unplaced_warnings(result: ReadResult, src: Source, counts: _Counts) -> None:
    for reason, k in sorted(counts.unplaced.items()):
        first = counts.unplaced_rows.get(reason, [])
        result.problems.append(
            Problem(
                "unplaced-address",
                CellRef(src.shown, first[0] if first else None, "atvk"),
                f"{k} rows",
                f"a legal address placed in a municipality; not placed: {reason} (rows "
                + ", ".join(str(r) for r in first)
                + (" …" if k > len(first) else "")
                + "); counted for Latvia only",
                "nothing to correct in the file; the rows are left out of municipalities and regions",
                Severity.WARNING,
            )
        )


def _complete(period: str, cut: str | None) -> bool:
    """Whether a year (YYYY) or month (YYYY-MM) ended before the file was released, and before today:
    a release date in the future (a server's clock, a typed date) never makes the current year complete."""
    now = clock.today().isoformat()
    cut = min(cut, now) if cut else now
    return period < cut[: len(period)]


def _last(counts: _Counts) -> tuple[str | None, VintageFrom]:
    """The date of the last registration in the file, read from its content: the register as of then."""
    return (counts.last, VintageFrom.RELEASE) if counts.last else (None, VintageFrom.NONE)


def _records(
    src: Source, counts: _Counts, munis: list[Any], counted: list[str], dated: tuple[str | None, VintageFrom]
) -> list[RawRecord]:
    """Registrations by year and month, liquidations by year: each municipality (zero where none) and
    Latvia (every row counted, placed or not), for the periods complete when the file was released."""
    cut, vintage_from = dated
    if cut is None and counts.last:
        cut, vintage_from = _last(counts)  # the last registration's month may be incomplete
    seen = sorted(int(year) for year in counts.by_form)
    first = max(seen[0], FIRST_YEAR) if seen else 0  # the register's series begin with it (1991): no earlier year
    years = [str(y) for y in range(first, seen[-1] + 1)] if seen else []  # a year without one is a zero
    today = clock.today().isoformat()  # and before today: a file dated later than today is no reason to count more
    full_years = [y for y in years if _complete(y, cut) and _complete(y, today)]
    months = [f"{y}-{m:02d}" for y in years[-MONTHLY_YEARS:] for m in range(1, 13)]
    periods = full_years + [p for p in months if _complete(p, cut) and _complete(p, today)]
    vintage = cut
    out = []
    note = "{k} rows of the register counted (legal forms {forms}; legal address as it is today)"
    forms = ", ".join(counted)
    regions = [m.region for m in munis]

    cells = {c: CellRef(src.shown, None, c) for c in ("registered", "terminated")}

    def record(indicator: str, period: str, region: str, k: int, column: str) -> RawRecord:
        return RawRecord(
            indicator=indicator,
            region=region,
            period=period,
            value=str(k),
            unit="enterprises",
            publisher=PUBLISHER,
            dataset=DATASET,
            cell=cells[column],
            vintage=vintage,
            vintage_from=vintage_from,
            url=URL,
            note=note.format(k=k, forms=forms),
        )

    def add(indicator: str, table: dict[str, Any], period: str, column: str) -> None:
        by_place = table[period].tolist() if period in table else [0] * (len(regions) + 1)
        for region, k in zip(regions, by_place[1:], strict=True):  # index 0: rows not placed
            out.append(record(indicator, period, region, k, column))
        out.append(record(indicator, period, "LV", sum(by_place), column))

    for period in periods:
        add(REGISTRATIONS, counts.registered, period, "registered")
    for year in full_years:
        add(LIQUIDATIONS, counts.liquidated, year, "terminated")
    return out
