"""What ``data/raw/`` holds already, and how a verified download is added to it.

Rules (issue 11): an existing file is never overwritten or changed; a download lives under a hidden
temporary name in ``data/raw/`` (same file system, so the rename is atomic) and becomes visible only
when complete and verified, together with its sidecar origin record ``NAME.origin.toml``. Any
failure removes what this run created and leaves the folder as it was.
"""

from __future__ import annotations

import datetime
import os
import re
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..core.io import LockHeld, alive, pid_lock
from ..core.origins import SIDECAR_SUFFIX, Origin, read_origins
from .http import Download, FetchError


@dataclass(frozen=True)
class Held:
    """What the folder holds of one dataset: release dates, ETags and checksums."""

    releases: frozenset[str]
    etags: frozenset[str]
    sha256s: frozenset[str]
    last_modified: frozenset[str]

    def has(self, release: str | None = None, etag: str | None = None, sha256: str | None = None) -> bool:
        return (
            (release is not None and release in self.releases)
            or (etag is not None and etag in self.etags)
            or (sha256 is not None and sha256 in self.sha256s)
        )


def held(origins: dict[str, Origin], dataset: str) -> Held:
    """What is held of ``dataset``. A release date counts only for a file ``update`` downloaded (its
    record names the query): a file added by hand may be a partial export of the same release (the
    data browser's spreadsheet of one unit), so it never stops the full download; its checksum does."""
    mine = [o for o in origins.values() if (o.dataset or "").lower() == dataset.lower()]
    return Held(
        frozenset(o.release_date for o in mine if o.release_date and o.query),
        frozenset(o.etag for o in mine if o.etag),
        frozenset(o.sha256 for o in mine),
        frozenset(o.last_modified for o in mine if o.last_modified),
    )


def all_sha256(origins: dict[str, Origin]) -> frozenset[str]:
    return frozenset(o.sha256 for o in origins.values())


def current_origins(data_dir: Path) -> dict[str, Origin]:
    from ..core.origins import OriginError

    try:
        return read_origins(data_dir)
    except OriginError as err:
        raise FetchError("bad-origins", str(err), "correct the origin record first; nothing was downloaded") from None


def today() -> str:
    return datetime.datetime.now(datetime.UTC).date().isoformat()


def not_after_download(date: str | None, what: str) -> tuple[str | None, str]:
    """``date`` as the release date to record, and a warning: a date after the day of the download plus a
    day (time zones) would outrank every later genuine release, so the day of the download is recorded."""
    if date is None:
        return None, ""
    now = datetime.datetime.now(datetime.UTC).date()
    if date <= (now + datetime.timedelta(days=1)).isoformat():
        return date, ""
    return now.isoformat(), (
        f"{what} gives the release date {date}, after today: recorded as a copy of {now.isoformat()}, "
        "the day of the download"
    )


PART = re.compile(r"^\..+\.part-(\d+)-\d+$")  # a Scratch file: .LABEL.part-PID-N


def lock_path(data_dir: Path) -> Path:
    """The update lock of a data folder: a hidden file beside it (``data/.raw.update.lock``), never in it."""
    return data_dir.with_name(f".{data_dir.name}.update.lock")


@contextmanager
def update_lock(data_dir: Path) -> Iterator[None]:
    """Hold the update lock of ``data_dir``: a second update of the same folder is refused with a
    message (FetchError ``update-running``). The lock dies with its process; the file is removed when
    the update ends, and one left by a killed update is taken over."""
    try:
        with pid_lock(lock_path(data_dir)):
            yield
    except LockHeld as held:
        raise FetchError(
            "update-running",
            f"another latgale-stats update is writing to {data_dir.name}/"
            + (f" (process {held.holder})" if held.holder.isdigit() else ""),
            "wait for it to finish, then run update again if you still need to",
        ) from None


def remove_leftovers(data_dir: Path) -> list[str]:
    """Remove the temporary files of updates that no longer run (stopped by SIGKILL or a power cut);
    called with the update lock held. Returns the names removed."""
    removed = []
    for path in sorted(data_dir.iterdir()):
        m = PART.match(path.name)
        if m is None or int(m.group(1)) == os.getpid() or alive(int(m.group(1))):
            continue
        if path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


class Scratch:
    """Hidden temporary files in the data folder, all removed when the run ends."""

    def __init__(self, data_dir: Path):
        self.data_dir = data_dir
        self.paths: list[Path] = []

    def new(self, label: str) -> Path:
        path = self.data_dir / f".{label}.part-{os.getpid()}-{len(self.paths)}"
        self.paths.append(path)
        return path

    def clear(self) -> None:
        for p in self.paths:
            p.unlink(missing_ok=True)
        self.paths.clear()


@contextmanager
def scratch(data_dir: Path) -> Iterator[Scratch]:
    s = Scratch(data_dir)
    try:
        yield s
    finally:
        s.clear()


_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def _toml_value(value: str) -> str:
    """A TOML basic string: quotes and backslashes escaped, and every control character TOML forbids in
    a string (U+0000–U+001F, U+007F), as a server may put into an ETag; a lone surrogate becomes U+FFFD."""
    out = []
    for ch in value:
        code = ord(ch)
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\u{code:04X}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def sidecar_text(name: str, table: dict[str, str | None]) -> str:
    lines = [
        "# Origin of a file downloaded by `latgale-stats update` (written once, never changed).",
        f"[files.{_toml_value(name)}]",
    ]
    lines += [f"{key} = {_toml_value(value)}" for key, value in table.items() if value is not None]
    return "\n".join(lines) + "\n"


def origin_table(
    dl: Download,
    *,
    publisher: str,
    title: str,
    dataset: str,
    licence: str,
    release_date: str | None,
    release_date_from: Literal["content", "metadata", "copy"] | None,  # "copy": a release date not believed
    query: str | None,
    notes: str | None = None,
) -> dict[str, str | None]:
    return {
        "publisher": publisher,
        "kind": "publisher file",
        "dataset": dataset,
        "title": title,
        "release_date": release_date,
        "release_date_from": release_date_from if release_date else None,
        "licence": licence,
        "url": dl.url,
        "query": query,
        "retrieved": today(),
        "etag": dl.etag,
        "last_modified": dl.last_modified,
        "sha256": dl.sha256,
        "notes": notes,
    }


@dataclass(frozen=True)
class Placement:
    tmp: Path
    name: str
    table: dict[str, str | None]


def _check_sidecar(car: Path, item: Placement, data_dir: Path) -> None:
    """The origin record as written, read back as ``check`` reads it, holding exactly what was meant:
    a record that would make every later check fail ([bad-origins]) is never placed."""
    from ..core.origins import OriginError, read_record

    try:
        parsed = tomllib.loads(car.read_text(encoding="utf-8"))["files"][item.name]
        read_record(car, item.name + SIDECAR_SUFFIX, data_dir)
        same = parsed == {k: v for k, v in item.table.items() if v is not None}
    except (OriginError, tomllib.TOMLDecodeError, KeyError, TypeError, UnicodeError) as err:
        same, why = False, str(err)
    else:
        why = "it reads back with other values"
    if not same:
        raise FetchError(
            "download-refused",
            f"the origin record of {item.name} could not be written so that it reads back ({why})",
            "report it to the maintainers of latgale-stats with the publisher's address; nothing was added",
        )


def _link(src: Path, dst: Path) -> None:
    """``src`` visible as ``dst``, failing if ``dst`` exists (never overwritten)."""
    try:
        os.link(src, dst)
    except FileExistsError:
        raise FetchError(
            "download-refused",
            f"{dst.name} exists already in data/raw/ with other content",
            "latgale-stats never overwrites a file: move the existing one away if it is wrong, then run again",
        ) from None
    except OSError:  # a file system without hard links: check, then rename
        if dst.exists():
            raise FetchError(
                "download-refused", f"{dst.name} exists already in data/raw/", "move it away, then run again"
            ) from None
        os.replace(src, dst)


def place(data_dir: Path, scratch_: Scratch, items: list[Placement]) -> list[Path]:
    """Put verified downloads into ``data_dir`` with their sidecar records: all of them, or none."""
    for item in items:
        for name in (item.name, item.name + SIDECAR_SUFFIX):
            if (data_dir / name).exists():
                raise FetchError(
                    "download-refused",
                    f"{name} exists already in data/raw/ (a file of the same name and another content)",
                    "latgale-stats never overwrites a file: move the existing one away if it is wrong, then run again",
                )
    cars = []
    for item in items:
        car = scratch_.new(item.name + ".origin")
        car.write_text(sidecar_text(item.name, item.table), encoding="utf-8")
        _check_sidecar(car, item, data_dir)
        cars.append(car)
    made: list[Path] = []
    try:
        for item, car in zip(items, cars, strict=True):
            for src, dst in ((item.tmp, data_dir / item.name), (car, data_dir / (item.name + SIDECAR_SUFFIX))):
                _link(src, dst)
                made.append(dst)
    except BaseException:
        for path in made:
            path.unlink(missing_ok=True)
        raise
    return [data_dir / item.name for item in items]
