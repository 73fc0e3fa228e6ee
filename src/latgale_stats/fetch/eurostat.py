"""Eurostat dissemination API (SDMX 2.1): the regional datasets as compressed SDMX-CSV, Latvia and the EU.

``{EUROSTAT}/sdmx/2.1/data/{dataset}/{key}?format=SDMX-CSV&compressed=true``, the key restricting
``geo`` to the Latvian codes and EU27_2020 (the other dimensions left open). The release date is the
rows' ``LAST UPDATE``; the dataflow's ``UPDATE_DATA`` annotation
(``{EUROSTAT}/sdmx/2.1/dataflow/ESTAT/{dataset}?format=json``, a JSON-stat-style document whose
``extension.annotation`` list holds ``{"type": "UPDATE_DATA", "date": "2026-02-06T23:00:00+0100"}``,
FORMATS.md §10) says beforehand whether the release is held already, so a current dataset is not
downloaded again. The probe only saves a download: when it fails (an HTTP error, a timeout, an answer
that is not JSON or holds no ``UPDATE_DATA`` date) the data is downloaded all the same, its release
date taken from the rows, and the outcome line says that the probe failed.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from ..core import catalogue
from .base import Context, Outcome, base_url
from .http import FetchError, fetch_to, get_json
from .store import Placement, held, not_after_download, origin_table, place
from .verify import RETRY_LATER, check_gzip, read_with_package

ENV = "LATGALE_EUROSTAT_API"
DEFAULT = "https://ec.europa.eu/eurostat/api/dissemination"
CAP = 50_000_000  # compressed bytes; the Latvian rows of these datasets are well under 1 MB
GEO = (
    "LV",
    "LV0",
    "LV00",
    "LV003",
    "LV005",
    "LV006",
    "LV007",
    "LV008",
    "LV009",
    "LV00A",
    "LV00B",
    "LV00C",
    "LVZ",
    "LVZZ",
    "LVZZZ",
    "EU27_2020",
)
# dataset -> (dimensions before geo, title): the datasets of the dataset catalogue that update asks for
DATASETS: dict[str, tuple[int, str]] = {
    e.code: (e.key_dims, f"{e.title}, SDMX-CSV") for e in catalogue.entries("eurostat") if e.fetch
}
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def key(dataset: str) -> str:
    before, _ = DATASETS[dataset]
    return "." * before + "+".join(GEO)


def update_date(doc: Any) -> str | None:
    """The day (``YYYY-MM-DD``, as the publisher writes it) of the ``UPDATE_DATA`` annotation anywhere
    in a dataflow answer (``extension.annotation[]`` in Eurostat's JSON answer), if any."""
    if isinstance(doc, dict):
        if str(doc.get("type", "")).upper() == "UPDATE_DATA":
            for k in ("date", "title", "text", "value"):
                m = _DATE.search(str(doc.get(k, "")))
                if m:
                    return m.group(1)
        return next((d for v in doc.values() if (d := update_date(v))), None)
    if isinstance(doc, list):
        return next((d for v in doc if (d := update_date(v))), None)
    return None


def probe(ctx: Context, api: str, dataset: str) -> tuple[str | None, str]:
    """The release date the dataflow announces, or None and why the probe failed. One retry at most:
    a failed probe costs only a download that might have been saved."""
    url = f"{api}/sdmx/2.1/dataflow/ESTAT/{dataset}?format=json"
    net = dataclasses.replace(ctx.net, retries=min(ctx.net.retries, 1))  # (the same list of waits)
    try:
        doc = get_json(net, ctx.client, url, ctx.scratch.new("df"))
    except FetchError as err:
        return None, f"the release calendar probe failed: {err}"
    announced = update_date(doc)
    if announced is None:
        return None, f"the release calendar probe failed: {url} gave no UPDATE_DATA date"
    return announced, ""


def run(ctx: Context, dataset: str) -> Outcome:
    source = f"Eurostat {dataset}"
    api = base_url(ENV, DEFAULT)
    have = held(ctx.origins, dataset)
    announced, failed = probe(ctx, api, dataset)
    notes = [failed] if failed else []
    if announced and have.has(release=announced):
        return Outcome(source, "current", f"already current (release of {announced} is in data/raw/)")
    url = f"{api}/sdmx/2.1/data/{dataset}/{key(dataset)}?format=SDMX-CSV&compressed=true"
    if ctx.dry_run:
        when = announced or "an unknown date"
        return Outcome(source, "would download", f"would download the release of {when}", notes=notes)
    tmp = ctx.scratch.new(dataset)
    dl = fetch_to(ctx.net, ctx.client, url, tmp, CAP, label=dataset)
    if dl.head[:2] != b"\x1f\x8b":
        raise FetchError("download-refused", f"{url} did not send a .gz file (compressed=true)", "try again later")
    check_gzip(tmp, url)
    vintage = read_with_package(tmp, f"{dataset} (download)", url, "Eurostat SDMX-CSV", dataset)
    release, future = not_after_download(vintage or announced, "LAST UPDATE" if vintage else "the release calendar")
    if release is None:
        raise FetchError(
            "download-refused", f"{url}: neither the rows nor the dataflow give a release date", RETRY_LATER
        )
    if future:
        notes.append(future)
    if have.has(release=release, etag=dl.etag, sha256=dl.sha256):
        return Outcome(source, "current", f"already current (release of {release} is in data/raw/)", notes=notes)
    name = f"{dataset}_LV_{release}.csv.gz"
    table = origin_table(
        dl,
        publisher="Eurostat",
        title=DATASETS[dataset][1],
        dataset=dataset,
        licence=catalogue.get(f"eurostat:{dataset}").licence,
        release_date=release,
        release_date_from="copy" if future else "content" if vintage else "metadata",
        query=f"key {key(dataset)} (geo: Latvia's NUTS codes and EU27_2020; other dimensions all)",
        notes="downloaded by latgale-stats update from the dissemination API (SDMX 2.1), byte for byte"
        + (f"; {future}" if future else ""),
    )
    place(ctx.data_dir, ctx.scratch, [Placement(tmp, name, table)])
    return Outcome(source, "new", f"new release of {release}: {name}", [name], notes=notes)
