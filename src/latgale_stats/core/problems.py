"""Problems found in the input, each with a stable code, collected and reported together.

Every problem names where it is (a :class:`CellRef`: file, sheet, row as the user sees it, column),
the value, what was expected and what to do, and carries a kebab-case ``code`` from :data:`CODES`
(the codes are listed in the README). :class:`DataError` carries all errors of one run; warnings are
returned beside the data. Tests and ``check`` group by code, never by the English wording.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from .model import CellRef, Severity

# code -> what it means (README "Problem codes" is this table)
CODES: dict[str, str] = {
    # the file as a whole
    "missing-folder": "the data folder does not exist",
    "unsupported-format": "a file no reader takes, or a kind of file that must be converted first",
    "damaged-file": "a file that cannot be opened or is incomplete (download or save it again)",
    "missing-column": "a column the format requires is not in the header",
    "unexpected-dimension": "a publisher table with a breakdown the catalogue does not use (select one value)",
    "unknown-dataset": "a publisher dataset or table the catalogue does not know",
    "empty-table": "a table without a single value",
    "too-large": "a file or table larger than latgale-stats reads (refused before it is unpacked)",
    "row-width": "a row with another number of cells than the header",
    "file-name": "the file name lacks what the file itself does not say (dataset, release date)",
    # one value
    "unknown-indicator": "an indicator id that is not in the catalogue",
    "derived-indicator": "a derived indicator entered as data (enter its inputs instead)",
    "bad-period": "a period that is not a year (YYYY) or a month (YYYY-MM)",
    "future-period": "a period that has not happened: not begun (a typo such as 2062 for 2026), or not ended for "
    "a figure at the end of a month or year or a total over it",
    "early-period": "a period before the indicator's series can begin (before 1990: e.g. population in the year 1000)",
    "unknown-region": "a territory name unknown for the indicator",
    "ambiguous-region": "a territory name that fits several units",
    "not-a-number": "a value that is not a number as the format writes numbers",
    "value-is-date": "a value the spreadsheet read as a date (9.6 typed with Latvian settings is 9 June): type 9,6",
    "out-of-range": "a value outside the indicator's possible range",
    "not-whole": "a count that is not a whole number",
    "missing-unit": "no unit given",
    "unit-mismatch": "a unit the indicator cannot be converted from",
    "bad-status": "a status other than empty or 'suspect'",
    "missing-publisher": "no publisher given",
    "missing-source": "a figure without the address (or quote) it was read from",
    "bad-date": "a release date that cannot be read",
    "missing-release-date": "a publisher file that does not say when it was released (its header line is missing)",
    "refused-outlet": "a figure read on a site that must never be cited (propaganda, content farm, encyclopedia)",
    "conflicting-duplicate": "two values for the same cell, neither marked suspect",
    "bad-parameter": "a notebook or build parameter that names something unknown",
    "no-data-for-focus": "a focus without a value for any indicator in data/raw/ (what is missing, where to get it)",
    "bad-project-facts": "project.toml is missing, invalid or incomplete",
    "bad-origins": "data/raw/origins.toml is invalid or a table in it lacks a required key",
    "bad-value": "a cell outside the format's value set or form (a date not YYYY-MM-DD, a status letter unknown)",
    "unconfirmed-revision": "a value 100 times or more away from every other source for its cell (a unit error?): "
    "not drawn until someone who checked it confirms it in data/raw/confirmations.toml",
    "bad-confirmations": "data/raw/confirmations.toml is invalid, or an entry lacks a key or says nothing in checked",
    # `latgale-stats update` (one a source that failed; data/raw/ is left as it was)
    "download-failed": "a publisher's server could not be reached or kept failing (after the retries)",
    "download-incomplete": "a download that ended early or is damaged (length, gzip)",
    "download-refused": "a download that is not the data asked for (a web page, another format, unreadable)",
    "table-changed": "a publisher table whose variables or values are not what the dataset catalogue expects",
    "update-running": "another `latgale-stats update` is writing to the same data folder (wait for it to finish)",
    # warnings
    "unknown-outlet": "a figure read on a site the outlet policy does not know yet: check it is a reliable outlet",
    "origin-mismatch": "a raw file and its record in data/raw/origins.toml disagree (missing, or another SHA-256)",
    "suspect-kept": "a row marked suspect: kept, listed, left out of figures and sentences",
    "conflicting-suspects": "suspect rows that disagree about one cell",
    "implausible-jump": "a value that moved from the month (or year) before more than core/tolerances.toml allows",
    "implausible-value": "a value implausible beside another region's (e.g. above Rīga's)",
    "implausible-revision": "a value that moved from another source for its cell (an older release, a replaced file "
    "or press figure) more than core/tolerances.toml allows",
    "stale-confirmation": "an entry of data/raw/confirmations.toml that confirms no refused value any more",
    "duplicate-entity": "the same entity (register number) on two rows of the Register of Enterprises file",
    "unknown-legal-form": "a legal form of the Register of Enterprises not listed as counted or not counted",
    "unplaced-address": "register rows whose legal address is placed in no municipality (counted for Latvia only)",
    "publishers-differ": "two official publishers give one cell values more than 1 % (1 index point) apart",
    "implausible-total": "a total computed here more than 10 % away from the publisher's own published total",
    "publisher-corrected": "a curated row credited to another publisher than its file gives, as core/corrections.toml "
    "declares with the reason (the file is kept as collected)",
    "stale-correction": "a publisher correction in core/corrections.toml that matches no row of its file any more",
    "unexpected-publisher": "a press figure credited to a publisher the catalogue does not list for its indicator",
    "implausible-range": "values outside what a real release of the indicator holds (e.g. 821.7 new companies "
    "per 1000 inhabitants)",
    "future-release": "a release date after the day the file was downloaded: that day is used instead, as a copy date",
}


@dataclass(frozen=True)
class Problem:
    code: str
    where: CellRef
    value: str = ""
    expected: str = ""
    action: str = ""
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown problem code {self.code!r}")

    @property
    def file(self) -> str:
        return self.where.file

    @property
    def row(self) -> int | None:
        return self.where.row

    @property
    def column(self) -> str:
        return self.where.column

    @property
    def sheet(self) -> str:
        return self.where.sheet

    def __str__(self) -> str:
        value = f"value {self.value!r}: " if self.value != "" else ""
        action = f" What to do: {self.action}" if self.action else ""
        return f"[{self.code}] {self.where}: {value}{self.expected}.{action}"

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": str(self.severity),
            "code": self.code,
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "expected": self.expected,
            "action": self.action,
        }


@dataclass
class DataError(Exception):
    """One or more errors in the input data. ``str()`` gives a readable report of all of them."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(self.report())

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]

    def report(self, per_file: int = 20) -> str:
        """Every problem numbered, at most ``per_file`` for each file (the rest counted)."""
        n = len(self.problems)
        lines = [f"{n} error{'s' if n != 1 else ''} in the input data (nothing was written):"]
        shown: dict[str, int] = {}
        more: dict[str, int] = {}
        for i, p in enumerate(self.problems, 1):
            shown[p.file] = shown.get(p.file, 0) + 1
            if shown[p.file] <= per_file:
                lines.append(f"  {i}. {p}")
            else:
                more[p.file] = more.get(p.file, 0) + 1
        lines += [f"  … and {k} more in {file} (the first {per_file} are listed)" for file, k in more.items()]
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()

    def _repr_html_(self) -> str:  # readable in JupyterLab
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in p.as_dict().values()) + "</tr>"
            for p in self.problems
        )
        keys = self.problems[0].as_dict() if self.problems else {}
        cols = "".join(f"<th>{c}</th>" for c in keys)
        return f"<p><b>{len(self.problems)} data error(s)</b></p><table><tr>{cols}</tr>{rows}</table>"
