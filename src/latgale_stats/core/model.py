"""The typed core: periods, kinds, statuses, cell references, and the observation every reader produces.

Every number the package handles is an :class:`Observation`: one value of one indicator for one
territory and period, with where it was read (:class:`CellRef`) and who produced it
(:class:`SourceRef`). Derived values are observations too (``kind`` :attr:`Kind.DERIVED`); they keep
the cells they were computed from in ``inputs`` and the sources of those cells in ``sources``, as
structured fields, so nothing downstream has to parse a string this package wrote.

The enums are ``StrEnum``: a member equals its text (``Kind.DERIVED == "derived"``), which is what
the observations DataFrame holds.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from . import outlets


class Kind(StrEnum):
    """What a number is."""

    OBSERVATION = "observation"  # read from a publisher file or a press report
    DERIVED = "derived"  # computed here from observations
    STATEMENT = "statement"  # what an earlier application stated (compared, never merged into a series)


class SourceKind(StrEnum):
    """Where a number was read."""

    PUBLISHER_FILE = "publisher file"  # a download from the publisher (Eurostat, CSB, NVA's tables in CSP's database)
    # a figure read on the publisher's own site (NVA's monthly release on nva.gov.lv; core/outlets.toml [own]):
    # the publisher's release, below its files and above the press
    PUBLISHER_PAGE = "publisher page"
    PRESS = "press figure"  # a figure read in a report, press release or news item on another site
    STATEMENT = "statement"
    DERIVED = "derived"


class Status(StrEnum):
    """Whether a row is used."""

    USED = ""
    SUSPECT = "suspect"  # kept, listed by ``check``, left out of figures and sentences
    SUPERSEDED = "superseded"  # a publisher file or a newer vintage gives the same cell
    DUPLICATE = "duplicate"  # the same value as another row (corroboration)


class VintageFrom(StrEnum):
    """What a vintage date is. A date the file holds, or one its origin record gives as the publisher's
    release, is a release date; a date that is only the day the copy was made (a download's file name,
    an origin with ``release_date_from = "copy"``) is a copy date: the release is on or before it, and
    a citation says "downloaded", never "release"."""

    NONE = ""  # no date (figures as published), or dates of both kinds (a value derived from several files)
    RELEASE = "release"
    COPY = "copy"

    def label(self, vintage: str | None) -> str:
        """A vintage in messages and notes: 'release 2023-02-21', 'copy of 2024-01-12'."""
        if not vintage:
            return "no date"
        return {VintageFrom.RELEASE: f"release {vintage}", VintageFrom.COPY: f"copy of {vintage}"}.get(self, vintage)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


_PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")


@dataclass(frozen=True, order=True)
class Period:
    """A calendar year (for population: 1 January) or the end of a month."""

    year: int
    month: int | None = None

    @classmethod
    def parse(cls, text: str) -> Period:
        """``'2025'`` or ``'2025-12'``; anything else raises ``ValueError``."""
        m = _PERIOD.match(text.strip())
        if not m:
            raise ValueError(f"not a period: {text!r}")
        return cls(int(m.group(1)), int(m.group(2)) if m.group(2) else None)

    @classmethod
    def of(cls, text: str | None) -> Period | None:
        """``parse`` for a text that may be empty (a statement without a year)."""
        return cls.parse(text) if text else None

    @property
    def is_month(self) -> bool:
        return self.month is not None

    def end(self) -> date:
        """The last day of the period."""
        if self.month is None:
            return date(self.year, 12, 31)
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def index(self) -> int:
        """Months since year 0 (years count as their December), for 'consecutive' tests."""
        return self.year * 12 + (self.month or 12)

    def __str__(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class CellRef:
    """Where a value stands: the file (as the analyst sees its path), the sheet, the row as a
    spreadsheet or editor numbers it, and the column's name."""

    file: str
    row: int | None = None
    column: str = ""
    sheet: str = ""

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)


@dataclass(frozen=True)
class SourceRef:
    """Who produced a number and where it was read: the publisher (NVA, CSB, Lursoft, Eurostat),
    the dataset or table, its vintage (a release date, or the day the copy was made: ``vintage_from``),
    the page or file address, and the cell."""

    publisher: str
    kind: SourceKind
    dataset: str = ""
    vintage: str | None = None
    url: str = ""
    cell: CellRef | None = None
    outlet: str = ""  # for figures read in a report or the press: the site they were read on (lsm.lv)
    vintage_from: VintageFrom = VintageFrom.NONE

    @property
    def release(self) -> str:
        """The release this source is, as one text: 'Eurostat nama_10r_3gdp, release 2026-02-10'. Figures
        read on the publisher's own page or in the press are the publisher's figures as published, one basis
        whatever page gave them (a monthly figure is published once, not revised); the 2013 application's
        statements are its own."""
        if self.kind in (SourceKind.PRESS, SourceKind.PUBLISHER_PAGE):
            return f"{self.publisher}, figures as published"
        if self.kind == SourceKind.STATEMENT:
            return "2013 application"
        return f"{self.publisher} {self.dataset}, {self.vintage_from.label(self.vintage)}"


@dataclass(frozen=True)
class InputRef:
    """One input of a derived value: which cell it is and the value taken from it."""

    indicator: str
    region: str
    period: str
    value: float
    cell: CellRef | None  # None: itself derived

    def __str__(self) -> str:
        value = f"{self.value:.10g}"
        where = f" ({self.cell})" if self.cell else " (derived)"
        return f"{self.indicator} {self.region} {self.period} = {value}{where}"


@dataclass(frozen=True)
class RawRecord:
    """One value as a reader found it: text as written, before validation. ``columns`` maps each
    field to the column name the analyst sees in the file (for messages)."""

    indicator: str
    region: str
    period: str
    value: str
    unit: str
    publisher: str
    dataset: str
    cell: CellRef
    kind: Kind = Kind.OBSERVATION
    source_kind: SourceKind = SourceKind.PUBLISHER_FILE
    flag: str = ""
    status: str = ""
    vintage: str | None = None
    vintage_from: VintageFrom = VintageFrom.NONE
    url: str = ""
    quote: str = ""
    note: str = ""
    columns: dict[str, str] = field(default_factory=dict)
    require_url: bool = False

    def column(self, name: str) -> str:
        return self.columns.get(name, name)


@dataclass
class Observation:
    """A validated value in the indicator's canonical unit, with its provenance.

    ``status`` is mutable: reconciling cells marks rows superseded or duplicate."""

    indicator: str
    region: str
    region_name: str
    period: Period | None
    value: float
    unit: str
    kind: Kind
    source_kind: SourceKind
    publisher: str
    dataset: str
    cell: CellRef | None
    status: Status = Status.USED
    flag: str = ""
    vintage: str | None = None
    vintage_from: VintageFrom = VintageFrom.NONE  # whether ``vintage`` is a release date or a copy date
    sha256: str = ""
    url: str = ""
    quote: str = ""
    note: str = ""
    value_published: str = ""
    unit_published: str = ""
    versus: str | None = None
    inputs: tuple[InputRef, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    # the publisher file a value belongs to: values are combined only within one basis (one file and
    # vintage), so that a ratio never mixes two releases; for derived values, their main input's file
    basis: str = ""
    # another official publisher's release for the same cell that differs by more than the tolerance
    # (pipeline.reconcile.publishers_differ): that release and its value, for notes and the annex
    differs: tuple[tuple[SourceRef, float], ...] = ()
    # the same cell in the older releases this value superseded (pipeline.reconcile.resolve_cells for
    # publisher files, pipeline.derive.choose_newest for derived values): each release and its value, so a
    # figure can say how far apart two releases are where a line passes from one to the other
    older: tuple[tuple[SourceRef, float], ...] = ()

    @property
    def key(self) -> tuple[str, str, Period | None]:
        """The cell this value fills: indicator, territory, period."""
        return (self.indicator, self.region, self.period)

    def source(self) -> SourceRef:
        """This row as a source of other values."""
        site = outlets.host(self.url) if self.source_kind != SourceKind.PUBLISHER_FILE else ""
        return SourceRef(
            self.publisher, self.source_kind, self.dataset, self.vintage, self.url, self.cell, site, self.vintage_from
        )

    def main_source(self) -> SourceRef:
        """The release this value belongs to: its own source, or for a derived value its main input's (the
        first input's first source: the GDP file of an index, the population of a population index)."""
        if self.kind == Kind.DERIVED and self.sources:
            return self.sources[0]
        return self.source()

    def as_input(self) -> InputRef:
        return InputRef(self.indicator, self.region, str(self.period), self.value, self.cell)
