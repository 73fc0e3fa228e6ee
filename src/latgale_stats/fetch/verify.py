"""A download is kept only when it is complete and the package's own reader takes it."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from ..core import indicators as I
from ..core.model import Period, RawRecord
from ..core.problems import Problem
from ..ingest import Refused, detect, open_source
from ..ingest.base import MAX_BYTES
from .http import FetchError

# problems that mean the file as a whole is unusable (not a row to correct)
FILE_PROBLEMS = frozenset({"damaged-file", "missing-column", "row-width", "too-large", "empty-table"})


def check_gzip(path: Path, url: str) -> int:
    """The size a .gz download unpacks to, every member of it; FetchError when it is damaged, ends early
    or has bytes after its last member that are not another member."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = 0
    pending = b""  # the start of the next member, or bytes that may turn out not to be one
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                data = pending + block
                pending = b""
                while data:
                    if inflater.eof:  # the member ended: what follows must be another one
                        if len(data) < 2:
                            pending = data
                            break
                        if not data.startswith(b"\x1f\x8b"):
                            raise FetchError(
                                "download-refused",
                                f"{url} sent a .gz file followed by bytes that are not part of it",
                                "try again later",
                            )
                        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    out += len(inflater.decompress(data, 1 << 22))
                    while inflater.unconsumed_tail and out <= MAX_BYTES:
                        out += len(inflater.decompress(inflater.unconsumed_tail, 1 << 22))
                    if out > MAX_BYTES:
                        raise FetchError(
                            "too-large",
                            f"{url} unpacks to more than {MAX_BYTES:,} bytes",
                            "check that the address gives the dataset asked for",
                        )
                    data = inflater.unused_data if inflater.eof else b""
    except zlib.error as err:
        raise FetchError("download-incomplete", f"{url} sent a damaged .gz file ({err})", "try again later") from None
    if pending or not inflater.eof:
        raise FetchError("download-incomplete", f"{url} sent a .gz file that ends too early", "try again later")
    return out


# problems of a publisher table against the dataset catalogue: their own action (complete the catalogue) applies
CATALOGUE_PROBLEMS = frozenset({"unit-mismatch", "unknown-dataset", "unexpected-dimension", "missing-column"})
RETRY_LATER = "try again later; if the answer stays the same, the publisher's format has changed: report it"


def _said(p: Problem) -> str:
    """A problem as one part of an update line: code, where, what was found, without its "What to do"
    (the line has one, for the download)."""
    value = f"value {p.value!r}: " if p.value != "" else ""
    return f"[{p.code}] {p.where}: {value}{p.expected}"


def read_with_package(path: Path, shown: str, url: str, want: str, dataset: str | None = None) -> str | None:
    """Read the download as ``check`` will; returns its vintage (release date) if the content holds one.

    ``want``: the format name expected (e.g. ``Eurostat SDMX-CSV``). Anything the reader raises (an
    answer shaped as no publisher writes it) refuses the download, as ``check`` names the file."""
    try:
        src = open_source(path, shown, None, dataset)
        fmt = detect(src)
    except Refused as why:
        code = "download-incomplete" if why.code == "damaged-file" else "download-refused"
        raise FetchError(code, f"{url}: {why}", "try again later") from None
    except (ValueError, TypeError, LookupError, RecursionError, OSError) as err:
        raise FetchError("download-refused", f"{url}: the answer cannot be read ({_kind(err)})", RETRY_LATER) from None
    if fmt is None or fmt.name != want:
        got = fmt.name if fmt else "no format latgale-stats reads"
        raise FetchError("download-refused", f"{url} answered with {got}, not {want}", RETRY_LATER)
    try:
        result = fmt.read(src)
    except Exception as err:  # as `check` does: a file the reader's own checks let through, named
        if os.environ.get("LATGALE_DEBUG"):
            raise
        raise FetchError("download-refused", f"{url}: the answer cannot be read ({_kind(err)})", RETRY_LATER) from None
    bad = [p for p in result.problems if p.code in FILE_PROBLEMS]
    if bad or not result.records:
        first = bad[0] if bad else result.problems[0] if result.problems else None
        if first is None:
            raise FetchError("download-refused", f"{url}: the answer holds no value latgale-stats uses", RETRY_LATER)
        raise FetchError(
            "download-incomplete" if first.code == "damaged-file" else "download-refused",
            f"{url}: the answer cannot be used: {_said(first)}",
            first.action if first.code in CATALOGUE_PROBLEMS and first.action else RETRY_LATER,
        )
    odd = implausible(result.records)
    if odd:
        raise FetchError(
            "download-refused",
            f"{url}: the answer holds values no real release holds: {odd}",
            "try again later; if the publisher's own site shows the same, report it to the publisher",
        )
    return result.vintage


def implausible(records: list[RawRecord], shown: int = 3) -> str:
    """What in a download lies outside its indicators' plausible ranges and periods (``Indicator.plausible``,
    ``first_year``), the furthest first; '' when nothing does."""
    found: list[tuple[float, str]] = []
    for rec in records:
        ind = I.find(rec.indicator)
        if ind is None:
            continue
        try:
            period = Period.parse(rec.period.strip())
        except ValueError:
            period = None
        where = f"{rec.region} {rec.period}"
        if period is not None and period.year < ind.first_year:
            found.append((float("inf"), f"{ind.name_en} for {where}, a period before {ind.first_year}"))
            continue
        factor = ind.factor(rec.unit)
        try:
            value = float(rec.value) * (factor or 1.0)
        except ValueError:
            continue
        if factor is not None and I.implausible(ind, value) and ind.plausible is not None:
            low, high = ind.plausible
            distance = max(low - value, value - high) / max(high - low, 1.0)
            limits = f"plausible: {_n(low)}–{_n(high)} {ind.unit}"
            found.append((distance, f"{ind.name_en}: {rec.value} for {where} ({limits})"))
    if not found:
        return ""
    found.sort(key=lambda f: -f[0])
    more = f" and {len(found) - shown} more" if len(found) > shown else ""
    return "; ".join(text for _, text in found[:shown]) + more


def _n(value: float) -> str:
    return f"{value:,.0f}".replace(",", " ") if float(value).is_integer() else f"{value:g}"


def _kind(err: BaseException) -> str:
    if isinstance(err, RecursionError):
        return "nested too deep"
    text = str(err)
    return f"{type(err).__name__}: {text[:200]}" if text else type(err).__name__
