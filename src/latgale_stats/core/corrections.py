"""Publisher corrections for curated rows (``corrections.toml``, data kept with the package).

A curated file is kept as it was collected, so a row that credits the wrong publisher (a Eurostat figure
entered as CSB's) is corrected by a declared entry, each with its reason, never by editing the file. The
curated reader applies the entries of the file it reads and reports each one it applied, and each one that
matched no row, as a warning (``publisher-corrected``, ``stale-correction``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

FILE = "corrections.toml"
KEYS = ("file", "indicator", "region", "period", "written", "publisher", "reason")


@dataclass(frozen=True)
class Correction:
    """One curated row credited to another publisher than its file gives: the file, the row by the
    indicator, region and period written in it, the publisher written, the one credited, and why."""

    file: str
    indicator: str
    region: str
    period: str
    written: str
    publisher: str
    reason: str

    @property
    def row(self) -> tuple[str, str, str]:
        return (self.indicator, self.region, self.period)


def parse(text: str) -> tuple[Correction, ...]:
    """The entries of a corrections file; a missing, empty or unknown key raises ValueError naming the entry."""
    entries = tomllib.loads(text).get("correction", [])
    out = []
    for n, entry in enumerate(entries, 1):
        keys = set(entry)
        if keys != set(KEYS) or not all(isinstance(entry[k], str) and entry[k].strip() for k in KEYS):
            raise ValueError(f"{FILE}, correction {n}: give exactly the keys {', '.join(KEYS)}, each a non-empty text")
        out.append(Correction(**{k: entry[k].strip() for k in KEYS}))
    return tuple(out)


@cache
def corrections() -> tuple[Correction, ...]:
    """Every declared correction."""
    return parse(resources.files(__package__ or "latgale_stats.core").joinpath(FILE).read_text(encoding="utf-8"))


def for_file(name: str) -> dict[tuple[str, str, str], Correction]:
    """The corrections of one curated file (by its name), keyed by the row's indicator, region and period."""
    return {c.row: c for c in corrections() if c.file == name}
