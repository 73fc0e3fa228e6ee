"""What every worksheet latgale-stats writes shares when printed (light: no pandas, no openpyxl import)."""

from __future__ import annotations

from typing import Any


def print_setup(ws: Any, header_rows: int = 1, grid: bool = True) -> None:
    """Printing: A4 landscape, fitted to the page width (as many pages down as needed), the header
    row repeated on every page, cell borders (``grid``) printed for tables."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"1:{header_rows}"
    ws.print_options.gridLines = grid
