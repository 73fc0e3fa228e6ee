"""How sources are named for an evaluator: the publisher with the dataset or table and its release
date ("Eurostat, nama_10r_3gdp, 10.02.2026"), or, where only the day the copy was made is known, that
day as such ("Eurostat, bd_size_r3, lejupielādēts 12.01.2024" / "downloaded 12 Jan 2024": a copy date
is never called a release); a figure read on the publisher's own site as the publisher's release
("NVA, nva.gov.lv"); press figures as the publisher's data with the outlet that published them
("NVA dati, publicēti: LSM"), a calculation as the authors' own. Footers, sentences and the annex all
cite through here; nothing points to a workbook or names the software.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..core import catalogue, outlets
from ..core.model import SourceKind, SourceRef, VintageFrom
from . import formatting as N

# publishers as a Latvian or English reader knows them
PUBLISHER_NAMES = {
    "CSB": ("CSP", "CSB"),
    "CSP": ("CSP", "CSB"),
    "Register of Enterprises": ("Uzņēmumu reģistrs", "Register of Enterprises"),
}
WORDS = {
    "and": ("un", "and"),
    "data": ("{publisher} dati, publicēti: {outlets}", "{publisher} data as published by {outlets}"),
    "more": (" un vēl {n}", ", and {n} more"),
    "calculation": ("autoru aprēķins", "authors' calculation"),
    "application": ("2013. gada projekta pieteikums", "2013 project application"),
    "source": ("Avots", "Source"),
    "sources": ("Avoti", "Sources"),
    "downloaded": ("lejupielādēts {date}", "downloaded {date}"),  # a copy date: the release is on or before it
    "release_of": ("publicēts {date}", "release of {date}"),  # in the annex's list of sources
    "database": ("{dataset} ({distributor} datubāzē)", "{dataset} ({distributor} database)"),
}
LANGS = ("lv", "en")
MAX_OUTLETS = 4


def _w(key: str, lang: str) -> str:
    return WORDS[key][LANGS.index(lang)]


def publisher(name: str, lang: str) -> str:
    """'CSB' -> 'CSP' in Latvian (Centrālā statistikas pārvalde), 'CSB' in English."""
    names = PUBLISHER_NAMES.get(name)
    return names[LANGS.index(lang)] if names else name


def join(items: list[str], lang: str) -> str:
    """'a, b un c' / 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_w('and', lang)} {items[-1]}"


def dated(vintage: str, vintage_from: VintageFrom, lang: str, listed: bool = False) -> str:
    """A vintage as a citation gives it: a release date as it is ('10.02.2026'), or, in a list of
    sources (``listed``), 'publicēts 10.02.2026' / 'release of 10 Feb 2026'; a copy date always as
    'lejupielādēts 12.01.2024' / 'downloaded 12 Jan 2024'. A date of unknown kind is given bare."""
    if not vintage:
        return ""
    day = N.date(vintage, lang)
    if vintage_from == VintageFrom.COPY:
        return _w("downloaded", lang).format(date=day)
    if vintage_from == VintageFrom.RELEASE and listed:
        return _w("release_of", lang).format(date=day)
    return day


def dataset_name(dataset: str, lang: str) -> str:
    """The table as cited: its code, and where another body publishes it (NVA's tables in the CSP's
    database, as the dataset catalogue says) that body: 'NVA011m (CSP datubāzē)'."""
    entry = catalogue.find(dataset) if dataset else None
    if entry is None or not entry.distributor:
        return dataset
    return _w("database", lang).format(dataset=dataset, distributor=publisher(entry.distributor, lang))


def outlet_name(source: SourceRef) -> str:
    found = outlets.outlet(source.url) if source.url else None
    return found.name if found else source.outlet


def site(source: SourceRef) -> str:
    """The site a figure was read on, as its address gives it ('nva.gov.lv')."""
    return outlets.host(source.url) or source.outlet


def _dates(vintages: set[tuple[str, VintageFrom]], lang: str, most: int | None = None) -> str:
    shown = [dated(v, kind, lang) for v, kind in sorted(vintages) if v]
    if most is not None and len(shown) > most:
        return join(shown[:most], lang) + _w("more", lang).format(n=len(shown) - most)
    return join(shown, lang)


def cite(sources: Iterable[SourceRef], lang: str, derived: bool = False) -> list[str]:
    """The parts of a citation for these sources, in a stable order: publisher releases (files, then
    figures read on the publisher's own site: 'NVA, nva.gov.lv', with the release's date where known),
    press figures by publisher with their outlets, the 2013 application, and the authors' calculation."""
    releases: dict[tuple[str, str], set[tuple[str, VintageFrom]]] = {}
    pages: dict[tuple[str, str], set[tuple[str, VintageFrom]]] = {}
    press: dict[str, Counter[str]] = {}
    statement = False
    for s in sources:
        if s.kind == SourceKind.STATEMENT:
            statement = True
        elif s.kind == SourceKind.PUBLISHER_FILE:
            releases.setdefault((s.publisher, s.dataset), set()).add((s.vintage or "", s.vintage_from))
        elif s.kind == SourceKind.PUBLISHER_PAGE:
            pages.setdefault((s.publisher, site(s)), set()).add((s.vintage or "", s.vintage_from))
        elif s.kind == SourceKind.PRESS:
            press.setdefault(s.publisher, Counter())[outlet_name(s)] += 1
    parts = []
    for (name, dataset), vintages in sorted(releases.items()):
        dates = _dates(vintages, lang)
        parts.append(", ".join(p for p in (publisher(name, lang), dataset_name(dataset, lang), dates) if p))
    for (name, where), vintages in sorted(pages.items()):
        dates = _dates(vintages, lang, MAX_OUTLETS)
        parts.append(", ".join(p for p in (publisher(name, lang), where, dates) if p))
    for name, counts in sorted(press.items()):
        seen = [o for o, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        names = ", ".join(seen[:MAX_OUTLETS])
        if len(seen) > MAX_OUTLETS:
            names += _w("more", lang).format(n=len(seen) - MAX_OUTLETS)
        parts.append(_w("data", lang).format(publisher=publisher(name, lang), outlets=names))
    if statement:
        parts.append(_w("application", lang))
    if derived:
        parts.append(_w("calculation", lang))
    return parts


def source_line(sources: Iterable[SourceRef], lang: str, derived: bool = False) -> str:
    """'Avoti: Eurostat, nama_10r_3gdp, 10.02.2026; NVA dati, publicēti: LSM; autoru aprēķins.'"""
    parts = cite(sources, lang, derived)
    label = _w("sources" if len(parts) > 1 else "source", lang)
    return f"{label}: " + "; ".join(parts) + "."


def in_brackets(sources: Iterable[SourceRef], lang: str, derived: bool = False) -> str:
    """The citation a sentence ends with: '(Eurostat, nama_10r_3gdp, 10.02.2026; autoru aprēķins)'."""
    return "(" + "; ".join(cite(sources, lang, derived)) + ")"
