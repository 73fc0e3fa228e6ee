"""The words for a territory: its Latvian cases and its English name (``names.csv`` beside this module).

One row per unit of the registry (``core.regions``) that a sentence can name as the focus or as what it is
compared with: Latvia, the statistical regions of both vintages, the planning regions of both boundary
vintages, the state cities and the novadi of the 2021 reform as the classifier stands today (Madonas novads
with Varakļāni since 30.06.2024, so 42 municipalities, and Jēkabpils, the state city inside its novads).

Where the forms come from: the registry's Latvian names (the classifier's ``Nosaukums``), declined by the
rules of Latvian grammar (see ``README.md`` here): a novads is named by a genitive (``Augšdaugavas novads``),
so only ``novads`` is declined (``novada``, ``novadā``); a planning region likewise (``Latgales reģions``,
``reģiona``, ``reģionā``); a name in -pils is of the sixth declension (``Daugavpils``, gen. ``Daugavpils``,
loc. ``Daugavpilī``); -a and -e names take -as/-ā and -es/-ē. English names follow the registry's style
(``Augšdaugava municipality``, ``Latgale region``), with diacritics; ``english_the`` is the form after a
preposition ("in the Latgale region", "in Daugavpils").

The statistical regions from 2024 are named without the registry's "(no 2024)": a sentence names a place,
the period it speaks of says which boundaries.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TABLE = Path(__file__).with_name("names.csv")
COLUMNS = ("code", "nominative", "genitive", "locative", "english", "english_the")


@dataclass(frozen=True)
class Names:
    code: str
    nominative: str  # 'Augšdaugavas novads'
    genitive: str  # 'Augšdaugavas novada'
    locative: str  # 'Augšdaugavas novadā'
    english: str  # 'Augšdaugava municipality'
    english_the: str  # 'the Augšdaugava municipality' (after a preposition)


class NoNames(LookupError):
    def __init__(self, code: str):
        self.code = code
        super().__init__(
            f"no Latvian and English names for territory {code!r} in core/territory/names.csv: "
            "add a row (code, nominative, genitive, locative, english, english_the)"
        )


@cache
def table() -> dict[str, Names]:
    """Every row of ``names.csv`` by registry code (read once a process)."""
    with open(TABLE, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{TABLE.name}: the header must be {','.join(COLUMNS)}, not {reader.fieldnames}")
        out: dict[str, Names] = {}
        for line, row in enumerate(reader, start=2):
            values = [(row[c] or "").strip() for c in COLUMNS]
            if not all(values) or None in row:
                raise ValueError(f"{TABLE.name} line {line}: every column needs a value ({row})")
            if values[0] in out:
                raise ValueError(f"{TABLE.name} line {line}: {values[0]} is named twice")
            out[values[0]] = Names(*values)
    return out


def forms(code: str) -> Names:
    """The names of the unit with registry code ``code`` (raises :class:`NoNames` for a unit without a row)."""
    try:
        return table()[code]
    except KeyError:
        raise NoNames(code) from None
