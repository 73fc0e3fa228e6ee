"""The Register of Enterprises' open data ``register.csv`` (Uzņēmumu reģistrs, data.gov.lv, CC0).

One row an entity: ``;`` delimited, ``"`` quoting with ``""`` escapes, UTF-8 with or without a BOM,
ISO dates, ``closed`` ``L`` (liquidated), ``R`` (reorganised) or a space, ``atvk`` the territory
code as text. The file (about 486 000 rows, 125 MB) is read in blocks and counted while it is read
(registrations by year × month × legal form × municipality; liquidations by year): its rows are
never all held at once. The counts become records (publisher "Register of Enterprises", this file,
and how many rows each counted); the problems of single rows keep their row numbers.

Recognised by its header (``regcode`` first), whatever the file's name: the file ``latgale-stats
update`` saves (``ur_register_<YYYY-MM-DD>.csv``, the download day being its release date) or one
saved by hand (its release date from data/raw/origins.toml, else the last registration date in it).

Placing a row (``core.territory``): its ``atvk`` code (2021 classifier, or a confirmed pre-2021 code
of a former republic city), else its address text. Rows that cannot be placed count for Latvia and
are listed by reason in ``check``; they are never guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..core import territory as T
from ..core.model import CellRef, RawRecord, Severity
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


def _first_line(src: Source) -> str:
    head = src.head or ""
    return head.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r")


def sniff(src: Source) -> bool:
    """A header whose first column is ``regcode`` (with any delimiter: another one is then named)."""
    first = _first_line(src)
    return re.match(r'^"?regcode"?\s*[;,\t|]', first) is not None


@dataclass
class _Counts:
    registered: Counter[tuple[str, str, int, str]] = field(default_factory=Counter)  # year, month, territory, form
    liquidated: Counter[tuple[str, int, str]] = field(default_factory=Counter)
    unplaced: Counter[str] = field(default_factory=Counter)
    unplaced_rows: dict[str, list[int]] = field(default_factory=dict)
    forms: Counter[str] = field(default_factory=Counter)
    regtypes: Counter[str] = field(default_factory=Counter)
    rows: int = 0
    last: str = ""


def _release(src: Source) -> str | None:
    m = _NAME_DATE.search(src.path.name)
    return src.vintage(None, m.group(1) if m else None)


def _bytes_file(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


class _Rows:
    """Problems of single rows: the first ``LISTED`` of each kind named, the rest counted."""

    def __init__(self, src: Source, result: ReadResult):
        self.src, self.result = src, result
        self.seen: Counter[tuple[str, str]] = Counter()
        self.severity: dict[tuple[str, str], Severity] = {}

    def add(
        self,
        code: str,
        row: int,
        column: str,
        value: str,
        expected: str,
        action: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        self.seen[(code, column)] += 1
        self.severity[(code, column)] = severity
        if self.seen[(code, column)] <= LISTED:
            self.result.problems.append(Problem(code, self.src.at(row, column), value, expected, action, severity))

    def close(self) -> None:
        for (code, column), n in self.seen.items():
            if n > LISTED:
                self.result.problems.append(
                    Problem(
                        code,
                        self.src.at(None, column),
                        "",
                        f"{n - LISTED} more rows like the {LISTED} listed",
                        "see the rows listed before this line",
                        self.severity[(code, column)],
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
    cut = _release(src)
    bad_rows: list[Any] = []

    def invalid(row: Any) -> str:
        bad_rows.append(row)
        return "skip"

    def reader() -> Any:
        return _open(pa, pacsv, src, list(USED), invalid, threads=True)

    rows = _Rows(src, result)
    counts = _Counts()
    ids: list[Any] = []
    offset = 2  # the first data row is line 2 of the file
    places: dict[str, int] = {}  # atvk or address -> territory index (-1: not placed)
    munis = sorted({m.region: m for m in T.municipalities().values()}.values(), key=lambda m: m.atvk)
    index_of = {m.region: i for i, m in enumerate(munis)}
    reasons: dict[str, str] = {}
    registrations, liquidations = _Tally(), _Tally()
    for batch in _batches(pa, reader, src, result, not_utf8):
        n = batch.num_rows
        line = pa.array(np.arange(offset, offset + n, dtype=np.int64))
        offset += n
        counts.rows += n
        col = {name: batch.column(name) for name in USED}
        registered = col["registered"]
        ok = _iso(pc, registered)
        for i in pc.indices_nonzero(pc.invert(ok)).to_pylist():
            rows.add(
                "bad-value",
                line[i].as_py(),
                "registered",
                registered[i].as_py(),
                "a date written YYYY-MM-DD (as register.csv writes dates)",
                "download register.csv again; a file opened and saved in Excel changes its dates",
            )
        terminated = col["terminated"]
        any_terminated = pc.max(pc.binary_length(terminated)).as_py()
        t_ok = _iso(pc, terminated) if any_terminated else pa.array(np.zeros(n, dtype=bool))
        for i in pc.indices_nonzero(pc.and_(pc.invert(t_ok), pc.not_equal(terminated, ""))).to_pylist():
            rows.add(
                "bad-value",
                line[i].as_py(),
                "terminated",
                terminated[i].as_py(),
                "empty, or a date written YYYY-MM-DD",
                "download register.csv again",
            )
        closed = col["closed"]
        for i in pc.indices_nonzero(pc.invert(pc.is_in(closed, pa.array(CLOSED)))).to_pylist():
            rows.add(
                "bad-value",
                line[i].as_py(),
                "closed",
                closed[i].as_py(),
                "L (liquidated), R (reorganised) or a space (registered)",
                "download register.csv again",
            )
        for value, k in zip(*_value_counts(pc, col["type"]), strict=True):
            counts.forms[value] += k
        for value, k in zip(*_value_counts(pc, col["regtype"]), strict=True):
            counts.regtypes[value] += k
        # territory: the code where it is known, else the address text (each distinct value placed once)
        territory = _place(pa, pc, col["atvk"], col["address"], places, index_of, reasons)
        keep = pc.and_(ok, pc.is_in(col["type"], pa.array(counted, pa.string())))
        registrations.add(pa, pc, ok, registered, territory, col["type"])
        liquidations.add(pa, pc, pc.and_(pc.equal(closed, "L"), t_ok), terminated, territory, col["type"])
        unplaced = pc.and_(keep, pc.equal(territory, -1))
        if pc.any(unplaced).as_py():
            codes = pc.filter(col["atvk"], unplaced).to_pylist()
            addresses = pc.filter(col["address"], unplaced).to_pylist()
            for r, code, address in zip(pc.filter(line, unplaced).to_pylist(), codes, addresses, strict=True):
                reason = reasons.get(code) if code.strip() else None
                reason = reason or reasons.get(_address_key(address), T.NO_TERRITORY)
                counts.unplaced[reason] += 1
                counts.unplaced_rows.setdefault(reason, [])
                if len(counts.unplaced_rows[reason]) < 5:
                    counts.unplaced_rows[reason].append(r)
        # copied out of the block's buffers, so that the block is freed after counting
        ids.append(pa.table({"regcode": _copy(pa, col["regcode"]), "registered": _copy(pa, registered), "line": line}))
    counts.registered = registrations.counts()
    counts.liquidated = Counter()
    for (year, _, t, form), k in liquidations.counts().items():
        counts.liquidated[(year, t, form)] += k
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
    if ids:  # the last registration date: the file's vintage where nothing else gives one
        days = pa.concat_tables(ids).column("registered")
        counts.last = pc.max(pc.filter(days, _iso(pc, days))).as_py() or ""
    _duplicates(pa, pc, ids, rows, src)
    rows.close()
    if counts.rows == 0 and not result.problems:
        result.problem("empty-table", src.at(), "", "at least one entity row below the header", "download it again")
    if any(p.severity == Severity.ERROR for p in result.problems):
        return result  # refused whole: nothing half-read reaches a figure
    result.vintage = cut or (counts.last or None)
    _forms_warnings(result, src, counts, counted, set(known_other))
    _unplaced_warnings(result, src, counts)
    result.records = _records(src, counts, munis, counted, cut)
    result.notes.append(
        "per 1000 inhabitants only where the population of the same territory and year is held (Latvia and "
        "statistical regions); municipal populations are not in the data, so municipalities have counts only"
    )
    full = [y for y, _, _, _ in counts.registered if _complete(y, cut or counts.last)]
    if full:
        year = max(full)
        by_form: Counter[str] = Counter()
        for (y, _, _, form), k in counts.registered.items():
            if y == year:
                by_form[form] += k
        listed = ", ".join(
            f"{form} {k}" + ("" if form in counted else " (not counted)") for form, k in by_form.most_common()
        )
        result.notes.append(f"registrations in {year} by legal form (Latvia): {listed}")
    total = sum(k for (_, _, _, f), k in counts.registered.items() if f in counted)
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


def _batches(pa: Any, open_reader: Any, src: Source, result: ReadResult, not_utf8: list[Any]) -> Iterator[Any]:
    """The blocks of the file; a block that cannot be read (not UTF-8, a quote never closed) ends the
    reading with a problem naming it (the line of a non-UTF-8 row found by a second, slower pass): the
    file is then refused whole."""
    try:
        reader = open_reader()
        while True:
            batch = reader.read_next_batch()
            yield batch
    except StopIteration:
        return
    except (pa.ArrowInvalid, UnicodeDecodeError) as err:
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


class _Tally:
    """Rows counted by (year, month, territory, legal form) without a Python step per row: each row's
    combination packed into one integer, the integers of all blocks counted once at the end."""

    def __init__(self) -> None:
        self.forms: dict[str, int] = {}
        self.keys: list[Any] = []

    def add(self, pa: Any, pc: Any, mask: Any, day: Any, territory: Any, form: Any) -> None:
        import numpy as np

        if not pc.any(mask).as_py():
            return
        day = pc.filter(day, mask)
        year = pc.cast(pc.utf8_slice_codeunits(day, 0, 4), pa.int64()).to_numpy()
        month = pc.cast(pc.utf8_slice_codeunits(day, 5, 7), pa.int64()).to_numpy()
        enc = pc.dictionary_encode(pc.filter(form, mask))
        local = np.array([self.forms.setdefault(f, len(self.forms)) for f in enc.dictionary.to_pylist()], np.int64)
        forms = local[enc.indices.to_numpy(zero_copy_only=False)] if len(local) else np.zeros(0, np.int64)
        places = pc.filter(territory, mask).to_numpy(zero_copy_only=False).astype(np.int64) + 1
        self.keys.append(((year * 13 + month) * 1024 + places) * 4096 + forms)

    def counts(self) -> Counter[tuple[str, str, int, str]]:
        import numpy as np

        out: Counter[tuple[str, str, int, str]] = Counter()
        if not self.keys:
            return out
        names = {i: f for f, i in self.forms.items()}
        keys, n = np.unique(np.concatenate(self.keys), return_counts=True)
        for key, k in zip(keys.tolist(), n.tolist(), strict=True):
            rest, form = divmod(key, 4096)
            rest, place = divmod(rest, 1024)
            year, month = divmod(rest, 13)
            out[(f"{year:04d}", f"{month:02d}", place - 1, names[form])] += k
        return out


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


def _iso(pc: Any, days: Any) -> Any:
    """Which cells are dates written YYYY-MM-DD."""
    parsed = pc.strptime(days, format="%Y-%m-%d", unit="s", error_is_null=True)
    return pc.and_(pc.is_valid(parsed), pc.equal(pc.binary_length(days), 10))


def _copy(pa: Any, array: Any) -> Any:
    return pa.concat_arrays([array, pa.array([], array.type)])


def _value_counts(pc: Any, array: Any) -> tuple[list[str], list[int]]:
    vc = pc.value_counts(array)
    return vc.field("values").to_pylist(), vc.field("counts").to_pylist()


def _address_key(address: str) -> str:
    """The part of an address that can name a place: all but its last part (the street and house)."""
    head, sep, _ = address.rpartition(",")
    return head if sep else address


def _place(
    pa: Any,
    pc: Any,
    atvk: Any,
    address: Any,
    places: dict[str, int],
    index_of: dict[str, int],
    reasons: dict[str, str],
) -> Any:
    """The territory index of each row (-1: not placed); ``reasons`` gets why a value is not placed."""
    enc = pc.dictionary_encode(atvk)
    mapped = []
    for code in enc.dictionary.to_pylist():
        key = "code:" + code
        if key not in places:
            m = T.place_code(code) if code.strip() else None
            places[key] = index_of[m.region] if m else -1
            if m is None and code.strip():
                reasons[code] = T.UNKNOWN_CODE
        mapped.append(places[key])
    territory = pa.array(mapped, pa.int32()).take(enc.indices)
    todo = pc.equal(territory, -1)
    if not pc.any(todo).as_py():
        return territory
    keys = pc.replace_substring_regex(pc.filter(address, todo), r",[^,]*$", "")
    enc = pc.dictionary_encode(keys)
    mapped = []
    for key in enc.dictionary.to_pylist():
        if "addr:" + key not in places:
            m, why = T.place_address(key) if key.strip() else (None, T.NO_TERRITORY)
            places["addr:" + key] = index_of[m.region] if m else -1
            if m is None:
                reasons[key] = why
        mapped.append(places["addr:" + key])
    from_address = pa.array(mapped, pa.int32()).take(enc.indices)
    positions = pc.indices_nonzero(todo)
    out = territory.to_numpy(zero_copy_only=False).copy()
    out[positions.to_numpy()] = from_address.to_numpy(zero_copy_only=False)
    return pa.array(out, pa.int32())


def _duplicates(pa: Any, pc: Any, ids: list[Any], rows: _Rows, src: Source) -> None:
    """The same ``regcode`` on two rows: a warning naming both rows (and both dates where they differ).
    Found by sorting the register numbers (no hash table of half a million strings)."""
    if not ids:
        return
    table = pa.concat_tables(ids)
    order = pc.array_sort_indices(table.column("regcode"))
    codes = table.column("regcode").take(order)
    n = len(codes)
    if n < 2:
        return
    same = pc.equal(codes.slice(1), codes.slice(0, n - 1))
    hits = pc.indices_nonzero(same).to_pylist()
    if not hits:
        return
    picked = pa.array(sorted({i for h in hits for i in (h, h + 1)}), pa.int64())
    dup = table.take(order.take(picked)).sort_by([("regcode", "ascending"), ("line", "ascending")])
    seen: dict[str, tuple[str, int]] = {}
    for code, day, line in zip(*(dup.column(c).to_pylist() for c in ("regcode", "registered", "line")), strict=True):
        if code in seen:
            first_day, first_line = seen[code]
            rows.add(
                "duplicate-entity",
                line,
                "regcode",
                code,
                f"one row for each entity; row {first_line} has the same regcode "
                + (f"with another date ({first_day}, here {day})" if day != first_day else "and the same date"),
                "both rows are counted as they stand; report the rows to the Register of Enterprises if they persist",
                Severity.WARNING,
            )
        else:
            seen[code] = (day, line)


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
    """Whether a year (YYYY) or month (YYYY-MM) ended before the file was released."""
    if not cut:
        return True
    return period < cut[: len(period)]


def _records(src: Source, counts: _Counts, munis: list[Any], counted: list[str], cut: str | None) -> list[RawRecord]:
    """Registrations by year and month, liquidations by year: each municipality (zero where none) and
    Latvia (every row counted, placed or not), for the periods complete when the file was released."""
    if cut is None and counts.last:
        cut = counts.last  # the last registration's month may be incomplete
    reg: Counter[tuple[str, int]] = Counter()
    liq: Counter[tuple[str, int]] = Counter()
    for (year, month, t, form), k in counts.registered.items():
        if form in counted:
            for period in (year, f"{year}-{month}"):
                reg[(period, t)] += k
                reg[(period, -2)] += k  # -2: Latvia
    for (year, t, form), k in counts.liquidated.items():
        if form in counted:
            liq[(year, t)] += k
            liq[(year, -2)] += k
    seen = sorted(int(year) for year, _, _, _ in counts.registered if year.isdigit())
    years = [str(y) for y in range(seen[0], seen[-1] + 1)] if seen else []  # a year without one is a zero
    periods = [y for y in years if _complete(y, cut)]
    periods += [f"{y}-{m:02d}" for y in years[-MONTHLY_YEARS:] for m in range(1, 13)]
    periods = [p for p in periods if _complete(p, cut) and p <= date.today().strftime("%Y-%m")]
    vintage = cut
    out = []
    note = "{k} rows of the register counted (legal forms {forms}; legal address as it is today)"
    forms = ", ".join(counted)
    targets = [(i, m.region) for i, m in enumerate(munis)] + [(-2, "LV")]

    def record(indicator: str, period: str, region: str, k: int, column: str) -> RawRecord:
        return RawRecord(
            indicator=indicator,
            region=region,
            period=period,
            value=str(k),
            unit="enterprises",
            publisher=PUBLISHER,
            dataset=DATASET,
            cell=CellRef(src.shown, None, column),
            vintage=vintage,
            url=URL,
            note=note.format(k=k, forms=forms),
        )

    for period in periods:
        for i, region in targets:
            out.append(record(REGISTRATIONS, period, region, reg[(period, i)], "registered"))
    liq_years = [y for y in years if _complete(y, cut)]
    for year in liq_years:
        for i, region in targets:
            out.append(record(LIQUIDATIONS, year, region, liq[(year, i)], "terminated"))
    return out
