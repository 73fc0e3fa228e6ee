"""Problems found in the input, collected and reported together.

Every problem names the file, the sheet (for workbooks), the row as the user sees it (the line
number in a CSV file, the row number in Excel), the column, the value, what was expected and what
to do. :class:`DataError` carries all errors of one run; warnings are returned beside the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    file: str
    row: int | None
    column: str
    value: str
    expected: str
    action: str = ""
    sheet: str = ""
    severity: str = "error"  # "error" or "warning"

    def where(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        value = f"value {self.value!r}: " if self.value != "" else ""
        action = f" What to do: {self.action}" if self.action else ""
        return f"{self.where()}: {value}{self.expected}.{action}"

    def as_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
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

    def report(self) -> str:
        n = len(self.problems)
        head = f"{n} error{'s' if n != 1 else ''} in the input data (nothing was written):"
        return "\n".join([head, *(f"  {i}. {p}" for i, p in enumerate(self.problems, 1))])

    def __str__(self) -> str:
        return self.report()

    def _repr_html_(self) -> str:  # readable in JupyterLab
        import html

        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in p.as_dict().values()) + "</tr>"
            for p in self.problems
        )
        keys = self.problems[0].as_dict() if self.problems else {}
        cols = "".join(f"<th>{c}</th>" for c in keys)
        return f"<p><b>{len(self.problems)} data error(s)</b></p><table><tr>{cols}</tr>{rows}</table>"
