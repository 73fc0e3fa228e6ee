"""CSB API answers: json-stat2 (PxWeb API v1 and v2) and PxWeb's own json, with or without a
byte-order mark (FORMATS.md §2.3)."""

from __future__ import annotations

import json
from typing import Any

from .base import ReadResult, Source
from .csb_common import AREA_NAMES, _key, cells_to_records, date_from_name, too_large, unpack


def sniff(src: Source) -> bool:
    text = src.text or ""
    head = text.lstrip("\ufeff").lstrip()[:4096]
    return head.startswith("{") and (
        '"class"' in head
        and '"dataset"' in head
        or '"columns"' in head
        or '"version"' in head
        and '"dimension"' in text[:200000]
    )


def _index(category: dict[str, Any]) -> list[str]:
    idx = category.get("index")
    if isinstance(idx, list):
        return [str(x) for x in idx]
    if isinstance(idx, dict):
        return [k for k, _ in sorted(idx.items(), key=lambda kv: kv[1])]
    return list(category.get("label", {}))


def _text(v: object) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v) if isinstance(v, int) else repr(v)


def read(src: Source) -> ReadResult:
    import pandas as pd  # heavy: imported when a file is read, not with the package

    result = ReadResult("CSB json-stat2")
    try:
        doc = json.loads(src.text or "")
    except ValueError as err:
        msg = getattr(err, "msg", str(err))
        result.problem(
            "damaged-file",
            src.at(getattr(err, "lineno", None)),
            expected=f"valid JSON ({msg})",
            action="download the answer again",
        )
        return result
    if "columns" in doc and "data" in doc:
        return _read_pxweb_json(doc, src)
    ids, sizes, dims = doc.get("id", []), doc.get("size", []), doc.get("dimension", {})
    roles = doc.get("role", {})
    time_id = (roles.get("time") or ["TIME"])[0]
    area_id = next((d for d in ids if d.upper() == "AREA" or _key(dims[d].get("label", "")) in AREA_NAMES), None)
    if area_id is None:
        result.problem(
            "missing-column",
            src.at(None, "dimension"),
            ", ".join(ids),
            "a territorial unit dimension (AREA)",
            "query the table with AREA",
        )
        return result
    metric_ids = set(roles.get("metric", [])) | {"ContentsCode"}
    ind_id = next((d for d in ids if d.upper() == "INDICATOR"), None)
    for d, n in zip(ids, sizes, strict=True):
        if d not in (area_id, time_id, ind_id) and d not in metric_ids and n > 1:
            result.problem(
                "unexpected-dimension",
                src.at(None, d),
                ", ".join(_index(dims[d]["category"])[:3]),
                "only territorial unit, indicator and time as dimensions (or one value of any other)",
                f"query the table again with one value of '{d}' (e.g. the total)",
            )
            return result
    cats = [_index(dims[d]["category"]) for d in ids]
    labels = {d: dims[d]["category"].get("label", {}) for d in ids}
    values, status = doc.get("value", []), doc.get("status") or {}
    total = too_large(result, src.at(None, "size"), list(sizes), "query fewer territories, indicators or years")
    if total is None:
        return result
    if [len(c) for c in (_index(dims[d]["category"]) for d in ids)] != list(sizes) or (
        isinstance(values, list) and len(values) != total
    ):
        result.problem(
            "damaged-file",
            src.at(None, "value"),
            f"{len(values)} values",
            f"{total} values ({' x '.join(map(str, sizes))}), as the answer's size says",
            "the answer is incomplete: query it again",
        )
        return result
    if isinstance(values, dict):
        values = [values.get(str(i)) for i in range(total)]
    if isinstance(status, list):
        status = {str(i): s for i, s in enumerate(status) if s}
    metric_id = next((d for d in ids if d in metric_ids), None)
    pos = {d: k for k, d in enumerate(ids)}
    rows = []
    for flat, (coord, v) in enumerate(zip(unpack(cats), values, strict=False)):
        metric = coord[pos[metric_id]] if metric_id else ""
        indicator = coord[pos[ind_id]] if ind_id else (labels.get(metric_id or "", {}).get(metric) or metric)
        raw = status.get(str(flat), "") if v is None else _text(v)
        rows.append(
            {
                "area": coord[pos[area_id]],
                "indicator": str(indicator),
                "period": coord[pos[time_id]],
                "value": raw,
                "row": flat + 1,
                "column": "value",
            }
        )
    ext = doc.get("extension", {}).get("px", {})
    updated = str(doc.get("updated", ""))[:10] or None
    meta = {
        "table": ext.get("tableid") or ext.get("matrix") or "",
        "title": doc.get("label", ""),
        "vintage_content": updated,
        "indicator_dim": ind_id is not None,
    }
    cells_to_records(pd.DataFrame(rows), src, meta, result)
    return result


def _read_pxweb_json(doc: dict[str, Any], src: Source) -> ReadResult:
    import pandas as pd  # heavy: imported when a file is read

    result = ReadResult("CSB PxWeb json")
    cols = doc["columns"]
    codes = [c["code"] for c in cols]
    key_cols = [c for c in cols if c.get("type") in ("d", "t")]
    value_cols = [c for c in cols if c.get("type") == "c"]
    area = next((i for i, c in enumerate(key_cols) if c["code"].upper() == "AREA"), None)
    time = next((i for i, c in enumerate(key_cols) if c.get("type") == "t"), None)
    ind = next((i for i, c in enumerate(key_cols) if c["code"].upper() == "INDICATOR"), None)
    if area is None or time is None:
        result.problem(
            "missing-column",
            src.at(None, "columns"),
            ", ".join(codes),
            "AREA and a time column",
            "query the table with AREA and TIME",
        )
        return result
    rows = []
    for n, item in enumerate(doc["data"], 1):
        key = item["key"]
        for vc, v in zip(value_cols, item["values"], strict=False):
            rows.append(
                {
                    "area": key[area],
                    "indicator": key[ind] if ind is not None else vc["code"],
                    "period": key[time],
                    "value": v,
                    "row": n,
                    "column": vc["code"],
                }
            )
    meta = {
        "table": value_cols[0]["code"] if value_cols else "",
        "title": "",
        "vintage_name": date_from_name(src.path),
        "indicator_dim": ind is not None,
    }
    cells_to_records(pd.DataFrame(rows), src, meta, result)
    return result
