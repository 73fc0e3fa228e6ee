"""What changed since the last build: new observations, revised values (old → new, with both
vintages) and removed ones, each with the figures and sentences it touches.

The previous build's observations are kept in ``reports/manifest.json`` (``observations``), so the
comparison needs no other file.
"""

from __future__ import annotations

from typing import Any

import pandas as pd  # the comparison is a DataFrame; diff is imported by build and cli only

from ..core import declarations
from ..core import indicators as I
from ..core import regions as R
from ..core.paths import command
from ..present import formatting as N

SNAPSHOT_COLUMNS = ["indicator", "region", "period", "value", "vintage", "publisher", "file", "row"]


def snapshot(obs: pd.DataFrame) -> list[list[Any]]:
    """The observations in use (and derived values), compactly, for the manifest."""
    sel = obs[(obs["kind"] != "statement") & (obs["status"] == "")]
    out = []
    r: Any
    for r in sel.itertuples(index=False):
        out.append(
            [
                r.indicator,
                r.region,
                r.period,
                round(float(r.value), 10),
                "" if pd.isna(r.vintage) else str(r.vintage),
                r.publisher,
                r.file,
                None if pd.isna(r.row) else int(r.row),
            ]
        )
    return sorted(out, key=lambda x: (x[0], x[1], x[2] or ""))


def _touches(indicator: str) -> tuple[list[str], list[str]]:
    """The figures and sentences a change to ``indicator`` touches (from their declarations)."""
    touched = declarations.touched_by([indicator])
    figures = [o.id for o in declarations.FIGURES if o.id in touched]
    sentences = [o.id for o in declarations.SENTENCES if o.id in touched]
    return figures, sentences


def compare(old: list[list[Any]], obs: pd.DataFrame) -> pd.DataFrame:
    """One row per changed cell: change, indicator, region, period, old and new value and source,
    figures and sentences touched."""
    before = {(r[0], r[1], r[2]): r for r in old}
    now = {(r[0], r[1], r[2]): r for r in snapshot(obs)}
    rows = []
    for key in sorted(set(before) | set(now), key=lambda k: (k[0], k[1], k[2] or "")):
        a, b = before.get(key), now.get(key)
        if a and b and abs(a[3] - b[3]) <= 1e-9 * max(1.0, abs(a[3])):
            continue
        change = "new" if a is None else "removed" if b is None else "revised"
        figures, sentences = _touches(key[0])
        rows.append(
            {
                "change": change,
                "indicator": key[0],
                "region": key[1],
                "region_name": R.name(key[1], "lv"),
                "period": key[2],
                "old": None if a is None else a[3],
                "new": None if b is None else b[3],
                "old_source": "" if a is None else f"{a[5]} {a[4]}".strip(),
                "new_source": "" if b is None else f"{b[5]} {b[4]}".strip(),
                "figures": ", ".join(figures),
                "sentences": ", ".join(sentences),
            }
        )
    return pd.DataFrame(
        rows,
        columns=[
            "change",
            "indicator",
            "region",
            "region_name",
            "period",
            "old",
            "new",
            "old_source",
            "new_source",
            "figures",
            "sentences",
        ],
    )


def _decimals(indicator: str, *values) -> int:
    """The catalogue's decimals, more where needed so that two different values never print alike
    (a revision 17 363,2 → 17 363,4 is not shown as '17 363 → 17 363')."""
    ind = I.BY_ID.get(indicator)
    decimals = ind.decimals if ind else 1
    known = [v for v in values if v is not None and v == v]
    if len(known) == 2 and known[0] != known[1]:
        while decimals < 6 and round(known[0], decimals) == round(known[1], decimals):
            decimals += 1
    return decimals


def _value(indicator: str, v, lang: str = "lv", decimals: int | None = None, unit: bool = True) -> str:
    """A value with its unit: '10,4%', '17 363,2 milj. EUR', '56,8 (Latvija = 100)'."""
    if v is None or v != v:
        return "—"
    ind = I.BY_ID.get(indicator)
    text = N.number(v, lang, _decimals(indicator) if decimals is None else decimals)
    if ind is None or not unit:
        return text
    label = ind.unit_label(lang)
    if ind.unit.startswith("%"):
        return f"{text}%"
    return f"{text} ({label})" if "=" in label else f"{text} {label}"


def describe(changes: pd.DataFrame, limit: int | None = None, changed: set[str] | None = None) -> list[str]:
    """Lines an analyst reads: 'Latgales reģions, 2026-01: new, 10,4% (NVA) — figures: …; sentences: …'.

    ``changed``: the output files whose bytes changed in this build (``figures/<id>_<lang>.png`` …): a
    figure is named only if one of its files changed (a change that did not reach a figure, because the
    figure compares another period, does not name it)."""
    lines = []
    shown = changes if limit is None else changes.head(limit)
    if changed is not None:
        moved = {f.split("/", 1)[1].rsplit("_", 1)[0] for f in changed if f.startswith("figures/")}
        keep = [", ".join(f for f in r.split(", ") if f in moved) if r else r for r in shown["figures"]]
        shown = shown.assign(figures=keep)
    r: Any
    for r in shown.itertuples(index=False):
        name = I.BY_ID[r.indicator].name("lv") if r.indicator in I.BY_ID else r.indicator
        where = f"{name}, {r.region_name}, {r.period or 'gads nav norādīts'}"
        if r.change == "new":
            what = f"new, {_value(r.indicator, r.new)} ({r.new_source})"
        elif r.change == "removed":
            what = f"removed (was {_value(r.indicator, r.old)}, {r.old_source})"
        else:
            d = _decimals(r.indicator, r.old, r.new)
            what = (
                f"revised {_value(r.indicator, r.old, decimals=d, unit=False)} → "
                f"{_value(r.indicator, r.new, decimals=d)} "
                f"({r.old_source} → {r.new_source})"
            )
        touched = "; ".join(
            p
            for p in (f"figures: {r.figures}" if r.figures else "", f"sentences: {r.sentences}" if r.sentences else "")
            if p
        )
        lines.append(f"{where}: {what}" + (f" — {touched}" if touched else ""))
    if limit is not None and len(changes) > limit:
        lines.append(f"… and {len(changes) - limit} more (`{command('diff')}` lists them all)")
    return lines


def summary(changes: pd.DataFrame) -> str:
    counts = changes["change"].value_counts()
    return (
        f"{counts.get('new', 0)} new, {counts.get('revised', 0)} revised, {counts.get('removed', 0)} removed "
        "observations since the last build"
    )
