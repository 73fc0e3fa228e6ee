"""Writing outputs: atomically (temporary name, then rename) and with the same bytes for the same inputs."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core import indicators as I
from ..core import regions as R
from ..core.io import atomic_write_bytes, normalise_zip
from ..pipeline.select import statements_vs_data
from ..present.charts.common import CHART_DATA_COLUMNS
from ..present.charts.theme import DPI, style

if TYPE_CHECKING:
    pass


def _sheet(wb, title: str, df, widths: dict[str, int] | None = None) -> None:
    """One sheet, streamed (openpyxl's write-only mode): bold header, frozen first row, widths."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title[:31])
    for i, col in enumerate(df.columns, 1):
        width = (widths or {}).get(col)
        if width is None:
            longest = max([len(str(col)), *(len(str(v)) for v in df[col].head(200))])
            width = min(max(10, longest + 2), 60)
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for col in df.columns:
        cell = WriteOnlyCell(ws, value=str(col))
        cell.font = bold
        header.append(cell)
    ws.append(header)
    for row in df.itertuples(index=False):
        ws.append([_cell(ws, v) for v in row])


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP: text a spreadsheet could run as a formula


def _cell(ws: Any, value: object) -> object:
    """A value as written: numbers stay numbers; text that a spreadsheet program would take for a
    formula (starting with =, +, -, @, tab or CR) is stored as text, never as a live formula."""
    import pandas as pd
    from openpyxl.cell import WriteOnlyCell

    if value is None or (isinstance(value, float | int) and pd.isna(value)) or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def workbook_bytes(sheets: list[tuple[str, object]]) -> bytes:
    """An xlsx with one sheet per (title, DataFrame), deterministic."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for title, df in sheets:
        _sheet(wb, title, df)
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_zip(buf.getvalue())


INDICATOR_COLUMNS = [
    "region",
    "region_name_lv",
    "region_name_en",
    "period",
    "value",
    "unit",
    "flag",
    "kind",
    "publisher",
    "vintage",
    "file",
    "row",
    "url",
    "quote",
    "note",
    "versus",
    "inputs",
    "value_published",
    "unit_published",
]


def indicators_workbook(df) -> bytes:
    """``reports/indicators.xlsx``: a sheet per indicator (observations and derived values, with
    their sources), the statements of the 2013 application beside current data, and the files."""
    import pandas as pd  # heavy: imported when a workbook is written

    readme = pd.DataFrame(
        {
            "sheet": ["statements", *(i.id for i in I.CATALOGUE if (df["indicator"] == i.id).any())],
            "content": [
                "what the 2013 application stated, beside the current value of the same cell",
                *(f"{i.name_en} ({i.unit}); {i.definition}" for i in I.CATALOGUE if (df["indicator"] == i.id).any()),
            ],
        }
    )
    sheets: list[tuple[str, object]] = [("README", readme), ("statements", statements_vs_data(df))]
    for ind in I.CATALOGUE:
        part = df[(df["indicator"] == ind.id) & (df["kind"] != "statement")]
        if part.empty:
            continue
        part = part.assign(
            region_name_lv=part["region"].map(lambda c: R.name(c, "lv")),
            region_name_en=part["region"].map(lambda c: R.name(c, "en")),
            inputs=part["inputs"].map(lambda refs: "; ".join(str(r) for r in refs)),
        ).sort_values(["region", "period"], kind="stable")
        sheets.append((ind.id, part[INDICATOR_COLUMNS]))
    files = (
        df[df["sha256"] != ""][["file", "sha256", "publisher", "vintage"]].drop_duplicates(["file"]).sort_values("file")
    )
    sheets.append(("files", files))
    return workbook_bytes(sheets)


FORMATS = ("png", "svg", "pdf")


def figure_bytes(fig, fmt: str) -> bytes:
    """One figure rendered to PNG (300 dpi), SVG (text as text) or PDF (TrueType), without dates
    or version stamps, so the same figure gives the same bytes."""
    meta = {
        "png": {"Software": None, "Title": fig.title, "Description": fig.alt_text},
        "svg": {"Date": None, "Creator": None, "Title": fig.title, "Description": fig.alt_text},
        "pdf": {
            "CreationDate": None,
            "ModDate": None,
            "Creator": None,
            "Producer": None,
            "Title": fig.title,
            "Subject": fig.alt_text,
        },
    }[fmt]
    buf = io.BytesIO()
    with style():
        fig.savefig(buf, format=fmt, dpi=DPI, metadata=meta)
    return buf.getvalue()


def write_figure(fig, folder: Path) -> list[Path]:
    """``<folder>/<id>_<lang>.{png,svg,pdf}``, each written atomically."""
    return [atomic_write_bytes(folder / f"{fig.chart_id}_{fig.lang}.{fmt}", figure_bytes(fig, fmt)) for fmt in FORMATS]


def chart_data_workbook(figures) -> bytes:
    """``chart_data.xlsx``: a sheet per figure with the numbers plotted and their sources, and an
    index sheet with each figure's title, footer and alt text in both languages."""
    import pandas as pd  # heavy: imported when a workbook is written

    index_rows, sheets, seen = [], [], set()
    for fig in figures:
        index_rows.append(
            {
                "figure": fig.chart_id,
                "language": fig.lang,
                "title": fig.title,
                "subtitle": fig.subtitle,
                "footer": fig.footer,
                "alt_text": fig.alt_text,
                "files": ", ".join(f"figures/{fig.chart_id}_{fig.lang}.{f}" for f in FORMATS),
            }
        )
        if fig.chart_id not in seen:
            seen.add(fig.chart_id)
            sheets.append((fig.chart_id, fig.data[CHART_DATA_COLUMNS]))
    return workbook_bytes([("figures", pd.DataFrame(index_rows)), *sheets])
