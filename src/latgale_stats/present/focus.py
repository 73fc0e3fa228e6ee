"""What the outputs for any focus share: the territories compared (the focus first), their names in the case a
phrase needs (``core/territory/names.csv``), the period a comparison is made in, and a municipality's rank.

A territory has several codes where publishers name it differently (Latgale: ``PR_LATGALE_2021`` for NVA,
``LV005`` for the CSP and Eurostat; :func:`core.focus.codes`): its value in a period is the one of its first
code that holds one. Nothing is estimated: a territory without a value in the period is named as missing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from ..core import focus as F
from ..core import regions as R
from ..core.territory import names as NM

CASES = ("nominative", "genitive", "locative", "english", "english_the")


def is_municipality(code: object) -> bool:
    return isinstance(code, str) and code in R.BY_CODE and R.MUNICIPALITY in R.BY_CODE[code].schemes


def name(code: str, lang: str, case: str = "nominative") -> str:
    """A territory's name in ``case`` (Latvian: nominative, genitive, locative; English: the name, or with
    ``case='locative'`` the form after a preposition), from the name table, else the registry's name."""
    try:
        forms = NM.forms(code)
    except NM.NoNames:
        return R.name(code, lang)
    if lang == "en":
        return forms.english_the if case in ("locative", "english_the") else forms.english
    return getattr(forms, case if case in CASES[:3] else "nominative")


def forms(code: str) -> dict[str, str]:
    """Every form of a territory's name, for phrases with fields: {nominative}, {genitive}, {locative},
    {name} (English) and {the} (English after a preposition)."""
    return {
        "nominative": name(code, "lv"),
        "genitive": name(code, "lv", "genitive"),
        "locative": name(code, "lv", "locative"),
        "name": name(code, "en"),
        "the": name(code, "en", "locative"),
    }


@dataclass(frozen=True)
class Compared:
    """The territories of a comparison: the focus first, then what it is compared with (one code each, as
    ``core.focus`` gives them), each with every code publishers name it by."""

    focus: str
    others: tuple[str, ...]

    @classmethod
    def of(cls, focus: F.Focus) -> Compared:
        return cls(focus.territory, tuple(focus.compare_with))

    @property
    def members(self) -> tuple[str, ...]:
        """The focus, its planning region (a municipality's), then the others as given."""
        first = (self.planning,) if self.planning else ()
        return (self.focus, *first, *(o for o in self.others if o not in first))

    def codes(self, member: str) -> tuple[str, ...]:
        return ("LV",) if member == "LV" else F.codes(member)

    @property
    def level(self) -> str:
        return F.level(self.focus)

    @property
    def planning(self) -> str | None:
        """The planning region of a municipality focus, where it is among the comparisons."""
        if self.level != "municipality":
            return None
        from ..core import territory as T

        region = T.planning_regions().get(self.focus)
        return region if region in self.others else None


def value_rows(frame: pd.DataFrame, compared: Compared, period: object) -> list[tuple[str, pd.Series]]:
    """(member, its row) in the comparison's order, for the members held in ``period``; where the focus's
    value comes from another release than a comparison's shown one, the comparison's value from the focus's
    release when that release holds it (:func:`same_release`)."""
    here = frame[frame["period"] == period]
    out = []
    for member in compared.members:
        for code in compared.codes(member):
            found = here[here["region"] == code]
            if len(found):
                out.append((member, found.iloc[0]))
                break
    return same_release(out)


def same_release(found: list[tuple[str, pd.Series]]) -> list[tuple[str, pd.Series]]:
    """Every value of a comparison from one release where it can be: a comparison shown from a newer release
    than the focus's (Eurostat's regions beside the CSP's municipalities) takes the value the focus's release
    gives it, kept in the shown row's ``older`` when the newer release replaced it. Where the focus's release
    does not hold it, the shown value stays, and its release is cited."""
    if not found or "older" not in found[0][1]:
        return found
    release = found[0][1]["release"]
    out = [found[0]]
    for member, row in found[1:]:
        match = [(ref, v) for ref, v in (row["older"] or ()) if ref.release == release]
        if row["release"] != release and match:
            ref, value = match[0]
            row = row.copy()
            row["value"], row["release"], row["sources"] = value, release, (ref,)
            row["vintage"], row["vintage_from"], row["dataset"] = ref.vintage, ref.vintage_from.value, ref.dataset
            row["file"] = ref.cell.file if ref.cell else ""
            row["differs"], row["older"] = (), ()
        out.append((member, row))
    return out


def comparison_period(frame: pd.DataFrame, compared: Compared, implicit: Sequence[str] = ()) -> object | None:
    """The latest period in which the focus has a value and so does Latvia (or, failing that, at least one
    other territory compared); ``implicit`` members count as held (Latvia in an index where Latvia = 100)."""
    focus_codes = compared.codes(compared.focus)
    periods = sorted(frame.loc[frame["region"].isin(focus_codes), "period"].unique(), key=str, reverse=True)
    fallback = None
    for period in periods:
        held = {m for m, _ in value_rows(frame, compared, period)} | set(implicit)
        if "LV" in held:
            return period
        if fallback is None and len(held - {compared.focus}) > 0:
            fallback = period
    return fallback


@dataclass(frozen=True)
class Rank:
    place: int  # 1 = the highest value
    of: int  # municipalities with a value in the period


def rank(frame: pd.DataFrame, compared: Compared, period: object) -> Rank | None:
    """A municipality focus's place among the municipalities with a value in ``period`` (1 = highest);
    None for a region, or where fewer than three municipalities have one."""
    if compared.level != "municipality":
        return None
    here = frame[(frame["period"] == period) & frame["region"].map(is_municipality).astype(bool)]
    here = here.drop_duplicates("region")
    mine = here[here["region"] == compared.focus]
    if len(here) < 3 or mine.empty:
        return None
    value = float(mine["value"].iloc[0])
    return Rank(1 + int((here["value"] > value).sum()), len(here))
