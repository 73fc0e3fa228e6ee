"""Register of Enterprises (Uzņēmumu reģistrs) open data: ``{UR}/register/register.csv`` (about 125 MB).

Streamed to disk, never held in memory. A conditional request (``If-None-Match`` /
``If-Modified-Since`` from the newest held copy) lets the server say "not modified" without sending
the file again. Kept when the whole body arrived (the length the server declared; urllib3 refuses a
shorter one) and its first line is the register's header (``regcode;sepa;name;…``). Named
``ur_register_<date>.csv``: the date is the server's Last-Modified, else the retrieval date (the
origin record says which).
"""

from __future__ import annotations

from email.utils import parsedate_to_datetime

from ..core import catalogue
from ..ingest import ur_register
from .base import Context, Outcome, base_url
from .http import FetchError, fetch_to, head
from .store import Placement, held, not_after_download, origin_table, place, today
from .verify import read_with_package

ENV = "LATGALE_UR_OPENDATA"
DEFAULT = "https://dati.ur.gov.lv"
DATASET = "ur_register"
CAP = 400_000_000  # the file is about 125 MB (2026)
HEADER = b"regcode;sepa;name;"
_ENTRY = catalogue.get("register:ur_register")  # the dataset catalogue's record (core/catalogue.toml)
LICENCE = _ENTRY.licence  # CC0 1.0: the data portal's listing, FORMATS.md §10
TITLE = _ENTRY.title


def _last_line_complete(path, head: bytes) -> bool:
    """A file that ends with a line break is complete; one that does not (as some exports end) is complete
    when its last line has as many fields as the header (a line cut inside a field has fewer, or an open quote)."""
    import csv
    import io

    with open(path, "rb") as fh:
        size = fh.seek(0, 2)
        fh.seek(max(0, size - 65536))
        tail = fh.read()
    if tail[-1:] in (b"\n", b"\r"):
        return True
    header = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r").decode("utf-8", "replace")
    last = tail.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")
    try:
        rows = list(csv.reader(io.StringIO(last), delimiter=";", strict=True))
    except csv.Error:
        return False
    return len(rows) == 1 and len(rows[0]) == len(header.split(";"))


def _date(last_modified: str | None) -> str | None:
    if not last_modified:
        return None
    try:
        return parsedate_to_datetime(last_modified).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def run(ctx: Context) -> Outcome:
    source = "Register of Enterprises register.csv"
    url = f"{base_url(ENV, DEFAULT)}/register/register.csv"
    have = held(ctx.origins, DATASET)
    headers = {}
    if have.etags:
        headers["If-None-Match"] = ", ".join(sorted(have.etags))
    if have.last_modified:
        headers["If-Modified-Since"] = max(have.last_modified, key=lambda v: _date(v) or "")
    if ctx.dry_run:
        resp = head(ctx.net, ctx.client, url, headers)
        if resp.status_code == 304 or have.has(etag=resp.headers.get("etag")):
            return Outcome(source, "current", "already current (the server says not modified)")
        lm = _date(resp.headers.get("last-modified"))
        return Outcome(source, "would download", f"would download the copy of {lm or 'an unknown date'}")
    tmp = ctx.scratch.new(DATASET)
    dl = fetch_to(ctx.net, ctx.client, url, tmp, CAP, headers=headers, label="register.csv")
    if dl.not_modified:
        return Outcome(source, "current", "already current (the server says not modified)")
    if not dl.head.lstrip(b"\xef\xbb\xbf").startswith(HEADER):
        raise FetchError(
            "download-refused",
            f"{url} did not send the register (its first line does not start with regcode;sepa;name;)",
            "try again later",
        )
    if not _last_line_complete(tmp, dl.head):
        raise FetchError("download-incomplete", f"{url}: the last line of register.csv is cut off", "try again later")
    # as `check` will read it: a file the register reader refuses (rows cut short, dates in another form) is not kept
    read_with_package(tmp, "register.csv (download)", url, ur_register.FORMAT)
    modified, future = not_after_download(_date(dl.last_modified), "the server's Last-Modified")
    date = modified or today()
    if have.has(etag=dl.etag, sha256=dl.sha256) or (dl.last_modified and dl.last_modified in have.last_modified):
        return Outcome(source, "current", "already current (the same file is in data/raw/)")
    name = f"{DATASET}_{date}.csv"
    table = origin_table(
        dl,
        publisher="Uzņēmumu reģistrs (Register of Enterprises)",
        title=TITLE,
        dataset=DATASET,
        licence=LICENCE,
        release_date=modified,
        release_date_from="copy" if future else "metadata",
        query=f"GET {url}" + (" (conditional: " + ", ".join(headers) + ")" if headers else ""),
        notes=(
            future
            or (
                "named after the server's Last-Modified date"
                if modified
                else "named after the retrieval date: the server sent no Last-Modified"
            )
        )
        + f"; {dl.size:,} bytes, streamed to disk",
    )
    place(ctx.data_dir, ctx.scratch, [Placement(tmp, name, table)])
    return Outcome(source, "new", f"new copy of {date}: {name}", [name], notes=[future] if future else [])
