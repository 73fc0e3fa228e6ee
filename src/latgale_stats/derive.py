"""Values the argument needs, computed from observations and labelled as derived.

Each derived row keeps the provenance of its inputs (files, rows, vintages) in ``inputs``.
Nothing is interpolated: a value is derived only where every input exists for the same territory
(same region code, hence the same territorial scheme) and the same period.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import indicators as I
from . import regions as R
from .dataset import plain

DERIVED_PUBLISHER = "latgale-stats (derived)"


def _ref(row: dict) -> str:
    return f"{row['region']} {row['period']} = {plain(row['value'])} ({row['file']} row {row['row']})"


def _derived(indicator: str, region: str, period: str, value: float, inputs: list[dict], **extra) -> dict:
    first = inputs[0]
    files = sorted({str(r["file"]) for r in inputs})
    publishers = sorted({str(r["publisher"]) for r in inputs})
    vintages = sorted({str(r["vintage"]) for r in inputs if r["vintage"]})
    return {
        "indicator": indicator, "region": region, "region_name": R.name(region, "lv"),
        "period": period, "period_label": period, "year": int(period[:4]), "value": value,
        "unit": I.get(indicator).unit, "flag": "".join(sorted({c for r in inputs for c in str(r["flag"])})),
        "status": "", "kind": "derived", "source_kind": "derived",
        "publisher": f"{DERIVED_PUBLISHER} from {' + '.join(publishers)}",
        "dataset": first["dataset"] if len({r['dataset'] for r in inputs}) == 1 else "",
        "vintage": vintages[0] if len(vintages) == 1 else (" / ".join(vintages) or None),
        "file": "; ".join(files), "sha256": "", "row": None, "url": "", "quote": "",
        "note": I.get(indicator).derivation, "value_published": "", "unit_published": "",
        "versus": extra.get("versus"), "inputs": "; ".join(_ref(r) for r in inputs),
    }


def gdp_per_capita_index(rows: Iterable[dict]) -> list[dict]:
    """GDP per capita of each region / Latvia's x 100, within one publisher file and vintage."""
    groups: dict[tuple, dict[tuple, dict]] = {}
    for r in rows:
        if r["indicator"] == "gdp_per_capita" and r["source_kind"] == "publisher file" and r["status"] == "":
            groups.setdefault((r["file"], r["vintage"]), {})[(r["region"], r["period"])] = r
    out = []
    for cells in groups.values():
        for (region, period), r in sorted(cells.items()):
            lv = cells.get(("LV", period))
            if region in ("LV", "EU27_2020") or lv is None or not lv["value"]:
                continue
            out.append(_derived("gdp_per_capita_index", region, period, r["value"] / lv["value"] * 100, [r, lv]))
    return out


def new_enterprises_per_1000(rows: Iterable[dict]) -> list[dict]:
    """New enterprises / population on 1 January x 1000, same territory code and year."""
    counts, population = {}, {}
    for r in rows:
        if r["status"] != "" or r["kind"] != "observation":
            continue
        if r["indicator"] == "new_enterprises":
            counts[(r["region"], r["period"])] = r
        elif r["indicator"] == "population":
            population[(r["region"], r["period"])] = r
    out = []
    for (region, period), c in sorted(counts.items()):
        p = population.get((region, period))
        if p is not None:
            out.append(_derived("new_enterprises_per_1000", region, period, c["value"] / p["value"] * 1000, [c, p]))
    return out


def unemployment_gaps(rows: Iterable[dict], region: str = "LATGALE", versus: str = "RIGA") -> list[dict]:
    """Registered unemployment of a planning region minus another's, in percentage points, per month.

    ``region``/``versus`` name planning regions by key (``LATGALE``, ``RIGA``…); the comparison is
    always made within one boundary vintage (2006 or 2021 planning regions), never across.
    """
    rates = {(r["region"], r["period"]): r for r in rows
             if r["indicator"] == "registered_unemployment_rate" and r["status"] == "" and r["kind"] == "observation"}
    out = []
    for vintage in ("2006", "2021"):
        a_code, b_code = f"PR_{region}_{vintage}", f"PR_{versus}_{vintage}"
        for (code, period), a in sorted(rates.items()):
            b = rates.get((b_code, period))
            if code == a_code and b is not None:
                out.append(_derived("unemployment_gap_pp", a_code, period, round(a["value"] - b["value"], 10),
                                    [a, b], versus=b_code))
    return out


def all_derived(rows: list[dict]) -> list[dict]:
    return [*gdp_per_capita_index(rows), *new_enterprises_per_1000(rows), *unemployment_gaps(rows)]


def gap(df, indicator: str, region: str, versus: str):
    """Difference region - versus per period (percentage points for rates), where both exist."""
    sel = df[(df["indicator"] == indicator) & (df["kind"] != "statement")]
    a = sel[sel["region"] == region].set_index("period")["value"]
    b = sel[sel["region"] == versus].set_index("period")["value"]
    both = a.to_frame("region").join(b.to_frame("versus"), how="inner")
    both["gap"] = both["region"] - both["versus"]
    return both.reset_index()


def statements_vs_data(df):
    """The earlier application's statements beside the current value of the same cell.

    One row per statement: what it said (value, period, quote, publisher) and the current
    observation or derived value for the same indicator, territory and period, if any.
    """
    import pandas as pd

    statements = df[df["kind"] == "statement"]
    current = df[(df["kind"] != "statement") & (df["status"] == "")]
    out = []
    for _, s in statements.iterrows():
        match = current[(current["indicator"] == s["indicator"]) & (current["region"] == s["region"])
                        & (current["period"] == s["period"])] if pd.notna(s["period"]) else current.iloc[0:0]
        m = match.iloc[0] if len(match) else None
        out.append({
            "indicator": s["indicator"], "region": s["region"], "region_name": s["region_name"],
            "period_label": s["period_label"], "stated": s["value"], "stated_quote": s["quote"],
            "stated_publisher": s["publisher"], "stated_file": s["file"], "stated_row": s["row"],
            "current": None if m is None else m["value"],
            "current_source": "" if m is None else f"{m['publisher']} ({m['vintage'] or 'press'}), {m['file']}",
            "difference": None if m is None else m["value"] - s["value"],
            "comment": ("year not stated: no current cell to compare" if pd.isna(s["period"])
                        else "no current observation for this cell" if m is None else ""),
        })
    return pd.DataFrame(out)
