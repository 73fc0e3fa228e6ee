"""Where a legal address lies: its 2021 municipality, planning region and statistical regions.

The tables beside this module (their provenance in ``README.md`` here):

* ``ATVK2021_11012026_015924.csv``: the CSP classifier of administrative territories (ATVK 2021),
  as exported on 11.01.2026: municipalities (level 1) and their towns and parishes (level 2, the
  same first four digits as their municipality); units renumbered in 2024 keep their former code in
  "Kods pirms izmaiņām" (Varakļānu novads, merged into Madonas novads on 30.06.2024).
* ``lv_municipalities_atvk2021_regions.csv``: each 2021 municipality with its planning region and
  its statistical region (NUTS 3) until 2023 and from 2024 (compiled from the classifier and the
  legal texts; see its ``confidence`` column).
* ``pre2021_city_codes.csv``: pre-2021 codes of the former republic cities (only rows marked
  confirmed are used).
* ``pre2021_municipalities.csv``: each pre-2021 novads and its 2021 successor, with the cross-check.
* ``legal_forms.toml``: the legal forms counted as new companies by default.

Every address is placed in the municipality it lies in *today* (the classifier's current units), so
a series by municipality has one territory for every year.
"""

from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

HERE = Path(__file__).parent
CLASSIFIER = HERE / "ATVK2021_11012026_015924.csv"
COMPILED = HERE / "lv_municipalities_atvk2021_regions.csv"
OLD_CITY_CODES = HERE / "pre2021_city_codes.csv"
OLD_MUNICIPALITIES = HERE / "pre2021_municipalities.csv"
LEGAL_FORMS = HERE / "legal_forms.toml"

# reasons a row is not placed (``check`` counts rows by these)
NO_TERRITORY = "no territory code and no address"
UNKNOWN_CODE = "a territory code of no known classifier, and an address that names no municipality"
NO_PLACE_IN_ADDRESS = "no territory code, and an address that names no municipality"
CONFLICT_IN_ADDRESS = "an address that names places in two municipalities"
AMBIGUOUS_IN_ADDRESS = "an address whose only place name is in two municipalities (e.g. Salas pagasts)"


def _key(name: str) -> str:
    return unicodedata.normalize("NFD", name).encode("ascii", "ignore").decode().upper().replace(" ", "_")


def region_code(name_lv: str, state_city: bool) -> str:
    """The registry code of a 2021 municipality (``core.regions``): ``CITY_<NAME>`` for a state
    city, ``MUN2021_<NAME>_NOVADS`` for a novads."""
    return f"CITY_{_key(name_lv)}" if state_city else f"MUN2021_{_key(name_lv)}"


@dataclass(frozen=True)
class Municipality:
    atvk: str  # its current code in the 2021 classifier
    name: str
    region: str  # registry code (core.regions)
    planning: str  # PR_<NAME>_2021
    nuts2021: str  # statistical region until 2023 (NUTS 2021)
    nuts2024: str  # statistical region from 2024 (NUTS 2024)

    @property
    def state_city(self) -> bool:
        return self.region.startswith("CITY_")

    @property
    def csb_code(self) -> str:
        """CSP's code of the territory in its tables (AREA): ``LV`` and the classifier code."""
        return "LV" + self.atvk


def _read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


@cache
def municipalities() -> dict[str, Municipality]:
    """The 42 current municipalities by their four-digit prefix (``'0002'`` Daugavpils); the prefix
    of a unit renumbered in 2024 (``'0055'`` Varakļāni) leads to its current municipality."""
    compiled = {r["atvk2021"]: r for r in _read_csv(COMPILED)}
    out: dict[str, Municipality] = {}
    for unit in _read_csv(CLASSIFIER):
        if unit["Līmenis"] != "1" or unit["Spēkā līdz"].strip():
            continue
        code = unit["Kods"]
        row = compiled[code]
        before = compiled.get(unit["Kods pirms izmaiņām"], {})
        nuts2021 = row["nuts3_2021_2023"] or before.get("nuts3_2021_2023", "")
        state_city = row["type"].startswith("valstspilsēta")
        out[code[:4]] = Municipality(
            code,
            unit["Nosaukums"],
            region_code(unit["Nosaukums"], state_city),
            f"PR_{_key(row['planning_region'])}_2021",
            nuts2021,
            row["nuts3_from_2024"],
        )
    for unit in _read_csv(CLASSIFIER):  # units renumbered: their former prefix leads to today's municipality
        former = unit["Kods pirms izmaiņām"].strip()
        if former and former[:4] not in out and unit["Kods"][:4] in out:
            out[former[:4]] = out[unit["Kods"][:4]]
    return out


def by_region() -> dict[str, Municipality]:
    return {m.region: m for m in municipalities().values()}


@cache
def planning_regions() -> dict[str, str]:
    """The planning region (``PR_<NAME>_2021``) of each current municipality and of each state city inside
    a novads (``CITY_JEKABPILS``: Zemgale), by registry code."""
    out = {m.region: m.planning for m in municipalities().values()}
    for row in _read_csv(COMPILED):
        if not row["valid_to"].strip():
            code = region_code(row["name_lv"], row["type"].startswith("valstspilsēta"))
            out.setdefault(code, f"PR_{_key(row['planning_region'])}_2021")
    return out


def successor(name: str) -> Municipality | None:
    """The current municipality a former novads (2009–2021, or merged since, as Varakļānu novads in 2024) is
    part of, by its name (``'Aglonas novads'`` -> Preiļu novads); None for a name that is no former novads."""
    return _names()[1].get(_norm(name))


@cache
def _codes() -> frozenset[str]:
    return frozenset(u["Kods"] for u in _read_csv(CLASSIFIER)) | frozenset(
        u["Kods pirms izmaiņām"] for u in _read_csv(CLASSIFIER) if u["Kods pirms izmaiņām"]
    )


@cache
def _old_city_codes() -> dict[str, str]:
    return {
        r["code_pre2021"]: r["atvk2021"] for r in _read_csv(OLD_CITY_CODES) if r["confidence"].startswith("confirmed")
    }


def place_code(code: str) -> Municipality | None:
    """The municipality of a territory code: a 2021 code (a town or parish belongs to the municipality
    sharing its first four digits), or a confirmed pre-2021 code of a former republic city."""
    code = code.strip()
    if code in _old_city_codes():
        return municipalities()[_old_city_codes()[code][:4]]
    if code in _codes():
        return municipalities().get(code[:4])
    return None


_ABBREVIATIONS = ((re.compile(r"\bnov\.?$"), "novads"), (re.compile(r"\bpag\.?$"), "pagasts"))


def _norm(text: str) -> str:
    s = " ".join(unicodedata.normalize("NFC", text).split()).casefold()
    for pattern, full in _ABBREVIATIONS:
        s = pattern.sub(full, s)
    return s


@cache
def _names() -> tuple[dict[str, Municipality], dict[str, Municipality], dict[str, Municipality | None]]:
    """Names that place an address: current municipalities (state cities and novadi), pre-2021
    novadi (by their successor), and towns and parishes (None where a name is in two municipalities)."""
    mun = municipalities()
    current = {_norm(m.name): m for m in mun.values()}
    old = {_norm(r["name_pre2021"]): mun[r["atvk2021"][:4]] for r in _read_csv(OLD_MUNICIPALITIES)}
    units: dict[str, Municipality | None] = {}
    for unit in _read_csv(CLASSIFIER):
        if unit["Līmenis"] != "2" or unit["Spēkā līdz"].strip():
            continue
        name = _norm(unit["Nosaukums"])
        found = mun.get(unit["Kods"][:4])
        units[name] = found if name not in units or units[name] == found else None
    return current, old, units


@cache
def place_address(address: str) -> tuple[Municipality | None, str]:
    """The municipality an address names, and the reason when it names none (or two).

    Each comma-separated part is compared whole (``Rīgas iela 3`` is a street, never Rīga): a current
    municipality first, then a pre-2021 novads (its 2021 successor), then a town or parish whose
    name is in one municipality only."""
    current, old, units = _names()
    parts = [_norm(p) for p in address.split(",") if p.strip()]
    if not parts:
        return None, NO_TERRITORY
    for table in (current, old):
        found = {table[p] for p in parts if p in table}
        if len(found) == 1:
            return found.pop(), ""
        if len(found) > 1:
            return None, CONFLICT_IN_ADDRESS
    found_units = {units[p] for p in parts if p in units and units[p] is not None}
    if len(found_units) == 1:
        return found_units.pop(), ""
    if found_units:
        return None, CONFLICT_IN_ADDRESS
    return None, AMBIGUOUS_IN_ADDRESS if any(p in units for p in parts) else NO_PLACE_IN_ADDRESS


def load() -> None:
    """Read every table that placing an address needs (each is read once a process)."""
    municipalities()
    _codes()
    _old_city_codes()
    _names()
    legal_forms()


@cache
def legal_forms() -> tuple[dict[str, str], dict[str, str]]:
    """The legal forms counted as new companies by default, and those known and not counted."""
    with open(LEGAL_FORMS, "rb") as fh:
        data = tomllib.load(fh)
    return dict(data["counted"]), dict(data["not_counted"])
