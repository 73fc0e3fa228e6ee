"""What a build has to render: pure functions of the data, the code fingerprint, the parameters and
the last manifest (no files written, no processes; tested on their own).

Every output has a key: the code, the parameters it uses, and a digest of the observations of the
indicators it reads (``core.declarations``). A changed row changes only the digest of its
indicator, so only the outputs that read that indicator are rendered again; the others are copied
from the last build.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..core import declarations as D
from ..core.focus import Focus, scope
from ..core.io import sha256_bytes
from .state import key

if TYPE_CHECKING:
    import pandas as pd

# the columns of an observation that an output can show: a change to any of them is a change
_DIGEST_COLUMNS = (
    "indicator",
    "region",
    "period",
    "value",
    "status",
    "kind",
    "source_kind",
    "flag",
    "publisher",
    "dataset",
    "vintage",
    "vintage_from",
    "file",
    "row",
    "url",
    "quote",
    "note",
    "versus",
)


def indicator_digests(obs_all: pd.DataFrame) -> dict[str, str]:
    """A digest of every row (in use or not) per indicator."""
    out: dict[str, str] = {}
    cols = list(_DIGEST_COLUMNS)
    for indicator, part in obs_all.groupby("indicator", sort=True):
        rows = sorted(repr(tuple(r)) for r in part[cols].astype(str).itertuples(index=False))
        out[str(indicator)] = sha256_bytes("\n".join(rows).encode())
    return out


def indicator_files(obs_all: pd.DataFrame) -> dict[str, list[str]]:
    """Indicator -> the input files its rows come from (derived values: their inputs' files)."""
    out: dict[str, set[str]] = {}
    for ind, sources in zip(obs_all["indicator"], obs_all["sources"], strict=True):
        files = out.setdefault(str(ind), set())
        files.update(s.cell.file for s in sources if s.cell is not None)
    return {k: sorted(v) for k, v in out.items()}


@dataclass(frozen=True)
class Planned:
    """One output file: its key, the input files it depends on, and whether the last build's copy
    can be kept."""

    file: str
    key: str
    depends_on: tuple[str, ...]
    fresh: bool


@dataclass
class Plan:
    files: dict[str, Planned] = field(default_factory=dict)
    figures: set[tuple[str, str]] = field(default_factory=set)  # (figure, language) to render to files
    notebooks: list[str] = field(default_factory=list)  # to execute
    annexes: list[str] = field(default_factory=list)  # languages
    indicators_xlsx: bool = False  # to write
    chart_data_xlsx: bool = False

    def stale(self, rel: str) -> bool:
        return not self.files[rel].fresh


def _uses(reads: frozenset[str] | None, digests: dict[str, str]) -> list[str]:
    return sorted(digests) if reads is None else sorted(i for i in reads if i in digests)


def plan(
    *,
    code: str,
    parameters: dict[str, Any],
    digests: dict[str, str],
    files_of: dict[str, list[str]],
    inputs: dict[str, str],
    project_sha: str,
    old_outputs: dict[str, dict[str, Any]],
    force: bool,
    langs: Iterable[str],
    notebooks: bool,
    focus: Focus | None = None,
) -> Plan:
    """Which outputs are stale. ``old_outputs`` maps file -> the last manifest's entry (only when the
    last build's files are intact)."""
    langs = tuple(langs)
    result = Plan()
    # what figures, workbooks and the annex depend on (notebooks depend on every parameter)
    cut = {"latest_period": parameters.get("latest_period"), "comparison_regions": parameters.get("comparison_regions")}
    territory, lvl = scope(focus)
    if territory is not None:  # another focus: its outputs are other files' worth (the default's keys unchanged)
        cut["focus"] = [territory, *focus.compare_with]  # type: ignore[union-attr]

    def add(rel: str, output_id: str, params: dict[str, Any], extra: object = None) -> Planned:
        used = _uses(D.reads(output_id), digests)
        everything = D.reads(output_id) is None
        k = key(code, params, [(i, digests[i]) for i in used], sorted(inputs.items()) if everything else None, extra)
        depends = sorted(inputs) if everything else sorted({f for i in used for f in files_of.get(i, [])})
        fresh = not force and old_outputs.get(rel, {}).get("key") == k
        planned = Planned(rel, k, tuple(depends), fresh)
        result.files[rel] = planned
        return planned

    for fig in D.figure_ids(territory, lvl):
        for lang in langs:
            for fmt in D.formats_of(fig):
                if not add(f"figures/{fig}_{lang}.{fmt}", fig, cut).fresh:
                    result.figures.add((fig, lang))
    result.indicators_xlsx = not add("indicators.xlsx", "indicators.xlsx", cut).fresh
    result.chart_data_xlsx = not add("chart_data.xlsx", "chart_data.xlsx", cut).fresh
    for lang in langs:
        if not add(f"annex_{lang}.docx", f"annex_{lang}.docx", cut, project_sha).fresh:
            result.annexes.append(lang)
    if notebooks:
        for name in D.notebook_ids(territory, lvl):
            stale = False
            for ext in ("ipynb", "html"):
                stale |= not add(f"notebooks/{name}.{ext}", name, parameters).fresh
            if stale:
                result.notebooks.append(name)
    return result
