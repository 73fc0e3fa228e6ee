"""Where each raw file comes from: ``data/raw/origins.toml``, the machine-readable record of the raw layer.

One TOML table per file in ``data/raw/`` (``[files."NAME.csv"]``) records its publisher, kind, dataset,
title, release date (and where that date comes from: the file itself, the record only, or the day the copy
was made, when the release date is not known), licence, URL, retrieval date, SHA-256 and notes.
``data/raw/README.md`` is generated from it (:func:`readme_text`), never parsed. :func:`check_origins`
compares the record with the files on disk.

``latgale-stats update`` never rewrites ``origins.toml``: each file it downloads gets a sidecar record
``NAME.origin.toml`` beside it, holding one table ``[files."NAME"]`` with the same keys (plus ``query``,
``etag`` and ``last_modified``). :func:`read_origins` reads both; a file recorded twice is an error.

Only the standard library is used, so reading the record never loads the data machinery.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from .confirmations import FILE as CONFIRMATIONS_FILE

ORIGINS_FILE = "origins.toml"
SIDECAR_SUFFIX = ".origin.toml"  # NAME.origin.toml: the record `latgale-stats update` writes beside NAME
README_FILE = "README.md"
KINDS = ("publisher file", "curated", "statements")
# where a file's release_date comes from: "content" the file holds it, "metadata" only the record holds it (both
# the publisher's release date); "copy" the day the copy was made (downloaded, or committed where it was found),
# so the publisher's release is on or before it. Citations say "downloaded" for a copy date, never "release".
DATE_SOURCES = ("content", "metadata", "copy")
RELEASE_SOURCES = ("content", "metadata")
REQUIRED = ("publisher", "kind", "title", "licence", "sha256")
OPTIONAL = (
    "dataset",
    "release_date",
    "release_date_from",
    "url",
    "retrieved",
    "notes",
    "query",
    "etag",
    "last_modified",
)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class OriginError(ValueError):
    """``origins.toml`` cannot be read: invalid TOML, a missing or malformed key."""


@dataclass(frozen=True)
class Origin:
    """The recorded origin of one raw file."""

    file: str
    publisher: str
    kind: str
    title: str
    licence: str
    sha256: str
    dataset: str | None = None
    release_date: str | None = None
    release_date_from: str | None = None
    url: str | None = None
    retrieved: str | None = None
    notes: str | None = None
    query: str | None = None  # what was asked of the publisher's API (a download by `latgale-stats update`)
    etag: str | None = None  # the server's ETag and Last-Modified headers, as sent
    last_modified: str | None = None


def is_sidecar(name: str) -> bool:
    """Whether a file name is a download's sidecar origin record (``NAME.origin.toml``)."""
    return name.endswith(SIDECAR_SUFFIX) and len(name) > len(SIDECAR_SUFFIX)


def _shown(data_dir: Path, name: str) -> str:
    """``data/raw/NAME`` for the project's raw folder, else the path as given."""
    if data_dir.parts[-2:] == ("data", "raw"):
        return f"data/raw/{name}"
    return (data_dir / name).as_posix()


def _text(value: object) -> str | None:
    if isinstance(value, datetime.date):  # an unquoted TOML date
        return value.isoformat()
    if isinstance(value, str):
        return value.strip()
    return None


def _origin(name: str, table: object, data_dir: Path, shown: str) -> Origin:
    where = f'{shown}, table [files."{name}"]'
    if not isinstance(table, dict):
        raise OriginError(f'{where}: expected a table of keys; write it as [files."{name}"] followed by its keys')
    unknown = sorted(set(table) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise OriginError(f"{where}: unknown key {unknown[0]!r}; use only {', '.join(REQUIRED + OPTIONAL)}")
    values: dict[str, str | None] = {}
    for key in REQUIRED + OPTIONAL:
        if key not in table:
            if key in REQUIRED:
                raise OriginError(f'{where}: the key {key!r} is missing; add {key} = "..." to this table')
            values[key] = None
            continue
        text = _text(table[key])
        if text is None or (key in REQUIRED and not text):
            raise OriginError(f'{where}: the key {key!r} must be a non-empty string; write {key} = "..."')
        values[key] = text
    if values["kind"] not in KINDS:
        raise OriginError(
            f"{where}: kind = {values['kind']!r} is not one of {', '.join(map(repr, KINDS))}; "
            "use the one that fits the file"
        )
    if not _SHA256.match(values["sha256"] or ""):
        raise OriginError(
            f"{where}: sha256 is not 64 lowercase hex digits; record the output of sha256sum {_shown(data_dir, name)}"
        )
    for key in ("release_date", "retrieved"):
        if values[key] is not None and not _DATE.match(values[key] or ""):
            raise OriginError(
                f"{where}: {key} = {values[key]!r} is not an ISO date; write YYYY-MM-DD, "
                "or leave the key out when the date is not known"
            )
    source = values["release_date_from"]
    if source is not None and source not in DATE_SOURCES:
        raise OriginError(
            f"{where}: release_date_from = {source!r} is not one of "
            f"{', '.join(map(repr, DATE_SOURCES))}; say whether the file itself holds the release date, only this "
            "record does, or the date is only the day the copy was made"
        )
    if (source is None) != (values["release_date"] is None):
        raise OriginError(f"{where}: release_date and release_date_from go together; give both or neither")
    return Origin(file=name, **values)  # type: ignore[arg-type]


def _read_record(path: Path, shown: str, data_dir: Path) -> dict[str, Origin]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise OriginError(f"{shown} is not valid TOML ({exc}); correct the line named, then run again") from exc
    return _parse_record(text, shown, data_dir)


def _parse_record(text: str, shown: str, data_dir: Path) -> dict[str, Origin]:
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise OriginError(f"{shown} is not valid TOML ({exc}); correct the line named, then run again") from exc
    extra = sorted(set(doc) - {"files"})
    if extra:
        raise OriginError(
            f'{shown}: unexpected top-level key {extra[0]!r}; every table must be written as [files."NAME"]'
        )
    files = doc.get("files", {})
    if not isinstance(files, dict):
        raise OriginError(f'{shown}: "files" must hold one table per file; write [files."NAME"] tables')
    return {name: _origin(name, table, data_dir, shown) for name, table in files.items()}


def read_record(path: Path, shown: str, data_dir: Path) -> dict[str, Origin]:
    """The tables of one record file (``origins.toml`` or a sidecar), validated as :func:`read_origins` does."""
    return _read_record(path, shown, data_dir)


def read_origins(data_dir: Path) -> dict[str, Origin]:
    """The origins recorded in ``data_dir/origins.toml`` and in the downloads' sidecar records
    (``NAME.origin.toml``), keyed by file name (empty if there is neither).

    Raises :class:`OriginError` naming the file, the table and the key when the record cannot be used."""
    data_dir = Path(data_dir)
    path = data_dir / ORIGINS_FILE
    origins = _read_record(path, _shown(data_dir, ORIGINS_FILE), data_dir) if path.is_file() else {}
    sidecars = sorted(p for p in data_dir.glob(f"*{SIDECAR_SUFFIX}") if p.is_file()) if data_dir.is_dir() else []
    for car in sidecars:
        shown = _shown(data_dir, car.name)
        own = car.name[: -len(SIDECAR_SUFFIX)]
        for name, origin in _read_record(car, shown, data_dir).items():
            if name != own:
                raise OriginError(f'{shown} records {name!r}: a sidecar record holds only [files."{own}"]')
            if name in origins:
                raise OriginError(
                    f"{name} is recorded twice, in {_shown(data_dir, ORIGINS_FILE)} and in {shown}: keep one record"
                )
            origins[name] = origin
    return origins


# the order of keys in a table, as the tables in data/raw/origins.toml are written
_ORDER = (
    "publisher",
    "kind",
    "dataset",
    "title",
    "release_date",
    "release_date_from",
    "licence",
    "url",
    "retrieved",
    "query",
    "etag",
    "last_modified",
    "sha256",
    "notes",
)
_NEW_RECORD = """\
# Origin of every file in this folder: one table per file, keyed by the file name (see `latgale-stats origins`).
"""


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def new_origin(data_dir: Path, name: str, values: dict[str, str | None]) -> Origin:
    """The origin of file ``name`` from these keys (None: left out), checked as a table of the record is.

    Raises :class:`OriginError` naming the key that is missing or malformed."""
    table = {key: value for key, value in values.items() if value is not None}
    return _origin(name, table, data_dir, _shown(data_dir, ORIGINS_FILE))


def table_text(origin: Origin) -> str:
    """``origin`` as a TOML table of the record: ``[files."NAME"]`` and its keys, one a line."""
    lines = [f"[files.{_quoted(origin.file)}]"]
    lines += [f"{key} = {_quoted(getattr(origin, key))}" for key in _ORDER if getattr(origin, key) is not None]
    return "\n".join(lines) + "\n"


def with_origin(data_dir: Path, text: str, origin: Origin) -> str:
    """The record's ``text`` (empty for a folder without one) with ``origin``'s table appended, the rest
    unchanged. Raises :class:`OriginError` when the file is recorded already (here or in a sidecar record)
    or the result would not read back with exactly this origin."""
    shown = _shown(data_dir, ORIGINS_FILE)
    held = _parse_record(text, shown, data_dir) if text.strip() else {}
    if origin.file in held or origin.file in read_origins(data_dir):
        raise OriginError(f"{_shown(data_dir, origin.file)} is recorded already")
    new = (text.rstrip("\n") + "\n\n" if text.strip() else _NEW_RECORD + "\n") + table_text(origin)
    if _parse_record(new, shown, data_dir).get(origin.file) != origin:  # pragma: no cover - a fault here
        raise OriginError(f"the table for {origin.file} would not read back as written; nothing was written")
    return new


def _data_files(data_dir: Path) -> list[Path]:
    return sorted(
        p
        for p in Path(data_dir).iterdir()
        if p.is_file()
        and not p.name.startswith(".")
        and p.name not in (README_FILE, ORIGINS_FILE, CONFIRMATIONS_FILE)
        and not is_sidecar(p.name)
    )


def check_origins(data_dir: Path, origins: dict[str, Origin]) -> list[str]:
    """What differs between the files in ``data_dir`` and their recorded origins; each message says what to do.

    Reported: a file with no entry, an entry whose file is not there, a SHA-256 that differs from the file's.
    An empty list means the record and the folder agree."""
    data_dir = Path(data_dir)
    record = _shown(data_dir, ORIGINS_FILE)
    messages: list[str] = []
    present = {p.name: p for p in _data_files(data_dir)} if data_dir.is_dir() else {}
    for name, path in present.items():
        shown = _shown(data_dir, name)
        origin = origins.get(name)
        if origin is None:
            messages.append(
                f"{shown} has no entry in {record}: record its origin with `.venv/bin/latgale-stats origins add "
                f'{shown} --publisher … --url …` (or write its table [files."{name}"] there by hand)'
            )
            continue
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
        if actual != origin.sha256:
            messages.append(
                f"{shown} changed: its sha256 is {actual}, {record} records {origin.sha256}; "
                f"if the new file is intended, update sha256 (and the release date) in {record} "
                f"in the same commit, else restore the file from git"
            )
    for name in sorted(set(origins) - set(present)):
        messages.append(
            f"{record} has an entry for {name}, but {_shown(data_dir, name)} is not there: "
            f"restore the file from git or remove its table from {record}"
        )
    return messages


# --- data/raw/README.md ---------------------------------------------------------------------------------

_INTRO = """\
# data/raw: the raw layer

<!-- Generated from origins.toml by `latgale-stats origins --write-readme`: edit origins.toml, not this file. -->

These files are the only inputs of latgale-stats. They are kept **byte for byte as received** (the
Eurostat downloads keep their CRLF line ends; `.gitattributes` stops git from converting them) and are
never edited, by the tool or by hand.

`origins.toml` beside them is the machine-readable record of where each file comes from: publisher, kind,
dataset or table code, release date, licence, URL, retrieval date, SHA-256 and notes, one table per file.
This README is generated from it by `latgale-stats origins --write-readme`; `latgale-stats check` warns
(`origin-mismatch`) and `latgale-stats origins` fails when a file has no entry, when an entry's file is not there,
or when a file's SHA-256 differs from the one recorded. When you drop in a new
download or a filled entry workbook, record it with `latgale-stats origins add data/raw/FILE --publisher …
--url …` (it appends the table with the file's SHA-256 and regenerates this README); for an updated file,
correct its table in `origins.toml` (`sha256sum data/raw/FILE`) and regenerate this README, in the same commit.

A file's vintage is read from its content where it holds one (Eurostat SDMX-CSV: `LAST UPDATE`), else taken
from its `release_date` in `origins.toml`, else from the file name. Where only the day a copy was made is known
(`release_date_from = "copy"`, or a date in a download's name), the publisher's release is on or before it, and
citations say so: "lejupielādēts 12.01.2024" / "downloaded 12 Jan 2024", never a release.

Every value carries its publisher and its file and row into every table, chart and sentence.
`latgale-stats check` lists what each file contributes.
"""

_READING = """\
## How files are read
- The format is recognised from the first line, not the file name: Eurostat SDMX-CSV (`DATAFLOW,LAST UPDATE,…`)
  or the curated format below. `README.md`, other `.md` files and `origins.toml` are documentation and are
  skipped.
- **Curated CSV** (figures read in reports and press releases), one observation a row:
  `indicator, region, period, value, unit, publisher, url, quote, status, note`.
  `period` is `YYYY` (for population: 1 January) or `YYYY-MM` (end of that month); `region` is the name as the
  publisher wrote it; `value` in `unit` as published (EUR billion, EUR thousand … are converted by the unit);
  `status` is empty or `suspect` (kept, left out of charts, listed by `check`).
- Files named `application_*_statements.csv` hold what an earlier application stated; they are compared with
  current data and never mixed into a time series. A statement without a year is labelled "year not stated".
- Where several sources give the same cell, a publisher file is used (the newest release), else a figure read on
  the publisher's own site (nva.gov.lv for NVA), else a press figure, and `check` says so.
- `confirmations.toml`, where there is one, is not data: it confirms values that `check` refused because they
  moved by a factor of 100 or more against every other source for their cell (a unit error looks like that);
  the refusal's message says what to write in it.

## Provenance of these copies
Copied byte-identical from the project's research material (real downloads and press figures collected with
their URLs and quotes). Known gaps, not to be filled by guessing: regional new-enterprise counts per year; NVA
year-end values for 2010, 2011 and 2013–2015 (planning regions: none before 2010, when NVA reported by district);
regional population after 2020; Eurostat regional GDP after 2020.
"""

_DATE_FROM = {
    "content": "in the file",
    "metadata": "recorded in origins.toml only",
    "copy": "the day the copy was made; the release date is not known",
}


def _cell(text: str | None) -> str:
    """One Markdown table cell: no line breaks, no bare pipes."""
    return " ".join((text or "").split()).replace("|", "\\|")


def _release(origin: Origin) -> str:
    if origin.release_date is None:
        return "figures as published" if origin.kind == "curated" else "not recorded"
    said = f"({_DATE_FROM.get(origin.release_date_from or '', origin.release_date_from)})"
    if origin.release_date_from == "copy":
        return f"on or before {origin.release_date} {said}"
    return f"{origin.release_date} {said}"


def _order(origin: Origin) -> tuple[int, str]:
    return (KINDS.index(origin.kind) if origin.kind in KINDS else len(KINDS), origin.file)


def readme_text(origins: dict[str, Origin]) -> str:
    """The whole ``data/raw/README.md`` for these origins; the same origins always give the same text."""
    ordered = sorted(origins.values(), key=_order)
    lines = [
        _INTRO,
        "## Files",
        "",
        "| file | publisher | kind | dataset | release | licence | sha256 |",
        "|---|---|---|---|---|---|---|",
    ]
    for o in ordered:
        lines.append(
            f"| `{_cell(o.file)}` | {_cell(o.publisher)} | {_cell(o.kind)} | "
            f"{'`' + _cell(o.dataset) + '`' if o.dataset else ''} | {_cell(_release(o))} | "
            f"{_cell(o.licence)} | `{_cell(o.sha256)}` |"
        )
    lines.append("")
    for o in ordered:
        lines += [f"### `{o.file}`", "", _cell(o.title), ""]
        facts = [
            ("publisher", o.publisher),
            ("kind", o.kind),
            ("dataset", f"`{o.dataset}`" if o.dataset else None),
            ("release", _release(o)),
            ("retrieved", o.retrieved or "not recorded"),
            ("licence", o.licence),
            ("url", f"<{o.url}>" if o.url else None),
            ("notes", o.notes),
        ]
        lines += [f"- {label}: {_cell(value)}" for label, value in facts if value]
        lines.append("")
    lines.append(_READING)
    return "\n".join(lines)
