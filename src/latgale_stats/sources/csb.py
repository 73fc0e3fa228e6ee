"""Downloads from the Latvian statistics office CSB (data.stat.gov.lv), see FORMATS.md §1–2, §6.

One reader a format, all ending in the same tidy table (territory, indicator, period, value as
written, row and column where it stood), which ``cells_to_records`` maps to the catalogue and the
region registry:

* web CSV (Latvian or English; ``;`` ``,`` or TAB; with or without the title line; one or two
  heading variables; long ``csv2``/``csv3`` API answers) — read with pandas, vectorised;
* web XLSX, both layouts ("Excel (xlsx)" and "with code and text");
* API answers in json-stat2 (v1 and v2) and PxWeb json, with or without a byte-order mark;
* PC-Axis PX files.

Missing-value symbols (``…``, ``...``, ``..``, ``.`` …) mean "not available": no observation.
``-`` means magnitude zero. Territories the registry does not know (municipalities, ``UNK``) and
indicators the catalogue does not know are counted and left out, and ``check`` says so.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from .. import indicators as I
from .. import regions as R
from ..errors import Problem
from . import ReadResult

URL = "https://data.stat.gov.lv/pxweb/en/OSP_PUB/START/{table}"
MISSING = {"…", "...", "..", ".", "....", ".....", "......", ":", ""}
ZERO = "-"
AREA_NAMES = {"territorial unit", "teritoriālā vienība", "area", "territory", "teritorija"}
INDICATOR_NAMES = {"indicator", "indicators", "rādītāji", "rādītājs"}
TIME_NAMES = {"time period", "laika periods", "time", "year", "gads", "period", "periods", "gads/ceturksnis"}
_PERIOD = re.compile(r"^(\d{4})(?:M(\d{2}))?$")
_TRAILING_PERIOD = re.compile(r"^(.*\S)\s+(\d{4}(?:M\d{2})?)$")

# CSB indicator codes and labels (EN, LV) -> catalogue indicator and the unit CSB publishes it in
CSB_INDICATORS: dict[str, tuple[str, str]] = {
    "pop_sy": ("population", "persons"),
    "population at the beginning of year": ("population", "persons"),
    "iedzīvotāju skaits gada sākumā": ("population", "persons"),
    "gdp at current prices, thousand euro": ("gdp_total", "EUR thousand"),
    "iekšzemes kopprodukts faktiskajās cenās, tūkst. eiro": ("gdp_total", "EUR thousand"),
    "gdp per capita, euro": ("gdp_per_capita", "EUR per inhabitant"),
    "iekšzemes kopprodukts uz vienu iedzīvotāju, eiro": ("gdp_per_capita", "EUR per inhabitant"),
    "share in gdp of latvia, %": ("gdp_share", "% of Latvia's GDP"),
    "īpatsvars latvijas iekšzemes kopproduktā, %": ("gdp_share", "% of Latvia's GDP"),
    "ikr010": ("gdp_per_capita", "EUR per inhabitant"),
}


def _key(text: str) -> str:
    return " ".join(str(text).split()).casefold()


def map_indicator(*candidates: str) -> tuple[str, str] | None:
    """The catalogue indicator for a CSB code or label (or a table title starting with a label)."""
    for c in candidates:
        if not c:
            continue
        k = _key(c)
        if k in CSB_INDICATORS:
            return CSB_INDICATORS[k]
    for c in candidates:
        k = _key(c or "")
        for label, target in CSB_INDICATORS.items():
            if len(label) > 8 and k.startswith(label):
                return target
    return None


def period_of(raw: str) -> str | None:
    m = _PERIOD.match(str(raw).strip())
    if not m:
        return None
    return m.group(1) if m.group(2) is None else f"{m.group(1)}-{m.group(2)}"


def _cmap(series, fn):
    """``fn`` applied to each category of a categorical Series once; a plain (object) Series back."""
    import numpy as np
    import pandas as pd

    looked_up = np.array([fn(c) for c in series.cat.categories] + [None], dtype=object)
    return pd.Series(looked_up[series.cat.codes.to_numpy()], index=series.index, dtype=object)


def cells_to_records(cells, shown: str, meta: dict, result: ReadResult) -> None:
    """Map a tidy table of CSB cells (columns area, indicator, period, value, row, column; optional
    sheet) to observation records; count what is left out and say why."""
    import pandas as pd

    table = meta.get("table") or ""
    title = meta.get("title") or ""
    skipped: dict[str, int] = {}
    unknown_areas: dict[str, int] = {}
    unknown_indicators: dict[str, int] = {}

    def skip(reason: str, n: int = 1) -> None:
        skipped[reason] = skipped.get(reason, 0) + n

    if len(cells) == 0:
        result.problems.append(Problem(shown, None, "", "", "a table with at least one value",
                                       "download the table again"))
        return
    for col in ("area", "indicator"):  # labels repeat: work on each distinct one once
        cells[col] = cells[col].astype(str).astype("category") if cells[col].dtype != "category" else \
            cells[col].cat.rename_categories(lambda c: str(c))
    ind_map = {}
    context = (table, title) if not meta.get("indicator_dim", True) else ()
    for key in cells["indicator"].cat.categories:
        ind_map[key] = map_indicator(key, *context)
    mapped = _cmap(cells["indicator"], lambda k: ind_map[k] is not None).astype(bool)
    if not mapped.any():
        names = ", ".join(sorted({str(k) for k in ind_map})[:5]) or title[:60]
        result.problems.append(Problem(
            shown, None, "indicator", names,
            "a CSB table with an indicator of the catalogue (population, GDP, GDP per capita, GDP share)",
            "download a table the catalogue knows, or add the indicator to CSB_INDICATORS in sources/csb.py"))
        return
    counts = cells["indicator"].value_counts()
    for key, target in ind_map.items():
        if target is None:
            unknown_indicators[str(key)] = int(counts.get(key, 0))
    import numpy as np

    # territories: each distinct name once per indicator (a table of codes, indexed by the rows'
    # category codes); a name that fits units of several boundary vintages is resolved per period
    area = cells["area"]
    area_cats = list(area.cat.categories)
    ind_cats = list(cells["indicator"].cat.categories)
    lut = np.full((len(ind_cats), len(area_cats)), None, dtype=object)
    for k, key in enumerate(ind_cats):
        if ind_map[key] is not None:
            lut[k] = [_area_code(str(a), ind_map[key][0], None) for a in area_cats]
    known_lut = np.not_equal(lut, None) & (lut != "?")
    area_codes = area.cat.codes.to_numpy()
    ind_codes = cells["indicator"].cat.codes.to_numpy()
    found = lut[ind_codes, area_codes]
    known_mask = known_lut[ind_codes, area_codes]
    unknown = ~known_mask & mapped.to_numpy() & np.equal(found, None)
    if unknown.any():
        per_area = np.bincount(area_codes[unknown], minlength=len(area_cats))
        for name, n in zip(area_cats, per_area, strict=True):
            if n:
                unknown_areas[str(name)] = int(n)
    # periods: only for the rows that stay
    ambiguous = np.flatnonzero((lut == "?")[ind_codes, area_codes])
    rows = np.flatnonzero(known_mask)
    period_raw = cells["period"].to_numpy(dtype=object)
    periods = {p: period_of(p) for p in set(period_raw[np.concatenate([rows, ambiguous])])}
    bad_periods = sorted(str(p) for p, v in periods.items() if v is None)
    for i in ambiguous:
        per = periods.get(period_raw[i])
        found[i] = _area_code(str(area_cats[area_codes[i]]), ind_map[ind_cats[ind_codes[i]]][0], per) if per else None
        known_mask[i] = found[i] is not None
    indicator = pd.Series([ind_map[c][0] if ind_map[c] else None for c in ind_cats] + [None],
                          dtype=object).to_numpy()[ind_codes]
    indicator = pd.Series(indicator, index=cells.index, dtype=object)
    period = pd.Series([periods.get(p) for p in period_raw] if len(ambiguous) else None, index=cells.index,
                       dtype=object) if len(ambiguous) else pd.Series(None, index=cells.index, dtype=object)
    rows = np.flatnonzero(known_mask)
    period.iloc[rows] = [periods.get(p) for p in period_raw[rows]]
    if bad_periods:
        skip(f"periods other than years and months ({', '.join(bad_periods[:3])})",
             int(period.iloc[rows].isna().sum()))
    code = pd.Series(found, index=cells.index, dtype=object)
    known = pd.Series(known_mask, index=cells.index)
    keep = known & period.notna()
    value = cells.loc[keep, "value"].astype(str).str.strip()
    missing = value.isin(MISSING)
    if missing.any():
        skip("not available (…)", int(missing.sum()))
    zero = value == ZERO
    if zero.any():
        no_zero = zero & indicator[value.index].map(lambda i: I.get(i).minimum > 0)
        if no_zero.any():
            skip("magnitude zero (-)", int(no_zero.sum()))
        value = value.where(~zero, "0")
        missing |= no_zero
    value = value[~missing].str.replace("\u00a0", "", regex=False).str.replace(" ", "", regex=False)
    comma = value.str.contains(",", regex=False) & ~value.str.contains(".", regex=False)
    value = value.where(~comma, value.str.replace(",", ".", regex=False))
    kept = pd.DataFrame({"indicator": indicator[value.index], "period": period[value.index]})
    vintage = meta.get("vintage")
    url = URL.format(table=table) if table else ""
    dataset = table or Path(shown).stem
    columns = {"region": "Territorial unit", "period": "Time period", "indicator": "Indicator", "unit": "Indicator"}
    units = {k: v[1] for k, v in ind_map.items() if v}
    unit_of = {ind_id: unit for ind_id, unit in (ind_map[k] for k in units)}
    sheets = cells.loc[kept.index, "sheet"] if "sheet" in cells.columns else [""] * len(kept)
    for ind_id, region, per, val, row, col, sheet in zip(
            kept["indicator"], code[kept.index], kept["period"], value, cells.loc[kept.index, "row"],
            cells.loc[kept.index, "column"], sheets, strict=True):
        result.records.append({
            "indicator": ind_id, "region": region, "period": per, "value": val, "unit": unit_of[ind_id],
            "flag": "", "status": "", "publisher": "CSB", "dataset": dataset, "vintage": vintage, "url": url,
            "quote": "", "note": "", "row": int(row), "kind": "observation", "source_kind": "publisher file",
            "sheet": sheet, "columns": {**columns, "value": str(col)},
        })
    result.vintage = vintage
    if unknown_areas:
        names = ", ".join(sorted(unknown_areas)[:4]) + (" …" if len(unknown_areas) > 4 else "")
        skip(f"territories not in the region registry ({names})", sum(unknown_areas.values()))
    if unknown_indicators:
        skip(f"indicators not in the catalogue ({', '.join(sorted(unknown_indicators)[:4])})",
             sum(unknown_indicators.values()))
    if skipped:
        result.notes.append("rows not used: " + ", ".join(f"{k} ({n})" for k, n in sorted(skipped.items())))


def _area_code(label: str, indicator: str, period: str | None) -> str | None:
    """The registry code for a CSB territory label or code; None if unknown; '?' if the name fits
    several units and no period was given."""
    label = label.strip()
    if label in R.BY_CODE:
        return label
    try:
        return R.resolve(label, I.get(indicator).schemes, period, suggest=False).code
    except R.UnknownRegion:
        return None
    except R.AmbiguousRegion:
        return "?" if period is None else None


# --- web CSV ------------------------------------------------------------------------------------------

def _split(line: str, sep: str) -> list[str]:
    return next(csv.reader([line], delimiter=sep))


def looks_like_csb_csv(head: str) -> bool:
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


def read_csv(path: Path, text: str, shown: str) -> ReadResult:
    """A CSB CSV download (web or API). ``text`` is the start of the file, decoded."""
    result = ReadResult("CSB CSV")
    import pandas as pd

    skip, sep, header, title = _layout(text[:65536])
    lower = [h.casefold() for h in header]
    area = next((h for h, low in zip(header, lower, strict=True) if low in AREA_NAMES), None)
    if area is None:
        result.problems.append(Problem(shown, skip + 1, "", ", ".join(header)[:80],
                                       "a column 'Territorial unit' (Teritoriālā vienība) or AREA",
                                       "download the table with the territorial units as rows"))
        return result
    indicator = next((h for h, low in zip(header, lower, strict=True) if low in INDICATOR_NAMES), None)
    time = next((h for h, low in zip(header, lower, strict=True) if low in TIME_NAMES), None)
    wide = [h for h in header if period_of(h) or _TRAILING_PERIOD.match(h) and period_of(
        _TRAILING_PERIOD.match(h).group(2))]
    stub = [h for h in header if h not in wide]
    value_col = header[-1] if time else None
    other = [h for h in stub if h not in (area, indicator, time, value_col)]
    encoding = "utf-8-sig" if text.startswith("\ufeff") or _is_utf8(path) else "cp1257"
    # everything as text (numbers are parsed by us, symbols kept); labels become categories
    df = pd.read_csv(path, sep=sep, skiprows=skip, encoding=encoding, dtype=object, keep_default_na=False,
                     na_filter=False)
    df.columns = [str(c).strip() for c in df.columns]
    for h in stub:
        if h != value_col and h in df.columns:
            codes, uniques = pd.factorize(df[h].to_numpy())
            df[h] = pd.Categorical.from_codes(codes, [str(u) for u in uniques])
    first_line = skip + 2
    for dim in other:
        values = df[dim].astype(str).unique()
        if len(values) > 1:
            result.problems.append(Problem(
                shown, skip + 1, dim, ", ".join(map(str, values[:3])),
                "only territorial unit, indicator and time period as dimensions (or one value of any other)",
                f"download the table again with one value of '{dim}' selected (e.g. Total)"))
            return result
    df["__row"] = range(first_line, first_line + len(df))
    if time:
        cells = pd.DataFrame({"area": df[area], "indicator": df[indicator] if indicator else (value_col or title),
                              "period": df[time], "value": df[value_col], "row": df["__row"],
                              "column": value_col})
    else:
        long = df.melt(id_vars=[c for c in (area, indicator, "__row") if c], value_vars=wide,
                       var_name="__col", value_name="value")
        split = long["__col"].astype(str).str.extract(r"^(?:(.*\S)\s+)?(\d{4}(?:M\d{2})?)$")
        ind = long[indicator] if indicator else split[0].fillna(title)
        cells = pd.DataFrame({"area": long[area], "indicator": ind, "period": split[1], "value": long["value"],
                              "row": long["__row"], "column": long["__col"]})
    meta = {"table": _table_from_name(path), "title": title, "vintage": _date_from_name(path),
            "indicator_dim": bool(indicator) or not time and bool(split[0].notna().any())}
    cells_to_records(cells, shown, meta, result)
    return result


def _is_utf8(path: Path) -> bool:
    with open(path, "rb") as fh:
        sample = fh.read(1 << 20)
    try:
        sample.decode("utf-8")
        return True
    except UnicodeDecodeError as err:
        return err.start > len(sample) - 4  # a character cut at the end of the sample


def _table_from_name(path: Path) -> str:
    m = re.match(r"^([A-Z]{2,4}\d{3}[a-z]?)(?:_|$)", path.stem)
    return m.group(1) if m else ""


def _date_from_name(path: Path) -> str | None:
    """CSB download names carry the download time: IRS030_20231109-185354.csv -> 2023-11-09."""
    m = re.search(r"_(\d{4})(\d{2})(\d{2})-\d{6}$", path.stem) or re.search(r"_(\d{4})-(\d{2})-(\d{2})$",
                                                                            path.stem)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


# --- json-stat2 and PxWeb json -------------------------------------------------------------------------

def _index(category: dict) -> list[str]:
    idx = category.get("index")
    if isinstance(idx, list):
        return [str(x) for x in idx]
    if isinstance(idx, dict):
        return [k for k, _ in sorted(idx.items(), key=lambda kv: kv[1])]
    return list(category.get("label", {}))


def read_json(path: Path, text: str, shown: str) -> ReadResult:
    import pandas as pd

    result = ReadResult("CSB json-stat2")
    try:
        doc = json.loads(text)
    except ValueError as err:
        result.problems.append(Problem(shown, None, "", "", f"valid JSON ({err.msg} at line {err.lineno})",
                                       "download the answer again"))
        return result
    if "columns" in doc and "data" in doc:
        return _read_pxweb_json(doc, path, shown)
    ids, sizes, dims = doc.get("id", []), doc.get("size", []), doc.get("dimension", {})
    roles = doc.get("role", {})
    time_id = (roles.get("time") or ["TIME"])[0]
    area_id = next((d for d in ids if d.upper() in ("AREA",) or _key(dims[d].get("label", "")) in AREA_NAMES), None)
    if area_id is None:
        result.problems.append(Problem(shown, None, "dimension", ", ".join(ids),
                                       "a territorial unit dimension (AREA)", "query the table with AREA"))
        return result
    metric_ids = set(roles.get("metric", [])) | {"ContentsCode"}
    ind_id = next((d for d in ids if d.upper() == "INDICATOR"), None)
    for d, n in zip(ids, sizes, strict=True):
        if d not in (area_id, time_id, ind_id) and d not in metric_ids and n > 1:
            result.problems.append(Problem(
                shown, None, d, ", ".join(_index(dims[d]["category"])[:3]),
                "only territorial unit, indicator and time as dimensions (or one value of any other)",
                f"query the table again with one value of '{d}' (e.g. the total)"))
            return result
    cats = [_index(dims[d]["category"]) for d in ids]
    labels = {d: dims[d]["category"].get("label", {}) for d in ids}
    values, status = doc.get("value", []), doc.get("status") or {}
    if isinstance(values, dict):
        total = 1
        for n in sizes:
            total *= n
        values = [values.get(str(i)) for i in range(total)]
    if isinstance(status, list):
        status = {str(i): s for i, s in enumerate(status) if s}
    rows = []
    strides = [1] * len(sizes)
    for k in range(len(sizes) - 2, -1, -1):
        strides[k] = strides[k + 1] * sizes[k + 1]
    for flat, v in enumerate(values):
        pos = [(flat // strides[k]) % sizes[k] for k in range(len(sizes))]
        coord = {d: cats[k][pos[k]] for k, d in enumerate(ids)}
        metric = next((coord[d] for d in ids if d in metric_ids), "")
        indicator = coord[ind_id] if ind_id else (labels.get(next(iter(metric_ids & set(ids)), ""), {}).get(metric)
                                                  or metric)
        raw = status.get(str(flat), "") if v is None else (str(int(v)) if float(v).is_integer() else repr(v))
        rows.append({"area": coord[area_id], "indicator": str(indicator), "period": coord[time_id], "value": raw,
                     "row": flat + 1, "column": "value"})
    ext = doc.get("extension", {}).get("px", {})
    updated = str(doc.get("updated", ""))[:10] or None
    meta = {"table": ext.get("tableid") or ext.get("matrix") or "", "title": doc.get("label", ""), "vintage": updated,
            "indicator_dim": ind_id is not None}
    cells_to_records(pd.DataFrame(rows), shown, meta, result)
    return result


def _read_pxweb_json(doc: dict, path: Path, shown: str) -> ReadResult:
    import pandas as pd

    result = ReadResult("CSB PxWeb json")
    cols = doc["columns"]
    codes = [c["code"] for c in cols]
    key_cols = [c for c in cols if c.get("type") in ("d", "t")]
    value_cols = [c for c in cols if c.get("type") == "c"]
    area = next((i for i, c in enumerate(key_cols) if c["code"].upper() == "AREA"), None)
    time = next((i for i, c in enumerate(key_cols) if c.get("type") == "t"), None)
    ind = next((i for i, c in enumerate(key_cols) if c["code"].upper() == "INDICATOR"), None)
    if area is None or time is None:
        result.problems.append(Problem(shown, None, "columns", ", ".join(codes), "AREA and a time column",
                                       "query the table with AREA and TIME"))
        return result
    rows = []
    for n, item in enumerate(doc["data"], 1):
        key = item["key"]
        for vc, v in zip(value_cols, item["values"], strict=False):
            rows.append({"area": key[area], "indicator": key[ind] if ind is not None else vc["code"],
                         "period": key[time], "value": v, "row": n, "column": vc["code"]})
    meta = {"table": value_cols[0]["code"] if value_cols else "", "title": "", "vintage": _date_from_name(path),
            "indicator_dim": ind is not None}
    cells_to_records(pd.DataFrame(rows), shown, meta, result)
    return result


# --- PC-Axis PX --------------------------------------------------------------------------------------

_PX_ENTRY = re.compile(r'([A-Z0-9-]+)(?:\("([^"]*)"\))?(?:\[[^\]]*\])?=', re.S)


def _px_values(raw: str) -> list[str]:
    return [v.replace('""', '"') for v in re.findall(r'"((?:[^"]|"")*)"', raw)] or [raw.strip()]


def read_px(path: Path, text: str, shown: str) -> ReadResult:
    import pandas as pd

    result = ReadResult("PC-Axis PX")
    head, sep, data = text.partition("DATA=")
    if not sep:
        result.problems.append(Problem(shown, None, "DATA", "", "a PX file with a DATA= section",
                                       "download the table again"))
        return result
    meta: dict[tuple[str, str], list[str]] = {}
    # split the header into KEYWORD=value; statements, minding ';' inside quotes
    statements, buf, quoted = [], [], False
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
            meta[(m.group(1), m.group(2) or "")] = _px_values(st[m.end():])
    stub = meta.get(("STUB", ""), [])
    heading = meta.get(("HEADING", ""), [])
    variables = stub + heading
    vals = {v: meta.get(("VALUES", v), []) for v in variables}
    codes = {v: meta.get(("CODES", v), vals[v]) for v in variables}
    tokens = re.findall(r'"[^"]*"|[^\s;]+', data.split(";")[0])
    tokens = [t.strip('"') for t in tokens]
    sizes = [len(vals[v]) for v in variables]
    total = 1
    for n in sizes:
        total *= n
    if len(tokens) != total:
        result.problems.append(Problem(shown, None, "DATA", f"{len(tokens)} values",
                                       f"{total} values ({' x '.join(map(str, sizes))})",
                                       "the file is incomplete: download it again"))
        return result
    low = {v: _key(v) for v in variables}
    area = next((v for v in variables if low[v] in AREA_NAMES), None)
    time = next((v for v in variables if low[v] in TIME_NAMES), None)
    ind = next((v for v in variables if low[v] in INDICATOR_NAMES), None)
    if area is None or time is None:
        result.problems.append(Problem(shown, None, "STUB/HEADING", ", ".join(variables),
                                       "a territorial unit and a time variable", "download the table again"))
        return result
    for v, n in zip(variables, sizes, strict=True):
        if v not in (area, time, ind) and n > 1:
            result.problems.append(Problem(shown, None, v, ", ".join(vals[v][:3]),
                                           "only territorial unit, indicator and time (or one value of others)",
                                           f"download the table again with one value of '{v}'"))
            return result
    rows = []
    strides = [1] * len(sizes)
    for k in range(len(sizes) - 2, -1, -1):
        strides[k] = strides[k + 1] * sizes[k + 1]
    contents = (meta.get(("CONTENTS", ""), [""]) or [""])[0]
    for flat, tok in enumerate(tokens):
        pos = {v: (flat // strides[k]) % sizes[k] for k, v in enumerate(variables)}
        rows.append({"area": codes[area][pos[area]], "indicator": codes[ind][pos[ind]] if ind else contents,
                     "period": codes[time][pos[time]], "value": tok, "row": flat + 1, "column": "DATA"})
    updated = (meta.get(("LAST-UPDATED", ""), [""]) or [""])[0]
    vintage = f"{updated[:4]}-{updated[4:6]}-{updated[6:8]}" if re.match(r"^\d{8}", updated) else None
    table = (meta.get(("MATRIX", ""), [""]) or [""])[0]
    cells_to_records(pd.DataFrame(rows), shown, {"table": table, "title": contents, "vintage": vintage,
                                                 "indicator_dim": ind is not None}, result)
    return result


# --- web XLSX ----------------------------------------------------------------------------------------

def read_xlsx(path: Path, wb, shown: str) -> ReadResult:
    """PxWeb's "Excel (xlsx)" download: title in A1, heading texts from row 3, the outer stub value
    only on the first row of its block (filled down here), notes and an info block below."""
    import pandas as pd

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
        result.problems.append(Problem(shown, 3, "", "", "the period headings in row 3",
                                       "download the table again as 'Excel (xlsx)'", sheet=ws.title))
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
    code_cols = [c for c in range(n_stub - 1) if all(v is None or re.match(r"^[A-Z0-9_]+$", str(v))
                                                    for v in stub_values[c]) and any(stub_values[c])]
    keep_cols = [c for c in range(n_stub) if c - 1 not in code_cols] if code_cols else list(range(n_stub))
    filled = [None] * n_stub
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
                cells.append({"area": area, "indicator": indicator, "period": periods[c], "value": text,
                              "row": excel_row, "column": ws.cell(row=3, column=c + 1).column_letter,
                              "sheet": ws.title})
    flat = [str(r[0]).strip() for r in rows[h:] if r and r[0] is not None]
    vintage = None
    for i, cell in enumerate(flat):
        if cell.lower().startswith(("last updated", "pēdējo reizi atjaunināts", "atjaunināts")):
            for later in flat[i + 1:i + 4]:
                if re.match(r"^\d{8}", later):
                    vintage = f"{later[:4]}-{later[4:6]}-{later[6:8]}"
                    break
    cells_to_records(pd.DataFrame(cells), shown, {"table": ws.title, "title": title, "vintage": vintage,
                                                  "indicator_dim": len(keep_cols) > 1}, result)
    return result


def is_csb_workbook(wb) -> bool:
    ws = wb.worksheets[0]
    return bool(re.match(r"^[A-Z]{2,4}\d{3}[a-z]?$", ws.title)) and isinstance(ws["A1"].value, str)


def sniff_json(text: str) -> bool:
    head = text.lstrip("\ufeff").lstrip()[:4096]
    return head.startswith("{") and ('"class"' in head and '"dataset"' in head or '"columns"' in head
                                     or '"version"' in head and '"dimension"' in text[:200000])


def sniff_px(text: str) -> bool:
    head = text.lstrip("\ufeff").lstrip()[:2000]
    return head.startswith(("CHARSET=", "AXIS-VERSION=")) or bool(re.search(r"^MATRIX=", head, re.M)) and (
        "DATA=" in text)
