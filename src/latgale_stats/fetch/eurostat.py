"""Eurostat dissemination API (SDMX 2.1): the regional datasets as compressed SDMX-CSV, Latvia and the EU.

``{EUROSTAT}/sdmx/2.1/data/{dataset}/{key}?format=SDMX-CSV&compressed=true``, the key restricting
``geo`` to the Latvian codes and EU27_2020 (the other dimensions left open). The release date is the
rows' ``LAST UPDATE``; the dataflow's ``UPDATE_DATA`` annotation
(``{EUROSTAT}/sdmx/2.1/dataflow/ESTAT/{dataset}?format=json``) says beforehand whether the release is
held already, so a current dataset is not downloaded again.
"""

from __future__ import annotations

import re
from typing import Any

from .base import Context, Outcome, base_url
from .http import FetchError, fetch_to, get_json
from .store import Placement, held, origin_table, place
from .verify import check_gzip, read_with_package

ENV = "LATGALE_EUROSTAT_API"
DEFAULT = "https://ec.europa.eu/eurostat/api/dissemination"
CAP = 50_000_000  # compressed bytes; the Latvian rows of these datasets are well under 1 MB
LICENCE = 'Eurostat: reuse with acknowledgement ("Source: Eurostat")'
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
# dataset -> (dimensions before geo, title)
DATASETS: dict[str, tuple[int, str]] = {
    "nama_10r_3gdp": (2, "Gross domestic product (GDP) at current market prices by NUTS 3 region, SDMX-CSV"),
    "demo_r_pjanaggr3": (4, "Population on 1 January by broad age group, sex and NUTS 3 region, SDMX-CSV"),
    "bd_size_r3": (4, "Business demography by size class and NUTS 3 region, SDMX-CSV"),
}
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


def key(dataset: str) -> str:
    before, _ = DATASETS[dataset]
    return "." * before + "+".join(GEO)


def update_date(doc: Any) -> str | None:
    """The date of the ``UPDATE_DATA`` annotation anywhere in a dataflow answer (SDMX-JSON), if any."""
    if isinstance(doc, dict):
        if str(doc.get("type", "")).upper() == "UPDATE_DATA":
            for k in ("title", "text", "value", "date"):
                m = _DATE.search(str(doc.get(k, "")))
                if m:
                    return m.group(1)
        return next((d for v in doc.values() if (d := update_date(v))), None)
    if isinstance(doc, list):
        return next((d for v in doc if (d := update_date(v))), None)
    return None


def run(ctx: Context, dataset: str) -> Outcome:
    source = f"Eurostat {dataset}"
    api = base_url(ENV, DEFAULT)
    have = held(ctx.origins, dataset)
    announced = update_date(
        get_json(ctx.net, ctx.client, f"{api}/sdmx/2.1/dataflow/ESTAT/{dataset}?format=json", ctx.scratch.new("df"))
    )
    if announced and have.has(release=announced):
        return Outcome(source, "current", f"already current (release of {announced} is in data/raw/)")
    url = f"{api}/sdmx/2.1/data/{dataset}/{key(dataset)}?format=SDMX-CSV&compressed=true"
    if ctx.dry_run:
        return Outcome(source, "would download", f"would download the release of {announced or 'an unknown date'}")
    tmp = ctx.scratch.new(dataset)
    dl = fetch_to(ctx.net, ctx.client, url, tmp, CAP, label=dataset)
    if dl.head[:2] != b"\x1f\x8b":
        raise FetchError("download-refused", f"{url} did not send a .gz file (compressed=true)", "try again later")
    check_gzip(tmp, url)
    vintage = read_with_package(tmp, f"{dataset} (download)", url, "Eurostat SDMX-CSV", dataset)
    release = vintage or announced
    if release is None:
        raise FetchError("download-refused", f"{url}: neither the rows nor the dataflow give a release date", "")
    if have.has(release=release, etag=dl.etag, sha256=dl.sha256):
        return Outcome(source, "current", f"already current (release of {release} is in data/raw/)")
    name = f"{dataset}_LV_{release}.csv.gz"
    table = origin_table(
        dl,
        publisher="Eurostat",
        title=DATASETS[dataset][1],
        dataset=dataset,
        licence=LICENCE,
        release_date=release,
        release_date_from="content" if vintage else "metadata",
        query=f"key {key(dataset)} (geo: Latvia's NUTS codes and EU27_2020; other dimensions all)",
        notes="downloaded by latgale-stats update from the dissemination API (SDMX 2.1), byte for byte",
    )
    place(ctx.data_dir, ctx.scratch, [Placement(tmp, name, table)])
    return Outcome(source, "new", f"new release of {release}: {name}", [name])
