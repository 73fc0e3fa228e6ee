"""A small HTTP server on 127.0.0.1 that plays the three publishers for the `update` tests.

Routes map a path (without the query) to replies; a list of replies is served in turn (the last one
repeats). A reply can drop the connection half way through its body, or stall until the test ends.
Every request is recorded. The CSP answers are built from the table's metadata fixture and the query
posted (values invented, see fixtures/update/README.md).
"""

from __future__ import annotations

import gzip
import itertools
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).parent / "fixtures" / "update"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # "normal" | "drop" (half the body, then the connection closes) | "stall" | "eof" (no length declared:
    # the body ends when the connection closes) | "silent" (never answers) | "close" (closes the connection
    # without answering) | "trickle" (the body a byte every 50 ms)
    mode: str = "normal"


Handler = Callable[[dict[str, Any]], Reply]


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


class Publishers:
    """The server and its routes; ``url(prefix)`` is the base address of one publisher."""

    def __init__(self) -> None:
        self.routes: dict[str, list[Reply | Handler]] = {}
        self.requests: list[Request] = []
        self.stop = threading.Event()
        owner = self

        class _Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # quiet
                pass

            def _serve(self) -> None:
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                path = self.path.split("?", 1)[0]
                owner.requests.append(Request(self.command, self.path, dict(self.headers), body))
                queue = owner.routes.get(path)
                if not queue:
                    reply: Reply | Handler = Reply(404, b"not found", {"Content-Type": "text/plain"})
                else:
                    reply = queue.pop(0) if len(queue) > 1 else queue[0]
                if callable(reply):
                    reply = reply({"method": self.command, "path": self.path, "headers": self.headers, "body": body})
                self._send(reply)

            def _send(self, reply: Reply) -> None:
                if reply.mode in ("silent", "close"):
                    if reply.mode == "silent":
                        owner.stop.wait(10)
                    self.close_connection = True
                    return
                self.send_response(reply.status)
                headers = {"Content-Length": str(len(reply.body)), **reply.headers}
                if reply.mode == "eof":
                    headers = {**reply.headers, "Connection": "close"}
                    self.close_connection = True
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                if self.command == "HEAD":
                    return
                if reply.mode == "stall":
                    owner.stop.wait(10)
                    self.close_connection = True
                    return
                if reply.mode == "trickle":
                    try:
                        for i in range(len(reply.body)):
                            if owner.stop.wait(0.05):
                                break
                            self.wfile.write(reply.body[i : i + 1])
                            self.wfile.flush()
                    except OSError:  # the client gave up
                        pass
                    self.close_connection = True
                    return
                if reply.mode == "drop":
                    self.wfile.write(reply.body[: len(reply.body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.wfile.write(reply.body)

            do_GET = do_POST = do_HEAD = do_CONNECT = _serve

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, prefix: str) -> str:
        return f"{self.base}/{prefix}"

    def set(self, path: str, *replies: Reply | Handler) -> None:
        self.routes[path] = list(replies)

    def __enter__(self) -> Publishers:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.server.shutdown()
        self.server.server_close()


# --- the publishers' answers ---------------------------------------------------------------------------

EUROSTAT = {
    "nama_10r_3gdp": ("eurostat_nama_10r_3gdp.csv", "2023-02-21"),
    "demo_r_pjanaggr3": ("eurostat_demo_r_pjanaggr3.csv", "2022-06-02"),
    "bd_size_r3": ("eurostat_bd_size_r3.csv", "2024-01-12"),
}
CSP = {"IKR060": "VEK/IK/IKR", "IRS031": "POP/IR/IRS", "NVA011m": "EMP/NBBA/NVA", "NVA010m": "EMP/NBBA/A_NBBA"}


def dataflow(dataset: str, date: str) -> bytes:
    text = (FIXTURES / "eurostat_dataflow.json").read_text(encoding="utf-8")
    return text.replace("NAMA_10R_3GDP", dataset.upper()).replace("2023-02-21", date).encode("utf-8")


def eurostat_data(dataset: str) -> bytes:
    return gzip.compress((FIXTURES / EUROSTAT[dataset][0]).read_bytes(), mtime=0)


# invented magnitudes: population on 1 January, GDP per capita (EUR), registered unemployment rate (%)
_POP = {"LV": 1_880_000, "LV00A": 860_000, "LV005": 250_000, "LV009": 225_000, "LV00B": 230_000, "LV00C": 310_000}
_POP.update({"LV006": 610_000, "LV007": 380_000, "LV003": 235_000, "LV008": 180_000})
_POP.update({"LV0001000": 600_000, "LV0002000": 78_000, "LV0005000": 67_000, "LV0006000": 27_000, "LV0031010": 21_000})
_POP.update({"LV0020000": 30_000, "LV0022000": 24_000, "LV0038000": 20_000})
_GDP_PC = {"LV": 21_000, "LV00A": 28_000, "LV005": 10_500, "LV009": 14_000, "LV00B": 15_500, "LV00C": 13_000}
_GDP_PC.update({"LV006": 30_000, "LV007": 17_000, "LV003": 14_500, "LV008": 12_000, "LV0005000": 16_500})
_GDP_PC.update({"LV0002000": 11_200, "LV0022000": 8_300, "LV0006000": 10_100, "LV0020000": 9_400, "LV0001000": 29_000})
_RATE = {"LV": 5.9, "RPR": 4.1, "KPR": 6.0, "VPR": 5.7, "ZPR": 5.6, "LPR": 10.9, "LV0001000": 4.0, "LV0002000": 9.7}
_RATE.update({"LV0022000": 13.2, "0": 5.9, "1": 4.1, "2": 6.0, "3": 5.7, "4": 5.6, "5": 10.9, "6": 4.0})


def _value(c: dict[str, str]) -> float | int | None:
    contents, area, time = c["ContentsCode"], c.get("AREA") or c.get("TERRITORY", ""), c["TIME"]
    year, month = int(time[:4]), int(time[5:]) if "M" in time else 12
    k = year - 2021
    if contents.startswith("NVA"):  # rate: a slow seasonal wave around the region's level; count from it
        rate = round(_RATE[area] + (0.4 if month in (1, 2, 3, 12) else -0.2) - 0.05 * (year - 2008), 1)
        return rate if contents in ("NVA011m", "NVA010m") else int(rate * 9_000)
    if contents == "IRS031":  # regions lose 9 000 a year per 250 000 people; municipalities 1 % a year
        pop = _POP[area]
        return pop - 9_000 * k * (pop // 250_000 or 1) if len(area) <= 5 else pop * (100 - k) // 100
    pc = _GDP_PC.get(area, 12_000) + 900 * k
    return pc if contents == "IKR061" else pc * _POP[area] // 1000


def csp_answer(table: str, query: dict[str, Any], updated: str) -> bytes:
    """A json-stat2 answer (FORMATS.md §2.3) for ``query`` from the table's metadata fixture."""
    meta = json.loads((FIXTURES / f"csp_{table}_metadata.json").read_text(encoding="utf-8"))
    chosen = {q["code"]: q["selection"]["values"] for q in query["query"]}
    unknown = set(chosen) - {v["code"] for v in meta["variables"]}
    if unknown:  # as PxWeb answers a query naming a variable the table does not have
        raise ValueError(f"no variable {unknown}")
    variables = [v for v in meta["variables"] if v["code"] in chosen]
    ids = [v["code"] for v in variables]
    cats = [chosen[c] for c in ids]
    dims = {}
    for v in variables:
        texts = dict(zip(v["values"], v["valueTexts"], strict=True))
        vals = chosen[v["code"]]
        dims[v["code"]] = {
            "label": v["text"],
            "category": {"index": {x: i for i, x in enumerate(vals)}, "label": {x: texts[x] for x in vals}},
        }
    values = [_value(dict(zip(ids, coord, strict=True))) for coord in itertools.product(*cats)]
    doc = {
        "version": "2.0",
        "class": "dataset",
        "label": meta["title"],
        "source": "Central Statistical Bureau of Latvia",
        "updated": f"{updated}T05:00:00Z",
        "role": {"time": ["TIME"], "metric": ["ContentsCode"]},
        "id": ids,
        "size": [len(c) for c in cats],
        "dimension": dims,
        "extension": {"px": {"tableid": table, "decimals": 1, "language": "en", "matrix": table}},
        "value": values,
    }
    return ("\ufeff" + json.dumps(doc, ensure_ascii=False)).encode("utf-8")


def csp_handler(table: str, updated: str) -> Handler:
    def handle(req: dict[str, Any]) -> Reply:
        if req["method"] == "GET":
            return Reply(200, (FIXTURES / f"csp_{table}_metadata.json").read_bytes(), _JSON)
        try:
            return Reply(200, csp_answer(table, json.loads(req["body"]), updated), _JSON)
        except (ValueError, KeyError) as err:
            return Reply(400, f"bad query: {err}".encode(), {"Content-Type": "text/plain"})

    return handle


_JSON = {"Content-Type": "application/json; charset=utf-8"}
_GZ = {"Content-Type": "application/octet-stream"}


def register_body() -> bytes:
    return (FIXTURES / "ur_register_sample.csv").read_bytes()


def serve_all(
    pubs: Publishers,
    csp_updated: str = "2025-12-15",
    max_cells: int = 100_000,
    register: Reply | None = None,
) -> None:
    """Every route of the three publishers, answering with their current releases."""
    for ds, (_, date) in EUROSTAT.items():
        pubs.set(f"/eurostat/sdmx/2.1/dataflow/ESTAT/{ds}", Reply(200, dataflow(ds, date), _JSON))
        pubs.set(f"/eurostat/sdmx/2.1/data/{ds}/{_key(ds)}", Reply(200, eurostat_data(ds), _GZ))
    for table, folder in CSP.items():
        listing = json.loads((FIXTURES / f"csp_folder_{folder.replace('/', '_')}.json").read_text(encoding="utf-8"))
        for node in listing:
            node["updated"] = f"{csp_updated}T08:00:00"
        pubs.set(f"/csp/en/OSP_PUB/START/{folder}", Reply(200, json.dumps(listing).encode(), _JSON))
        pubs.set(f"/csp/en/OSP_PUB/START/{folder}/{table}", csp_handler(table, csp_updated))
    config = json.loads((FIXTURES / "csp_config.json").read_text(encoding="utf-8"))
    config["maxCells"] = max_cells
    pubs.set("/csp/en/", Reply(200, json.dumps(config).encode(), _JSON))
    pubs.set("/ur/register/register.csv", register or register_handler)


REGISTER_HEADERS = {"Content-Type": "text/csv", "ETag": '"reg-1"', "Last-Modified": "Tue, 24 Nov 2026 06:00:00 GMT"}


def register_handler(req: dict[str, Any]) -> Reply:
    """register.csv, or 304 when the client holds this ETag already."""
    if REGISTER_HEADERS["ETag"] in (req["headers"].get("If-None-Match") or ""):
        return Reply(304, b"", {"ETag": REGISTER_HEADERS["ETag"]})
    return Reply(200, register_body(), REGISTER_HEADERS)


def _key(dataset: str) -> str:
    from latgale_stats.fetch.eurostat import key

    return key(dataset)
