"""``latgale-stats update``: the newest releases from the publishers' APIs, added to ``data/raw/`` safely.

Four sources (``--only``), their datasets listed in the dataset catalogue (``core/catalogue.toml``):
``eurostat`` (three datasets), ``csp`` (the CSP's own tables), ``nva`` (NVA's registered
unemployment, tables in the CSP's database), ``register`` (the Register of Enterprises' register.csv).
Each download becomes a new file with a sidecar origin record; nothing in ``data/raw/`` is ever
overwritten, and a source that fails leaves it as it was (the other sources' results are kept). Base
addresses come from ``LATGALE_EUROSTAT_API``, ``LATGALE_CSP_API`` and ``LATGALE_UR_OPENDATA``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import requests

from ..core import catalogue
from . import csp, eurostat, register
from .base import Context, Outcome, base_url
from .http import FetchError, Net, get_json
from .store import current_origins, remove_leftovers, scratch, update_lock
from .verify import RETRY_LATER

__all__ = ["SOURCES", "FetchError", "Net", "Outcome", "describe", "update"]


# source -> its parts, each a (name, function) run on its own
def _csp(publisher_is_nva: bool) -> list[tuple[str, Callable[[Context], Outcome]]]:
    return [
        (csp.label(t), lambda ctx, t=t: csp.run(ctx, t))  # type: ignore[misc]
        for t in csp.tables()
        if (catalogue.get(f"csp:{t}").publisher == "NVA") == publisher_is_nva
    ]


SOURCES: dict[str, list[tuple[str, Callable[[Context], Outcome]]]] = {
    "eurostat": [(f"Eurostat {d}", lambda ctx, d=d: eurostat.run(ctx, d)) for d in eurostat.DATASETS],  # type: ignore[misc]
    "csp": _csp(False),
    "nva": _csp(True),
    "register": [("Register of Enterprises register.csv", register.run)],
}


def update(
    data_dir: Path,
    only: list[str] | None = None,
    dry_run: bool = False,
    net: Net | None = None,
    report: Callable[[Outcome], object] = lambda o: None,
    reports: Path | None = None,
) -> list[Outcome]:
    """Fetch each source's newest release into ``data_dir``; one :class:`Outcome` a dataset or table."""
    net = net or Net.from_env()
    data_dir = Path(data_dir)
    outcomes: list[Outcome] = []
    with update_lock(data_dir), net.client() as client:
        for name in remove_leftovers(data_dir):
            net.say(f"removed {name} from {data_dir.name}/, left by an update that was stopped")
        for source in only or list(SOURCES):
            for label, run in SOURCES[source]:
                with scratch(data_dir) as tmp:
                    try:
                        ctx = Context(data_dir, net, client, tmp, current_origins(data_dir), dry_run, reports)
                        outcome = run(ctx)
                    except FetchError as err:
                        outcome = Outcome(label, "failed", str(err), code=err.code, action=err.action)
                    except requests.RequestException as err:
                        outcome = Outcome(
                            label,
                            "failed",
                            f"a network error ({type(err).__name__}: {err})",
                            code="download-failed",
                            action="try again later; check your connection or proxy (HTTPS_PROXY)",
                        )
                    except OSError as err:
                        outcome = Outcome(
                            label,
                            "failed",
                            f"data/raw/ could not be written ({err.strerror})",
                            code="download-failed",
                            action="check the folder's permissions and free space",
                        )
                    except Exception as err:  # an answer shaped as no publisher writes it: this source only
                        if os.environ.get("LATGALE_DEBUG"):
                            raise
                        outcome = Outcome(
                            label,
                            "failed",
                            f"the publisher's answer could not be read ({type(err).__name__})",
                            code="download-refused",
                            action=RETRY_LATER,
                        )
                outcomes.append(outcome)
                report(outcome)
    return outcomes


def describe(what: str, net: Net | None = None) -> str:
    """A CSP table's variables and values, for completing the catalogue: ``what`` is ``csp:CODE`` (asked
    of the API; a table the catalogue does not list yet is looked for by its code in the API's folder
    given as ``csp:FOLDER/CODE``, e.g. ``csp:EMP/NBBA/NVA/NVA011m``) or a saved metadata file (JSON)."""
    import json

    path = Path(what)
    if path.suffix.lower() == ".json" and path.is_file():
        try:
            meta = json.loads(path.read_bytes().decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as err:
            raise FetchError(
                "download-refused", f"{what} is not a JSON document ({err})", "give a metadata file"
            ) from None
        return f"{what}:\n{csp.describe(meta, limit=1000)}"
    source, _, code = what.partition(":")
    if source.lower() != "csp" or not code:
        raise FetchError(
            "unknown-dataset",
            f"{what!r} is neither csp:TABLE nor a saved metadata file (.json)",
            "write e.g. --describe csp:NVA011m",
        )
    folder, _, table = code.rpartition("/")
    entry = catalogue.find(table)
    if not folder:
        if entry is None or entry.source != "csp":
            known = ", ".join(e.ref for e in catalogue.entries("csp"))
            raise FetchError(
                "unknown-dataset",
                f"the catalogue has no CSP table {table!r} (it has {known})",
                "give its folder too, e.g. csp:EMP/NBBA/NVA/NVA011m",
            )
        folder = entry.folder
    url = f"{base_url(csp.ENV, csp.DEFAULT)}/{csp.LANG}/OSP_PUB/START/{folder}/{table}"
    net = net or Net.from_env()
    import tempfile

    with net.client() as client, tempfile.TemporaryDirectory() as tmp:
        meta = get_json(net, client, url, Path(tmp) / "meta.json")
    title = meta.get("title", "") if isinstance(meta, dict) else ""
    return f"{url}\n{title}\n{csp.describe(meta, limit=1000)}"
