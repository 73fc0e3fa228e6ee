"""``latgale-stats update``: the newest releases from the publishers' APIs, added to ``data/raw/`` safely.

Three sources (``--only``): ``eurostat`` (three datasets), ``csp`` (two tables), ``register`` (the
Register of Enterprises' register.csv). Each download becomes a new file with a sidecar origin record;
nothing in ``data/raw/`` is ever overwritten, and a source that fails leaves it as it was (the other
sources' results are kept). Base addresses come from ``LATGALE_EUROSTAT_API``, ``LATGALE_CSP_API``
and ``LATGALE_UR_OPENDATA``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import requests

from . import csp, eurostat, register
from .base import Context, Outcome
from .http import FetchError, Net
from .store import current_origins, scratch

__all__ = ["SOURCES", "FetchError", "Net", "Outcome", "update"]

# source -> its parts, each a (name, function) run on its own
SOURCES: dict[str, list[tuple[str, Callable[[Context], Outcome]]]] = {
    "eurostat": [(f"Eurostat {d}", lambda ctx, d=d: eurostat.run(ctx, d)) for d in eurostat.DATASETS],  # type: ignore[misc]
    "csp": [(f"CSP {t}", lambda ctx, t=t: csp.run(ctx, t)) for t in csp.TABLES],  # type: ignore[misc]
    "register": [("Register of Enterprises register.csv", register.run)],
}


def update(
    data_dir: Path,
    only: list[str] | None = None,
    dry_run: bool = False,
    net: Net | None = None,
    report: Callable[[Outcome], object] = lambda o: None,
) -> list[Outcome]:
    """Fetch each source's newest release into ``data_dir``; one :class:`Outcome` a dataset or table."""
    net = net or Net.from_env()
    data_dir = Path(data_dir)
    outcomes: list[Outcome] = []
    with net.client() as client:
        for source in only or list(SOURCES):
            for label, run in SOURCES[source]:
                with scratch(data_dir) as tmp:
                    try:
                        ctx = Context(data_dir, net, client, tmp, current_origins(data_dir), dry_run)
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
                outcomes.append(outcome)
                report(outcome)
    return outcomes
