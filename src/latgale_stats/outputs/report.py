"""What ``latgale-stats check`` prints: a summary (what is new since the last build, how current each
dataset is, the warnings counted by code), and with ``--verbose`` the details: files, coverage,
replaced figures, every warning, the 2013 statements."""

from __future__ import annotations

import datetime
import re
import textwrap
from typing import Any

from ..core import indicators as I
from ..core import regions as R
from ..core import territory as T
from ..core.focus import Focus, scope
from ..core.model import VintageFrom
from ..ingest.ur_register import ABSENT as REGISTER_ABSENT
from ..ingest.ur_register import FORMAT as REGISTER_FORMAT
from ..pipeline.freshness import Freshness, freshness
from ..pipeline.load import Dataset
from ..pipeline.select import partial_lines, statements_vs_data
from ..pipeline.validate import plain


def _runs(years: list[int]) -> str:
    """[2000, 2001, 2002, 2005] -> '2000–2002, 2005'."""
    out: list[str] = []
    start = prev = -1
    for y in sorted(set(years)):
        if start < 0:
            start = prev = y
        elif y == prev + 1:
            prev = y
        else:
            out.append(f"{start}–{prev}" if prev != start else f"{start}")
            start = prev = y
    if start >= 0:
        out.append(f"{start}–{prev}" if prev != start else f"{start}")
    return ", ".join(out)


def period_summary(periods: list[str]) -> str:
    years = [p for p in periods if p and len(p) == 4]
    months = sorted(p for p in periods if p and len(p) == 7)
    parts = []
    if years:
        parts.append(_runs([int(y) for y in years]))
    if months:
        parts.append(f"{len(months)} month-ends {months[0]} … {months[-1]}")
    return "; ".join(parts)


def coverage(df):
    """Indicator x region: the periods with a usable value (observations and derived values)."""
    import pandas as pd

    sel = df[(df["kind"] != "statement") & (df["status"] == "")]
    rows = []
    for (ind, region), g in sel.groupby(["indicator", "region"], sort=True):
        rows.append(
            {
                "indicator": ind,
                "region": region,
                "region_name": R.name(region, "lv"),
                "periods": period_summary(list(g["period"].dropna())),
                "n": len(g),
                "sources": ", ".join(sorted(set(g["publisher"]))),
            }
        )
    return pd.DataFrame(rows, columns=["indicator", "region", "region_name", "periods", "n", "sources"])


def _table(rows: list[list[Any]], header: list[str], width: int | None = None, indent: int = 2) -> list[str]:
    """Columns padded to their widest cell; with ``width`` (the terminal's), the widest columns are cut
    (ending in '…') until a line fits."""
    cells = [[str(c) for c in r] for r in [header, *rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    if width:
        while sum(widths) + 2 * (len(widths) - 1) + indent > width and max(widths) > 12:
            widths[widths.index(max(widths))] -= 1
    cut = [[c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(r, widths, strict=True)] for r in cells]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return [
        fmt.format(*cut[0]).rstrip(),
        fmt.format(*("-" * w for w in widths)),
        *(fmt.format(*r).rstrip() for r in cut[1:]),
    ]


def wrap(lines: list[str], width: int | None) -> list[str]:
    """List items and notes wrapped at spaces to ``width`` with a hanging indent (never inside a word);
    tables are left as they are."""
    if not width:
        return lines
    out = []
    for line in lines:
        bullet = re.match(r"^(\s*- |\s+\S+: )", line)
        if len(line) <= width or not bullet:
            out.append(line)
            continue
        indent = " " * (len(line) - len(line.lstrip()) + 4)
        out += textwrap.wrap(line, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
    return out


def _municipal_rates(df: Any) -> str:
    """How many municipalities have the register's registrations per 1000 inhabitants, and how to get
    the rest (their population on 1 January)."""
    municipal = set(df.loc[df["indicator"] == "registrations", "region"]) & set(T.by_region())
    rated = set(df.loc[df["indicator"] == "registrations_per_1000", "region"]) & municipal
    line = (
        f"Register of Enterprises registrations per 1000 inhabitants by municipality: {len(rated)} of "
        f"{len(municipal)} municipalities (those whose population on 1 January of the same year is held)."
    )
    if len(rated) < len(municipal):
        line += (
            " For the others, run `latgale-stats update --only csp` (CSP table IRS031 gives every municipality's "
            "population) or add a CSP download of IRS031 with the municipalities to data/raw/."
        )
    return line


def _vintage(f: Any) -> str:
    """A file's vintage as `check` lists it: the release date, or the copy date marked as such."""
    if not f.vintage:
        return "-"
    return f"{f.vintage} (copy)" if f.vintage_from == VintageFrom.COPY else f.vintage


def check_text(ds: Dataset, df: Any, width: int | None = None) -> str:
    lines = ["Files in the data folder:"]
    lines += [
        "  " + s
        for s in _table(
            [[f.shown, f.format, _vintage(f), f.rows, f.sha256[:12]] for f in ds.files],
            ["file", "format", "vintage", "rows", "sha256"],
            width,
        )
    ]
    for f in ds.files:
        for note in f.notes:
            lines.append(f"  {f.shown}: {note}")
    lines += ["", "Coverage (usable values: indicator x region x periods):"]
    cov = coverage(df)
    order = {i.id: n for n, i in enumerate(I.CATALOGUE)}
    cov = cov.assign(_o=cov["indicator"].map(order)).sort_values(["_o", "region"])
    lines += [
        "  " + s
        for s in _table(
            [[r.indicator, f"{r.region_name} ({r.region})", r.periods, r.sources] for r in cov.itertuples()],
            ["indicator", "region", "periods", "source"],
            width,
        )
    ]
    if not any(f.format == REGISTER_FORMAT for f in ds.files):
        lines += ["", REGISTER_ABSENT]
    else:
        lines += ["", _municipal_rates(df)]
    if ds.skipped:
        lines += ["", f"Not read as data ({len(ds.skipped)}):"]
        lines += [f"  - {path}: {why}" for path, why in ds.skipped]
    if ds.replaced:
        lines += [
            "",
            f"Figures replaced by a publisher file, the publisher's own page or a newer vintage ({len(ds.replaced)}):",
        ]
        lines += [f"  - {r}" for r in ds.replaced]
    if ds.warnings:
        lines += ["", f"Warnings ({len(ds.warnings)}):"]
        lines += [f"  - {w}" for w in ds.warnings]
    comp = statements_vs_data(df)
    if len(comp):
        lines += ["", "The 2013 application's statements beside the current data:"]
        r: Any
        for r in comp.itertuples():
            held = r.current == r.current and r.current is not None
            now = f"now {plain(round(r.current, 1))} ({r.current_source})" if held else r.comment
            if held and r.comment:
                now += f"; {r.comment}"
            lines.append(
                f"  - {r.indicator}, {r.region_name}, {r.period_label}: stated {plain(r.stated)} "
                f"({r.stated_publisher}); {now}"
            )
    lines += ["", "No errors."]
    return "\n".join(wrap(lines, width))


def freshness_lines(items: list[Freshness]) -> list[str]:
    """One line a dataset: publisher, dataset, how current, and what to do where a newer release is likely."""
    out = []
    for f in items:
        mark = "NEWER RELEASE LIKELY" if f.due else "ok"
        line = f"  - [{mark}] {f.publisher} {f.dataset}: {f.why}"
        out.append(line + (f"; {f.action}." if f.due else "."))
    return out


def check_summary(
    ds: Dataset, df: Any, width: int | None = None, changes: Any = None, today: datetime.date | None = None
) -> str:
    """What ``check`` prints by default: what is new since the last build first, how current each
    dataset is, the warnings counted by code, and that there are no errors."""
    from collections import Counter

    from ..core.paths import command

    lines = [f"{len(ds.files)} files read, {int((df['kind'] != 'statement').sum())} values in use."]
    if changes is None:
        lines += ["", "New since the last build: no earlier build to compare with."]
    else:
        from .diff import describe, summary

        lines += ["", f"New since the last build: {summary(changes)}."]
        shown = describe(changes, limit=12)
        lines += [f"  {line}" for line in shown]
    items = freshness(ds.rows, today)
    due = [f for f in items if f.due]
    lines += ["", f"How current the data is ({len(due)} of {len(items)} datasets may have a newer release):"]
    lines += freshness_lines(sorted(items, key=lambda f: (not f.due, f.publisher, f.dataset)))
    partial = partial_lines(df)
    if partial:
        lines += ["", "A newer month held for some regions only:"]
        lines += [f"  - {line}." for line in partial]
    if ds.warnings:
        counts = Counter(w.code for w in ds.warnings)
        lines += ["", f"Warnings ({len(ds.warnings)}), by code:"]
        lines += [f"  - {code}: {n}" for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        lines.append(f"  Each with its file, row and what to do: `{command('check', '--verbose')}`.")
    if ds.replaced:
        lines += [
            "",
            f"{len(ds.replaced)} figures replaced by a publisher file or a newer release (`--verbose` lists them).",
        ]
    lines += ["", "No errors."]
    return "\n".join(wrap(lines, width))


def focus_lines(obs: Any, focus: Focus) -> list[str]:
    """What ``check`` says of another focus than Latgale: what it is compared with, each figure of its set
    drawn or left out (and why, with where to get the data), the sentences the data support."""
    from ..core.declarations import figure_ids
    from ..present import charts
    from ..present.focus import name
    from ..present.text import sentences

    lvl = scope(focus)[1]
    others = ", ".join(name(c, "en") for c in focus.compare_with)
    out = [f"Focus: {name(focus.territory, 'en')} ({lvl}), compared with {others}."]
    for chart_id in figure_ids(*scope(focus)):
        try:
            charts.summary(chart_id, obs, "en", focus=focus)
            out.append(f"  {chart_id}: drawn")
        except charts.ChartUnavailable as why:
            out.append(f"  {chart_id}: left out: {why.reason}")
    said = [s.id for s in sentences(obs, "en", focus=focus)]
    out.append(f"  sentences: {', '.join(said) if said else 'none (no value for the focus)'}")
    return out
