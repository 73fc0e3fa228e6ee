"""Queries over the observations frame that several outputs share: a period cut-off, the rows an
output declares, the 2013 statements beside current data, gaps between two regions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..core import declarations
from ..core import regions as R
from ..core.model import SourceRef, VintageFrom

if TYPE_CHECKING:
    import pandas as pd


def source_label(sources: Iterable[SourceRef], derived: bool = False) -> str:
    """'Eurostat nama_10r_3gdp (release 2023-02-21)' for each distinct source, for tables and messages."""
    labels = dict.fromkeys(
        f"{s.publisher} {s.dataset} ({s.vintage_from.label(s.vintage)})"
        if s.vintage
        else f"{s.publisher} ({s.url or s.dataset})"
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


def _nearest(series: pd.DataFrame, period: str) -> str:
    """The values held nearest before and after ``period``: '2011-10: 12.3; 2012-01: 14.0'."""
    before = series[series["period"] < period].sort_values("period").tail(1)
    after = series[series["period"] > period].sort_values("period").head(1)
    parts = [f"{r['period']}: {r['value']:g}" for _, r in (*before.iterrows(), *after.iterrows())]
    return "; ".join(parts)


def _vintage(row) -> str:
    """A row's vintage in a table: 'release 2023-02-21', 'copy of 2024-01-12' ('' without one)."""
    vintage = row["vintage"]
    return VintageFrom(row["vintage_from"]).label(vintage) if isinstance(vintage, str) and vintage else ""


def statements_vs_data(df: pd.DataFrame) -> pd.DataFrame:
    """The earlier application's statements beside the values held for the same cell.

    One row per statement: what it said (value, period, quote, publisher) and the current
    observation or derived value for the same indicator, territory and period, if any; for the GDP
    index also the value computed from GDP totals (unrounded); where no value exists for the stated
    month, the nearest months held, with their values.
    """
    import pandas as pd

    statements = df[df["kind"] == "statement"]
    current = df[(df["kind"] != "statement") & (df["status"] == "")]
    out = []
    for _, s in statements.iterrows():
        same = current[(current["indicator"] == s["indicator"]) & (current["region"] == s["region"])]
        match = same[same["period"] == s["period"]] if pd.notna(s["period"]) else same.iloc[0:0]
        m = match.iloc[0] if len(match) else None
        if pd.isna(s["period"]):
            comment = "year not stated: no current cell to compare"
        elif m is None:
            near = _nearest(same, str(s["period"]))
            comment = f"no value held for {s['period']}; nearest held: {near}" if near else "no value held"
        else:
            comment = ""
            totals = current[
                (current["indicator"] == "gdp_index_from_totals")
                & (current["region"] == s["region"])
                & (current["period"] == s["period"])
            ]
            if s["indicator"] == "gdp_per_capita_index" and len(totals):
                comment = (
                    f"{m['value']:.1f} from Eurostat's per-inhabitant values (rounded to EUR 100), "
                    f"{totals.iloc[0]['value']:.1f} from GDP totals and population; {_vintage(m)}"
                )
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
                "current_source": "" if m is None else f"{m['publisher']} ({_vintage(m) or 'press'}), {m['file']}",
                "difference": None if m is None else m["value"] - s["value"],
                "comment": comment,
            }
        )
    return pd.DataFrame(out)


UNEMPLOYMENT = "registered_unemployment_rate"


def compared_codes(period: str) -> tuple[str, ...]:
    """The territories every comparison of registered unemployment in ``period`` holds: the five planning
    regions with that month's boundaries, and Latvia."""
    plan = R.PLANNING_2021 if R.planning_vintage(period) == "2021" else R.PLANNING_2006
    return (*plan, "LV")


def _held(df: pd.DataFrame, indicator: str) -> dict[str, set[str]]:
    sel = df[(df["indicator"] == indicator) & (df["status"] == "") & (df["kind"] == "observation")]
    sel = sel[sel["period"].notna()]
    return {str(p): set(g) for p, g in sel.groupby("period")["region"]}


def comparison_period(df: pd.DataFrame, indicator: str = UNEMPLOYMENT) -> str | None:
    """The one "latest" of the regional comparison: the most recent period in which every compared
    territory (the planning regions and Latvia) has a value. Every figure, caption, alt text and sentence
    that compares regions uses it (a newer month held for some territories only waits: see
    :func:`partial_after`)."""
    held = _held(df, indicator)
    for period in sorted(held, reverse=True):
        if set(compared_codes(period)) <= held[period]:
            return period
    return None


def partial_after(df: pd.DataFrame, indicator: str = UNEMPLOYMENT) -> list[tuple[str, list[str], list[str]]]:
    """Periods newer than the comparison period held for some compared territories only: (period, the
    territories held, those missing), newest first."""
    held = _held(df, indicator)
    latest = comparison_period(df, indicator) or ""
    out = []
    for period in sorted((p for p in held if p > latest), reverse=True):
        codes = compared_codes(period)
        have = [c for c in codes if c in held[period]]
        if have:
            out.append((period, have, [c for c in codes if c not in held[period]]))
    return out


def partial_lines(df: pd.DataFrame) -> list[str]:
    """What check and the build say about a newer month held for some territories only."""
    latest = comparison_period(df)
    out = []
    for period, have, missing in partial_after(df):
        out.append(
            f"registered unemployment {period} is held for {', '.join(R.name(c, 'lv') for c in have)} only; "
            f"missing: {', '.join(R.name(c, 'lv') for c in missing)}. Every figure and sentence that compares "
            f"regions stays at {latest or 'no complete month'} until those are entered"
        )
    return out
