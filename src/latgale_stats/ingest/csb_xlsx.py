"""CSB web XLSX downloads, both layouts ("Excel (xlsx)" and "Excel (xlsx) with code and text")."""

from __future__ import annotations

import re
from typing import Any

from .base import ReadResult, Source
from .csb_common import cells_to_records


def read(src: Source, wb: Any) -> ReadResult:
    """PxWeb's "Excel (xlsx)" download: title in A1, heading texts from row 3, the outer stub value
    only on the first row of its block (filled down here), notes and an info block below."""
    import pandas as pd  # heavy: imported when a file is read

    result = ReadResult("CSB XLSX")
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    title = str(rows[0][0] or "") if rows else ""
    # heading rows: from row 3 until the first row with text in column A
    h = 2
    while h < len(rows) and (rows[h][0] is None or str(rows[h][0]).strip() == "") and any(rows[h]):
        h += 1
    heading_rows = rows[2:h]
    if not heading_rows:
        result.problem(
            "missing-column",
            src.at(3, "", ws.title),
            expected="the period headings in row 3",
            action="download the table again as 'Excel (xlsx)'",
        )
        return result
    n_stub = next(i for i, v in enumerate(heading_rows[-1]) if v is not None)
    periods = [str(v).strip() if v is not None else "" for v in heading_rows[-1]]
    data_rows = []
    for r in range(h, len(rows)):
        if not any(v is not None and str(v).strip() for v in rows[r]):
            break
        data_rows.append((r + 1, rows[r]))
    # code-and-text layout: code columns hold codes (LV…, POP_SY), each before its text column
    stub_values = [[row[c] for _, row in data_rows] for c in range(n_stub)]
    code_cols = [
        c
        for c in range(n_stub - 1)
        if all(v is None or re.match(r"^[A-Z0-9_]+$", str(v)) for v in stub_values[c]) and any(stub_values[c])
    ]
    keep_cols = [c for c in range(n_stub) if c - 1 not in code_cols] if code_cols else list(range(n_stub))
    filled: list[str | None] = [None] * n_stub
    cells = []
    for excel_row, row in data_rows:
        for c in range(n_stub):
            if row[c] is not None and str(row[c]).strip():
                filled[c] = str(row[c]).strip()
        stubs = [filled[c] for c in keep_cols]
        area = stubs[0]
        indicator = stubs[1] if len(stubs) > 1 else title
        for c in range(n_stub, len(row)):
            if c < len(periods) and periods[c]:
                v = row[c]
                text = "" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v))
                cells.append(
                    {
                        "area": area,
                        "indicator": indicator,
                        "period": periods[c],
                        "value": text,
                        "row": excel_row,
                        "column": ws.cell(row=3, column=c + 1).column_letter,
                        "sheet": ws.title,
                    }
                )
    flat = [str(r[0]).strip() for r in rows[h:] if r and r[0] is not None]
    vintage = None
    for i, cell in enumerate(flat):
        if cell.lower().startswith(("last updated", "pēdējo reizi atjaunināts", "atjaunināts")):
            for later in flat[i + 1 : i + 4]:
                if re.match(r"^\d{8}", later):
                    vintage = f"{later[:4]}-{later[4:6]}-{later[6:8]}"
                    break
    cells_to_records(
        pd.DataFrame(cells),
        src,
        {"table": ws.title, "title": title, "vintage_content": vintage, "indicator_dim": len(keep_cols) > 1},
        result,
    )
    return result


def is_csb_workbook(wb: Any) -> bool:
    ws = wb.worksheets[0]
    return bool(re.match(r"^[A-Z]{2,4}\d{3}[a-z]?$", ws.title)) and isinstance(ws["A1"].value, str)
