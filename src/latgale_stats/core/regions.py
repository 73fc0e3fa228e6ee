"""Registry of the territorial units the data speaks of.

Every unit has a stable code, the scheme it belongs to (which territorial division), validity dates,
Latvian and English names and every alias seen in real files (``../shared/FORMATS.md`` §3 and the
research table ``lv_regions_reference.csv``; confidence notes are kept in ``note``).

Codes:

* ``LV`` Latvia; ``EU27_2020`` the European Union (27 countries from 2020).
* Statistical regions (NUTS 3): ``LV003`` … ``LV009`` before 2024; ``LV00A``, ``LV00B``, ``LV00C``,
  ``LV009``, ``LV005`` from 1 January 2024 (Latgale and Zemgale kept their codes).
* Planning regions, as NVA reports unemployment: project codes ``PR_<NAME>_2006`` (boundaries until
  30 June 2021; Rīga planning region = Rīga + Pierīga statistical regions) and ``PR_<NAME>_2021``
  (from 1 July 2021; from 2024 the same territories as the statistical regions).
* Municipalities and cities (Lursoft, NVA's "Rīga"): project codes ``CITY_<NAME>`` and
  ``MUN2009_<NAME>`` (novadi of the 2009 reform, until 30 June 2021) / ``MUN2021_<NAME>`` (from
  1 July 2021). Where CSB's own code is confirmed it is kept in ``csb_code``.

Names are looked up only inside the schemes an indicator allows (see ``indicators.py``), so NVA's
"Rīgas reģions" (a planning region) never becomes CSB's "Rīga" (the city, statistical region LV006),
although CSB's older Latvian tables also call LV006 "Rīgas reģions".
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache

from . import territory as _territory
from .model import Period
from .territory import names as _names

COUNTRY = "country"
EU = "eu"
STAT2021 = "statistical regions until 2023 (NUTS 2021)"
STAT2024 = "statistical regions from 2024 (NUTS 2024)"
PLAN2006 = "planning regions until 30.06.2021"
PLAN2021 = "planning regions from 01.07.2021"
MUNICIPALITY = "municipalities and cities"
EXTRA = "extra-regio"

SCHEMES = (COUNTRY, EU, STAT2021, STAT2024, PLAN2006, PLAN2021, MUNICIPALITY, EXTRA)


@dataclass(frozen=True)
class Region:
    code: str
    schemes: tuple[str, ...]
    name_lv: str
    name_en: str
    aliases: tuple[str, ...] = ()
    valid_from: date | None = None
    valid_to: date | None = None
    csb_code: str = ""
    note: str = ""

    def name(self, lang: str = "lv") -> str:
        return self.name_lv if lang == "lv" else self.name_en

    def valid_on(self, day: date | None) -> bool:
        if day is None:
            return True
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_to and day > self.valid_to)


class UnknownRegion(LookupError):
    def __init__(self, name: str, suggestions: list[str], schemes: Iterable[str] | None = None):
        self.name = name
        self.suggestions = suggestions
        self.schemes = tuple(schemes or ())
        near = ", ".join(repr(s) for s in suggestions) if suggestions else "none close"
        super().__init__(f"unknown region {name!r}; nearest known names: {near}")


class AmbiguousRegion(LookupError):
    def __init__(self, name: str, codes: list[str]):
        self.name = name
        self.codes = codes
        super().__init__(f"region name {name!r} fits several units ({', '.join(codes)}); give the period")


_D = date
_PRE2024 = _D(2023, 12, 31)
_FROM2024 = _D(2024, 1, 1)
_PR_END = _D(2021, 6, 30)
_PR_START = _D(2021, 7, 1)
_ATR2009 = _D(2009, 7, 1)


def _stat(code, schemes, lv, en, aliases, valid_from=None, valid_to=None, note=""):
    return Region(code, schemes, lv, en, tuple(aliases), valid_from, valid_to, code, note)


REGIONS: tuple[Region, ...] = (
    Region(
        "LV",
        (COUNTRY,),
        "Latvija",
        "Latvia",
        ("Latvija", "Latvia", "LATVIA", "LV", "Latvijā", "Латвия", "Lettland"),
        csb_code="LV",
    ),
    Region(
        "EU27_2020",
        (EU,),
        "ES-27",
        "EU-27",
        ("EU27_2020", "EU27", "ES 27", "European Union - 27 countries (from 2020)"),
        valid_from=_D(2020, 2, 1),
        note="EU of 27 countries, the composition from 1 February 2020",
    ),
    Region(
        "LVZZZ",
        (EXTRA,),
        "Ārpus reģioniem (extra-regio)",
        "Extra-regio",
        ("LVZZZ", "Extra-Regio NUTS 3"),
        note="GDP of territory outside the regions (embassies, …); counted only in Latvia's sum",
    ),
    # --- statistical regions (NUTS 3) until 31.12.2023 -------------------------------------------
    _stat(
        "LV003",
        (STAT2021,),
        "Kurzeme",
        "Kurzeme",
        (
            "Kurzeme",
            "Kurzemes reģions",
            "Kurzeme region",
            "Kurzemes statistiskais reģions",
            "Kurzeme statistical region",
            "Kurzeme statistical region (before 01.01.2024.)",
            "Kurzemes statistiskais reģions (līdz 01.01.2024.)",
            "Kurzemē",
            "Курземе",
            "Курземский регион",
            "Kurzemes regions",
        ),
        valid_to=_PRE2024,
    ),
    _stat(
        "LV005",
        (STAT2021, STAT2024),
        "Latgale",
        "Latgale",
        (
            "Latgale",
            "Latgales reģions",
            "Latgale region",
            "Latgales statistiskais reģions",
            "Latgale statistical region",
            "Latgalē",
            "Латгале",
            "Латгалия",
            "Латгальский регион",
            "Latgales regions",
        ),
        note="same code in NUTS 2021 and NUTS 2024; composition per the municipal reforms of 2009 and 2021",
    ),
    _stat(
        "LV006",
        (STAT2021,),
        "Rīga",
        "Rīga",
        (
            "Rīga",
            "Riga",
            "Rīgas reģions",
            "Riga region",
            "Rīgas statistiskais reģions",
            "Rīgas statistiskais reģions (Rīga) (līdz 01.01.2024.)",
            "Riga statistical region (Riga) (before 01.01.2024.)",
            "Rīgā",
            "Рига",
            "Rigas regions",
        ),
        valid_to=_PRE2024,
        note="Rīga city only (not NVA's Rīgas reģions)",
    ),
    _stat(
        "LV007",
        (STAT2021,),
        "Pierīga",
        "Pierīga",
        (
            "Pierīga",
            "Pieriga",
            "Pierīgas reģions",
            "Pierīga region",
            "Pierīgas statistiskais reģions",
            "Pierīga statistical region (before 01.01.2024.)",
            "Pierīgas statistiskais reģions (līdz 01.01.2024.)",
            "Pierīgā",
            "Pierigas regions",
        ),
        valid_to=_PRE2024,
    ),
    _stat(
        "LV008",
        (STAT2021,),
        "Vidzeme",
        "Vidzeme",
        (
            "Vidzeme",
            "Vidzemes reģions",
            "Vidzeme region",
            "Vidzemes statistiskais reģions",
            "Vidzeme statistical region",
            "Vidzeme statistical region (before 01.01.2024.)",
            "Vidzemes statistiskais reģions (līdz 01.01.2024.)",
            "Vidzemē",
            "Видземе",
            "Vidzemes regions",
        ),
        valid_to=_PRE2024,
    ),
    _stat(
        "LV009",
        (STAT2021, STAT2024),
        "Zemgale",
        "Zemgale",
        (
            "Zemgale",
            "Zemgales reģions",
            "Zemgale region",
            "Zemgales statistiskais reģions",
            "Zemgale statistical region",
            "Zemgalē",
            "Земгале",
            "Земгальский регион",
            "Zemgales regions",
        ),
        note="same code in NUTS 2021 and NUTS 2024",
    ),
    # --- statistical regions (NUTS 3) from 01.01.2024 --------------------------------------------
    _stat(
        "LV00A",
        (STAT2024,),
        "Rīgas reģions (no 2024)",
        "Rīga region (from 2024)",
        (
            "Rīgas statistiskais reģions (no 01.01.2024.)",
            "Riga statistical region (from 01.01.2024.)",
            "Rīga",
            "Riga",
            "Rīgas reģions",
            "Rīgas statistiskais reģions",
            "Riga statistical region",
        ),
        valid_from=_FROM2024,
        note="Rīga, Jūrmala and seven municipalities; not comparable with LV006 (Rīga city)",
    ),
    _stat(
        "LV00B",
        (STAT2024,),
        "Kurzeme (no 2024)",
        "Kurzeme (from 2024)",
        (
            "Kurzemes statistiskais reģions (no 01.01.2024.)",
            "Kurzeme statistical region (from 01.01.2024.)",
            "Kurzeme",
            "Kurzemes reģions",
            "Kurzemes statistiskais reģions",
            "Kurzeme statistical region",
        ),
        valid_from=_FROM2024,
        note="2021 Kurzeme plus Tukuma novads",
    ),
    _stat(
        "LV00C",
        (STAT2024,),
        "Vidzeme (no 2024)",
        "Vidzeme (from 2024)",
        (
            "Vidzemes statistiskais reģions (no 01.01.2024.)",
            "Vidzeme statistical region (from 01.01.2024.)",
            "Vidzeme",
            "Vidzemes reģions",
            "Vidzemes statistiskais reģions",
            "Vidzeme statistical region",
        ),
        valid_from=_FROM2024,
        note="2021 Vidzeme plus Limbažu, Ogres and Saulkrastu novads",
    ),
)


def _planning(name_lv_gen: str, name_en: str, extra: tuple[str, ...], ru: tuple[str, ...]):
    """Both vintages of one NVA planning region."""
    key = unicodedata.normalize("NFD", name_en).encode("ascii", "ignore").decode().upper()
    aliases = (
        f"{name_lv_gen} reģions",
        f"{name_lv_gen} plānošanas reģions",
        f"{name_lv_gen} reģionā",
        f"{name_en} region",
        f"{name_en} planning region",
        *extra,
        *ru,
    )
    old = Region(
        f"PR_{key}_2006",
        (PLAN2006,),
        f"{name_lv_gen} reģions",
        f"{name_en} region",
        aliases,
        _D(2006, 1, 1),
        _PR_END,
        note="planning region, boundaries until 30 June 2021 (NVA)",
    )
    new = Region(
        f"PR_{key}_2021",
        (PLAN2021,),
        f"{name_lv_gen} reģions",
        f"{name_en} region",
        aliases,
        _PR_START,
        None,
        note="planning region, boundaries from 1 July 2021 (NVA); from 2024 = statistical region",
    )
    return old, new


REGIONS += (
    *_planning(
        "Rīgas",
        "Rīga",
        ("Riga planning region (Riga region + Pierīga region)", "LV006_LV007", "Rīgas reģions (NVA)"),
        ("Рижский регион",),
    ),
    *_planning("Kurzemes", "Kurzeme", ("Kurzeme", "Kurzemē"), ("Курземе",)),
    *_planning("Vidzemes", "Vidzeme", ("Vidzeme", "Vidzemē"), ("Видземе",)),
    *_planning("Zemgales", "Zemgale", ("Zemgale", "Zemgalē"), ("Земгале",)),
    *_planning("Latgales", "Latgale", ("Latgale", "Latgalē"), ("Латгале", "Латгалия")),
)


def _city(key: str, lv: str, en: str, locative: str, ru: str = "", csb_code: str = "", note: str = "", alias: str = ""):
    genitive = _names.forms(f"CITY_{key}").genitive  # 'Daugavpils valstspilsēta', 'Rīgas valstspilsēta'
    aliases = (lv, en, locative, f"{lv} (valstspilsēta)", f"{genitive} valstspilsēta", *((ru,) if ru else ()))
    aliases += (alias,) if alias else ()
    return Region(
        f"CITY_{key}",
        (MUNICIPALITY,),
        lv,
        en,
        aliases,
        csb_code=csb_code,
        note=note or "city (republic city 2009-2021, state city from 2021)",
    )


def _novads(vintage: int, lv: str, en: str, note: str = ""):
    key = unicodedata.normalize("NFD", lv).encode("ascii", "ignore").decode().upper().replace(" ", "_")
    if vintage == 2009:
        return Region(
            f"MUN2009_{key}",
            (MUNICIPALITY,),
            lv,
            en,
            (lv, en),
            _ATR2009,
            _PR_END,
            note=note or "municipality of the 2009 reform (until 30 June 2021)",
        )
    return Region(
        f"MUN2021_{key}",
        (MUNICIPALITY,),
        lv,
        en,
        (lv, en),
        _PR_START,
        None,
        note=note or "municipality of the 2021 reform (from 1 July 2021)",
    )


REGIONS += (
    _city(
        "RIGA",
        "Rīga",
        "Rīga",
        "Rīgā",
        "Рига",
        csb_code="LV0001000",
        note="Rīga city; as a statistical region until 2023 this is LV006",
    ),
    _city("DAUGAVPILS", "Daugavpils", "Daugavpils", "Daugavpilī", "Даугавпилс"),
    _city("REZEKNE", "Rēzekne", "Rēzekne", "Rēzeknē", "Резекне", alias="Rezekne"),
    _city(
        "JEKABPILS",
        "Jēkabpils",
        "Jēkabpils",
        "Jēkabpilī",
        "Екабпилс",
        note="republic city 2009-2021; from 2021 a state city inside Jēkabpils novads (Zemgale)",
    ),
    _city("LIEPAJA", "Liepāja", "Liepāja", "Liepājā", "Лиепая", alias="Liepaja"),
    _novads(2009, "Daugavpils novads", "Daugavpils municipality"),
    _novads(2009, "Ilūkstes novads", "Ilūkste municipality"),
    _novads(2009, "Rēzeknes novads", "Rēzekne municipality"),
    _novads(2009, "Ludzas novads", "Ludza municipality"),
    _novads(2009, "Preiļu novads", "Preiļi municipality"),
    _novads(2009, "Krāslavas novads", "Krāslava municipality"),
    _novads(2009, "Vārkavas novads", "Vārkava municipality"),
    _novads(2009, "Ciblas novads", "Cibla municipality"),
    _novads(2009, "Baltinavas novads", "Baltinava municipality"),
    _novads(2009, "Madonas novads", "Madona municipality"),
    _novads(2009, "Gulbenes novads", "Gulbene municipality"),
    _novads(
        2021,
        "Augšdaugavas novads",
        "Augšdaugava municipality",
        note="2021 reform: former Daugavpils and Ilūkstes novads",
    ),
    _novads(2021, "Rēzeknes novads", "Rēzekne municipality"),
    _novads(2021, "Ludzas novads", "Ludza municipality"),
    _novads(2021, "Preiļu novads", "Preiļi municipality"),
    _novads(2021, "Krāslavas novads", "Krāslava municipality"),
    _novads(2021, "Balvu novads", "Balvi municipality"),
    _novads(2021, "Līvānu novads", "Līvāni municipality"),
    _novads(2021, "Madonas novads", "Madona municipality"),
    _novads(2021, "Gulbenes novads", "Gulbene municipality"),
)


def _current_municipalities() -> tuple[Region, ...]:
    """The 2021 municipalities the registry does not name above, from the classifier (``territory``):
    the Register of Enterprises places every address in one of them."""
    have = {r.code for r in REGIONS}
    out: dict[str, Region] = {}
    for m in _territory.municipalities().values():
        if m.region in have or m.region in out:
            continue
        key = m.region.split("_", 1)[1]
        if m.state_city:
            out[m.region] = _city(key, m.name, m.name, _names.forms(m.region).locative)
        else:
            out[m.region] = _novads(2021, m.name, m.name)
    return tuple(out.values())


REGIONS += _current_municipalities()


def _with_csb_codes(regions: tuple[Region, ...]) -> tuple[Region, ...]:
    """Each current municipality with CSP's code for it: ``LV`` and its code in the 2021 classifier as it
    stands today (``LV0022000`` Augšdaugavas novads, ``LV0038001`` Madonas novads since Varakļāni joined
    it), as CSP's tables name their territories (IRS031's AREA). A code of the boundaries before (``LV0038000``)
    is not given: its population is not of today's territory, which the register's counts are on."""
    codes = {m.region: m.csb_code for m in _territory.municipalities().values()}
    return tuple(replace(r, csb_code=codes[r.code]) if r.code in codes and not r.csb_code else r for r in regions)


REGIONS = _with_csb_codes(REGIONS)

BY_CODE: dict[str, Region] = {r.code: r for r in REGIONS}

# Statistical regions in the order charts list them (west to east, Rīga first).
STATISTICAL_2021 = ("LV006", "LV007", "LV003", "LV008", "LV009", "LV005")
STATISTICAL_2024 = ("LV00A", "LV00B", "LV00C", "LV009", "LV005")
PLANNING_2006 = ("PR_RIGA_2006", "PR_KURZEME_2006", "PR_VIDZEME_2006", "PR_ZEMGALE_2006", "PR_LATGALE_2006")
PLANNING_2021 = ("PR_RIGA_2021", "PR_KURZEME_2021", "PR_VIDZEME_2021", "PR_ZEMGALE_2021", "PR_LATGALE_2021")
LATGALE_CODES = ("LV005", "PR_LATGALE_2006", "PR_LATGALE_2021")
PLANNING_KEYS = ("RIGA", "KURZEME", "VIDZEME", "ZEMGALE", "LATGALE")
DEFAULT_VERSUS = "RIGA"  # the region Latgale is compared with unless the parameters say otherwise


def planning_vintage(period: str) -> str:
    """'2006' for months before July 2021 (and years before 2022), else '2021'."""
    return "2021" if period >= "2021-07" else "2006"


def planning_code(key: str, period: str) -> str:
    """The planning region ``key`` (``RIGA``…) with the boundaries valid in ``period``."""
    return f"PR_{key}_{planning_vintage(period)}"


def planning_codes(key: str) -> tuple[str, str]:
    """Both boundary vintages of a planning region: ``('PR_RIGA_2006', 'PR_RIGA_2021')``."""
    return (f"PR_{key}_2006", f"PR_{key}_2021")


def planning_key(code: str) -> str:
    """``PR_RIGA_2021`` -> ``RIGA``."""
    return code.split("_")[1] if code.startswith("PR_") else code


_WS = re.compile(r"\s+")


def normalise(name: str) -> str:
    """The lookup key: NFC, no surrounding quotes or hierarchy dots, single spaces, case-folded."""
    s = unicodedata.normalize("NFC", str(name)).strip().strip('"').strip()
    s = s.lstrip(".").strip()
    return _WS.sub(" ", s).casefold()


def fold(name: str) -> str:
    """``normalise`` without diacritics: 'Rīgas reģions' and 'Rigas regions' meet here."""
    decomposed = unicodedata.normalize("NFD", normalise(name))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _index(schemes: tuple[str, ...]) -> tuple[dict[str, list[Region]], dict[str, list[Region]], list[str]]:
    exact: dict[str, list[Region]] = {}
    folded: dict[str, list[Region]] = {}
    shown: list[str] = []
    for region in REGIONS:
        if not set(region.schemes) & set(schemes):
            continue
        names = {region.code, region.name_lv, region.name_en, *region.aliases} | ({region.csb_code} - {""})
        for n in names:
            for table, key in ((exact, normalise(n)), (folded, fold(n))):
                bucket = table.setdefault(key, [])
                if region not in bucket:
                    bucket.append(region)
        shown.extend(sorted(names - {region.code, region.csb_code}))
    return exact, folded, sorted(set(shown))


def resolve(name: str, schemes: Iterable[str] = SCHEMES, period: Period | None = None, suggest: bool = True) -> Region:
    """The unit a name stands for, among ``schemes``, valid at the end of ``period``.

    Raises :class:`UnknownRegion` (with the nearest known names unless ``suggest`` is false: a
    publisher's table lists hundreds of municipalities the registry need not know) or
    :class:`AmbiguousRegion`.
    """
    schemes = tuple(schemes)
    exact, folded, shown = _index(schemes)
    candidates = exact.get(normalise(name)) or folded.get(fold(name)) or []
    if not candidates:
        raise UnknownRegion(name, nearest(name, schemes) if suggest else [], schemes)
    if len(candidates) == 1:
        return candidates[0]
    day = period.end() if period is not None else None
    valid = [r for r in candidates if r.valid_on(day)]
    if len(valid) == 1:
        return valid[0]
    raise AmbiguousRegion(name, sorted({r.code for r in (valid or candidates)}))


def known(name: str, schemes: Iterable[str] = SCHEMES) -> bool:
    """Whether a name stands for a unit of ``schemes`` (one, or several vintages of one: a planning
    region's two boundary sets)."""
    try:
        resolve(name, schemes, suggest=False)
    except AmbiguousRegion:
        return True
    except UnknownRegion:
        return False
    return True


def nearest(name: str, schemes: Iterable[str] = SCHEMES, n: int = 3) -> list[str]:
    """Known names closest to ``name`` (for error messages)."""
    return list(_nearest(normalise(name), tuple(schemes), n))


@cache
def _shown_keys(schemes: tuple[str, ...]) -> dict[str, str]:
    return {normalise(s): s for s in _index(schemes)[2]}


@lru_cache(maxsize=4096)  # a file repeats the same unknown name on many rows: each is looked up once
def _nearest(key: str, schemes: tuple[str, ...], n: int) -> tuple[str, ...]:
    by_key = _shown_keys(schemes)
    return tuple(by_key[k] for k in difflib.get_close_matches(key, list(by_key), n=n, cutoff=0.5))


def get(code: str) -> Region:
    try:
        return BY_CODE[code]
    except KeyError:
        raise UnknownRegion(code, nearest(code)) from None


def name(code: str, lang: str = "lv") -> str:
    """Display name of a code in Latvian or English (the code itself if unknown)."""
    region = BY_CODE.get(code)
    return region.name(lang) if region else code
