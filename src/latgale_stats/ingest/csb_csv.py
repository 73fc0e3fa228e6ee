"""CSB web CSV downloads (Latvian or English; ``;`` ``,`` or TAB; with or without the title line;
one or two heading variables) and the API's long ``csv2``/``csv3`` answers, read with pandas."""

from __future__ import annotations

import csv
from pathlib import Path

from ..core.catalogue import find
from .base import HEAD_BYTES, ReadResult, Source
from .csb_common import (
    _TRAILING_PERIOD,
    AREA_NAMES,
    INDICATOR_NAMES,
    MAX_COLUMNS,
    TIME_NAMES,
    cells_to_records,
    date_from_name,
    period_of,
    table_from_name,
)


def _split(line: str, sep: str) -> list[str]:
    return next(csv.reader([line], delimiter=sep))


def sniff(src: Source) -> bool:
    head = src.head or ""
    lines = [ln for ln in head.splitlines()[:6] if ln.strip()]
    if not lines:
        return False
    for line in lines[:3]:
        low = line.casefold()
        if any(f'"{n}"' in low for n in AREA_NAMES) or low.startswith('"area"'):
            return True
    return False


def _layout(head: str) -> tuple[int, str, list[str], str]:
    """(lines before the header, delimiter, header cells, title) from the first lines of the file."""
    lines = head.splitlines()
    title = ""
    skip = 0
    first = lines[0].strip() if lines else ""
    if first.startswith('"') and first.endswith('"') and first.count('"') == 2:
        title = first.strip('"')
        skip = 1
        while skip < len(lines) and not lines[skip].strip():
            skip += 1
    header = lines[skip] if skip < len(lines) else ""
    counts = {sep: len(_split(header, sep)) for sep in (";", ",", "\t")}
    sep = max(counts, key=lambda s: counts[s])
    return skip, sep, [h.strip() for h in _split(header, sep)], title


def read(src: Source) -> ReadResult:
    """A CSB CSV download (web or API)."""
    import pandas as pd  # heavy: imported when a CSV is read, not with the package

    result = ReadResult("CSB CSV")
    path, text = src.path, src.head or ""  # the start of the file; pandas reads the rest

    skip, sep, header, title = _layout(text)
    cut = len(src.data) > HEAD_BYTES and len(text.splitlines()) <= skip + 1  # no line break in the first 64 KB
    if len(header) > MAX_COLUMNS or cut:
        result.problem(
            "too-large",
            src.at(skip + 1),
            f"a header line longer than {HEAD_BYTES // 1024} KB" if cut else f"{len(header)} columns",
            f"at most {MAX_COLUMNS:,} columns",
            "download the table with the periods as rows (or fewer periods)",
        )
        return result
    if not src.data.rstrip(b" \t").endswith((b"\n", b"\r")):
        last = src.data.count(b"\n") + 1
        result.problem(
            "damaged-file",
            src.at(last),
            src.data[-40:].decode("utf-8", "replace"),
            "a complete last line (a download ends with a line break)",
            "the file is cut: download it again",
        )
        return result
    lower = [h.casefold() for h in header]
    area = next((h for h, low in zip(header, lower, strict=True) if low in AREA_NAMES), None)
    if area is None:
        result.problem(
            "missing-column",
            src.at(skip + 1),
            ", ".join(header)[:80],
            "a column 'Territorial unit' (Teritoriālā vienība) or AREA",
            "download the table with the territorial units as rows",
        )
        return result
    indicator = next((h for h, low in zip(header, lower, strict=True) if low in INDICATOR_NAMES), None)
    time = next((h for h, low in zip(header, lower, strict=True) if low in TIME_NAMES), None)
    wide = [h for h in header if period_of(h) or ((m := _TRAILING_PERIOD.match(h)) and period_of(m.group(2)))]
    wide_set = set(wide)
    stub = [h for h in header if h not in wide_set]
    value_col = header[-1] if time else None
    other = [h for h in stub if h not in (area, indicator, time, value_col)]
    encoding = "utf-8-sig" if text.startswith("\ufeff") or _is_utf8(path) else "cp1257"
    # everything as text (numbers are parsed by us, symbols kept); labels become categories
    df = pd.read_csv(
        path, sep=sep, skiprows=skip, encoding=encoding, dtype=object, keep_default_na=False, na_filter=False
    )
    df.columns = [str(c).strip() for c in df.columns]
    short = df.isna().any(axis=1).to_numpy().nonzero()[0]
    if len(short):
        for i in short[:20]:
            result.problem(
                "row-width",
                src.at(skip + 2 + int(i)),
                "",
                f"{len(df.columns)} cells as in the header",
                "the file is cut or damaged: download it again",
            )
        return result
    for h in stub:
        if h != value_col and h in df.columns:
            codes, uniques = pd.factorize(df[h].to_numpy())
            df[h] = pd.Categorical.from_codes(codes, [str(u) for u in uniques])  # type: ignore[call-overload]
    first_line = skip + 2
    for dim in other:
        values = df[dim].astype(str).unique()
        if len(values) > 1:
            result.problem(
                "unexpected-dimension",
                src.at(skip + 1, dim),
                ", ".join(map(str, values[:3])),
                "only territorial unit, indicator and time period as dimensions (or one value of any other)",
                f"download the table again with one value of '{dim}' selected (e.g. Total)",
            )
            return result
    df["__row"] = range(first_line, first_line + len(df))
    if time:
        cells = pd.DataFrame(
            {
                "area": df[area],
                "indicator": df[indicator] if indicator else (value_col or title),
                "period": df[time],
                "value": df[value_col],
                "row": df["__row"],
                "column": value_col,
            }
        )
    else:
        long = df.melt(
            id_vars=[c for c in (area, indicator, "__row") if c], value_vars=wide, var_name="__col", value_name="value"
        )
        split = long["__col"].astype(str).str.extract(r"^(?:(.*\S)\s+)?(\d{4}(?:M\d{2})?)$")
        ind = long[indicator] if indicator else split[0].fillna(title)
        cells = pd.DataFrame(
            {
                "area": long[area],
                "indicator": ind,
                "period": split[1],
                "value": long["value"],
                "row": long["__row"],
                "column": long["__col"],
            }
        )
    table = table_from_name(path)
    entry = find(table) if table else None
    meta = {
        "table": table,
        "boundaries": entry.boundaries if entry is not None else "",
        "title": title,
        "vintage_name": date_from_name(path),
        "indicator_dim": bool(indicator) or not time and bool(split[0].notna().any()),
    }
    cells_to_records(cells, src, meta, result)
    return result


def _is_utf8(path: Path) -> bool:
    with open(path, "rb") as fh:
        sample = fh.read(1 << 20)
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as err:
        return err.start > len(sample) - 4  # a character cut at the end of the sample
