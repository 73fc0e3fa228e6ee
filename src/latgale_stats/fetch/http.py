"""HTTP for ``latgale-stats update``: timeouts, bounded retries with backoff, size caps, streaming to disk.

One :class:`Net` holds the settings (tests inject short timeouts and a recording ``sleep``); the
environment can set them too (``LATGALE_HTTP_TIMEOUT``, ``LATGALE_HTTP_RETRIES``,
``LATGALE_HTTP_BACKOFF``). requests honours ``HTTPS_PROXY`` / ``NO_PROXY`` from the environment.

The client is requests (urllib3 reading through the standard library's buffered socket): in the benchmark
it read a local 125 MB body about five times as fast as httpx, whose HTTP/1.1 parser is pure Python. The
body is hashed and written to disk by a second thread while the next chunks arrive (both release the GIL),
so streaming keeps pace with ``curl`` (BENCHMARKS.md).

Retried, with exponential backoff (``Retry-After`` honoured, up to ``max_wait``): HTTP 429 and 5xx,
connection errors, timeouts and bodies cut short. Everything else fails at once with a
:class:`FetchError` that carries a problem code and what to do.
"""

from __future__ import annotations

import hashlib
import json
import os
import queue
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
USER_AGENT = "latgale-stats (https://github.com/; regional statistics for EU applications)"
CHUNK = 1 << 20
SYNC_EVERY = 16 << 20  # bytes written between two flushes to disk


class FetchError(Exception):
    """A source could not be fetched: ``code`` (core.problems), what happened and what to do."""

    def __init__(self, code: str, message: str, action: str = ""):
        super().__init__(message)
        self.code = code
        self.action = action


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass
class Net:
    """How patient to be with a publisher's server."""

    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    retries: int = 4  # attempts after the first
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    max_wait: float = 120.0  # the longest wait, also for a server's Retry-After
    progress: bool | None = None  # None: a progress bar only when stderr is a terminal
    sleep: Callable[[float], None] = time.sleep
    waits: list[float] = field(default_factory=list)  # every wait, for the report (and tests)

    @classmethod
    def from_env(cls) -> Net:
        timeout = _env_float("LATGALE_HTTP_TIMEOUT", 60.0)
        return cls(
            connect_timeout=min(10.0, timeout),
            read_timeout=timeout,
            retries=int(_env_float("LATGALE_HTTP_RETRIES", 4)),
            backoff=_env_float("LATGALE_HTTP_BACKOFF", 1.0),
        )

    def client(self) -> requests.Session:
        session = requests.Session()  # trust_env: HTTPS_PROXY, NO_PROXY and .netrc as the user set them
        session.headers["User-Agent"] = USER_AGENT
        return session

    @property
    def timeout(self) -> tuple[float, float]:
        return (self.connect_timeout, self.read_timeout)

    def wait(self, attempt: int, retry_after: str | None) -> None:
        delay = self.backoff * (2**attempt)
        server = _retry_after(retry_after)
        if server is not None:
            delay = max(delay, server)
        delay = min(delay, self.max_wait)
        self.waits.append(delay)
        self.sleep(delay)


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def check_url(url: str) -> None:
    """HTTPS only, except for a server on this machine (a test server or a local mirror)."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and parts.hostname in ("127.0.0.1", "localhost", "::1"):
        return
    raise FetchError(
        "download-failed",
        f"{url} is not an https:// address",
        "set the LATGALE_*_API / LATGALE_UR_OPENDATA variable to the publisher's https:// address",
    )


def looks_like_html(head: bytes, content_type: str = "") -> bool:
    """An error or login page served in place of the data (often with status 200)."""
    low = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "text/html" in content_type.lower() or low.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


@dataclass
class Download:
    """A body written to ``path``, with what the server said about it."""

    path: Path
    url: str
    size: int
    sha256: str
    etag: str | None
    last_modified: str | None
    head: bytes
    not_modified: bool = False


TRANSIENT = (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError)


def _describe(err: Exception) -> str:
    text = str(err)
    if isinstance(err, requests.Timeout) or "timed out" in text.lower():
        return "the server did not answer in time"
    if isinstance(err, requests.exceptions.ChunkedEncodingError) or "IncompleteRead" in text:
        return "the connection was closed before the whole answer arrived"
    return "the server could not be reached or closed the connection"


@contextmanager
def _progress(net: Net, total: int | None, label: str) -> Iterator[Callable[[int], object]]:
    show = net.progress if net.progress is not None else sys.stderr.isatty()
    if not show:
        yield lambda n: None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, desc=label, leave=False) as bar:
        yield bar.update


def fetch_to(
    net: Net,
    client: requests.Session,
    url: str,
    dest: Path,
    cap: int,
    *,
    method: str = "GET",
    body: Any = None,
    headers: dict[str, str] | None = None,
    label: str = "",
) -> Download:
    """Stream ``url`` into ``dest`` (created or truncated), retrying transient failures.

    Refuses (FetchError) an HTML page, a body over ``cap`` bytes and any status but 2xx / 304. ``dest``
    is left for the caller to remove; on a 304 answer it is empty and ``not_modified`` is set."""
    check_url(url)
    last = ""
    for attempt in range(net.retries + 1):
        retry_after = None
        try:
            with client.request(method, url, json=body, headers=headers, stream=True, timeout=net.timeout) as resp:
                if resp.status_code in RETRY_STATUS:
                    retry_after = resp.headers.get("retry-after")
                    last = f"the server answered HTTP {resp.status_code}"
                elif resp.status_code == 304:
                    dest.write_bytes(b"")
                    return Download(dest, url, 0, "", resp.headers.get("etag"), None, b"", not_modified=True)
                elif resp.status_code >= 300:
                    raise FetchError(
                        "download-failed",
                        f"{url} answered HTTP {resp.status_code}",
                        "check the address (LATGALE_* variables) and try again later",
                    )
                else:
                    return _write(net, resp, url, dest, cap, label)
        except TRANSIENT as err:
            last = _describe(err)
        if attempt < net.retries:
            net.wait(attempt, retry_after)
    raise FetchError(
        "download-incomplete" if "closed before" in last else "download-failed",
        f"{url}: {last} ({net.retries + 1} attempts)",
        "try again later; if it keeps failing, check your connection or proxy (HTTPS_PROXY)",
    )


class _Sink:
    """Hashes and writes chunks on a second thread while the next ones arrive (at most ``depth`` queued);
    a third thread flushes what is written to disk every ``SYNC_EVERY`` bytes, so that the final fsync
    (the file must be on disk before it is renamed into place) has little left to do."""

    def __init__(self, path: Path, depth: int = 16):
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        self.sha = hashlib.sha256()
        self.queue: queue.Queue[bytes | None] = queue.Queue(depth)
        self.error: BaseException | None = None
        self.dirty = threading.Event()
        self.closing = False
        self.writer = threading.Thread(target=self._write, daemon=True)
        self.syncer = threading.Thread(target=self._sync, daemon=True)
        self.writer.start()
        self.syncer.start()

    def _write(self) -> None:
        unsynced = 0
        try:
            while (chunk := self.queue.get()) is not None:
                self.sha.update(chunk)
                view = memoryview(chunk)
                while view:
                    view = view[os.write(self.fd, view) :]
                unsynced += len(chunk)
                if unsynced >= SYNC_EVERY:
                    self.dirty.set()
                    unsynced = 0
        except BaseException as err:  # reported by finish()
            self.error = err
            while self.queue.get() is not None:  # drain so that put() never blocks
                pass

    def _sync(self) -> None:
        datasync = getattr(os, "fdatasync", os.fsync)
        while True:
            self.dirty.wait()
            self.dirty.clear()
            if self.closing:
                return
            with suppress(OSError):  # the final fsync reports a disk that fails
                datasync(self.fd)

    def put(self, chunk: bytes) -> None:
        self.queue.put(chunk)

    def finish(self, sync: bool = True) -> str:
        self.queue.put(None)
        self.writer.join()
        self.closing = True
        self.dirty.set()
        self.syncer.join()
        try:
            if self.error is None and sync:
                os.fsync(self.fd)
        finally:
            os.close(self.fd)
        if self.error is not None:
            raise self.error
        return self.sha.hexdigest()


def _write(net: Net, resp: requests.Response, url: str, dest: Path, cap: int, label: str) -> Download:
    declared = resp.headers.get("content-length")
    total = int(declared) if declared and declared.isdigit() else None
    if total is not None and total > cap:
        raise FetchError(
            "too-large",
            f"{url} offers {total:,} bytes, more than the {cap:,} expected of this source",
            "check that the address gives the dataset asked for; nothing was downloaded",
        )
    size = 0
    head = b""
    sink = _Sink(dest)
    done = False
    try:
        with _progress(net, total, label) as advance:
            for chunk in resp.iter_content(CHUNK):
                if not head:
                    head = chunk[:2048]
                    if looks_like_html(head, resp.headers.get("content-type", "")):
                        raise FetchError(
                            "download-refused",
                            f"{url} answered with a web page, not data",
                            "the publisher's site may be down for maintenance: try again later",
                        )
                size += len(chunk)
                if size > cap:
                    raise FetchError(
                        "too-large",
                        f"{url} sent more than {cap:,} bytes, more than expected of this source",
                        "check that the address gives the dataset asked for",
                    )
                sink.put(chunk)
                advance(len(chunk))
        done = True
    finally:
        sha = sink.finish(sync=done)
    if size == 0:
        raise FetchError("download-incomplete", f"{url} sent an empty answer", "try again later")
    return Download(dest, url, size, sha, resp.headers.get("etag"), resp.headers.get("last-modified"), head)


def get_json(net: Net, client: requests.Session, url: str, tmp: Path, cap: int = 20_000_000) -> Any:
    """A JSON document (a byte-order mark allowed), through a temporary file."""
    try:
        fetch_to(net, client, url, tmp, cap)
        try:
            return json.loads(tmp.read_bytes().decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as err:
            raise FetchError("download-refused", f"{url} did not answer with JSON ({err})", "try again later") from None
    finally:
        tmp.unlink(missing_ok=True)
