"""A download is kept only when it is complete and the package's own reader takes it."""

from __future__ import annotations

import zlib
from pathlib import Path

from ..ingest import Refused, detect, open_source
from ..ingest.base import MAX_BYTES
from .http import FetchError

# problems that mean the file as a whole is unusable (not a row to correct)
FILE_PROBLEMS = frozenset({"damaged-file", "missing-column", "row-width", "too-large", "empty-table"})


def check_gzip(path: Path, url: str) -> int:
    """The size a .gz download unpacks to; FetchError when it is damaged or ends early."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = 0
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                out += len(inflater.decompress(block, 1 << 22))
                while inflater.unconsumed_tail and not inflater.eof and out <= MAX_BYTES:
                    out += len(inflater.decompress(inflater.unconsumed_tail, 1 << 22))
                if out > MAX_BYTES:
                    raise FetchError("too-large", f"{url} unpacks to more than {MAX_BYTES:,} bytes", "")
                if inflater.eof:
                    break
    except zlib.error as err:
        raise FetchError("download-incomplete", f"{url} sent a damaged .gz file ({err})", "try again later") from None
    if not inflater.eof:
        raise FetchError("download-incomplete", f"{url} sent a .gz file that ends too early", "try again later")
    return out


def read_with_package(path: Path, shown: str, url: str, want: str, dataset: str | None = None) -> str | None:
    """Read the download as ``check`` will; returns its vintage (release date) if the content holds one.

    ``want``: the format name expected (e.g. ``Eurostat SDMX-CSV``)."""
    try:
        src = open_source(path, shown, None, dataset)
        fmt = detect(src)
    except Refused as why:
        code = "download-incomplete" if why.code == "damaged-file" else "download-refused"
        raise FetchError(code, f"{url}: {why}", "try again later") from None
    if fmt is None or fmt.name != want:
        got = fmt.name if fmt else "no format latgale-stats reads"
        raise FetchError("download-refused", f"{url} answered with {got}, not {want}", "try again later")
    result = fmt.read(src)
    bad = [p for p in result.problems if p.code in FILE_PROBLEMS]
    if bad:
        raise FetchError(
            "download-incomplete" if bad[0].code == "damaged-file" else "download-refused",
            f"{url}: the answer cannot be used: {bad[0]}",
            "try again later",
        )
    if not result.records:
        reason = (
            f"the answer cannot be used: {result.problems[0]}"
            if result.problems
            else "the answer holds no value latgale-stats uses"
        )
        raise FetchError("download-refused", f"{url}: {reason}", "try again later")
    return result.vintage
