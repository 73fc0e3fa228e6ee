"""CSB API answers: json-stat2 (PxWeb API v1 and v2) and PxWeb's own json, with or without a
byte-order mark (FORMATS.md §2.3)."""

from __future__ import annotations

import itertools
import json
from typing import Any

from ..core import catalogue
from ..core import regions as R
from .base import ReadResult, Source
from .csb_common import (
    AREA_NAMES,
    MAX_API_CELLS,
    _key,
    cells_to_records,
    date_from_name,
    too_large,
    unpack,
)


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
    if not isinstance(doc, dict):
        result.problem("damaged-file", src.at(), expected="a JSON object (an API answer)", action=AGAIN)
        return result
    if "columns" in doc and "data" in doc:
        return _read_pxweb_json(doc, src)
    shape = _shape(doc)
    if shape:
        result.problem("damaged-file", src.at(None, "id"), expected=shape, action=AGAIN)
        return result
    ids, sizes, dims = doc["id"], doc["size"], doc["dimension"]
    role = doc.get("role")
    roles: dict[str, Any] = role if isinstance(role, dict) else {}
    times = roles.get("time")
    time_id = str(times[0]) if isinstance(times, list) and times else "TIME"
    extension = doc.get("extension")
    ext = extension.get("px", {}) if isinstance(extension, dict) else {}
    ext = ext if isinstance(ext, dict) else {}
    table = str(ext.get("tableid") or ext.get("matrix") or "")
    entry = catalogue.find(table) if table else None
    entry = entry if entry is not None and entry.source == "csp" else None
    metrics = roles.get("metric")
    metric_ids = {str(m) for m in metrics if isinstance(m, str)} if isinstance(metrics, list) else set()
    metric_ids |= {"ContentsCode"}
    if entry is not None and entry.territory == "texts":
        area_id = next(
            (
                d
                for d in ids
                if d != time_id and d not in metric_ids and d.upper() != "INDICATOR" and _names_territories(dims[d])
            ),
            None,
        )
    else:
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
    values, status = doc.get("value", []), doc.get("status") or {}
    total = too_large(
        result, src.at(None, "size"), list(sizes), "query fewer territories, indicators or years", MAX_API_CELLS
    )
    if total is None:
        return result
    cats = [_index(dims[d]["category"]) for d in ids]
    labels = {d: _labels(dims[d]["category"]) for d in ids}
    sparse = _sparse(values, total) if isinstance(values, dict) else None
    if [len(c) for c in cats] != list(sizes) or (
        (len(values) != total) if isinstance(values, list) else sparse is None
    ):
        result.problem(
            "damaged-file",
            src.at(None, "value"),
            f"{len(values)} values" if isinstance(values, list | dict) else type(values).__name__,
            f"{total} values ({' x '.join(map(str, sizes))}), as the answer's size says",
            "the answer is incomplete: query it again",
        )
        return result
    if isinstance(status, list):
        status = {str(i): s for i, s in enumerate(status) if s}
    status = status if isinstance(status, dict) else {}
    metric_id = next((d for d in ids if d in metric_ids), None)
    pos = {d: k for k, d in enumerate(ids)}
    kinds = _cell_kinds(entry, ids, cats, labels, dims, src, result) if entry is not None else None
    if entry is not None and not kinds:
        return result
    area_labels = labels.get(area_id, {}) if entry is not None and entry.territory == "texts" else {}
    kind_pos = [k for k, d in enumerate(ids) if d.upper() in ("INDICATOR", "CONTENTSCODE")]
    rows = []
    cells = (
        enumerate(zip(unpack(cats), values, strict=False))
        if sparse is None
        else ((flat, (_coords(flat, cats), v)) for flat, v in sparse)  # only the cells the answer holds
    )
    for flat, (coord, v) in cells:
        if kinds is not None:
            indicator = kinds.get(tuple(coord[k] for k in kind_pos), "")
            if not indicator:
                continue  # contents the catalogue does not map: counted in the notes by _cell_kinds
        else:
            metric = coord[pos[metric_id]] if metric_id else ""
            indicator = coord[pos[ind_id]] if ind_id else (labels.get(metric_id or "", {}).get(metric) or metric)
        raw = status.get(str(flat), "") if v is None else _text(v)
        area = coord[pos[area_id]]
        rows.append(
            {
                "area": area_labels.get(area, area),
                "indicator": str(indicator),
                "period": coord[pos[time_id]],
                "value": raw,
                "row": flat + 1,
                "column": "value",
            }
        )
    updated = str(doc.get("updated", ""))[:10] or None
    meta: dict[str, Any] = {
        "table": table,
        "title": doc.get("label", ""),
        "vintage_content": updated,
        "indicator_dim": ind_id is not None,
    }
    if entry is not None:
        meta.update(
            indicator_map={f"{entry.code}#{n}": (m.indicator, m.unit) for n, m in enumerate(entry.maps)},
            publisher=entry.publisher,
            url=entry.page,
        )
    cells_to_records(pd.DataFrame(rows), src, meta, result)
    return result


AGAIN = "the answer is damaged or not a json-stat2 answer: query or download it again"


def _shape(doc: dict[str, Any]) -> str:
    """What is wrong with a json-stat2 answer's frame (``id``, ``size``, ``dimension``), '' if nothing:
    checked before anything is read, so that no reader meets a shape it does not expect."""
    ids, sizes, dims = doc.get("id"), doc.get("size"), doc.get("dimension")
    if not isinstance(ids, list) or not all(isinstance(d, str) for d in ids):
        return "an 'id' listing the dimensions by name"
    if not isinstance(sizes, list) or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in sizes):
        return "a 'size' listing each dimension's number of categories"
    if len(ids) != len(sizes):
        return f"as many sizes as dimensions ('id' names {len(ids)}, 'size' gives {len(sizes)})"
    if not isinstance(dims, dict) or not all(
        isinstance(dims.get(d), dict) and isinstance(dims[d].get("category"), dict) for d in ids
    ):
        return "a 'dimension' entry with its categories for every dimension of 'id'"
    return ""


def _labels(category: dict[str, Any]) -> dict[str, Any]:
    label = category.get("label", {})
    return label if isinstance(label, dict) else {}


def _sparse(values: dict[str, Any], total: int) -> list[tuple[int, Any]] | None:
    """The cells of a json-stat2 value object (``{"0": 5.1, "17": 4.2}``: the cells present, by their flat
    index), in order; None when a key is not the index of a cell of the table."""
    out = []
    for key, v in values.items():
        if not (isinstance(key, str) and key.isdigit() and len(key) < 19 and int(key) < total):
            return None
        out.append((int(key), v))
    out.sort(key=lambda kv: kv[0])
    return out


def _coords(flat: int, cats: list[list[str]]) -> tuple[str, ...]:
    """The categories of the cell at ``flat`` in a row-major cube (the last dimension varies fastest)."""
    out = []
    for cat in reversed(cats):
        flat, k = divmod(flat, len(cat))
        out.append(cat[k])
    return tuple(reversed(out))


_SCALES = (("thousand", "tūkst"), ("million", "milj"), ("billion", "mljrd"))


def _scale(text: str) -> str | None:
    low = text.casefold()
    return next((words[0] for words in _SCALES if any(w in low for w in words)), None)


def _cell_kinds(
    entry: catalogue.Entry,
    ids: list[str],
    cats: list[list[str]],
    labels: dict[str, dict[str, str]],
    dims: dict[str, Any],
    src: Source,
    result: ReadResult,
) -> dict[tuple[str, ...], str] | None:
    """For a table of the dataset catalogue: each combination of the values of its variables other than
    territory and time -> the catalogue's cell kind (``CODE#n``), or '' where the catalogue maps none.
    None (with a problem) when no cell is of a kind the catalogue maps, or a unit is not the one it expects."""
    others = [(k, d) for k, d in enumerate(ids) if d.upper() in ("INDICATOR", "CONTENTSCODE")]
    kinds: dict[tuple[str, ...], str] = {}
    unmatched: set[str] = set()
    for combo in itertools.product(*(cats[k] for k, _ in others)):
        coords = {d: c for (_, d), c in zip(others, combo, strict=True)}
        texts = {d: str(labels.get(d, {}).get(c, c)) for d, c in coords.items()}
        found = next((n for n, m in enumerate(entry.maps) if m.matches(coords, texts)), None)
        if found is None:
            unmatched.update(f"{d} {c} ({texts[d]})" for d, c in coords.items())
            continue
        unit = entry.maps[found].unit
        content = next((d for d in coords if d.upper() == "CONTENTSCODE"), None)
        if content is not None:
            said = (
                texts[content]
                + " "
                + json.dumps(
                    dims.get(content, {}).get("category", {}).get("unit", {}).get(coords[content], ""),
                    ensure_ascii=False,
                )
            )
            scale = _scale(said)
            if scale is not None and scale != _scale(unit):  # a label that names no scale cannot be checked
                result.problem(
                    "unit-mismatch",
                    src.at(None, content),
                    f"{coords[content]}: {texts[content]}",
                    f"values in {unit}, as the dataset catalogue says for table {entry.code}",
                    f"the table's unit has changed: correct the unit of [csp.{entry.code}] in "
                    "src/latgale_stats/core/catalogue.toml before using this answer",
                )
                return None
        kinds[combo] = f"{entry.code}#{found}"
    if not kinds:
        result.problem(
            "unknown-dataset",
            src.at(None, " / ".join(d for _, d in others) or "ContentsCode"),
            ", ".join(sorted(unmatched)[:6]),
            f"the contents the dataset catalogue maps for table {entry.code}",
            f"run `latgale-stats update --describe csp:{entry.code}` and complete [csp.{entry.code}] in "
            "src/latgale_stats/core/catalogue.toml",
        )
        return None
    if unmatched:
        result.notes.append(f"contents not in the dataset catalogue, not used: {', '.join(sorted(unmatched)[:4])}")
    return kinds


def _names_territories(dim: dict[str, Any]) -> bool:
    """Whether a dimension's value texts name territories the registry knows (Latvia, regions, municipalities)."""
    return any(R.known(str(t)) for t in list(dim.get("category", {}).get("label", {}).values())[:50])


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
