"""CSP (Central Statistical Bureau) PxWeb API v1: the catalogue's tables as json-stat2 answers (FORMATS.md §2, §10).

Which tables, and what to ask each for, is the dataset catalogue's (``core/catalogue.toml``, source
``csp``): the values of ``INDICATOR`` and ``ContentsCode`` it maps, Latvia and its statistical regions
(and today's municipalities) of ``AREA``, or, for NVA's tables whose territory variable is not known
here, the variable whose value texts name planning regions, Latvia, cities and municipalities. GET on
the table's path gives its variables; a table whose variables are not what the catalogue expects stops
with what was found (the metadata saved under ``reports/``), and the other tables go on. The data is a
POST of a json-stat2 query to the same path; a query over the API's cell limit (``maxCells`` of
``{CSP}/{lang}/?config``) is split by periods into several answers, each kept byte for byte. The
table's ``updated`` in its folder listing says beforehand whether the release is held already; the
answers' ``updated`` is the release date recorded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core import catalogue
from ..core import regions as R
from ..core.catalogue import Entry
from ..core.io import atomic_write_bytes
from ..core.paths import display_path, reports_dir
from ..ingest.csb_common import MAX_API_CELLS
from .base import Context, Outcome, base_url
from .http import FetchError, fetch_to, get_json
from .store import Placement, held, not_after_download, origin_table, place
from .verify import RETRY_LATER, read_with_package

ENV = "LATGALE_CSP_API"
DEFAULT = "https://data.stat.gov.lv/api/v1"
LANG = "en"
CAP = 20_000_000  # bytes per answer
DEFAULT_MAX_CELLS = 100_000  # CSP's v1 maxCells (FORMATS.md §10) when ?config does not answer it
_REGION = re.compile(r"^LV(00[0-9A-C])?$")  # Latvia and its NUTS 3 statistical regions (both vintages)
_TOTALS = ("T", "TOTAL", "TOT", "_T")
_TERRITORY_SCHEMES = (R.COUNTRY, R.PLAN2006, R.PLAN2021, R.MUNICIPALITY, R.STAT2021, R.STAT2024)
METADATA_DIR = "update"  # reports/update/: metadata of a table that did not match the catalogue


def tables() -> list[str]:
    """The CSP tables ``update`` asks for, in the catalogue's order."""
    return [e.code for e in catalogue.entries("csp") if e.fetch]


def label(table: str) -> str:
    """How a table is named in update's lines: 'CSP IKR060', 'CSP NVA011m (NVA data)'."""
    publisher = catalogue.get(f"csp:{table}").publisher
    return f"CSP {table}" + (f" ({publisher} data)" if publisher not in ("CSB", "CSP") else "")


def _updated(listing: Any, table: str) -> str | None:
    if not isinstance(listing, list):
        return None
    for node in listing:
        if isinstance(node, dict) and str(node.get("id", "")).upper() == table.upper():
            m = re.match(r"(\d{4}-\d{2}-\d{2})", str(node.get("updated", "")))
            return m.group(1) if m else None
    return None


def max_cells(config: Any) -> int:
    """Cells one data request may ask for: ``maxCells`` (``maxValues`` limits metadata, not data)."""
    if isinstance(config, dict):
        for k in ("maxCells", "maxDataCells"):
            v = config.get(k)
            if isinstance(v, int) and not isinstance(v, bool) and v > 0:
                return v
    return DEFAULT_MAX_CELLS


def _municipal_codes() -> frozenset[str]:
    from ..core import territory

    return frozenset(m.csb_code for m in territory.municipalities().values())


class TableChanged(Exception):
    """The table's variables are not what the catalogue expects; ``found`` describes them."""

    def __init__(self, why: str, found: str):
        super().__init__(why)
        self.found = found


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def describe(meta: Any, limit: int = 12) -> str:
    """A table's variables and values as a person completes the catalogue from them:
    ``CODE "text": value "text", …`` one line a variable."""
    variables = meta.get("variables") if isinstance(meta, dict) else None
    if not isinstance(variables, list):
        return "(the metadata lists no variables)"
    lines = []
    for var in variables:
        if not isinstance(var, dict):
            continue
        values = [str(v) for v in _list(var.get("values"))]
        texts = [str(t) for t in _list(var.get("valueTexts"))]
        pairs = [f'{v} "{t}"' for v, t in zip(values, texts + [""] * len(values), strict=False)]
        more = f", … ({len(pairs)} values)" if len(pairs) > limit else ""
        flags = [f for f, on in (("time", var.get("time")), ("may be left out", var.get("elimination"))) if on]
        head = f'{var.get("code", "?")} "{var.get("text", "")}"' + (f" [{', '.join(flags)}]" if flags else "")
        lines.append(f"{head}: {', '.join(pairs[:limit])}{more}")
    return "\n".join(lines)


def _territory_texts(values: list[str], texts: list[str]) -> list[str]:
    """The values whose texts (or codes) name a territory the registry knows (Latvia, planning and
    statistical regions, cities and municipalities)."""
    return [
        v
        for v, t in zip(values, texts, strict=False)
        if R.known(t, _TERRITORY_SCHEMES) or R.known(v, _TERRITORY_SCHEMES)
    ]


@dataclass(frozen=True)
class Plan:
    chosen: list[dict[str, Any]]  # selections other than time
    time_code: str
    times: list[str]


def selection(entry: Entry, meta: Any, url: str) -> Plan:
    """What to ask the table for, as the catalogue says; :class:`TableChanged` when the table's
    variables do not fit it."""
    variables = meta.get("variables") if isinstance(meta, dict) else None
    if not isinstance(variables, list) or not variables or not all(isinstance(v, dict) for v in variables):
        raise FetchError("download-refused", f"{url}: the table's metadata lists no variables", "try again later")
    found = describe(meta)
    codes = {str(v.get("code", "")).upper() for v in variables}
    missing = [c for c in entry.select if c.upper() not in codes]
    if missing:
        raise TableChanged(f"the table has no variable {', '.join(missing)}", found)
    wanted = _municipal_codes() if entry.municipal else frozenset()
    chosen: list[dict[str, Any]] = []
    time_code, times = "", []
    territory = ""
    for var in variables:
        code = str(var.get("code", ""))
        values = [str(v) for v in _list(var.get("values"))]
        texts = [str(t) for t in _list(var.get("valueTexts"))] or values
        sel = next((v for k, v in entry.select.items() if k.upper() == code.upper()), None)
        if var.get("time") or code.upper() == "TIME":
            time_code, times = code, values
        elif sel is not None:
            absent = [v for v in sel if v not in values]
            if absent:
                raise TableChanged(f"{code} has no value {', '.join(absent)}", found)
            chosen.append({"code": code, "selection": {"filter": "item", "values": list(sel)}})
        elif code.upper() == "CONTENTSCODE":
            keep = [v for v, t in zip(values, texts, strict=False) if entry.cell({code: v}, {code: t}) is not None]
            if not keep:
                raise TableChanged(f"no value of {code} is one the catalogue maps", found)
            chosen.append({"code": code, "selection": {"filter": "item", "values": keep}})
        elif entry.territory == "AREA" and code.upper() == "AREA":
            keep = [v for v in values if _REGION.match(v) or v in wanted]
            if not keep:
                raise TableChanged("AREA holds neither Latvia nor its regions", found)
            chosen.append({"code": code, "selection": {"filter": "item", "values": keep}})
            territory = code
        elif entry.territory == "texts" and not territory and (keep := _territory_texts(values, texts)):
            chosen.append({"code": code, "selection": {"filter": "item", "values": keep}})
            territory = code
        elif var.get("elimination") and entry.other == "eliminate":
            continue  # left out of the query: the total
        else:
            total = next((v for v in values if v.upper() in _TOTALS), None)
            if total is None or entry.other != "eliminate":
                raise TableChanged(f"the variable {code} is not one the catalogue expects", found)
            chosen.append({"code": code, "selection": {"filter": "item", "values": [total]}})
    if not territory:
        raise TableChanged("no variable names Latvia, its regions or municipalities", found)
    if not time_code or not times:
        raise TableChanged("the table has no time variable", found)
    return Plan(chosen, time_code, times)


def queries(entry: Entry, meta: Any, url: str, cells: int) -> list[dict[str, Any]]:
    """json-stat2 queries covering every period, each within ``cells`` cells."""
    plan = selection(entry, meta, url)
    per_period = 1
    for sel in plan.chosen:
        per_period *= len(sel["selection"]["values"])
    if per_period > cells:
        raise FetchError("too-large", f"{url}: one period alone is {per_period:,} cells, over the API's limit", "")
    step = max(1, cells // per_period)
    out = []
    for i in range(0, len(plan.times), step):
        part = plan.times[i : i + step]
        time_sel = {"code": plan.time_code, "selection": {"filter": "item", "values": part}}
        out.append({"query": [*plan.chosen, time_sel], "response": {"format": "json-stat2"}})
    return out


def _content_updated(path: Any) -> str | None:
    try:
        doc = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})", str(doc.get("updated", ""))) if isinstance(doc, dict) else None
    return m.group(1) if m else None


def table_url(entry: Entry) -> str:
    return f"{base_url(ENV, DEFAULT)}/{LANG}/OSP_PUB/START/{entry.folder}/{entry.code}"


def save_metadata(entry: Entry, meta: Any, folder: Path | None = None) -> Path:
    """The table's metadata as received, under ``reports/update/`` (for a person to complete the catalogue)."""
    folder = folder or reports_dir() / METADATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"csp_{entry.code}_metadata.json"
    atomic_write_bytes(path, json.dumps(meta, ensure_ascii=False, indent=1).encode("utf-8"))
    return path


def run(ctx: Context, table: str) -> Outcome:
    entry = catalogue.get(f"csp:{table}")
    source = label(table)
    api = base_url(ENV, DEFAULT)
    have = held(ctx.origins, table)
    listing = get_json(ctx.net, ctx.client, f"{api}/{LANG}/OSP_PUB/START/{entry.folder}", ctx.scratch.new("ls"))
    announced = _updated(listing, table)
    if announced and have.has(release=announced):
        return Outcome(source, "current", f"already current (release of {announced} is in data/raw/)")
    url = table_url(entry)
    meta = get_json(ctx.net, ctx.client, url, ctx.scratch.new("meta"))
    config = get_json(ctx.net, ctx.client, f"{api}/{LANG}/?config", ctx.scratch.new("config"))
    try:
        parts = queries(entry, meta, url, min(max_cells(config), MAX_API_CELLS))  # answers the reader takes
    except TableChanged as err:
        saved = save_metadata(entry, meta, ctx.reports)
        raise FetchError(
            "table-changed",
            f"{url}: {err}; the table's variables are:\n{err.found}\n(metadata saved in {display_path(saved)})",
            f"complete the entry [csp.{table}] in src/latgale_stats/core/catalogue.toml from these variables "
            f"(`latgale-stats update --describe csp:{table}` prints them again); the other sources went on",
        ) from None
    if ctx.dry_run:
        split = f" in {len(parts)} queries" if len(parts) > 1 else ""
        return Outcome(
            source, "would download", f"would download the release of {announced or 'an unknown date'}{split}"
        )
    downloads = []
    warnings: list[str] = []
    for i, query in enumerate(parts, 1):
        tmp = ctx.scratch.new(f"{table}-{i}")
        dl = fetch_to(ctx.net, ctx.client, url, tmp, CAP, method="POST", body=query, label=table)
        read_with_package(tmp, f"{table} (download)", url, "CSB json-stat2")
        updated, future = not_after_download(_content_updated(tmp), "the answer's 'updated'")
        warnings += [future] if future else []
        downloads.append((dl, query, updated, future))
    releases = {u for _, _, u, _ in downloads if u}
    release, future = not_after_download(max(releases) if releases else announced, "the table's listing")
    warnings += [future] if future and not releases else []
    if release is None:
        raise FetchError("download-refused", f"{url}: the answers give no release date ('updated')", RETRY_LATER)
    if have.has(release=release) or all(have.has(sha256=dl.sha256) for dl, _, _, _ in downloads):
        return Outcome(source, "current", f"already current (release of {release} is in data/raw/)")
    items = []
    n = len(downloads)
    for i, (dl, query, updated, capped) in enumerate(downloads, 1):
        suffix = f"_part{i}of{n}" if n > 1 else ""
        name = f"csp_{table}_{release}{suffix}.json"
        periods = query["query"][-1]["selection"]["values"]
        notes = "the API's json-stat2 answer, byte for byte" + (f"; {capped}" if capped else "")
        if entry.distributor:
            notes += f"; {entry.publisher}'s data, published in the CSP's database"
        if n > 1:
            notes += (
                f"; answer {i} of {n} (periods {periods[0]}–{periods[-1]}), split to stay within the API's cell limit"
            )
        items.append(
            Placement(
                dl.path,
                name,
                origin_table(
                    dl,
                    publisher=entry.publisher,
                    title=entry.title,
                    dataset=table,
                    licence=entry.licence,
                    release_date=updated or release,
                    release_date_from="copy"
                    if capped or (future and not updated)
                    else "content"
                    if updated
                    else "metadata",
                    query=json.dumps(query, ensure_ascii=False, separators=(",", ":")),
                    notes=notes,
                ),
            )
        )
    place(ctx.data_dir, ctx.scratch, items)
    names = [i.name for i in items]
    return Outcome(source, "new", f"new release of {release}: {', '.join(names)}", names, notes=sorted(set(warnings)))
