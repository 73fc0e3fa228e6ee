"""What every worksheet latgale-stats writes shares when printed (light: no pandas, no openpyxl import)."""

from __future__ import annotations

from typing import Any

# A4 landscape with the default margins (0.7 inch each side): the printable width in pixels at 96 dpi
PRINTABLE_PX = (297 - 2 * 17.78) / 25.4 * 96
MIN_SCALE = 75  # % of the sheet's 11 pt type: printed text stays at 8 pt or larger
DEFAULT_WIDTH = 8.43  # a column without a width of its own, in characters


def _width_px(ws: Any) -> float:
    """The sheet's columns' width in pixels (a character of Calibri 11 is 7 pixels, plus 5 of padding)."""
    dims = [d.width or DEFAULT_WIDTH for d in ws.column_dimensions.values()]
    return sum(w * 7 + 5 for w in dims)


def print_setup(ws: Any, header_rows: int = 1, grid: bool = True) -> None:
    """Printing: A4 landscape, the header row repeated on every page, cell borders (``grid``) printed for
    tables. A sheet that fits the page width at 75 % or more is fitted to it (as many pages down as
    needed); a wider one prints at 75 % (type of 8 pt or more), several pages wide, with its first
    column repeated on each page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.print_title_rows = f"1:{header_rows}"
    ws.print_options.gridLines = grid
    if _width_px(ws) * MIN_SCALE / 100 <= PRINTABLE_PX:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = False
        ws.page_setup.scale = MIN_SCALE
        ws.page_setup.pageOrder = "overThenDown"  # a row's columns on consecutive pages, then the next rows
        ws.print_title_cols = "A:A"


def print_scale(ws: Any) -> float:
    """The share of its size a sheet prints at (1.0 = 100 %), as print_setup set it: for a sheet fitted
    to the page width, the scale the fit gives."""
    if ws.sheet_properties.pageSetUpPr.fitToPage:
        return min(1.0, PRINTABLE_PX / max(_width_px(ws), 1.0))
    return (ws.page_setup.scale or 100) / 100
