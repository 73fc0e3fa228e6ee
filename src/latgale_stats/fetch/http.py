"""HTTP for ``latgale-stats update``: timeouts, a deadline, bounded retries with backoff, size caps,
redirects checked, streaming to disk.

One :class:`Net` holds the settings (tests inject short timeouts and a recording ``sleep``); the
environment can set them too (``LATGALE_HTTP_TIMEOUT``, ``LATGALE_HTTP_RETRIES``,
``LATGALE_HTTP_BACKOFF``, ``LATGALE_HTTP_DEADLINE``). requests honours ``HTTPS_PROXY`` / ``NO_PROXY``
from the environment.

The client is requests (urllib3 reading through the standard library's buffered socket): in the benchmark
it read a local 125 MB body about five times as fast as httpx, whose HTTP/1.1 parser is pure Python. The
body is hashed and written to disk by a second thread while the next chunks arrive (both release the GIL),
so streaming keeps pace with ``curl`` (BENCHMARKS.md). The body is read with ``read1`` (whatever has
arrived, up to a chunk), so that a server trickling bytes is seen: one download has a total deadline
(``Net.deadline``, retries and waits included) and a minimum transfer rate (``Net.min_rate`` over each
``Net.rate_window``).

Redirects are not followed blindly: a 30x is followed only to an address that passes :func:`check_url`,
on the same host and port as the address asked, and https where that was https; the download records
the final address. Retried, with exponential backoff, only where a retry can help: HTTP 429 and 5xx
(a ``Retry-After`` up to ``max_wait`` is honoured, a longer one fails at once), connections reset or
closed early, timeouts (once). A refused connection, an unknown host, headers too large, a refused
redirect, a too slow transfer or any other status fail at once with a :class:`FetchError` that carries
a problem code, what happened and what to do; every wait is said (``Net.say``: "retrying in 4 s").
"""

from __future__ import annotations

import hashlib
import http.client
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
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.exceptions

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
USER_AGENT = "latgale-stats (https://github.com/; regional statistics for EU applications)"
CHUNK = 1 << 20
SYNC_EVERY = 16 << 20  # bytes written between two flushes to disk
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class FetchError(Exception):
    """A source could not be fetched: ``code`` (core.problems), what happened and what to do.
    ``retry``: whether asking again may help (a reset connection, a timeout), for :func:`fetch_to`."""

    def __init__(self, code: str, message: str, action: str = "", retry: bool = False):
        super().__init__(message)
        self.code = code
        self.action = action
        self.retry = retry


def _env_float(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value == value and value >= 0 else default  # not NaN, not negative


def _stderr(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


@dataclass
class Net:
    """How patient to be with a publisher's server."""

    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    retries: int = 4  # attempts after the first (a timeout is retried once at most)
    backoff: float = 1.0  # seconds before the first retry, doubled each time
    max_wait: float = 120.0  # the longest wait; a server's Retry-After above it is a failure, not a wait
    deadline: float = 3600.0  # seconds for one download, retries and waits included (125 MB at 35 KB/s)
    min_rate: float = 10_000.0  # bytes a second, averaged over each rate_window, below which a transfer stops
    rate_window: float = 60.0
    progress: bool | None = None  # None: a progress bar only when stderr is a terminal
    sleep: Callable[[float], None] = time.sleep
    waits: list[float] = field(default_factory=list)  # every wait, for the report (and tests)
    say: Callable[[str], None] = _stderr  # where a wait is announced ("retrying in 4 s")

    @classmethod
    def from_env(cls) -> Net:
        timeout = _env_float("LATGALE_HTTP_TIMEOUT", 60.0) or 60.0
        return cls(
            connect_timeout=min(10.0, timeout),
            read_timeout=timeout,
            retries=int(_env_float("LATGALE_HTTP_RETRIES", 4)),
            backoff=_env_float("LATGALE_HTTP_BACKOFF", 1.0),
            deadline=_env_float("LATGALE_HTTP_DEADLINE", 3600.0) or 3600.0,
        )

    def client(self) -> requests.Session:
        session = requests.Session()  # trust_env: HTTPS_PROXY, NO_PROXY and .netrc as the user set them
        session.headers["User-Agent"] = USER_AGENT
        return session

    @property
    def timeout(self) -> tuple[float, float]:
        return (self.connect_timeout, self.read_timeout)

    def wait(self, attempt: int, retry_after: str | None) -> None:
        """Back off before attempt ``attempt + 1`` (what :func:`fetch_to` does, for callers of their own)."""
        self.pause(self.delay(attempt, retry_after), "")

    def delay(self, attempt: int, retry_after: str | None) -> float:
        delay = self.backoff * (2**attempt)
        server = _retry_after(retry_after)
        if server is not None:
            delay = max(delay, server)
        return min(delay, self.max_wait)

    def pause(self, delay: float, why: str) -> None:
        self.waits.append(delay)
        if why:
            self.say(f"{why}: retrying in {_seconds(delay)}")
        self.sleep(delay)


def _seconds(delay: float) -> str:
    return f"{delay:.0f} s" if delay >= 1 else f"{delay:.2f} s"


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    try:
        seconds = float(value)
        return max(0.0, seconds) if seconds == seconds else None
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def check_url(url: str) -> None:
    """HTTPS only, except for a server on this machine (a test server or a local mirror)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts is not None and host:
        if parts.scheme == "https":
            return
        if parts.scheme == "http" and host in LOCAL_HOSTS:
            return
    raise FetchError(
        "download-failed",
        f"{url} is not an https:// address",
        "set the LATGALE_*_API / LATGALE_UR_OPENDATA variable to the publisher's https:// address",
    )


def redirect_refusal(first: str, target: str) -> str | None:
    """Why a redirect from ``first`` to ``target`` is not followed (None: it may be): the target must
    pass :func:`check_url`, stay on the publisher's host and port, and stay https where ``first`` was."""
    try:
        check_url(target)
        a, b = urlsplit(first), urlsplit(target)
        a_port, b_port = a.port, b.port
    except (FetchError, ValueError):
        return "not an https:// address"
    if a.scheme == "https" and b.scheme != "https":
        return "from https:// to plain http://"
    if (a.hostname or "").lower() != (b.hostname or "").lower():
        return f"another host than {a.hostname}"
    default = {"https": 443, "http": 80}
    if (a_port or default.get(a.scheme)) != (b_port or default.get(b.scheme)):
        return "another port"
    return None


def looks_like_html(head: bytes, content_type: str = "") -> bool:
    """An error or login page served in place of the data (often with status 200)."""
    low = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return "text/html" in content_type.lower() or low.startswith((b"<!doctype html", b"<html", b"<head", b"<body"))


@dataclass
class Download:
    """A body written to ``path``, with what the server said about it; ``url`` is the address it came
    from (the last one where a redirect was followed)."""

    path: Path
    url: str
    size: int
    sha256: str
    etag: str | None
    last_modified: str | None
    head: bytes
    not_modified: bool = False


def _causes(err: BaseException) -> Iterator[BaseException]:
    """An exception and everything it wraps (args, causes, contexts), each once."""
    seen: set[int] = set()
    todo = [err]
    while todo:
        e = todo.pop()
        if id(e) in seen:
            continue
        seen.add(id(e))
        yield e
        todo += [a for a in e.args if isinstance(a, BaseException)]
        todo += [c for c in (e.__cause__, e.__context__, getattr(e, "reason", None)) if isinstance(c, BaseException)]


def connection_failure(err: BaseException, url: str, net: Net) -> FetchError:
    """A network error, named by its kind, with whether a retry can help."""
    host = urlsplit(url).netloc or url
    causes = list(_causes(err))
    proxy = any(isinstance(e, requests.exceptions.ProxyError) for e in causes)

    def of(*kinds: type) -> bool:
        return any(isinstance(e, kinds) for e in causes)

    check = "check your connection or proxy (HTTPS_PROXY)"
    if of(http.client.LineTooLong) or any("got more than" in str(e) and "headers" in str(e) for e in causes):
        return FetchError(
            "download-failed",
            f"{url}: the server's answer has headers too large to be an answer of this publisher",
            "check the address (LATGALE_* variables) and your proxy (HTTPS_PROXY)",
        )
    if of(urllib3.exceptions.NameResolutionError) or any("Name or service not known" in str(e) for e in causes):
        return FetchError(
            "download-failed",
            f"{host} could not be found (the name does not resolve)",
            f"check the address (LATGALE_* variables); {check}",
        )
    if of(ConnectionRefusedError):
        return FetchError(
            "download-failed",
            f"{host} refused the connection" + (" (the proxy)" if proxy else ""),
            f"check the address (LATGALE_* variables) or try again later; {check}",
        )
    if of(requests.exceptions.ConnectTimeout) or any(
        isinstance(e, urllib3.exceptions.ConnectTimeoutError)
        and not isinstance(e, urllib3.exceptions.NewConnectionError)
        for e in causes
    ):
        return FetchError(
            "download-failed",
            f"{host} could not be connected to in time ({_seconds(net.connect_timeout)})",
            f"try again later; {check}",
            retry=True,
        )
    if of(requests.Timeout, urllib3.exceptions.ReadTimeoutError, TimeoutError):
        return FetchError(
            "download-failed",
            f"{url}: the server timed out (nothing for {_seconds(net.read_timeout)})",
            "try again later (LATGALE_HTTP_TIMEOUT sets the wait)",
            retry=True,
        )
    if of(requests.exceptions.ChunkedEncodingError, http.client.IncompleteRead, urllib3.exceptions.IncompleteRead):
        return FetchError(
            "download-incomplete",
            f"{url}: the connection was closed before the whole answer arrived",
            "try again later",
            retry=True,
        )
    if of(ConnectionResetError, http.client.RemoteDisconnected, BrokenPipeError, ConnectionAbortedError):
        return FetchError("download-failed", f"{host} reset the connection", f"try again later; {check}", retry=True)
    if of(requests.exceptions.SSLError):
        return FetchError(
            "download-failed",
            f"{host}: the secure connection failed (its certificate was not accepted)",
            f"check the address and the system's certificates; {check}",
        )
    return FetchError(
        "download-failed",
        f"{host} could not be reached ({type(err).__name__})",
        f"try again later; {check}",
        retry=True,
    )


@contextmanager
def _progress(net: Net, total: int | None, label: str) -> Iterator[Callable[[int], object]]:
    show = net.progress if net.progress is not None else sys.stderr.isatty()
    if not show:
        yield lambda n: None
        return
    from tqdm import tqdm

    with tqdm(total=total, unit="B", unit_scale=True, unit_divisor=1024, desc=label, leave=False) as bar:
        yield bar.update


class _Clock:
    """One download's deadline: what is left of it, and the timeouts that fit into it."""

    def __init__(self, net: Net, url: str):
        self.net = net
        self.url = url
        self.end = time.monotonic() + net.deadline

    def left(self) -> float:
        return self.end - time.monotonic()

    def timeout(self) -> tuple[float, float]:
        left = max(0.05, self.left())
        return (min(self.net.connect_timeout, left), min(self.net.read_timeout, left))

    def expired(self) -> FetchError:
        return FetchError(
            "download-failed",
            f"{self.url}: the download did not finish within {_seconds(self.net.deadline)}",
            "try again later, on a faster connection; LATGALE_HTTP_DEADLINE sets the limit in seconds",
        )


def _open(
    net: Net,
    client: requests.Session,
    method: str,
    url: str,
    *,
    body: Any,
    headers: dict[str, str] | None,
    timeout: tuple[float, float],
    stream: bool = True,
    trail: list[str] | None = None,
) -> tuple[requests.Response, str]:
    """One request, its redirects followed only where :func:`redirect_refusal` allows; the answer and
    the address it came from. ``trail`` collects each address asked, so that a failure names the last."""
    here = url
    trail = trail if trail is not None else []
    trail.append(here)
    for _ in range(MAX_REDIRECTS + 1):
        resp = client.request(
            method, here, json=body, headers=headers, stream=stream, timeout=timeout, allow_redirects=False
        )
        if resp.status_code not in REDIRECT_STATUS:
            return resp, here
        location = resp.headers.get("location", "")
        resp.close()
        target = urljoin(here, location)
        why = redirect_refusal(url, target) if location else "no address given"
        if why:
            raise FetchError(
                "download-failed",
                f"{here} redirected to {target or '(nothing)'}, a redirect latgale-stats refuses ({why})",
                "check the address (LATGALE_* variables): the publisher may have moved its data",
            )
        if resp.status_code == 303 or (resp.status_code in (301, 302) and method == "POST"):
            method, body = "GET", None
        here = target
        trail.append(here)
    raise FetchError(
        "download-failed",
        f"{url}: more than {MAX_REDIRECTS} redirects",
        "check the address (LATGALE_* variables)",
    )


def head(net: Net, client: requests.Session, url: str, headers: dict[str, str] | None = None) -> requests.Response:
    """A HEAD request, redirects checked as for a download; network errors become FetchError."""
    check_url(url)
    try:
        resp, _ = _open(net, client, "HEAD", url, body=None, headers=headers, timeout=net.timeout, stream=False)
    except requests.RequestException as err:
        raise connection_failure(err, url, net) from None
    return resp


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
    """Stream ``url`` into ``dest`` (created or truncated), retrying where that can help, within the deadline.

    Refuses (FetchError) an HTML page, a body over ``cap`` bytes and any status but 2xx / 304. ``dest``
    is left for the caller to remove; on a 304 answer it is empty and ``not_modified`` is set."""
    check_url(url)
    clock = _Clock(net, url)
    failure: FetchError | None = None
    timeouts = 0
    attempts = 0
    for attempt in range(net.retries + 1):
        attempts += 1
        retry_after = None
        trail: list[str] = []
        try:
            resp, final = _open(
                net, client, method, url, body=body, headers=headers, timeout=clock.timeout(), trail=trail
            )
            with resp:
                if resp.status_code in RETRY_STATUS:
                    retry_after = resp.headers.get("retry-after")
                    failure = FetchError(
                        "download-failed",
                        f"{final} answered HTTP {resp.status_code}",
                        "try again later (the publisher's server is busy or down)",
                        retry=True,
                    )
                    asked = _retry_after(retry_after)
                    if asked is not None and asked > net.max_wait:
                        failure.args = (
                            f"{final} answered HTTP {resp.status_code} and asks to be asked again in "
                            f"{_seconds(asked)} (Retry-After), longer than latgale-stats waits "
                            f"({_seconds(net.max_wait)})",
                        )
                        failure.action = f"try again in {_seconds(asked)} or later"
                        failure.retry = False
                elif resp.status_code == 304:
                    dest.write_bytes(b"")
                    return Download(dest, final, 0, "", resp.headers.get("etag"), None, b"", not_modified=True)
                elif resp.status_code >= 300:
                    raise FetchError(
                        "download-failed",
                        f"{final} answered HTTP {resp.status_code}",
                        "check the address (LATGALE_* variables); the publisher may have moved or withdrawn the data",
                    )
                else:
                    return _write(net, clock, resp, final, dest, cap, label)
        except (requests.RequestException, urllib3.exceptions.HTTPError) as err:  # (urllib3's: from read1)
            failure = connection_failure(err, trail[-1] if trail else url, net)  # the address that failed
        except FetchError as err:
            failure = err
        assert failure is not None
        if not failure.retry:
            raise failure from None
        timed_out = "timed out" in str(failure) or "in time" in str(failure)
        timeouts += timed_out
        if attempt >= net.retries or (timed_out and timeouts >= 2):
            break
        delay = net.delay(attempt, retry_after)
        if delay >= clock.left():
            raise clock.expired()
        net.pause(delay, f"{label or url}: {failure} (attempt {attempt + 1} of {net.retries + 1})")
    assert failure is not None
    if attempts > 1:
        failure.args = (f"{failure} ({attempts} attempts)",)
    raise failure


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


def _chunks(net: Net, clock: _Clock, resp: requests.Response, url: str) -> Iterator[bytes]:
    """The body as it arrives (``read1``: whatever is there, up to a chunk), stopped when the download's
    deadline passes or fewer than ``min_rate`` bytes a second arrived over the last ``rate_window``."""
    raw = resp.raw
    window_start, window_bytes = time.monotonic(), 0
    while True:
        left = clock.left()
        if left <= 0:
            raise clock.expired()
        if left < net.read_timeout:  # the socket's timeout shortened, so that a read ends with the deadline
            with suppress(OSError, AttributeError):
                raw._fp.fp.raw._sock.settimeout(max(0.05, left))  # type: ignore[union-attr]
        chunk = raw.read1(CHUNK, decode_content=True)
        if not chunk:
            return
        yield chunk
        now = time.monotonic()
        window_bytes += len(chunk)
        if now - window_start >= net.rate_window:
            if window_bytes < net.min_rate * (now - window_start):
                raise FetchError(
                    "download-failed",
                    f"{url}: the server sent only {window_bytes:,} bytes in {_seconds(now - window_start)}, "
                    f"slower than {net.min_rate / 1000:,.0f} KB/s",
                    "try again later (the publisher's server or the connection is too slow now)",
                )
            window_start, window_bytes = now, 0


def _write(net: Net, clock: _Clock, resp: requests.Response, url: str, dest: Path, cap: int, label: str) -> Download:
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
            for chunk in _chunks(net, clock, resp, url):
                if len(head) < 2048:
                    head += chunk[: 2048 - len(head)]
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
        return parse_json(tmp.read_bytes(), url)
    finally:
        tmp.unlink(missing_ok=True)


def parse_json(data: bytes, url: str) -> Any:
    """A JSON answer (a byte-order mark allowed); FetchError (download-refused) for anything else,
    nesting too deep for the parser included."""
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as err:
        why = f"not JSON: {err}"
    except RecursionError:
        why = "JSON nested too deep to be a publisher's answer"
    raise FetchError("download-refused", f"{url} did not answer with usable JSON ({why})", "try again later")
