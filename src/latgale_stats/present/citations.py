"""How sources are named for an evaluator: the publisher with the dataset or table and its release
date ("Eurostat, nama_10r_3gdp, 10.02.2026"), press figures as the publisher's data with the outlet
that published them ("NVA dati, publicēti: LSM"), a calculation as the authors' own. Footers,
sentences and the annex all cite through here; nothing points to a workbook or names the software.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from ..core import outlets
from ..core.model import SourceKind, SourceRef
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


def outlet_name(source: SourceRef) -> str:
    found = outlets.outlet(source.url) if source.url else None
    return found.name if found else source.outlet


def cite(sources: Iterable[SourceRef], lang: str, derived: bool = False) -> list[str]:
    """The parts of a citation for these sources, in a stable order: publisher releases, press
    figures by publisher with their outlets, the 2013 application, and the authors' calculation."""
    releases: dict[tuple[str, str], set[str]] = {}
    press: dict[str, Counter[str]] = {}
    statement = False
    for s in sources:
        if s.kind == SourceKind.STATEMENT:
            statement = True
        elif s.kind == SourceKind.PUBLISHER_FILE:
            releases.setdefault((s.publisher, s.dataset), set()).add(s.vintage or "")
        elif s.kind == SourceKind.PRESS:
            press.setdefault(s.publisher, Counter())[outlet_name(s)] += 1
    parts = []
    for (name, dataset), vintages in sorted(releases.items()):
        dates = join([N.date(v, lang) for v in sorted(vintages) if v], lang)
        parts.append(", ".join(p for p in (publisher(name, lang), dataset, dates) if p))
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
