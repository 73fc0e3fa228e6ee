"""CSP (Central Statistical Bureau) PxWeb API v1: two tables as json-stat2 answers (FORMATS.md §2.1, §2.3).

GET on the table's path gives its variables; the data is a POST of a json-stat2 query to the same
path, restricted to Latvia and its statistical regions, and for the population (IRS031) today's
municipalities too (every year, every value of the other variables that cannot be left out). A
query over the API's cell limit (``{CSP}/{lang}/?config``) is split by years into several answers,
each kept byte for byte as its own file. The table's ``updated`` in its folder listing says
beforehand whether the release is held already; the answers' ``updated`` is the release date
recorded.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .base import Context, Outcome, base_url
from .http import FetchError, fetch_to, get_json
from .store import Placement, held, origin_table, place
from .verify import read_with_package

ENV = "LATGALE_CSP_API"
DEFAULT = "https://data.stat.gov.lv/api/v1"
LANG = "en"
CAP = 20_000_000  # bytes per answer
DEFAULT_MAX_CELLS = 10_000  # when the API does not say (a third-party connector's figure, FORMATS.md §2.2)
LICENCE = "CC0 1.0, as the CSP states for its API (FORMATS.md §2.2); cite the CSP as the source"
# table -> (folder path under OSP_PUB/START, title)
TABLES: dict[str, tuple[str, str]] = {
    "IKR060": ("VEK/IK/IKR", "GDP and GDP per capita by statistical region and municipality (2021 boundaries)"),
    "IRS031": ("POP/IR/IRS", "Population at the beginning of the year in regions, cities and municipalities"),
}
# tables whose municipalities are asked for too (today's 2021 municipalities, by CSP's codes): the population
# that puts the Register of Enterprises' registrations per 1000 inhabitants of each municipality
MUNICIPAL = ("IRS031",)
_REGION = re.compile(r"^LV(00[0-9A-C])?$")  # Latvia and its NUTS 3 statistical regions (both vintages)
_TOTALS = ("T", "TOTAL", "TOT", "_T")


def _updated(listing: Any, table: str) -> str | None:
    if not isinstance(listing, list):
        return None
    for node in listing:
        if isinstance(node, dict) and str(node.get("id", "")).upper() == table:
            m = re.match(r"(\d{4}-\d{2}-\d{2})", str(node.get("updated", "")))
            return m.group(1) if m else None
    return None


def _max_cells(config: Any) -> int:
    if isinstance(config, dict):
        for k in ("maxValues", "maxCells", "maxDataCells"):
            v = config.get(k)
            if isinstance(v, int) and v > 0:
                return v
    return DEFAULT_MAX_CELLS


def _municipal_codes() -> frozenset[str]:
    from ..core import territory

    return frozenset(m.csb_code for m in territory.municipalities().values())


def selection(meta: Any, url: str, municipal: bool = False) -> tuple[list[dict[str, Any]], str, list[str]]:
    """The query's selections other than time, the time variable's code and its values (Latvia and
    its statistical regions; with ``municipal``, today's municipalities too)."""
    wanted = _municipal_codes() if municipal else frozenset()
    variables = meta.get("variables") if isinstance(meta, dict) else None
    if not isinstance(variables, list) or not variables:
        raise FetchError("download-refused", f"{url}: the table's metadata lists no variables", "try again later")
    chosen: list[dict[str, Any]] = []
    time_code, times = "", []
    for var in variables:
        code, values = str(var.get("code", "")), [str(v) for v in var.get("values", [])]
        if var.get("time") or code.upper() == "TIME":
            time_code, times = code, values
        elif code.upper() == "AREA":
            keep = [v for v in values if _REGION.match(v) or v in wanted]
            if not keep:
                raise FetchError("download-refused", f"{url}: AREA holds neither Latvia nor its regions", "")
            chosen.append({"code": code, "selection": {"filter": "item", "values": keep}})
        elif code.upper() in ("INDICATOR", "CONTENTSCODE"):
            chosen.append({"code": code, "selection": {"filter": "item", "values": values}})
        elif var.get("elimination"):
            continue  # left out of the query: the total
        else:
            total = next((v for v in values if v.upper() in _TOTALS), values[0] if values else None)
            if total is None:
                continue
            chosen.append({"code": code, "selection": {"filter": "item", "values": [total]}})
    if not time_code or not times:
        raise FetchError("download-refused", f"{url}: the table's metadata has no time variable", "")
    return chosen, time_code, times


def queries(meta: Any, url: str, max_cells: int, municipal: bool = False) -> list[dict[str, Any]]:
    """json-stat2 queries covering every year, each within ``max_cells`` cells."""
    chosen, time_code, times = selection(meta, url, municipal)
    per_year = 1
    for sel in chosen:
        per_year *= len(sel["selection"]["values"])
    years = max(1, max_cells // per_year)
    if per_year > max_cells:
        raise FetchError("too-large", f"{url}: one year alone is {per_year:,} cells, over the API's limit", "")
    out = []
    for i in range(0, len(times), years):
        part = times[i : i + years]
        time_sel = {"code": time_code, "selection": {"filter": "item", "values": part}}
        out.append({"query": [*chosen, time_sel], "response": {"format": "json-stat2"}})
    return out


def _content_updated(path: Any) -> str | None:
    try:
        doc = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})", str(doc.get("updated", ""))) if isinstance(doc, dict) else None
    return m.group(1) if m else None


def run(ctx: Context, table: str) -> Outcome:
    source = f"CSP {table}"
    api = base_url(ENV, DEFAULT)
    folder, title = TABLES[table]
    have = held(ctx.origins, table)
    listing = get_json(ctx.net, ctx.client, f"{api}/{LANG}/OSP_PUB/START/{folder}", ctx.scratch.new("ls"))
    announced = _updated(listing, table)
    if announced and have.has(release=announced):
        return Outcome(source, "current", f"already current (release of {announced} is in data/raw/)")
    url = f"{api}/{LANG}/OSP_PUB/START/{folder}/{table}"
    meta = get_json(ctx.net, ctx.client, url, ctx.scratch.new("meta"))
    config = get_json(ctx.net, ctx.client, f"{api}/{LANG}/?config", ctx.scratch.new("config"))
    parts = queries(meta, url, _max_cells(config), table in MUNICIPAL)
    if ctx.dry_run:
        split = f" in {len(parts)} queries" if len(parts) > 1 else ""
        return Outcome(
            source, "would download", f"would download the release of {announced or 'an unknown date'}{split}"
        )
    downloads = []
    for i, query in enumerate(parts, 1):
        tmp = ctx.scratch.new(f"{table}-{i}")
        dl = fetch_to(ctx.net, ctx.client, url, tmp, CAP, method="POST", body=query, label=table)
        read_with_package(tmp, f"{table} (download)", url, "CSB json-stat2")
        downloads.append((dl, query, _content_updated(tmp)))
    releases = {u for _, _, u in downloads if u}
    release = max(releases) if releases else announced
    if release is None:
        raise FetchError("download-refused", f"{url}: the answers give no release date ('updated')", "")
    if have.has(release=release) or all(have.has(sha256=dl.sha256) for dl, _, _ in downloads):
        return Outcome(source, "current", f"already current (release of {release} is in data/raw/)")
    items = []
    n = len(downloads)
    for i, (dl, query, updated) in enumerate(downloads, 1):
        suffix = f"_part{i}of{n}" if n > 1 else ""
        name = f"csp_{table}_{release}{suffix}.json"
        years = query["query"][-1]["selection"]["values"]
        notes = "the API's json-stat2 answer, byte for byte"
        if n > 1:
            notes += f"; answer {i} of {n} (years {years[0]}–{years[-1]}), split to stay within the API's cell limit"
        items.append(
            Placement(
                dl.path,
                name,
                origin_table(
                    dl,
                    publisher="CSB",
                    title=title,
                    dataset=table,
                    licence=LICENCE,
                    release_date=updated or release,
                    release_date_from="content" if updated else "metadata",
                    query=json.dumps(query, ensure_ascii=False, separators=(",", ":")),
                    notes=notes,
                ),
            )
        )
    place(ctx.data_dir, ctx.scratch, items)
    names = [i.name for i in items]
    return Outcome(source, "new", f"new release of {release}: {', '.join(names)}", names)
