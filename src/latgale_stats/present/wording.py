"""The parts every sentence of the application is made of, whatever territory it speaks of: Latvian grammar
(numerals, locatives, months, dates), the :class:`Sentence`, and its citations (in brackets, or marked for
numbering by ``text.justification``). ``present.text`` (Latgale's sentences) and ``present.focus_text`` (any
focus's) both build on it.
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass, field

from . import citations
from . import formatting as N
from .phrases import MONTHS_EN, MONTHS_LV_GENITIVE

# --- Latvian grammar --------------------------------------------------------------------------------


def lv_singular(n: float) -> bool:
    """Latvian takes the singular after whole numbers ending in 1 except those ending in 11."""
    if float(n) != int(n):
        return False
    n = abs(int(n))
    return n % 10 == 1 and n % 100 != 11


def lv_count(n: float, singular: str, plural: str, lang: str = "lv", decimals: int = 0) -> str:
    """'21 jauns uzņēmums', '11 jauni uzņēmumi', '3 jauni uzņēmumi' (number formatted per CLDR)."""
    return f"{N.number(n, lang, decimals)} {singular if lv_singular(round(n, decimals)) else plural}"


def en_count(n: float, singular: str, plural: str, decimals: int = 0) -> str:
    return f"{N.number(n, 'en', decimals)} {singular if round(n, decimals) == 1 else plural}"


LOCATIVE_EXCEPTIONS = {"Daugavpils": "Daugavpilī", "Jēkabpils": "Jēkabpilī", "Latvija": "Latvijā", "ES-27": "ES-27"}


def lv_locative(name: str) -> str:
    """'Latgales reģions' -> 'Latgales reģionā', 'Latgale' -> 'Latgalē', 'Rīga' -> 'Rīgā',
    'Ludzas novads' -> 'Ludzas novadā'."""
    if name in LOCATIVE_EXCEPTIONS:
        return LOCATIVE_EXCEPTIONS[name]
    head, _, last = name.rpartition(" ")
    for ending, replace in (("ions", "ionā"), ("ads", "adā"), ("s", "ā"), ("e", "ē"), ("a", "ā")):
        if last.endswith(ending):
            last = last[: -len(ending)] + replace
            break
    return f"{head} {last}".strip()


def lv_date(iso: str) -> str:
    """'2023-02-21' -> '21.02.2023' (dates in Latvian text: DD.MM.YYYY)."""
    return N.date(iso, "lv")


def en_date(iso: str) -> str:
    """'2023-02-21' -> '21 Feb 2023'."""
    return N.date(iso, "en")


def lv_month_end(period: str) -> str:
    """'2025-12' -> '2025. gada decembra beigās' (at the end of December 2025)."""
    return f"{period[:4]}. gada {MONTHS_LV_GENITIVE[int(period[5:7]) - 1]} beigās"


def en_month_end(period: str) -> str:
    return f"at the end of {MONTHS_EN[int(period[5:7]) - 1]} {period[:4]}"


_NUMBERED: ContextVar[bool] = ContextVar("numbered_citations", default=False)
_MARK, _PART = "\x00", "\x01"  # a citation's bounds and the parts within it, while sentences are made


@dataclass
class Sentence:
    id: str
    lang: str
    text: str
    indicator: str
    period: str
    source: str
    importance: int  # 1 = most important: kept first when a character budget is tight
    cites: list[dict] = field(default_factory=list)  # indicator, region, period, kind, value, decimals

    @property
    def length(self) -> int:
        return len(self.text)


def _cite(row, decimals: int) -> dict:
    period = row["period"] if isinstance(row["period"], str) else None  # None: year not stated
    return {
        "indicator": row["indicator"],
        "region": row["region"],
        "period": period,
        "kind": row["kind"],
        "value": float(row["value"]),
        "decimals": decimals,
        "versus": row["versus"] if isinstance(row["versus"], str) else None,
        "sources": row["sources"],
    }


def _cited(rows: list, lang: str) -> str:
    """The citation in brackets for the rows a sentence states (their sources, and whether any is
    computed here)."""
    sources = [s for r in rows for s in r["sources"]]
    derived = any(r["kind"] == "derived" for r in rows)
    if _NUMBERED.get():  # a mark that justification() turns into '[1, 2]' with the sources listed after
        return _MARK + _PART.join(citations.cite(sources, lang, derived)) + _MARK
    return citations.in_brackets(sources, lang, derived=derived)
