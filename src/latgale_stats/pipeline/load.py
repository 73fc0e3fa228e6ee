"""Discover the files in ``data/raw/``, read them, validate every row, reconcile, derive.

``read()`` returns a :class:`Dataset` holding every observation of every file (including suspect,
superseded and duplicate rows, each with its status), the derived values and the warnings; it
raises one :class:`DataError` listing every error found in every file. ``Dataset.observations()``
is the analyst's DataFrame (columns: :data:`COLUMNS`, documented in ``help(latgale_stats)``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core import clock, confirmations
from ..core.io import sha256_file
from ..core.model import CellRef, Kind, Observation, Severity, Status, VintageFrom
from ..core.origins import ORIGINS_FILE, OriginError, check_origins, is_sidecar, read_origins
from ..core.paths import data_dir as default_data_dir
from ..core.paths import display_path
from ..core.problems import DataError, Problem
from ..ingest import Refused, detect, open_source
from ..ingest.base import ReadResult, looks_like
from . import reconcile
from .derive import all_derived
from .validate import validate

if TYPE_CHECKING:  # pandas is imported when a frame is made, not with the package
    import pandas as pd

COLUMNS = (
    "indicator",
    "region",
    "region_name",
    "period",
    "period_label",
    "year",
    "value",
    "unit",
    "flag",
    "status",
    "kind",
    "source_kind",
    "publisher",
    "dataset",
    "vintage",
    "vintage_from",
    "release",
    "file",
    "sheet",
    "sha256",
    "row",
    "url",
    "outlet",
    "quote",
    "note",
    "value_published",
    "unit_published",
    "versus",
    "inputs",
    "sources",
    "differs",
    "older",
)
IGNORED_SUFFIXES = (".md", ".txt")  # documentation and notes beside the data (README.md, notes.txt)
IGNORED_NAMES = (ORIGINS_FILE, confirmations.FILE)  # the origin record of the files, confirmed values


@dataclass(frozen=True)
class SourceFile:
    path: Path
    shown: str
    sha256: str
    format: str
    vintage: str | None
    rows: int
    notes: tuple[str, ...] = ()
    vintage_from: VintageFrom = VintageFrom.NONE  # whether ``vintage`` is a release date or a copy date


@dataclass
class Dataset:
    rows: list[Observation]  # every row read, each with its status
    derived: list[Observation]
    files: list[SourceFile]
    warnings: list[Problem] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # press figures replaced by publisher files
    skipped: list[tuple[str, str]] = field(default_factory=list)  # entries not read as data, with why

    def all(self) -> list[Observation]:
        return [*self.rows, *self.derived]

    def observations(self, include_suspect: bool = False, all_rows: bool = False) -> pd.DataFrame:
        """The rows as a DataFrame (columns: ``COLUMNS``), with the derived values appended.

        By default only the rows in use (``status == ""``); ``include_suspect`` adds suspect rows,
        ``all_rows`` every row (superseded and duplicate too)."""
        keep = {Status.USED, Status.SUSPECT} if include_suspect else {Status.USED}
        rows = [o for o in self.all() if all_rows or o.status in keep]
        return frame(rows)


def frame(rows: list[Observation]) -> pd.DataFrame:
    import pandas as pd  # heavy: imported when a frame is made

    def cell(o: Observation, attr: str) -> object:
        return getattr(o.cell, attr) if o.cell is not None else None

    data = {
        "indicator": [o.indicator for o in rows],
        "region": [o.region for o in rows],
        "region_name": [o.region_name for o in rows],
        "period": [str(o.period) if o.period else None for o in rows],
        "period_label": [str(o.period) if o.period else "year not stated" for o in rows],
        "year": pd.array([o.period.year if o.period else None for o in rows], dtype="Int64"),
        "value": pd.array([o.value for o in rows], dtype="float64"),
        "unit": [o.unit for o in rows],
        "flag": [o.flag for o in rows],
        "status": [o.status.value for o in rows],
        "kind": [o.kind.value for o in rows],
        "source_kind": [o.source_kind.value for o in rows],
        "publisher": [o.publisher for o in rows],
        "dataset": [o.dataset for o in rows],
        "vintage": [o.vintage for o in rows],
        "vintage_from": [o.vintage_from.value for o in rows],
        "release": [o.main_source().release if o.kind != Kind.STATEMENT else "" for o in rows],
        "file": [cell(o, "file") or "; ".join(sorted({s.cell.file for s in o.sources if s.cell})) for o in rows],
        "sheet": [cell(o, "sheet") or "" for o in rows],
        "sha256": [o.sha256 for o in rows],
        "row": pd.array([o.cell.row if o.cell else None for o in rows], dtype="Int64"),
        "url": [o.url for o in rows],
        "outlet": [o.sources[0].outlet if o.sources and o.kind != Kind.DERIVED else "" for o in rows],
        "quote": [o.quote for o in rows],
        "note": [o.note for o in rows],
        "value_published": [o.value_published for o in rows],
        "unit_published": [o.unit_published for o in rows],
        "versus": [o.versus for o in rows],
        "inputs": [o.inputs for o in rows],
        "sources": [o.sources for o in rows],
        "differs": [o.differs for o in rows],
        "older": [o.older for o in rows],
    }
    return pd.DataFrame(data, columns=list(COLUMNS))


def _skip_reason(path: Path) -> str | None:
    """Why an entry of the data folder is not read as data (None: it is read)."""
    name = path.name
    if name.startswith("~$"):
        return "an owner (lock) file that Excel or LibreOffice keeps while a workbook is open"
    if name.startswith("."):
        return "a hidden file"
    if name == ORIGINS_FILE:
        return "the origin record of the files"
    if name == confirmations.FILE:
        return "values confirmed although they moved by a factor of 100 or more (read with the data)"
    if is_sidecar(name):
        return "the origin record of a downloaded file (written by `latgale-stats update`)"
    if path.suffix.lower() in IGNORED_SUFFIXES:
        return "documentation or notes"
    return None


def survey(data_dir: Path) -> tuple[list[Path], list[tuple[str, str]]]:
    """Every entry under ``data_dir``, in subfolders too: the files to read, and the others with why
    they are not read (documentation, notes, lock files, links to nothing, empty folders). Nothing
    in the folder is ignored without being named."""
    if not data_dir.is_dir():
        raise DataError(
            [
                Problem(
                    "missing-folder",
                    CellRef(display_path(data_dir)),
                    "",
                    "a folder with the raw data files",
                    "check the --data option or restore data/raw/ from git",
                )
            ]
        )
    files: list[Path] = []
    skipped: list[tuple[str, str]] = []
    for path in sorted(data_dir.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(data_dir).parts[:-1]):
            continue  # inside a hidden folder: named once, as the folder
        if path.is_symlink() and not path.exists():
            skipped.append((display_path(path), "a link to a file that does not exist: restore or remove it"))
        elif path.is_dir():
            if path.name.startswith("."):
                skipped.append((display_path(path), "a hidden folder"))
            elif not any(path.iterdir()):
                skipped.append((display_path(path), "an empty folder"))
        elif not path.is_file():
            skipped.append((display_path(path), "not a regular file"))
        elif reason := _skip_reason(path):
            skipped.append((display_path(path), reason))
        else:
            files.append(path)
    return files, skipped


def discover(data_dir: Path) -> list[Path]:
    """The files under ``data_dir`` that are read as data (see :func:`survey`)."""
    return survey(data_dir)[0]


CACHE_ENV = "LATGALE_DATASET_CACHE"  # set by the build for the notebooks it runs (see write_cache)


def _key(folder: Path) -> tuple[str, list[tuple[str, str]]]:
    """What a cached dataset must match: the folder, and every file in it with its SHA-256."""
    return str(folder.resolve()), [(display_path(p), sha256_file(p)) for p in survey(folder)[0]]


def write_cache(ds: Dataset, folder: Path, path: Path) -> None:
    """Keep a dataset the build has read for the notebooks it runs: each notebook's kernel then
    takes it instead of reading and validating every file again (only while the files are the same)."""
    import pickle

    with open(path, "wb") as fh:
        pickle.dump((_key(folder), ds), fh, protocol=pickle.HIGHEST_PROTOCOL)


def _cached(folder: Path) -> Dataset | None:
    import pickle

    path = os.environ.get(CACHE_ENV)
    if not path or not Path(path).is_file():
        return None
    with open(path, "rb") as fh:
        key, ds = pickle.load(fh)  # written by this package's own build, in its temporary folder
    return ds if key == _key(folder) and isinstance(ds, Dataset) else None


# Datasets read in this process, by folder: a second build in the same process (another focus, another
# parameter) takes the one read before while every file, origins.toml and confirmations.toml are the same
# bytes and it is the same day (what is refused as not yet ended depends on the day).
_READ: dict[str, tuple[object, Dataset]] = {}
PARSED: list[str] = []  # every file a reader has parsed in this process, in order (the benchmarks count them)


def _memo_key(folder: Path, ds: Dataset | None = None) -> object:
    """What a dataset read before must match to be taken again: the files (each hashed once a read: a dataset
    just read gives the SHA-256 it read each file with), origins.toml, confirmations.toml and the day."""
    files = (str(folder.resolve()), [(f.shown, f.sha256) for f in ds.files]) if ds is not None else _key(folder)
    extra = [
        (name, sha256_file(folder / name)) for name in (ORIGINS_FILE, confirmations.FILE) if (folder / name).is_file()
    ]
    return files, extra, clock.today().isoformat()


def _future_release(result: ReadResult, retrieved: str | None, shown: str, warnings: list[Problem]) -> None:
    """A release date after the day the file was downloaded (its origin record's ``retrieved``, else
    today) plus a day is not believed: it would outrank every genuine later release. The file's values
    take that day as a copy date instead, with a warning."""
    import dataclasses

    limit = retrieved or clock.today().isoformat()
    if not result.vintage or result.vintage <= _next_day(limit):
        return
    claimed = result.vintage
    warnings.append(
        Problem(
            "future-release",
            CellRef(shown),
            claimed,
            f"a release date not after {limit}, the day "
            + ("the file was downloaded" if retrieved else "it is read")
            + f"; {limit} is used, as the day of a copy",
            "check the file's date with the publisher; a correct later release replaces it as usual",
            Severity.WARNING,
        )
    )
    result.records = [
        dataclasses.replace(r, vintage=limit, vintage_from=VintageFrom.COPY) if r.vintage == claimed else r
        for r in result.records
    ]
    result.vintage, result.vintage_from = limit, VintageFrom.COPY


def _next_day(day: str) -> str:
    import datetime

    try:
        return (datetime.date.fromisoformat(day[:10]) + datetime.timedelta(days=1)).isoformat()
    except ValueError:
        return day


def _damaged(shown: str, err: Exception, expected: str) -> Problem:
    """A file whose bytes tripped a reader past its own checks: named, with what to do."""
    return Problem(
        "damaged-file",
        CellRef(shown),
        f"{type(err).__name__}: {str(err)[:120]}",
        expected,
        "download or save the file again; if it opens normally in Excel, send this message to the maintainers",
    )


def read(data_dir: Path | str | None = None, reuse: bool = False) -> Dataset:
    """Read and validate every file in ``data_dir`` (default: the project's ``data/raw/``). ``reuse``: take
    the dataset this process read from the same folder before, while its files are the same bytes (a build
    for a second focus parses nothing again)."""
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    cached = _cached(folder)
    if cached is not None:
        return cached
    held = _READ.get(str(folder.resolve())) if reuse else None
    if held is not None and held[0] == _memo_key(folder):  # hashed only where there is a dataset to take
        return held[1]
    ds = _read(folder)
    if reuse:
        _READ[str(folder.resolve())] = (_memo_key(folder, ds), ds)
    return ds


def _read(folder: Path) -> Dataset:
    errors: list[Problem] = []
    warnings: list[Problem] = []
    rows: list[Observation] = []
    files: list[SourceFile] = []
    paths, skipped = survey(folder)
    try:
        origins = read_origins(folder)
    except OriginError as err:
        raise DataError(
            [
                Problem(
                    "bad-origins",
                    CellRef(display_path(folder / ORIGINS_FILE)),
                    "",
                    str(err),
                    "correct the table (see the keys listed at the top of the file)",
                )
            ]
        ) from None
    if (folder / ORIGINS_FILE).exists():
        for message in check_origins(folder, origins):
            warnings.append(
                Problem(
                    "origin-mismatch",
                    CellRef(display_path(folder / ORIGINS_FILE)),
                    "",
                    message,
                    severity=Severity.WARNING,
                )
            )
    for path in paths:
        shown = display_path(path)
        origin = origins.get(path.name)
        try:
            sha = sha256_file(path)
            src = open_source(
                path,
                shown,
                origin.release_date if origin else None,
                origin.dataset if origin else None,
                origin.release_date_from if origin else None,
            )
            fmt = detect(src)
        except Refused as why:
            errors.append(
                Problem(
                    why.code,
                    CellRef(shown),
                    "",
                    f"not a file latgale-stats reads as it is: {why}",
                    "convert or replace the file; the other files were still checked",
                )
            )
            continue
        except OSError as err:
            errors.append(
                Problem(
                    "damaged-file",
                    CellRef(shown),
                    "",
                    f"a file that can be read ({err.strerror})",
                    "check the file's permissions, or copy it into data/raw/ again",
                )
            )
            continue
        except Exception as err:  # a recogniser tripped by damaged bytes: named, never a crash
            if os.environ.get("LATGALE_DEBUG"):
                raise
            errors.append(_damaged(shown, err, "a complete, readable file"))
            continue
        if fmt is None:
            errors.append(
                Problem(
                    "unsupported-format",
                    CellRef(shown),
                    "",
                    f"not a format latgale-stats reads (looks like {looks_like(src.data)})",
                    "remove the file from data/raw/ or convert it to a supported format",
                )
            )
            continue
        try:
            PARSED.append(shown)
            result = fmt.read(src)
        except Exception as err:  # a file the reader's own checks let through: still named, never a crash
            if os.environ.get("LATGALE_DEBUG"):
                raise
            errors.append(_damaged(shown, err, f"a complete, readable file of its kind ({fmt.name})"))
            continue
        _future_release(result, origin.retrieved if origin else None, shown, warnings)
        errors.extend(p for p in result.problems if p.severity == Severity.ERROR)
        warnings.extend(p for p in result.problems if p.severity != Severity.ERROR)
        for rec in result.records:
            obs = validate(rec, sha, errors, warnings)
            if obs is not None:
                rows.append(obs)
        files.append(
            SourceFile(
                path,
                shown,
                sha,
                result.format,
                result.vintage,
                len(result.records),
                tuple(result.notes),
                result.vintage_from,
            )
        )
    replaced = reconcile.resolve_cells(rows, errors, warnings)
    record = display_path(folder / confirmations.FILE)
    try:
        confirmed = confirmations.read(folder)
    except confirmations.ConfirmationError as err:
        confirmed = ()
        errors.append(
            Problem(
                "bad-confirmations",
                CellRef(record),
                "",
                f"a file of [[confirmed]] tables: {err}",
                f"correct it: each [[confirmed]] gives {', '.join(confirmations.KEYS)}, as the message of the "
                "refused value wrote them, with checked filled in",
            )
        )
    reconcile.revisions(rows, errors, warnings, confirmed, record)
    if errors:
        raise DataError(errors)
    reconcile.plausibility(rows, warnings)
    reconcile.register_totals(rows, warnings)
    reconcile.suspect_warnings(rows, warnings)
    derived = all_derived(rows)
    reconcile.plausible_ranges([*rows, *derived], warnings)
    reconcile.publishers_differ([*rows, *derived], warnings)
    return Dataset(rows, derived, files, warnings, replaced, skipped)
