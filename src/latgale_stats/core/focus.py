"""The territory an application speaks of, and what it is compared with: ``[focus]`` in ``project.toml``.

::

    [focus]
    territory = "Augšdaugavas novads"         # a code or a name, Latvian or English
    compare_with = ["Latvija", "Latgales reģions", "Rīgas reģions"]   # optional

``territory`` is a unit of ``core/territory/names.csv``: a planning region, a statistical region of either
vintage, a state city or a novads of the 2021 reform (as the classifier stands today), by registry code
(``PR_LATGALE_2021``, ``LV005``, ``MUN2021_AUGSDAUGAVAS_NOVADS``), CSP code (``LV0022000``) or name (every name
and alias of ``core.regions``, and the names of ``names.csv``). Without ``[focus]``, Latgale, as before.

One code for one territory. The registry has several codes for some territories, one a scheme: Latgale is the
planning region ``PR_LATGALE_2021`` (NVA's unemployment) and the statistical region ``LV005`` (GDP,
population, enterprises); since the 2021 reform both are the same nine municipalities (``LV005`` in NUTS 2021
and NUTS 2024 alike, ``core/territory/lv_municipalities_atvk2021_regions.csv``). A focus is given by one code
whatever code or name it was written with, preferring a planning region of 2021 boundaries, then a
municipality, then a statistical region (2024 before 2021): so "Latgale", "LV005" and "Latgales reģions" are
all ``PR_LATGALE_2021``, "LV00A" is ``PR_RIGA_2021``, "LV006" (Rīga until 2023) is ``CITY_RIGA``. Which codes
are the same territory is computed from that table (the same municipalities in every vintage of the code), so
``LV003`` (Kurzeme until 2023, without Tukuma novads) stays itself. :func:`codes` lists every code of a
focus: the same territory in other schemes, and for a planning region its boundaries until 30.06.2021
(``PR_LATGALE_2006``: another territory, which NVA's series continues; ``regions.LATGALE_CODES`` is
``codes('PR_LATGALE_2021')``).

A name that fits units of several vintages means the current one ("Kurzeme": ``PR_KURZEME_2021``, the same
territory as ``LV00B``, not ``LV003``); one the table names exactly wins over an alias ("Rīga": the city, not
the Rīga region, which CSP's tables also call "Rīga").

``compare_with`` by default (codes as above, never the focus itself):

* a municipality: Latvia, its planning region, and the Rīga region; a municipality in the Rīga region
  compares with Rīga city instead of the Rīga region a second time (Rīga itself: Latvia and the Rīga region);
* a region: Latvia and the Rīga region (as before: Latgale against Rīga); a statistical region until 2023 with
  Rīga (``LV006``, here ``CITY_RIGA``), its Rīga of the same vintage; the Rīga region itself: Latvia alone.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import regions as R
from . import territory as T
from .model import CellRef
from .paths import display_path
from .problems import DataError, Problem
from .project import project_file, read_project_toml
from .territory import names as N

LATVIA = "LV"
DEFAULT_TERRITORY = "PR_LATGALE_2021"
RIGA_REGION = "PR_RIGA_2021"
RIGA_CITY = "CITY_RIGA"
KEYS = ("territory", "compare_with")
SCHEMES = (R.STAT2021, R.STAT2024, R.PLAN2006, R.PLAN2021, R.MUNICIPALITY)
_PREFERENCE = (R.PLAN2021, R.MUNICIPALITY, R.STAT2024, R.STAT2021, R.PLAN2006)
_CODES_SHOWN = "PR_LATGALE_2021, LV005, CITY_DAUGAVPILS, MUN2021_AUGSDAUGAVAS_NOVADS (all: core/territory/names.csv)"


@dataclass(frozen=True)
class Focus:
    territory: str  # registry code, one for each territory (see the module's text)
    compare_with: tuple[str, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return codes(self.territory)

    @property
    def is_default(self) -> bool:
        """Latgale: the focus whose outputs are Latgale's own set (core.declarations)."""
        return self.territory == DEFAULT_TERRITORY


class FocusError(LookupError):
    """A value of ``[focus]`` that names no territory a focus can be, and why (nearest names, a successor)."""

    def __init__(self, value: str, expected: str, action: str):
        self.value, self.expected, self.action = value, expected, action
        super().__init__(f"{value!r}: {expected}")


# --- which codes are one territory -------------------------------------------------------------------


def _members(code: str) -> frozenset[str] | None:
    """The current municipalities a unit consists of in every vintage it has (None where they differ or
    the classifier's table does not say: the planning regions of 2006 boundaries)."""
    region = R.BY_CODE[code]
    mun = T.municipalities().values()
    found: set[frozenset[str]] = set()
    if R.PLAN2021 in region.schemes:
        found.add(frozenset(m.region for m in mun if m.planning == code))
    if R.STAT2021 in region.schemes:
        found.add(frozenset(m.region for m in mun if m.nuts2021 == code))
    if R.STAT2024 in region.schemes:
        found.add(frozenset(m.region for m in mun if m.nuts2024 == code))
    if R.MUNICIPALITY in region.schemes:
        found.add(frozenset({code}))
    if R.COUNTRY in region.schemes:
        found.add(frozenset(m.region for m in mun))
    return found.pop() if len(found) == 1 else None


def _rank(code: str) -> tuple[int, str]:
    schemes = R.BY_CODE[code].schemes
    return min((_PREFERENCE.index(s) for s in schemes if s in _PREFERENCE), default=len(_PREFERENCE)), code


@cache
def _canonical() -> dict[str, str]:
    """Each code of ``names.csv`` -> the one code of its territory."""
    groups: dict[frozenset[str], list[str]] = {}
    out: dict[str, str] = {}
    for code in N.table():
        members = _members(code)
        if members:
            groups.setdefault(members, []).append(code)
        else:
            out[code] = code
    for group in groups.values():
        first = min(group, key=_rank)
        out.update(dict.fromkeys(group, first))
    for code in N.table():  # a planning region of 2006 boundaries: the same region today
        if code.startswith("PR_") and code.endswith("_2006"):
            out[code] = R.planning_codes(R.planning_key(code))[1]
    return out


def canonical(code: str) -> str:
    """The one code of the territory ``code`` stands for (``LV005`` -> ``PR_LATGALE_2021``)."""
    return _canonical().get(code, code)


def codes(code: str) -> tuple[str, ...]:
    """Every code of the territory of ``code``: itself first, then the codes of the same territory in other
    schemes, then (a planning region) its boundaries until 30.06.2021."""
    first = canonical(code)
    same = sorted((c for c, to in _canonical().items() if to == first and c != first), key=_rank)
    return (first, *same)


# --- names -> codes -----------------------------------------------------------------------------------


def _focusable(allow_latvia: bool) -> list[str]:
    return [c for c in N.table() if allow_latvia or c != LATVIA]


def _current(found: Iterable[str]) -> list[str]:
    """The territories of ``found`` (one code each); where several, those valid today (no end date) if any."""
    out = sorted({canonical(c) for c in found})
    now = [c for c in out if R.BY_CODE[c].valid_to is None]
    return now or out


def _nearest(value: str, allow_latvia: bool, n: int = 3) -> list[str]:
    """The table's names (Latvian and English) closest to ``value``; the registry's where none is close."""
    shown: dict[str, str] = {}
    for code in _focusable(allow_latvia):
        f = N.forms(code)
        for name in (f.nominative, f.english):
            shown.setdefault(R.fold(name), name)
    near = [shown[k] for k in difflib.get_close_matches(R.fold(value), list(shown), n=n, cutoff=0.6)]
    return near or R.nearest(value, SCHEMES, n)


def _named(text: str, allowed: set[str]) -> list[str]:
    """The codes whose names in ``names.csv`` (nominative, English) are ``text``, diacritics aside."""
    key = R.fold(text)
    out = []
    for code in allowed:
        f = N.forms(code)
        if key in {R.fold(f.nominative), R.fold(f.english), R.fold(f.english_the)}:
            out.append(code)
    return out


def resolve(value: str, allow_latvia: bool = False) -> str:
    """The focus code a value of ``[focus]`` names (Latvia only where ``allow_latvia``: in ``compare_with``);
    raises :class:`FocusError` with what to write instead."""
    text = str(value).strip()
    allowed = set(_focusable(allow_latvia))
    kinds = "a planning or statistical region, a state city or a novads of the 2021 reform" + (
        ", or Latvia" if allow_latvia else ""
    )
    if text.upper() in allowed:
        return canonical(text.upper())
    named = _named(text, allowed)
    if not named:
        former = T.successor(text)
        if former is not None and R.normalise(former.name) != R.normalise(text):
            raise FocusError(
                text,
                f"a former novads, now part of {former.name} ({former.region}); a focus is {kinds}",
                f"write {former.name!r}, or the territory the application speaks of",
            )
        try:
            named = [R.resolve(text, (*SCHEMES, R.COUNTRY)).code]
        except R.AmbiguousRegion as err:
            named = list(err.codes)
        except R.UnknownRegion:
            near = ", ".join(repr(s) for s in _nearest(text, allow_latvia)) or "none close"
            raise FocusError(
                text,
                f"no territory of this name ({kinds}, by code or by name, Latvian or English); nearest names: {near}",
                f"write one of the nearest names, or a code: {_CODES_SHOWN}",
            ) from None
    found = _current(c for c in named if canonical(c) in allowed)
    if not found:
        if named == [LATVIA]:
            expected = "Latvia as a whole, which a focus is compared with (it is in compare_with by default)"
        elif all(c.startswith("MUN2009_") for c in named):
            former = T.successor(R.BY_CODE[named[0]].name_lv)
            now = f", now part of {former.name} ({former.region})" if former else ""
            expected = f"a novads of 2009–2021{now}"
        else:
            expected = f"a unit of the registry ({', '.join(named)})"
        raise FocusError(
            text, f"{expected}; a focus is {kinds}", f"write a current territory or a code: {_CODES_SHOWN}"
        )
    if len(found) > 1:
        raise FocusError(text, f"a name of several territories ({', '.join(found)})", "write one of their codes")
    return found[0]


# --- the default comparison ---------------------------------------------------------------------------


def default_compare_with(territory: str) -> tuple[str, ...]:
    """Latvia, the planning region of a municipality, and the Rīga region (see the module's text)."""
    territory = canonical(territory)
    out = [LATVIA]
    schemes = R.BY_CODE[territory].schemes
    if R.MUNICIPALITY in schemes:
        planning = T.planning_regions()[territory]
        out += [planning, RIGA_REGION] if planning != RIGA_REGION else [RIGA_REGION, RIGA_CITY]
    elif R.STAT2024 not in schemes and R.STAT2021 in schemes:
        out.append(RIGA_CITY)  # Rīga as a statistical region until 2023 (LV006)
    else:
        out.append(RIGA_REGION)
    return tuple(c for c in dict.fromkeys(out) if c != territory)


# --- project.toml -------------------------------------------------------------------------------------


def _line(text: str, key: str) -> int | None:
    """The line of ``key =`` inside ``[focus]`` (for the message), or of ``[focus]`` itself."""
    table, header = "", None
    for n, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        found = re.match(r"\[\s*([^\]]+?)\s*\]", stripped)
        if found and not stripped.startswith("[["):
            table = found.group(1)
            header = n if table == "focus" else header
        elif table == "focus" and re.match(rf"{re.escape(key)}\s*=", stripped):
            return n
    return header


def focus(facts: Mapping | Path | str | None = None) -> Focus:
    """The focus of the application: ``[focus]`` of the project facts (a mapping as read from
    ``project.toml``, or the path of such a file; the project's own by default). Every wrong value is
    reported at once, as a :class:`DataError` naming the file, the key, the value and what to write."""
    text, shown = "", "project.toml"
    if facts is None or isinstance(facts, str | Path):
        path = Path(facts) if facts is not None else project_file()
        loaded, text = read_project_toml(path)
        shown = display_path(path)
    else:
        loaded = dict(facts)
    table = loaded.get("focus", {})
    problems: list[Problem] = []

    def problem(key: str, value: object, expected: str, action: str) -> None:
        where = CellRef(shown, _line(text, key) if text else None, f"[focus] {key}".strip())
        problems.append(Problem("bad-project-facts", where, "" if value is None else str(value), expected, action))

    if not isinstance(table, Mapping):
        problem("", table, "a table [focus] with territory and compare_with", "write [focus] on a line of its own")
        raise DataError(problems)
    for key in sorted(set(table) - set(KEYS)):
        problem(key, table[key], f"one of the keys of [focus]: {', '.join(KEYS)}", "correct or remove the key")

    territory = DEFAULT_TERRITORY
    raw = table.get("territory", DEFAULT_TERRITORY)
    if not isinstance(raw, str):
        problem("territory", raw, "a territory's code or name in double quotes", 'write territory = "Latgale"')
    else:
        try:
            territory = resolve(raw)
        except FocusError as err:
            problem("territory", raw, err.expected, err.action)

    compare_with = default_compare_with(territory)
    if "compare_with" in table:
        given = table["compare_with"]
        if not isinstance(given, list) or not given or not all(isinstance(v, str) for v in given):
            problem(
                "compare_with",
                given,
                "a list of one or more territories' codes or names",
                'write compare_with = ["Latvija", "Rīgas reģions"], or remove it for the default',
            )
        else:
            chosen: list[str] = []
            for value in given:
                try:
                    code = resolve(value, allow_latvia=True)
                except FocusError as err:
                    problem("compare_with", value, err.expected, err.action)
                    continue
                if code == territory:
                    problem("compare_with", value, f"another territory than the focus ({territory})", "remove it")
                elif code in chosen:
                    problem("compare_with", value, f"each territory once ({code} is named twice)", "remove one")
                else:
                    chosen.append(code)
            compare_with = tuple(chosen)
    if problems:
        raise DataError(problems)
    return Focus(territory, compare_with)


def level(code: str) -> str:
    """'municipality' for a state city or a novads, else 'region' (the levels outputs declare)."""
    return "municipality" if R.MUNICIPALITY in R.BY_CODE[canonical(code)].schemes else "region"


def scope(chosen: Focus | None) -> tuple[str | None, str]:
    """(territory, level) as ``core.declarations`` takes them to choose a focus's outputs: (None, "region")
    for the default focus (or none), else the focus's code and "region" or "municipality"."""
    if chosen is None or chosen.is_default:
        return None, "region"
    return chosen.territory, level(chosen.territory)


def default_focus() -> Focus:
    """Latgale compared with Latvia and the Rīga region: the focus without ``[focus]``."""
    return Focus(DEFAULT_TERRITORY, default_compare_with(DEFAULT_TERRITORY))


def focus_of(value: str | None, facts: Mapping | Path | str | None = None) -> Focus:
    """The focus a build or a notebook is given: ``value`` (a code or a name, as ``--focus`` or a notebook's
    ``focus`` parameter gives it) compared as ``[focus]`` says where that names the same territory, else as
    by default; None: ``[focus]`` of the project facts. An unknown name is a :class:`DataError` naming the
    nearest names."""
    project = default_focus() if facts is None and not project_file().exists() else focus(facts)
    if value is None or not str(value).strip():
        return project
    try:
        territory = resolve(str(value))
    except FocusError as err:
        where = CellRef("build parameters", None, "focus")
        raise DataError([Problem("bad-parameter", where, str(value), err.expected, err.action)]) from None
    if territory == project.territory:
        return project
    return Focus(territory, default_compare_with(territory))
