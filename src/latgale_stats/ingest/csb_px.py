"""PC-Axis PX files (CSB's "PX" download and the API's default answer), FORMATS.md §1.4."""

from __future__ import annotations

import re

from .base import ReadResult, Source
from .csb_common import AREA_NAMES, INDICATOR_NAMES, TIME_NAMES, _key, cells_to_records, too_large, unpack


def sniff(src: Source) -> bool:
    text = src.text or ""
    head = text.lstrip("\ufeff").lstrip()[:2000]
    return (
        head.startswith(("CHARSET=", "AXIS-VERSION=")) or bool(re.search(r"^MATRIX=", head, re.M)) and ("DATA=" in text)
    )


_PX_ENTRY = re.compile(r'([A-Z0-9-]+)(?:\("([^"]*)"\))?(?:\[[^\]]*\])?=', re.S)


def _px_values(raw: str) -> list[str]:
    return [v.replace('""', '"') for v in re.findall(r'"((?:[^"]|"")*)"', raw)] or [raw.strip()]


def read(src: Source) -> ReadResult:
    import pandas as pd  # heavy: imported when a file is read

    text = src.text or ""

    result = ReadResult("PC-Axis PX")
    head, sep, data = text.partition("DATA=")
    if not sep:
        result.problem(
            "damaged-file",
            src.at(None, "DATA"),
            expected="a PX file with a DATA= section",
            action="download the table again",
        )
        return result
    meta: dict[tuple[str, str], list[str]] = {}
    # split the header into KEYWORD=value; statements, minding ';' inside quotes
    statements: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in head:
        if ch == '"':
            quoted = not quoted
        if ch == ";" and not quoted:
            statements.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
    for st in statements:
        m = _PX_ENTRY.match(st)
        if m:
            meta[(m.group(1), m.group(2) or "")] = _px_values(st[m.end() :])
    stub = meta.get(("STUB", ""), [])
    heading = meta.get(("HEADING", ""), [])
    variables = stub + heading
    vals = {v: meta.get(("VALUES", v), []) for v in variables}
    codes = {v: meta.get(("CODES", v), vals[v]) for v in variables}
    tokens = re.findall(r'"[^"]*"|[^\s;]+', data.split(";")[0])
    tokens = [t.strip('"') for t in tokens]
    sizes = [len(vals[v]) for v in variables]
    uneven = [v for v in variables if len(codes[v]) != len(vals[v])]
    if uneven:
        result.problem(
            "damaged-file",
            src.at(None, f"CODES({uneven[0]})"),
            f"{len(codes[uneven[0]])} codes",
            f"{len(vals[uneven[0]])} codes, one for each value",
            "the file is damaged: download it again",
        )
        return result
    total = too_large(result, src.at(None, "DATA"), sizes, "download fewer territories, indicators or years")
    if total is None:
        return result
    if len(tokens) != total:
        result.problem(
            "damaged-file",
            src.at(None, "DATA"),
            f"{len(tokens)} values",
            f"{total} values ({' x '.join(map(str, sizes))})",
            "the file is incomplete: download it again",
        )
        return result
    low = {v: _key(v) for v in variables}
    area = next((v for v in variables if low[v] in AREA_NAMES), None)
    time = next((v for v in variables if low[v] in TIME_NAMES), None)
    ind = next((v for v in variables if low[v] in INDICATOR_NAMES), None)
    if area is None or time is None:
        result.problem(
            "missing-column",
            src.at(None, "STUB/HEADING"),
            ", ".join(variables),
            "a territorial unit and a time variable",
            "download the table again",
        )
        return result
    for v, n in zip(variables, sizes, strict=True):
        if v not in (area, time, ind) and n > 1:
            result.problem(
                "unexpected-dimension",
                src.at(None, v),
                ", ".join(vals[v][:3]),
                "only territorial unit, indicator and time (or one value of others)",
                f"download the table again with one value of '{v}'",
            )
            return result
    contents = (meta.get(("CONTENTS", ""), [""]) or [""])[0]
    at = {v: k for k, v in enumerate(variables)}
    code_lists = [codes[v] for v in variables]
    rows = [
        {
            "area": coord[at[area]],
            "indicator": coord[at[ind]] if ind else contents,
            "period": coord[at[time]],
            "value": tok,
            "row": flat + 1,
            "column": "DATA",
        }
        for flat, (coord, tok) in enumerate(zip(unpack(code_lists), tokens, strict=True))
    ]
    updated = (meta.get(("LAST-UPDATED", ""), [""]) or [""])[0]
    vintage = f"{updated[:4]}-{updated[4:6]}-{updated[6:8]}" if re.match(r"^\d{8}", updated) else None
    table = (meta.get(("MATRIX", ""), [""]) or [""])[0]
    cells_to_records(
        pd.DataFrame(rows),
        src,
        {"table": table, "title": contents, "vintage_content": vintage, "indicator_dim": ind is not None},
        result,
    )
    return result
