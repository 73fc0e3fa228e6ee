"""Check one raw record against the catalogue and the region registry, and make it an observation.

Every check that fails adds a coded :class:`Problem` naming the cell; a record with any error gives
no observation. All records of all files are checked before anything stops (errors are collected).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from ..core import clock, outlets
from ..core import indicators as I
from ..core import regions as R
from ..core.model import CellRef, Kind, Observation, Period, RawRecord, Severity, SourceKind, Status
from ..core.problems import Problem

_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_SAME = {"CSP": "CSB"}  # the statistics office by its Latvian initials


def plain(value: float, group: bool = False) -> str:
    """A number as written in a message: no exponent, no trailing zeros (2001468, 19.8); with
    ``group`` in groups of three separated by a space, for limits a reader must take in at a glance
    (1 000 000)."""
    v = float(value)
    text = f"{v:,.0f}" if v.is_integer() else f"{v:,.6f}".rstrip("0").rstrip(".")
    return text.replace(",", " " if group else "")


def _before(period: Period) -> str:
    """The period before: 2026-11 for 2026-12, 2025-12 for 2026-01, 2025 for 2026."""
    if period.month is None:
        return f"{period.year - 1:04d}"
    year, month = divmod(period.year * 12 + period.month - 2, 12)
    return f"{year:04d}-{month + 1:02d}"


def not_happened(period: Period, timing: I.Timing, today: date) -> tuple[str, str] | None:
    """What was expected and what to do when a figure of this timing (see ``indicators.Timing``) cannot
    exist yet for ``period`` on ``today``: a period that has not begun, or, for a figure measured at
    its end or over it, one that has not ended (the last day itself included); None when it can."""
    first, last = date(period.year, period.month or 1, 1), period.end()
    said = f"today is {today.isoformat()}"
    if first > today:
        return (
            f"a period that has begun: {period} begins on {first.isoformat()} ({said})",
            "correct the year or month (a typo such as 2062 for 2026?)",
        )
    if timing == "start" or last < today:
        return None
    unit = "month" if period.month else "year"
    what = {
        ("end", "month"): "an end-of-month figure for a month that has ended",
        ("end", "year"): "a year-end figure (the end of December) for a year that has ended",
        ("during", "month"): "a month's total for a month that has ended",
        ("during", "year"): "a year's total or average for a year that has ended",
    }[(timing, unit)]
    if timing == "end":
        action = (
            f"a figure for the end of a {unit} is published after it: if it is the figure for the end of "
            f"{_before(period)}, write {_before(period)}; else enter it once {period} has ended"
        )
    else:
        action = f"enter the {unit}'s figure once {period} has ended (a figure for part of it is not the {unit}'s)"
    return f"{what}: {period} ends on {last.isoformat()} ({said})", action


def validate(rec: RawRecord, sha: str, problems: list[Problem], warnings: list[Problem]) -> Observation | None:
    """The observation a record gives, or None (its problems appended to ``problems``, doubts about
    it to ``warnings``)."""
    start = len(problems)

    def bad(code: str, field_: str, value: object, expected: str, action: str = "") -> None:
        column = rec.columns.get(field_) or (rec.cell.column if field_ == "value" and rec.cell.column else field_)
        where = CellRef(rec.cell.file, rec.cell.row, column, rec.cell.sheet)
        problems.append(Problem(code, where, str(value), expected, action))

    ind = I.find(rec.indicator)
    if ind is None:
        bad(
            "unknown-indicator",
            "indicator",
            rec.indicator,
            f"an indicator of the catalogue ({', '.join(I.BY_ID)})",
            "correct the indicator id",
        )
    elif ind.derived and rec.kind != Kind.STATEMENT:
        bad(
            "derived-indicator",
            "indicator",
            rec.indicator,
            "an observed indicator; derived values are computed by latgale-stats",
            "enter the inputs (counts, population, GDP) instead",
        )

    text = rec.period.strip()
    period: Period | None = None
    period_ok = True
    if text or rec.kind != Kind.STATEMENT:
        try:
            period = Period.parse(text)
        except ValueError:
            period_ok = False
            bad(
                "bad-period",
                "period",
                text,
                "a year (2024) or a month (2024-12)",
                "write the period as YYYY or YYYY-MM",
            )
        why = not_happened(period, ind.timing if ind else "start", clock.today()) if period else None
        if why is not None:
            period_ok = False
            bad("future-period", "period", text, *why)
            period = None
        elif period is not None and ind is not None and period.year < ind.first_year:
            period_ok = False
            bad(
                "early-period",
                "period",
                text,
                f"a period from {ind.first_year} on: no series of {ind.name_en.lower()} goes back further",
                "correct the year (a typo, or a placeholder such as 1000?)",
            )
            period = None

    region_code = None
    if ind is not None:
        try:
            region_code = R.resolve(rec.region, ind.schemes, period).code
        except R.UnknownRegion as exc:
            coded = R.BY_CODE.get(rec.region)  # a unit a publisher file named by code (CSP's municipalities)
            if coded is not None and set(coded.schemes) & set(ind.coded):
                region_code = coded.code
            else:
                near = ", ".join(repr(s) for s in exc.suggestions) or "none close"
                bad(
                    "unknown-region",
                    "region",
                    rec.region,
                    f"a region name known for {ind.id}; nearest known names: {near}",
                    "correct the spelling, or add the name as an alias in latgale_stats/core/regions.py",
                )
        except R.AmbiguousRegion as exc:
            if period_ok:  # with a wrong period the region follows once the period is corrected
                bad(
                    "ambiguous-region",
                    "region",
                    rec.region,
                    f"one territorial unit, but the name fits {', '.join(exc.codes)}",
                    "use the full name with its validity, e.g. '… (no 01.01.2024.)'",
                )

    raw_value = rec.value.strip()
    number = _NUMBER.match(raw_value) is not None
    if not number:
        bad(
            "not-a-number",
            "value",
            raw_value,
            "a number written with a decimal point and no thousands separator, e.g. 19.8",
            "correct the number",
        )

    unit = rec.unit.strip()
    factor = None
    if not unit:
        bad(
            "missing-unit",
            "unit",
            unit,
            "the unit the number was published in" + (f", e.g. {next(iter(ind.units))!r}" if ind else ""),
            "fill in the unit",
        )
    elif ind is not None:
        factor = ind.factor(unit)
        if factor is None:
            bad(
                "unit-mismatch",
                "unit",
                unit,
                f"a unit of {ind.id}: {', '.join(repr(u) for u in ind.units)}",
                "write the unit as published, in one of these forms",
            )

    value: float | None = None
    if ind is not None and factor is not None and number:
        value = float(Decimal(raw_value) * Decimal(repr(factor)))
        if not (ind.minimum <= value <= ind.maximum):
            limits = (
                f"between {plain(ind.minimum, True)} and {plain(ind.maximum, True)} {ind.unit}"
                if ind.maximum != float("inf")
                else f"of at least {plain(ind.minimum, True)} {ind.unit}"
            )
            bad("out-of-range", "value", raw_value, f"a value {limits}", "check the number in the source")
        elif ind.integer and value != int(value):
            bad("not-whole", "value", raw_value, "a whole number", "check the number in the source")

    status = rec.status.strip().lower()
    if status not in ("", "suspect"):
        bad("bad-status", "status", rec.status, "empty or 'suspect'", "leave empty, or write suspect")
    if not rec.publisher.strip():
        bad(
            "missing-publisher",
            "publisher",
            "",
            "the publisher of the number (e.g. NVA, CSB, Lursoft)",
            "fill in the publisher",
        )
    named = rec.publisher.strip()
    if (
        ind is not None
        and rec.source_kind == SourceKind.PRESS
        and named
        and _SAME.get(named, named) not in ind.publishers
    ):
        warnings.append(
            Problem(
                "unexpected-publisher",
                CellRef(rec.cell.file, rec.cell.row, rec.column("publisher"), rec.cell.sheet),
                named,
                f"a publisher the catalogue lists for {ind.id} ({', '.join(ind.publishers)})",
                "check who produced the figure (its quote and page); if the row credits the wrong one, declare "
                "a correction with the reason in latgale_stats/core/corrections.toml (the file stays as collected)",
                Severity.WARNING,
            )
        )
    if rec.require_url and not rec.url.strip():
        bad(
            "missing-source",
            "url",
            "",
            "the address of the page or report the number was read from",
            "every number needs its source: fill in the source URL",
        )
    elif rec.source_kind != SourceKind.PUBLISHER_FILE and not (rec.url.strip() or rec.quote.strip()):
        bad(
            "missing-source",
            "url",
            "",
            "the address of the page the number was read from (or the quote)",
            "every number needs its source: fill in url and quote",
        )
    site = outlets.outlet(rec.url) if rec.source_kind != SourceKind.PUBLISHER_FILE else None
    if site is not None and site.standing == outlets.Standing.REFUSED:
        bad(
            "refused-outlet",
            "url",
            site.host,
            f"a page an application may cite; {site.host} is {site.name}",
            "find the figure at the publisher or in an established outlet and cite that page instead",
        )
    elif site is not None and site.standing == outlets.Standing.UNKNOWN:
        warnings.append(
            Problem(
                "unknown-outlet",
                CellRef(rec.cell.file, rec.cell.row, rec.column("url"), rec.cell.sheet),
                site.host,
                "a site the outlet policy knows (latgale_stats/core/outlets.toml)",
                "check that it is a reliable outlet and add it to outlets.toml (or cite the publisher's page)",
                Severity.WARNING,
            )
        )

    if len(problems) > start or ind is None or region_code is None or value is None:
        return None
    source_kind = rec.source_kind
    if source_kind == SourceKind.PRESS and outlets.own_site(named, rec.url):
        source_kind = SourceKind.PUBLISHER_PAGE  # read on the publisher's own site: its release, not a report
    obs = Observation(
        indicator=ind.id,
        region=region_code,
        region_name=rec.region,
        period=period,
        value=value,
        unit=ind.unit,
        kind=rec.kind,
        source_kind=source_kind,
        publisher=rec.publisher.strip(),
        dataset=rec.dataset,
        cell=rec.cell,
        status=Status(status),
        flag=rec.flag,
        vintage=rec.vintage,
        vintage_from=rec.vintage_from,
        sha256=sha,
        url=rec.url,
        quote=rec.quote,
        note=rec.note,
        value_published=raw_value,
        unit_published=unit,
    )
    obs.sources = (obs.source(),)
    obs.basis = rec.cell.file
    return obs
