"""Several rows for one cell (indicator, region, period), and plausibility.

* a publisher file (Eurostat, CSB download, NVA's tables in the CSP's database) beats a figure read on
  the publisher's own site (NVA's monthly release on nva.gov.lv), which beats a press figure: the row
  replaced becomes ``superseded`` and ``check`` says so (with both values when they differ);
* two vintages of the same publisher dataset: the newest wins, the older becomes ``superseded`` (and the
  newest keeps the older's value in ``older``, for the figures' notes where a line passes between them);
* press figures (or publisher pages) with the same value: the first is used, the others are
  ``duplicate`` (corroboration);
* press figures (or publisher pages) with different values, neither marked ``suspect``: an error (mark
  both ``suspect`` when no source tells which is right, as the curated files do);
* rows marked ``suspect`` are kept, left out of figures and sentences, and listed by ``check``;
* two official publishers (the CSP and Eurostat) for one cell: the value shown is chosen as for any
  two releases (the newest), and when the other publisher's newest release differs by more than 1 %
  (1 point for an index), ``check`` warns with both and the shown value keeps the other in ``differs``
  for the figure notes and the annex.

Revisions are checked against what core/tolerances.toml declares (:func:`revisions`): a value shown
that moved from another source for its cell by more than the indicator's ``revision`` tolerance is a
warning naming both values, both files and the likely cause; one that is 100 times (``refuse_factor``) or
more away from every other source for its cell is an error until a person confirms it in
``data/raw/confirmations.toml``. Possible but implausible values are flagged as warnings with the row to
check, never changed.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

from ..core import confirmations
from ..core import indicators as I
from ..core import regions as R
from ..core.model import CellRef, Kind, Observation, Period, Severity, SourceKind, Status
from ..core.paths import command
from ..core.problems import Problem
from .validate import plain


def _where(o: Observation) -> str:
    return str(o.cell) if o.cell else o.dataset


def _at(o: Observation, column: str = "value") -> CellRef:
    cell = o.cell or CellRef("")
    return CellRef(cell.file, cell.row, column if column != "value" or not cell.column else cell.column, cell.sheet)


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9


def _said(r: Observation) -> str:
    """How a row was published, in ``check``'s words: 'NVA press', "NVA's own page nva.gov.lv",
    'CSB release 2025-12-15', 'Eurostat copy of 2024-01-12'."""
    if r.source_kind == SourceKind.PUBLISHER_PAGE:
        return f"{r.publisher}'s own page {r.source().outlet}"
    if r.source_kind == SourceKind.PUBLISHER_FILE:
        return f"{r.publisher} {r.vintage_from.label(r.vintage)}"
    return f"{r.publisher} press"


def _supersede(losers: list[Observation], winner: Observation, cell: str, replaced: list[str]) -> None:
    """Rows of a cell that a publisher's file or own page replaces: superseded, each with a note, and
    a line for ``check`` saying whether they agree."""
    used = (
        f"publisher file {_where(winner)} (vintage {winner.vintage})"
        if winner.source_kind == SourceKind.PUBLISHER_FILE
        else f"the publisher's own page {winner.url} ({_where(winner)})"
    )
    what = "file" if winner.source_kind == SourceKind.PUBLISHER_FILE else "publisher's own page"
    for r in losers:
        r.status = Status.SUPERSEDED
        same = _same(r.value, winner.value)
        instead = "" if same else f" instead of {plain(r.value)}"
        r.note = f"{used} gives {plain(winner.value)}; it is used{instead}"
        replaced.append(
            f"{cell}: {_where(r)} ({_said(r)}, {plain(r.value)}) "
            f"{'agrees with' if same else 'differs from'} {_where(winner)} "
            f"({_said(winner)}, {plain(winner.value)}); the {what} is used"
        )


def _agree(rows: list[Observation], cell: str, errors: list[Problem]) -> bool:
    """Figures of one kind (press, or the publisher's own pages) for one cell: the first is used and the
    others with the same value are duplicates (corroboration); different values are errors."""
    first = rows[0]
    conflicting = [r for r in rows[1:] if not _same(r.value, first.value)]
    for r in conflicting:
        errors.append(
            Problem(
                "conflicting-duplicate",
                _at(r),
                r.value_published,
                f"the same value as {_where(first)} ({first.value_published}) for {cell}",
                "if the sources really disagree, mark both rows 'suspect' and say why in note; "
                "otherwise correct the number",
            )
        )
    if not conflicting:
        for r in rows[1:]:
            r.status = Status.DUPLICATE
            r.note = (r.note + f" [same value as {_where(first)}]").strip()
    return not conflicting


def resolve_cells(rows: list[Observation], errors: list[Problem], warnings: list[Problem]) -> list[str]:
    """Mark superseded and duplicate rows, collect conflicts; return what ``check`` says was replaced.

    Which row of a cell is used: a publisher file (the newest release), else a figure read on the
    publisher's own site, else a press figure."""
    replaced: list[str] = []
    cells: dict[tuple[str, str, Period | None], list[Observation]] = {}
    vintages: dict[tuple[str, str, str, str, str], list[int]] = {}
    for row in rows:
        if row.kind == Kind.OBSERVATION:
            cells.setdefault(row.key, []).append(row)
    for (ind, region, period), group in cells.items():
        if len(group) == 1:
            continue
        live = [r for r in group if r.status != Status.SUSPECT]
        files = [r for r in live if r.source_kind == SourceKind.PUBLISHER_FILE]
        pages = [r for r in live if r.source_kind == SourceKind.PUBLISHER_PAGE]
        press = [r for r in live if r.source_kind not in (SourceKind.PUBLISHER_FILE, SourceKind.PUBLISHER_PAGE)]
        cell = f"{ind} {R.name(region, 'lv')} ({region}) {period}"
        if files:
            newest = max(r.vintage or "" for r in files)
            best = [r for r in files if (r.vintage or "") == newest]
            for r in files:
                if r not in best:
                    r.status = Status.SUPERSEDED
                    r.note = f"older vintage {r.vintage}; {newest} used"
                    best[0].older = (*best[0].older, (r.source(), r.value))
                    key = (
                        r.dataset,
                        r.cell.file if r.cell else "",
                        str(r.vintage),
                        best[0].cell.file if best[0].cell else "",
                        newest,
                    )
                    count = vintages.setdefault(key, [0, 0])
                    count[0] += 1
                    count[1] += not _same(r.value, best[0].value)
            if len({r.value for r in best}) > 1:
                errors.append(
                    Problem(
                        "conflicting-duplicate",
                        _at(best[1]),
                        best[1].value_published,
                        f"the same value as {_where(best[0])} ({best[0].value_published}) for {cell}",
                        "the download gives two values for one cell: download it again",
                    )
                )
            for r in best[1:]:
                r.status = Status.DUPLICATE
            _supersede([*pages, *press], best[0], cell, replaced)
        elif pages:
            if _agree(pages, cell, errors):
                _supersede(press, pages[0], cell, replaced)
        elif press:
            _agree(press, cell, errors)
        suspects = [r for r in group if r.status == Status.SUSPECT]
        if len(suspects) > 1 and len({r.value for r in suspects}) > 1:
            values = ", ".join(f"{plain(r.value)} ({_where(r)})" for r in suspects)
            warnings.append(
                Problem(
                    "conflicting-suspects",
                    _at(suspects[0]),
                    "",
                    f"conflicting suspect values for {cell}: {values}",
                    "find the value the publisher gives, correct that row and remove 'suspect' from it (until "
                    "then all of them are left out of charts and sentences)",
                    Severity.WARNING,
                )
            )
    for (dataset, old_file, old_vintage, new_file, new_vintage), (n, revised) in sorted(vintages.items()):
        replaced.insert(
            0,
            f"{dataset}: vintage {new_vintage} ({new_file}) is used; the older vintage {old_vintage} "
            f"({old_file}) is kept for reference: {n} cells, {revised} of them revised "
            f"(`{command('diff')}` after a build lists them)",
        )
    return replaced


def _cause(before: float, after: float) -> str:
    """The likely cause of a large move between two values: a factor of a power of ten is a unit error."""
    f = I.factor(before, after)
    if math.isfinite(f) and f >= 9:
        k = round(math.log10(f))
        if abs(math.log10(f) - k) <= math.log10(1.1):  # within 10 % of 10, 100, 1000 …
            smaller = "a value in thousands read as units" if k == 3 else f"one value {10**k:,} times the other"
            return f"units: a factor of 10^{k} ({smaller}, or the reverse; check the unit of both)"
    if f >= I.refuse_factor():
        return f"a factor of {f:,.0f}: the value of another cell (territory, indicator or unit) or a typo"
    return (
        "a revision larger than publishers usually make: a typo, another territory or definition, or a real "
        "revision (a new method, census or boundaries) that the publisher's notes explain"
    )


def revisions(
    rows: list[Observation],
    errors: list[Problem],
    warnings: list[Problem],
    confirmed: Sequence[confirmations.Confirmation] = (),
    record: str = f"data/raw/{confirmations.FILE}",
) -> None:
    """Each value shown against the other sources for its cell (older vintages, replaced files and press
    figures; suspect rows are no source): beyond the indicator's ``revision`` tolerance, a warning naming
    both values, both files and the likely cause (``implausible-revision``); ``refuse_factor`` times or
    more away from every one of them, an error (``unconfirmed-revision``) unless ``confirmed`` (read from
    ``record``) names it, with the lines to write there. A confirmation that names no refused value is a
    warning (``stale-confirmation``)."""
    cells: dict[tuple[str, str, Period | None], list[Observation]] = {}
    for r in rows:
        if r.kind == Kind.OBSERVATION and r.status != Status.SUSPECT and r.period is not None:
            cells.setdefault(r.key, []).append(r)
    used: set[int] = set()
    for (ind, region, period), group in cells.items():
        shown = [r for r in group if r.status == Status.USED]
        if len(group) < 2 or len(shown) != 1:
            continue
        main = shown[0]
        others = [r for r in group if r is not main]
        cell = f"{ind} {R.name(region, 'en')} ({region}) {period}"
        tolerance = I.tolerances(ind).revision
        for other in others:
            if tolerance is not None and tolerance.exceeded(other.value, main.value):
                warnings.append(
                    Problem(
                        "implausible-revision",
                        _at(main),
                        main.value_published,
                        f"a change of at most {tolerance} from the other source for {cell}: {_where(main)} "
                        f"({_said(main)}) gives {plain(main.value)}, {_where(other)} ({_said(other)}) gave "
                        f"{plain(other.value)}: {tolerance.change(other.value, main.value)}",
                        f"likely cause: {_cause(other.value, main.value)}. Check both numbers at the publisher "
                        f"(what is plausible is declared in latgale_stats/core/tolerances.toml)",
                        Severity.WARNING,
                    )
                )
        if not all(I.factor(main.value, o.value) >= I.refuse_factor() for o in others):
            continue
        match = next(
            (
                c
                for c in confirmed
                if main.cell is not None and c.matches(main.cell.file, ind, region, str(period), main.value)
            ),
            None,
        )
        if match is not None:
            used.add(match.number)
            main.note = f"{main.note} [confirmed in {confirmations.FILE}: {match.checked}]".strip()
            continue
        f = min(I.factor(main.value, o.value) for o in others)
        side = "smaller" if abs(main.value) < abs(others[0].value) else "larger"
        times = "" if math.isinf(f) else f"{f:,.0f} times "
        gave = "; ".join(f"{plain(o.value)} in {_where(o)} ({_said(o)})" for o in others)
        lines = confirmations.snippet(
            main.cell.file if main.cell else main.dataset,
            ind,
            region,
            R.name(region, "en"),
            str(period),
            plain(main.value),
        )
        errors.append(
            Problem(
                "unconfirmed-revision",
                _at(main),
                main.value_published,
                f"a value within a factor of {I.refuse_factor():g} of every other source for {cell} ({gave}); "
                f"{_where(main)} ({_said(main)}) gives {plain(main.value)}, {times}{side}; "
                f"likely cause: {_cause(others[0].value, main.value)}. latgale-stats does not draw it (the build "
                "stops)",
                f"check the number at the publisher. If this file is wrong, replace it with a correct copy (download "
                f"it again) or correct the row; if the other source is the wrong one, correct it or mark its row "
                f"suspect. If the publisher really gives {plain(main.value)}, confirm it: add "
                f"these lines to {record} (create the file if it is not there), write in checked who checked it, "
                f"when and where, and run the build again:\n" + textwrap.indent(lines, "    "),
            )
        )
    for c in confirmed:
        if c.number not in used:
            warnings.append(
                Problem(
                    "stale-confirmation",
                    CellRef(record),
                    f"{c.file} {c.indicator} {c.region} {c.period} = {plain(c.value)}",
                    f"a value refused without confirmation; [[confirmed]] number {c.number} names none (the file, "
                    "the value or the other sources changed)",
                    f"remove [[confirmed]] number {c.number} from {record}, or correct it to the value now refused",
                    Severity.WARNING,
                )
            )


def plausibility(rows: list[Observation], warnings: list[Problem]) -> None:
    """Possible but implausible values: flagged with the row to check, never changed. A series moving
    from one period to the next (the month before for monthly values, the year before for yearly ones)
    by more than the indicator's ``step`` in core/tolerances.toml is named with both values."""
    used = [r for r in rows if r.status == Status.USED and r.kind == Kind.OBSERVATION]
    series: dict[tuple[str, str, bool], list[Observation]] = {}
    for r in used:
        if r.period is not None and I.tolerances(r.indicator).step is not None:
            series.setdefault((r.indicator, r.region, r.period.is_month), []).append(r)
    for (indicator, _, monthly), points in sorted(series.items()):
        step = I.tolerances(indicator).step
        assert step is not None
        points.sort(key=lambda r: r.period or Period(0))
        for before, after in zip(points, points[1:], strict=False):
            assert before.period is not None and after.period is not None
            if after.period.index() - before.period.index() == (1 if monthly else 12) and step.exceeded(
                before.value, after.value
            ):
                warnings.append(
                    Problem(
                        "implausible-jump",
                        _at(after),
                        after.value_published,
                        f"a change of at most {step} from the {'month' if monthly else 'year'} before "
                        f"({before.period}: {plain(before.value)}, {_where(before)}); it moved "
                        f"{step.change(before.value, after.value)}",
                        "check the number in the source (a typo such as 98 for 9.8?); what is plausible is "
                        "declared in latgale_stats/core/tolerances.toml",
                        Severity.WARNING,
                    )
                )
    gdp = {(r.cell.file if r.cell else "", r.period, r.region): r for r in used if r.indicator == "gdp_per_capita"}
    for (file, period, region), r in gdp.items():
        riga = gdp.get((file, period, "LV006"))
        if region in R.STATISTICAL_2021 and region != "LV006" and riga and r.value > riga.value:
            warnings.append(
                Problem(
                    "implausible-value",
                    _at(r),
                    r.value_published,
                    f"GDP per capita below Rīga's ({plain(riga.value)}, {_where(riga)}) in {period}",
                    "check the number and the region in the source",
                    Severity.WARNING,
                )
            )


def plausible_ranges(observations: list[Observation], warnings: list[Problem]) -> None:
    """Values outside what a real release of their indicator holds (``Indicator.plausible``): one warning
    a file and indicator, naming the count and the furthest values. ``update`` refuses such a download;
    a file put into data/raw/ by hand is read, and flagged here. A derived value names the file of its
    first input."""
    found: dict[tuple[str, str], list[Observation]] = {}
    for o in observations:
        ind = I.find(o.indicator)
        if ind is None or o.status != Status.USED or o.kind == Kind.STATEMENT or not I.implausible(ind, o.value):
            continue
        cell = o.cell or next((s.cell for s in o.sources if s.cell), None)
        found.setdefault((o.indicator, cell.file if cell else o.dataset), []).append(o)
    for (indicator, file), rows in sorted(found.items()):
        ind = I.get(indicator)
        assert ind.plausible is not None
        low, high = ind.plausible
        rows.sort(key=lambda o: -abs(o.value))
        named = ", ".join(f"{plain(round(o.value, 1))} ({o.region_name or o.region}, {o.period})" for o in rows[:3])
        more = f" and {len(rows) - 3} more" if len(rows) > 3 else ""
        first = rows[0]
        where = first.cell or CellRef(file)
        warnings.append(
            Problem(
                "implausible-range",
                CellRef(where.file, where.row, where.column, where.sheet),
                named + more,
                f"{ind.name_en} between {plain(low, True)} and {plain(high, True)} {ind.unit}"
                + (f", computed from {file}" if first.kind == Kind.DERIVED else ""),
                "check the file against the publisher's own figures; download it again or remove it from data/raw/",
                Severity.WARNING,
            )
        )


MAX_TOTAL_GAP = 0.10  # register totals further than this from Lursoft's published totals are named


def register_totals(rows: list[Observation], warnings: list[Problem]) -> None:
    """Latvia's registrations counted from the Register of Enterprises' file beside Lursoft's published
    national totals of new companies (curated data): a gap above 10 % is named with both cells."""
    lursoft = {
        r.period: r
        for r in rows
        if r.indicator == "new_enterprises" and r.region == "LV" and r.status == Status.USED and r.period
    }
    for r in rows:
        if r.indicator != "registrations" or r.region != "LV" or r.status != Status.USED or r.period is None:
            continue
        published = lursoft.get(r.period)
        if published is None or not published.value:
            continue
        gap = (r.value - published.value) / published.value
        if abs(gap) > MAX_TOTAL_GAP:
            warnings.append(
                Problem(
                    "implausible-total",
                    _at(r),
                    plain(r.value),
                    f"within {MAX_TOTAL_GAP:.0%} of Lursoft's published total for {r.period} "
                    f"({plain(published.value)}, {_where(published)}); the gap is {gap:+.1%}",
                    "check which legal forms are counted (core/territory/legal_forms.toml) and whether the file is "
                    "complete; Lursoft may count re-registrations or forms differently",
                    Severity.WARNING,
                )
            )


def suspect_warnings(rows: list[Observation], warnings: list[Problem]) -> None:
    for row in rows:
        if row.status == Status.SUSPECT:
            period = str(row.period) if row.period else "year not stated"
            warnings.append(
                Problem(
                    "suspect-kept",
                    _at(row, "status"),
                    "suspect",
                    f"suspect figure kept but left out: {row.indicator} {row.region_name} {period} = "
                    f"{row.value_published} ({textwrap.shorten(row.note, 160, placeholder=' …')})",
                    "check the source; remove 'suspect' once confirmed",
                    Severity.WARNING,
                )
            )


OFFICIAL = ("CSB", "Eurostat")  # publishers of official statistics whose releases are compared cell by cell
DIFFER_RELATIVE = 0.01  # more than 1 % apart ...
DIFFER_POINTS = 1.0  # ... or, for an index (Latvia = 100), more than 1 point


def official_publisher(o: Observation) -> str | None:
    """The official publisher a value comes from: its own, or for a derived value the one publisher of
    its inputs' files (None for press figures, single figures read on a publisher's page, statements and
    values mixing publishers)."""
    if o.kind == Kind.OBSERVATION:
        return o.publisher if o.source_kind == SourceKind.PUBLISHER_FILE and o.publisher in OFFICIAL else None
    if o.kind == Kind.DERIVED:
        found = {s.publisher for s in o.sources if s.kind == SourceKind.PUBLISHER_FILE}
        if len(found) == 1 and not any(s.kind in (SourceKind.PRESS, SourceKind.PUBLISHER_PAGE) for s in o.sources):
            publisher = found.pop()
            return publisher if publisher in OFFICIAL else None
    return None


def differ_beyond(indicator: str, shown: float, other: float) -> bool:
    if I.get(indicator).unit == "Latvia = 100":
        return abs(shown - other) > DIFFER_POINTS + 1e-9
    return abs(shown - other) > DIFFER_RELATIVE * max(abs(shown), abs(other)) + 1e-9


def publishers_differ(values: list[Observation], warnings: list[Problem]) -> None:
    """For each cell shown from one official publisher, the other's newest release for the same cell:
    where they differ beyond the tolerance, the shown value records it (``differs``) and ``check`` warns,
    once per indicator and pair of releases, with the cells' values."""
    cells: dict[tuple[str, str, Period | None, str | None], list[tuple[Observation, str]]] = {}
    for o in values:
        publisher = official_publisher(o)
        if (
            publisher
            and I.get(o.indicator).compared
            and o.status in (Status.USED, Status.SUPERSEDED)
            and o.period is not None
        ):
            cells.setdefault((o.indicator, o.region, o.period, o.versus), []).append((o, publisher))
    found: dict[tuple[str, str, str, str, str], list[tuple[Observation, Observation]]] = {}
    for group in cells.values():
        shown = [(o, p) for o, p in group if o.status == Status.USED]
        if len(shown) != 1:
            continue
        main, publisher = shown[0]
        others: dict[str, Observation] = {}
        for o, p in group:
            if p != publisher and (p not in others or (o.vintage or "") > (others[p].vintage or "")):
                others[p] = o
        for other in others.values():
            if differ_beyond(main.indicator, main.value, other.value):
                main.differs = (*main.differs, (other.main_source(), other.value))
                key = (main.indicator, publisher, main.vintage or "", other.publisher, other.vintage or "")
                found.setdefault(key, []).append((main, other))
    for (indicator, _, _, _, _), pairs in sorted(found.items()):
        main, other = pairs[0]
        examples = "; ".join(
            f"{R.name(m.region, 'en')} {m.period}: {plain(m.value)} against {plain(o.value)}" for m, o in pairs[:3]
        )
        more = f" and {len(pairs) - 3} more" if len(pairs) > 3 else ""
        warnings.append(
            Problem(
                "publishers-differ",
                _at(main),
                plain(main.value),
                f"{indicator}: {_name(main)} is shown; {_name(other)} differs by more than "
                f"{'1 point' if I.get(indicator).unit == 'Latvia = 100' else '1 %'} "
                f"in {len(pairs)} cells ({examples}{more})",
                "nothing to correct: both are official releases; the figure notes and the annex name the other "
                "release and the difference (README: Which value is shown)",
                Severity.WARNING,
            )
        )


def _name(o: Observation) -> str:
    r = o.main_source()
    return f"{r.publisher} {r.dataset} (release {r.vintage or 'undated'})"
