"""Writing outputs: atomically (temporary name, then rename) and with the same bytes for the same inputs."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core import indicators as I
from ..core import regions as R
from ..core.declarations import ANNEX_FORMAT, FIGURE_FORMATS
from ..core.io import atomic_write_bytes, normalise_zip
from ..pipeline.select import statements_vs_data
from ..present.charts.common import CHART_DATA_COLUMNS, without_sources
from ..present.charts.theme import DPI, style
from .sheets import print_setup

if TYPE_CHECKING:
    pass


# Column headers in Latvian and English (two lines of one header cell): key -> (Latvian, English).
HEADERS: dict[str, tuple[str, str]] = {
    "series": ("Sērija", "Series"),
    "indicator": ("Rādītājs", "Indicator"),
    "region": ("Teritorijas kods", "Territory code"),
    "region_name": ("Teritorija", "Territory"),
    "region_name_lv": ("Teritorija latviski", "Territory in Latvian"),
    "region_name_en": ("Teritorija angliski", "Territory in English"),
    "period": ("Periods", "Period"),
    "period_label": ("Periods, kā norādīts", "Period as stated"),
    "value": ("Vērtība", "Value"),
    "unit": ("Mērvienība", "Unit"),
    "flag": ("Atzīme", "Flag"),
    "kind": ("Veids", "Kind"),
    "source_kind": ("Avota veids", "Source kind"),
    "publisher": ("Publicētājs", "Publisher"),
    "dataset": ("Datu kopa", "Dataset"),
    "vintage": ("Laidiena vai kopijas datums", "Release or copy date"),
    "vintage_from": ("Datums ir", "The date is"),  # "release", or "copy": only the day the copy was made
    "release": ("Laidiens", "Release"),
    "file": ("Fails", "File"),
    "row": ("Rinda", "Row"),
    "url": ("Adrese", "Address (URL)"),
    "quote": ("Citāts", "Quote"),
    "note": ("Piezīme", "Note"),
    "versus": ("Salīdzinājums", "Compared with"),
    "inputs": ("Aprēķināts no", "Computed from"),
    "value_published": ("Vērtība, kā publicēta", "Value as published"),
    "unit_published": ("Mērvienība, kā publicēta", "Unit as published"),
    "figure": ("Attēls", "Figure"),
    "language": ("Valoda", "Language"),
    "title": ("Virsraksts", "Title"),
    "subtitle": ("Apakšvirsraksts", "Subtitle"),
    "footer": ("Kājene: avoti un piezīmes", "Footer: sources and notes"),
    "alt_text": ("Alternatīvais teksts", "Alt text"),
    "files": ("Faili", "Files"),
    "sheet": ("Lapa", "Sheet"),
    "content": ("Saturs", "Content"),
    "sha256": ("SHA-256", "SHA-256"),
    "stated": ("2013. gadā norādīts", "Stated in 2013"),
    "stated_quote": ("2013. gada citāts", "2013 quote"),
    "stated_publisher": ("2013. gadā minētais avots", "Source named in 2013"),
    "stated_file": ("Fails (2013)", "File (2013)"),
    "stated_row": ("Rinda (2013)", "Row (2013)"),
    "current": ("Pašreizējā vērtība", "Current value"),
    "current_source": ("Pašreizējās vērtības avots", "Source of the current value"),
    "difference": ("Starpība", "Difference"),
    "comment": ("Komentārs", "Comment"),
}
WRAPPED = {"footer": 70, "alt_text": 70, "content": 80, "comment": 50, "quote": 50, "stated_quote": 50, "note": 40}
WRAPPED |= {"title": 40, "subtitle": 40, "inputs": 50, "files": 40}
NUMERIC = ("value", "stated", "current", "difference")  # formatted with the indicator's decimals
MAX_WIDTH = 60


def header(key: str) -> str:
    """A column's header cell: Latvian above English ('Vērtība\\nValue')."""
    lv, en = HEADERS.get(key, (key, key))
    return lv if lv == en else f"{lv}\n{en}"


def column_keys(headers) -> list[str]:
    """The column keys of a header row read back (the inverse of ``header``)."""
    known = {header(k): k for k in HEADERS}
    return [known.get(str(h), str(h)) for h in headers]


def number_format(decimals: int | None) -> str:
    """The Excel number format of a value shown with ``decimals`` decimals, as the figures show it
    (``present.formatting``): grouped thousands; the spreadsheet program shows its locale's
    separators ('1 234,5' in Latvian, '1,234.5' in English)."""
    if decimals is None:
        return "General"
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def indicator_decimals(indicator: object) -> int | None:
    """The decimals the figures and sentences give an indicator (the catalogue), None if unknown."""
    ind = I.find(str(indicator)) if isinstance(indicator, str) else None
    return ind.decimals if ind is not None else None


def _width(key: str, df) -> float:
    """Wide enough for the header's longer line; for the values up to MAX_WIDTH; a wrapped column
    its reading width."""
    head = max(len(line) for line in header(key).split("\n")) + 2
    if key in WRAPPED:
        return max(head, WRAPPED[key])
    longest = max([0, *(len(str(v)) for v in df[key].head(200))]) + 2
    return max(head, min(max(10, longest), MAX_WIDTH))


LINE_HEIGHT = 15  # points a line of 11 pt text takes in a row


def _lines(value: object, width: float) -> int:
    """How many lines ``value`` wraps to in a column ``width`` characters wide (an estimate: text
    averages a little narrower than the digit the width is measured in; LibreOffice 7.4 showed no
    footer or alt text cut with 1.1)."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, int(width * 1.1))
    return sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))


def _sheet(wb, title: str, df, decimals=None) -> None:
    """One sheet, streamed (openpyxl's write-only mode): a two-line header (Latvian, English), bold,
    frozen and repeated when printed; widths that show it; footers, alt texts and other long text
    wrapped; values with the decimals their indicator is shown with (``decimals``: one a row; by
    default from the sheet's ``indicator`` column)."""
    from openpyxl.cell import Cell, WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title[:31])
    keys = [str(c) for c in df.columns]
    for i, key in enumerate(keys, 1):
        ws.column_dimensions[get_column_letter(i)].width = _width(key, df)
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30  # two lines
    print_setup(ws)
    if keys:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{len(df) + 1}"
    head_font, head_fill = Font(name="Calibri", size=11, bold=True), PatternFill("solid", fgColor="DDEBF7")
    head_align = Alignment(wrap_text=True, vertical="top")
    cells = []
    for key in keys:
        cell = WriteOnlyCell(ws, value=header(key))
        cell.font, cell.fill, cell.alignment = head_font, head_fill, head_align
        cells.append(cell)
    ws.append(cells)
    if decimals is None:
        decimals = df["indicator"].map(indicator_decimals) if "indicator" in df.columns else [None] * len(df)
    wrap, top = Alignment(wrap_text=True, vertical="top"), Alignment(vertical="top")
    styled = [(key in NUMERIC, key in WRAPPED) for key in keys]
    widths = [ws.column_dimensions[get_column_letter(i)].width for i in range(1, len(keys) + 1)]
    for row_number, (places, row) in enumerate(zip(decimals, df.itertuples(index=False), strict=True), 2):
        fmt = number_format(None if places is None or places != places else int(places))
        lines = max([1, *(_lines(v, w) for (_, wrapped), v, w in zip(styled, row, widths, strict=True) if wrapped)])
        if lines > 1:  # programs do not all fit a row to wrapped text on opening: give it its height
            ws.row_dimensions[row_number].height = min(LINE_HEIGHT * lines + 3, 409)
        out = []
        for (numeric, wrapped), v in zip(styled, row, strict=True):
            value = _cell(ws, v)
            number = numeric and isinstance(value, float | int) and fmt != "General"
            if number or (value is not None and (wrapped or lines > 1)):
                cell = value if isinstance(value, Cell) else WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]
                if number:
                    cell.number_format = fmt
                if wrapped or lines > 1:  # a tall row reads from the top
                    cell.alignment = wrap if wrapped else top
                value = cell
            out.append(value)
        ws.append(out)


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


def workbook_bytes(sheets: list[tuple[str, object]], decimals: dict[str, object] | None = None) -> bytes:
    """An xlsx with one sheet per (title, DataFrame), deterministic; ``decimals`` by sheet title
    where a sheet's rows have no ``indicator`` column."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    for title, df in sheets:
        _sheet(wb, title, df, (decimals or {}).get(title))
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
    "vintage_from",
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
    decimals: dict[str, object] = {}
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
        decimals[ind.id] = [ind.decimals] * len(part)
    files = (
        df[df["sha256"] != ""][["file", "sha256", "publisher", "vintage", "vintage_from"]]
        .drop_duplicates(["file"])
        .sort_values("file")
    )
    sheets.append(("files", files))
    return workbook_bytes(sheets, decimals)


FORMATS = FIGURE_FORMATS


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
    }["png" if fmt == ANNEX_FORMAT else fmt]
    buf = io.BytesIO()
    artist = fig.footer_artist if fmt == ANNEX_FORMAT else None
    footer, where = (artist.get_text(), artist.get_position()) if artist is not None else ("", (0.0, 0.0))
    try:
        if artist is not None:  # the notes alone, from where the footer starts (the space left is at the bottom)
            artist.set_text(without_sources(footer, fig.lang))
            artist.set_y(fig.footer_top)
            artist.set_verticalalignment("top")
        with style():
            fig.savefig(buf, format="png" if fmt == ANNEX_FORMAT else fmt, dpi=DPI, metadata=meta)
    finally:
        if artist is not None:
            artist.set_text(footer)
            artist.set_position(where)
            artist.set_verticalalignment("bottom")
    return buf.getvalue()


def write_figure(fig, folder: Path) -> list[Path]:
    """``<folder>/<id>_<lang>.{png,svg,pdf}``, each written atomically."""
    return [atomic_write_bytes(folder / f"{fig.chart_id}_{fig.lang}.{fmt}", figure_bytes(fig, fmt)) for fmt in FORMATS]


def chart_data_workbook(figures) -> bytes:
    """``chart_data.xlsx``: a sheet per figure with the numbers plotted and their sources, and an
    index sheet with each figure's title and alt text side by side, subtitle and footer (as plain sentences)
    in both languages."""
    import pandas as pd  # heavy: imported when a workbook is written

    index_rows, sheets, seen = [], [], set()
    for fig in figures:
        index_rows.append(
            {
                "figure": fig.chart_id,
                "language": fig.lang,
                "title": fig.title,
                "alt_text": fig.alt_text,  # beside the title: what is pasted into Word with the figure
                "subtitle": fig.subtitle,
                "footer": " ".join(fig.footer.split()),  # plain sentences, without the image's line breaks
                "files": ", ".join(f"figures/{fig.chart_id}_{fig.lang}.{f}" for f in FORMATS),
            }
        )
        if fig.chart_id not in seen:
            seen.add(fig.chart_id)
            sheets.append((fig.chart_id, fig.data[CHART_DATA_COLUMNS]))
    return workbook_bytes([("figures", pd.DataFrame(index_rows)), *sheets])
