"""How current each dataset is: its latest period, its release (or copy) date, and whether a newer
release is likely by now, from how often its publisher releases it (the dataset catalogue's
``cadence``; figures entered from reports: monthly for NVA's end-of-month rates, else annual).

``check`` lists every dataset; the build names those for which a newer release is likely, with what
to do (`make update` for what it fetches, the entry workbook for figures read in reports).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..core import catalogue, clock
from ..core.model import Kind, Observation, Period, SourceKind, Status, VintageFrom
from ..core.paths import command

MONTHLY_INDICATORS = ("registered_unemployment_rate", "registered_unemployed")
NVA_RELEASE_DAY = 11  # NVA's monthly release of the month before: around the 7th–11th (FORMATS.md §4)
YEAR_DAYS = 365
OLD_YEARS = 3  # a latest year this many years before today's is called out as old


@dataclass(frozen=True)
class Freshness:
    dataset: str
    publisher: str
    latest: Period
    release: str | None  # the newest file's release or copy date (None: figures as published)
    release_from: VintageFrom
    cadence: str
    due: bool  # a newer release is likely by now
    why: str  # one sentence: how current it is, and why a newer release is or is not likely
    action: str  # what to do when due
    indicators: frozenset[str] = frozenset()


def _months_before(day: datetime.date, n: int) -> Period:
    index = day.year * 12 + day.month - 1 - n
    return Period(index // 12, index % 12 + 1)


def _cadence(dataset: str, rows: list[Observation]) -> str:
    entry = catalogue.find(dataset)
    if entry is not None:
        return entry.cadence
    return "monthly" if any(r.indicator in MONTHLY_INDICATORS for r in rows) else "annual"


def _date(iso: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(iso)
    except ValueError:
        return None


def freshness(rows: list[Observation], today: datetime.date | None = None) -> list[Freshness]:
    """One line a dataset (publisher files and figures read in reports), in the order publisher, dataset."""
    today = today or clock.today()
    groups: dict[tuple[str, str], list[Observation]] = {}
    for r in rows:
        if r.kind == Kind.OBSERVATION and r.status in (Status.USED, Status.SUPERSEDED) and r.period is not None:
            groups.setdefault((r.publisher, r.dataset), []).append(r)
    found = []
    for (publisher, dataset), group in sorted(groups.items()):
        # Latvia's latest, not the EU's or extra-regio's
        home = [r for r in group if not r.region.startswith(("EU", "LVZ"))] or group
        latest = max((r.period for r in home if r.period is not None), key=Period.index)  # a year as its December
        files = [r for r in group if r.source_kind == SourceKind.PUBLISHER_FILE and r.vintage]
        newest = max(files, key=lambda r: r.vintage or "", default=None)
        release = newest.vintage if newest else None
        release_from = newest.vintage_from if newest else VintageFrom.NONE
        cadence = _cadence(dataset, group)
        entry = catalogue.find(dataset)
        fetched = entry is not None and (entry.fetch or entry.source == "csp")
        providers = [
            e.ref
            for e in catalogue.entries()
            if e.fetch and e.source != "register" and set(e.indicators()) & {r.indicator for r in group}
        ]
        if fetched:
            action = f"run `{command('update')}`"
        elif providers and publisher in ("CSB", "Eurostat"):
            action = f"run `{command('update')}`: the publishers' own tables of these figures ({', '.join(providers)})"
        elif publisher == "NVA":
            action = (
                f"run `{command('update', '--only nva')}` (NVA's tables in the CSP's database), or enter the "
                f"newer figures with their source in the entry workbook (`{command('template')}`)"
            )
        else:
            action = (
                f"enter the newer figures with their source in the entry workbook (`{command('template')}`), "
                "or drop the newer download into data/raw/"
            )
        due, why = _judge(latest, release, release_from, cadence, today)
        indicators = frozenset(r.indicator for r in group)
        found.append(
            Freshness(dataset, publisher, latest, release, release_from, cadence, due, why, action, indicators)
        )
    return _continued(found)


def _judge(
    latest: Period, release: str | None, release_from: VintageFrom, cadence: str, today: datetime.date
) -> tuple[bool, str]:
    if cadence == "archive":
        return False, f"a closed series (to {latest}), continued in another table"
    if cadence == "continuous":
        return False, f"latest {latest}; the publisher updates it continually (`{command('update')}` fetches it)"
    if cadence == "monthly" or latest.is_month:
        expected = _months_before(today, 1 if today.day >= NVA_RELEASE_DAY else 2)
        if latest.index() < expected.index():
            return True, (
                f"latest month {latest}; monthly figures are published about ten days after the month, so "
                f"{expected} should be out by now"
            )
        return False, f"latest month {latest}: current"
    age = today.year - latest.year
    old = f" ({age} years before this year)" if age >= OLD_YEARS else ""
    released = _date(release) if release else None
    if released is not None:
        kind = "copy of" if release_from == VintageFrom.COPY else "release of"
        if (today - released).days > YEAR_DAYS:
            return True, (
                f"latest year {latest}{old}, {kind} {released.isoformat()}: more than a year old, and the "
                "publisher releases this dataset about once a year"
            )
        return False, f"latest year {latest}{old}, {kind} {released.isoformat()}"  # the publisher's own lag
    return bool(old), f"latest year {latest}{old}, figures as published"


def _continued(found: list[Freshness]) -> list[Freshness]:
    """A dataset whose indicators are continued by a later, current one of the same publisher (NVA's press
    figures by NVA011m, a press figure by the publisher's download) is not called due."""
    from dataclasses import replace

    out = []
    for f in found:
        later = [
            g
            for g in found
            if g is not f
            and g.publisher == f.publisher
            and f.indicators <= g.indicators
            and g.latest.index() > f.latest.index()
            and not g.due
        ]
        if f.due and later:
            g = max(later, key=lambda g: g.latest.index())
            f = replace(f, due=False, why=f"{f.why}; continued by {g.dataset} (to {g.latest})")
        out.append(f)
    return out
