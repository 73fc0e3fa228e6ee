"""Values confirmed by a person although they moved by a factor of 100 or more (``data/raw/confirmations.toml``).

A value that would be drawn although it is ``refuse_factor`` times (100, core/tolerances.toml) or more away
from every other source for its cell is most likely a unit error (a population of 1 300 for Latgale replacing
247 000): ``check`` and the build refuse it (``unconfirmed-revision``) until someone who checked it at the
publisher confirms it here. The refusal's message gives the lines to add (:func:`snippet`); the file is written
by hand beside the data, one ``[[confirmed]]`` table a value, and is not read as data::

    [[confirmed]]
    file = "demo_r_pjanaggr3_LV_2027-03-01.csv"
    indicator = "population"
    region = "LV005"  # Latgale
    period = "2020"
    value = 1300
    checked = "A. Bērziņa, 02.03.2027: Eurostat's table shows 1 300 for Latgale on 1 January 2020"

A confirmation names the file (its name), the cell (indicator id, territory code, period) and the value as
latgale-stats read it, so it stops applying when any of them changes; ``checked`` says who checked the value,
when and where, and may not be empty.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path

FILE = "confirmations.toml"
KEYS = ("file", "indicator", "region", "period", "value", "checked")


class ConfirmationError(ValueError):
    """``confirmations.toml`` cannot be read: invalid TOML, or an entry with a missing, empty or unknown key."""


@dataclass(frozen=True)
class Confirmation:
    """One confirmed value: the file it is read from, its cell, the value, and who checked it where."""

    file: str
    indicator: str
    region: str
    period: str
    value: float
    checked: str
    number: int  # the entry's position in the file (1 = the first [[confirmed]]), for messages

    def matches(self, file: str, indicator: str, region: str, period: str, value: float) -> bool:
        return (self.file, self.indicator, self.region, self.period) == (
            Path(file).name,
            indicator,
            region,
            period,
        ) and abs(self.value - value) <= 1e-9 * max(1.0, abs(value))


def parse(text: str) -> tuple[Confirmation, ...]:
    """The entries of a confirmations file; anything unreadable raises :class:`ConfirmationError` naming the entry."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfirmationError(f"not valid TOML ({err})") from None
    entries = data.get("confirmed", [])
    if set(data) - {"confirmed"} or not isinstance(entries, list):
        raise ConfirmationError("only [[confirmed]] tables belong in it")
    out = []
    for n, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise ConfirmationError(f"entry number {n} is not a [[confirmed]] table")
        said = [f"missing {', '.join(k for k in KEYS if k not in entry)}"] if set(KEYS) - set(entry) else []
        said += [f"unknown {', '.join(sorted(set(entry) - set(KEYS)))}"] if set(entry) - set(KEYS) else []
        if said:
            raise ConfirmationError(f"[[confirmed]] number {n}: {'; '.join(said)} (give {', '.join(KEYS)})")
        value = entry["value"]
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfirmationError(f"[[confirmed]] number {n}: value must be a number as the message gave it")
        texts = {k: str(entry[k]).strip() for k in KEYS if k != "value"}
        if not texts["checked"]:
            raise ConfirmationError(
                f"[[confirmed]] number {n}: checked is empty: write who checked the value, when, and where the "
                "publisher gives it"
            )
        empty = [k for k, v in texts.items() if not v]
        if empty:
            raise ConfirmationError(f"[[confirmed]] number {n}: {', '.join(empty)} empty")
        out.append(
            Confirmation(
                texts["file"], texts["indicator"], texts["region"], texts["period"], float(value), texts["checked"], n
            )
        )
    return tuple(out)


def read(folder: Path) -> tuple[Confirmation, ...]:
    """The confirmations in ``folder`` (none when it has no confirmations.toml)."""
    path = Path(folder) / FILE
    if not path.is_file():
        return ()
    try:
        return parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise ConfirmationError(f"cannot be read ({err})") from None


def snippet(file: str, indicator: str, region: str, region_name: str, period: str, value: str) -> str:
    """The lines that confirm one value, as a refusal's message gives them (``checked`` left for the person)."""

    def text(v: str) -> str:
        return json.dumps(v, ensure_ascii=False)  # a TOML basic string: quotes and backslashes escaped

    return "\n".join(
        (
            "[[confirmed]]",
            f"file = {text(Path(file).name)}",
            f"indicator = {text(indicator)}",
            f"region = {text(region)}  # {region_name}",
            f"period = {text(period)}",
            f"value = {value}",
            'checked = ""  # write here who checked the value, when, and where the publisher gives it',
        )
    )
