"""Level breaks declared where a series is defined (``breaks.toml``, data kept with the package).

A break is a period from which a series' values are on another base than before: NVA's registered
unemployment rate divides by the census-based economically active population from April 2012; the
planning regions have other boundaries from 1 July 2021. A figure draws no line across a break, labels the
gap and says it in its notes and alt text. Each entry carries its source; only what is evidenced is declared.
A publisher's own break flag (``b`` on an observation) is read from the data, not declared here.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from . import indicators as I
from . import regions as R
from .model import Period

FILE = "breaks.toml"
TEXTS = ("label_lv", "label_en", "note_lv", "note_en", "source")
KEYS = ("indicator", "first", "schemes", *TEXTS, "evidence", "quote")
LANGS = ("lv", "en")


@dataclass(frozen=True)
class Break:
    """From ``first`` on, ``indicator`` is on another base for the territories of ``schemes`` (all of the
    indicator's when empty): the label drawn at the gap and the note, in Latvian and English, and the
    source with its pages and words."""

    indicator: str
    first: Period
    schemes: tuple[str, ...]
    label_lv: str
    label_en: str
    note_lv: str
    note_en: str
    source: str
    evidence: tuple[str, ...] = ()
    quote: str = ""

    def applies(self, region: str) -> bool:
        """Whether the break concerns the territory ``region`` (a region code)."""
        if not self.schemes:
            return True
        found = R.BY_CODE.get(region)
        return found is not None and bool(set(found.schemes) & set(self.schemes))

    def between(self, before: str, after: str) -> bool:
        """Whether the break lies between two periods of a line ('2011-12', '2012-12'; a year counts as
        its December): a line may not join them."""
        return Period.parse(before).index() < self.first.index() <= Period.parse(after).index()

    def label(self, lang: str) -> str:
        return self.label_lv if lang == "lv" else self.label_en

    def note(self, lang: str) -> str:
        return self.note_lv if lang == "lv" else self.note_en


def parse(text: str) -> tuple[Break, ...]:
    """The entries of a breaks file; a missing or unknown key, an unknown indicator or scheme, or a period
    that is not one raises ValueError naming the entry."""
    out = []
    for n, entry in enumerate(tomllib.loads(text).get("break", []), 1):
        where = f"{FILE}, break {n}"
        if set(entry) != set(KEYS):
            raise ValueError(f"{where}: give exactly the keys {', '.join(KEYS)}")
        if not all(isinstance(entry[k], str) and entry[k].strip() for k in ("indicator", "first", *TEXTS)):
            raise ValueError(f"{where}: indicator, first, the labels, the notes and the source must be non-empty texts")
        if I.find(entry["indicator"]) is None:
            raise ValueError(f"{where}: unknown indicator {entry['indicator']!r}")
        unknown = [s for s in entry["schemes"] if s not in R.SCHEMES]
        if unknown:
            raise ValueError(f"{where}: unknown region schemes {unknown}; known: {', '.join(R.SCHEMES)}")
        out.append(
            Break(
                indicator=entry["indicator"],
                first=Period.parse(entry["first"]),
                schemes=tuple(entry["schemes"]),
                **{k: entry[k].strip() for k in TEXTS},
                evidence=tuple(entry["evidence"]),
                quote=entry["quote"].strip(),
            )
        )
    return tuple(out)


@cache
def breaks() -> tuple[Break, ...]:
    """Every declared break."""
    return parse(resources.files(__package__ or "latgale_stats.core").joinpath(FILE).read_text(encoding="utf-8"))


def of(indicator: str) -> tuple[Break, ...]:
    """The breaks declared for one indicator, in time order."""
    return tuple(sorted((b for b in breaks() if b.indicator == indicator), key=lambda b: b.first))
