"""The catalogue of publisher datasets (``catalogue.toml``, data kept with the package).

For each Eurostat dataset, CSP table and the Register of Enterprises' file: the publisher (and the
distributor where another body publishes the table), title, licence, page, what ``update`` asks for,
and how each code maps to an indicator of :mod:`.indicators` with the unit it is published in (the
indicator's ``units`` convert it, e.g. EUR thousand -> EUR million). ``fetch/``, the readers and the
citations read it; nothing else lists datasets.

Only the standard library is used: reading the catalogue never loads the data machinery.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

from . import indicators as I

CATALOGUE_FILE = "catalogue.toml"
_TERRITORY = ("AREA", "texts")
_OTHER = ("eliminate", "refuse")
CADENCES = ("annual", "monthly", "continuous", "archive")


class CatalogueError(ValueError):
    """``catalogue.toml`` names an indicator, unit or key the package does not know."""


@dataclass(frozen=True)
class CellMap:
    """One kind of cell of a CSP table: the values of its variables (by code) or a word of its
    contents' text, and the indicator and published unit it becomes."""

    indicator: str
    unit: str
    codes: dict[str, str] = field(default_factory=dict)  # variable code -> value code
    contents_text: tuple[str, ...] = ()  # words, any of which the ContentsCode's text holds

    def matches(self, coords: dict[str, str], texts: dict[str, str]) -> bool:
        """Whether a cell with these value codes (variable -> code) and contents text is of this kind."""
        for var, want in self.codes.items():
            got = next((v for k, v in coords.items() if k.upper() == var.upper()), None)
            if got != want:
                return False
        if self.contents_text:
            text = next((v for k, v in texts.items() if k.upper() == "CONTENTSCODE"), "").casefold()
            return any(w.casefold() in text for w in self.contents_text)
        return True


@dataclass(frozen=True)
class Entry:
    """One publisher dataset."""

    source: str  # "eurostat" | "csp" | "register"
    code: str  # nama_10r_3gdp, IKR060, NVA011m, ur_register
    publisher: str
    title: str
    licence: str
    page: str
    title_lv: str = ""
    distributor: str = ""
    evidence: str = ""
    fetch: bool = True  # asked for by `latgale-stats update`
    cadence: str = "annual"  # "annual" | "monthly" | "continuous" | "archive" (closed, continued elsewhere)
    # Eurostat
    key_dims: int = 0
    measure: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    codes: dict[str, tuple[str, str]] = field(default_factory=dict)  # measure code -> (indicator, unit)
    # CSP
    folder: str = ""
    territory: str = ""
    municipal: bool = False
    other: str = "refuse"
    select: dict[str, tuple[str, ...]] = field(default_factory=dict)
    maps: tuple[CellMap, ...] = ()
    # "2021": every period of the table is on the municipalities of the 2021 reform (the CSP recalculates the
    # past for them), so a name is the 2021 unit whatever the year, never the novads of 2009 it shares
    boundaries: str = ""
    # the register
    path: str = ""

    @property
    def ref(self) -> str:
        """``csp:NVA011m``, as ``update --describe`` takes it."""
        return f"{self.source}:{self.code}"

    def cell(self, coords: dict[str, str], texts: dict[str, str]) -> CellMap | None:
        """The kind of a CSP cell (its variables' value codes and the contents' text), None if none fits."""
        return next((m for m in self.maps if m.matches(coords, texts)), None)

    def indicators(self) -> tuple[str, ...]:
        found = [i for i, _ in self.codes.values()] + [m.indicator for m in self.maps]
        return tuple(dict.fromkeys(found))


def _str(table: dict, key: str, where: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise CatalogueError(f"{CATALOGUE_FILE}: {where}: {key} must be a string")
    return value


def _check_unit(indicator: str, unit: str, where: str) -> None:
    try:
        ind = I.get(indicator)
    except KeyError:
        raise CatalogueError(
            f"{CATALOGUE_FILE}: {where}: no indicator {indicator!r} in the indicator catalogue"
        ) from None
    if ind.factor(unit) is None:
        raise CatalogueError(
            f"{CATALOGUE_FILE}: {where}: unit {unit!r} is not one the indicator {indicator!r} accepts "
            f"({', '.join(ind.units)})"
        )


def _entry(source: str, code: str, table: dict) -> Entry:
    where = f"[{source}.{code}]"
    common = Entry(
        source=source,
        code=code,
        publisher=_str(table, "publisher", where),
        title=_str(table, "title", where),
        licence=_str(table, "licence", where),
        page=_str(table, "page", where),
        title_lv=_str(table, "title_lv", where, ""),
        distributor=_str(table, "distributor", where, ""),
        evidence=_str(table, "evidence", where, ""),
        fetch=bool(table.get("fetch", True)),
        cadence=_str(table, "cadence", where, "annual"),
    )
    if common.cadence not in CADENCES:
        raise CatalogueError(f"{CATALOGUE_FILE}: {where}: cadence is one of {', '.join(CADENCES)}")
    if source == "eurostat":
        codes = {}
        for measure, spec in table.get("codes", {}).items():
            _check_unit(spec["indicator"], spec["unit"], f"{where} code {measure}")
            codes[measure] = (spec["indicator"], spec["unit"])
        return replace(
            common,
            key_dims=int(table["key_dims"]),
            measure=_str(table, "measure", where),
            filters={str(k): str(v) for k, v in table.get("filters", {}).items()},
            codes=codes,
        )
    if source == "csp":
        maps = []
        for n, spec in enumerate(table.get("map", []), 1):
            _check_unit(spec["indicator"], spec["unit"], f"{where} map {n}")
            words = spec.get("contents_text", ())
            maps.append(
                CellMap(
                    spec["indicator"],
                    spec["unit"],
                    {k: str(v) for k, v in spec.items() if k not in ("indicator", "unit", "contents_text")},
                    tuple(words),
                )
            )
        territory = _str(table, "territory", where)
        other = _str(table, "other", where, "refuse")
        if territory not in _TERRITORY or other not in _OTHER:
            raise CatalogueError(f"{CATALOGUE_FILE}: {where}: territory in {_TERRITORY}, other in {_OTHER}")
        return replace(
            common,
            folder=_str(table, "folder", where),
            territory=territory,
            municipal=bool(table.get("municipal", False)),
            other=other,
            boundaries=_str(table, "boundaries", where, ""),
            select={str(k): tuple(str(x) for x in v) for k, v in table.get("select", {}).items()},
            maps=tuple(maps),
        )
    return replace(common, path=_str(table, "path", where, ""))


@cache
def _load() -> tuple[dict[str, Entry], dict[str, tuple[str, str]]]:
    text = resources.files(__package__).joinpath(CATALOGUE_FILE).read_text(encoding="utf-8")
    doc = tomllib.loads(text)
    entries: dict[str, Entry] = {}
    for source in ("eurostat", "csp", "register"):
        for code, table in doc.get(source, {}).items():
            entry = _entry(source, code, table)
            entries[entry.ref] = entry
    labels = {}
    for label, spec in doc.get("csp_labels", {}).items():
        _check_unit(spec["indicator"], spec["unit"], f"[csp_labels] {label!r}")
        labels[" ".join(label.split()).casefold()] = (spec["indicator"], spec["unit"])
    return entries, labels


def entries(source: str | None = None) -> list[Entry]:
    """Every dataset of the catalogue (of one source: ``eurostat``, ``csp``, ``register``), in file order."""
    return [e for e in _load()[0].values() if source is None or e.source == source]


def get(ref: str) -> Entry:
    """``csp:IKR060`` (or ``eurostat:nama_10r_3gdp``); KeyError if the catalogue has no such dataset."""
    return _load()[0][ref]


def find(code: str) -> Entry | None:
    """The dataset with this code in any source (a table id as a file states it), None if unknown."""
    for e in _load()[0].values():
        if e.code.casefold() == code.casefold():
            return e
    return None


def csp_labels() -> dict[str, tuple[str, str]]:
    """CSP indicator labels and codes (case-folded, single spaces) -> indicator and published unit."""
    return _load()[1]
