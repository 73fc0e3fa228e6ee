"""Queries over the observations frame that several outputs share: a period cut-off, the rows an
output declares, the 2013 statements beside current data, gaps between two regions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core import declarations
from ..core.model import SourceRef

if TYPE_CHECKING:
    import pandas as pd


def source_label(sources: Iterable[SourceRef], derived: bool = False) -> str:
    """'Eurostat nama_10r_3gdp (2023-02-21)' for each distinct source, for tables and messages."""
    labels = dict.fromkeys(
        f"{s.publisher} {s.dataset} ({s.vintage})" if s.vintage else f"{s.publisher} ({s.url or s.dataset})"
        for s in sources
    )
    return "; ".join(labels) + ("; computed from these" if derived else "")


def until(df: pd.DataFrame, latest_period: str | None) -> pd.DataFrame:
    """Rows whose period is not after ``latest_period`` ('2024', '2024-06'); None keeps everything."""
    if not latest_period:
        return df
    cut = str(latest_period)
    period = df["period"].fillna("")
    keep = (period == "") | (period.str.slice(0, len(cut)) <= cut)
    return df[keep].reset_index(drop=True)


def for_output(df: pd.DataFrame, output_id: str) -> pd.DataFrame:
    """Only the rows of the indicators an output declares (``core.declarations``)."""
    reads = declarations.reads(output_id)
    if reads is None:
        return df
    return df[df["indicator"].isin(sorted(reads))].reset_index(drop=True)


def gap(df: pd.DataFrame, indicator: str, region: str, versus: str) -> pd.DataFrame:
    """Difference region - versus per period (percentage points for rates), where both exist."""
    sel = df[(df["indicator"] == indicator) & (df["kind"] != "statement")]
    a = sel[sel["region"] == region].set_index("period")["value"]
    b = sel[sel["region"] == versus].set_index("period")["value"]
    both = a.to_frame("region").join(b.to_frame("versus"), how="inner")
    both["gap"] = both["region"] - both["versus"]
    return both.reset_index()


def statements_vs_data(df: pd.DataFrame) -> pd.DataFrame:
    """The earlier application's statements beside the current value of the same cell.

    One row per statement: what it said (value, period, quote, publisher) and the current
    observation or derived value for the same indicator, territory and period, if any.
    """
    import pandas as pd

    statements = df[df["kind"] == "statement"]
    current = df[(df["kind"] != "statement") & (df["status"] == "")]
    out = []
    for _, s in statements.iterrows():
        match = (
            current[
                (current["indicator"] == s["indicator"])
                & (current["region"] == s["region"])
                & (current["period"] == s["period"])
            ]
            if pd.notna(s["period"])
            else current.iloc[0:0]
        )
        m = match.iloc[0] if len(match) else None
        out.append(
            {
                "indicator": s["indicator"],
                "region": s["region"],
                "region_name": s["region_name"],
                "period_label": s["period_label"],
                "stated": s["value"],
                "stated_quote": s["quote"],
                "stated_publisher": s["publisher"],
                "stated_file": s["file"],
                "stated_row": s["row"],
                "current": None if m is None else m["value"],
                "current_source": "" if m is None else f"{m['publisher']} ({m['vintage'] or 'press'}), {m['file']}",
                "difference": None if m is None else m["value"] - s["value"],
                "comment": (
                    "year not stated: no current cell to compare"
                    if pd.isna(s["period"])
                    else "no current observation for this cell"
                    if m is None
                    else ""
                ),
            }
        )
    return pd.DataFrame(out)
