"""Discover the files in ``data/raw/``, read them, validate every row, merge, keep provenance.

``read()`` returns a :class:`Dataset` with every row of every file (including suspect, superseded
and duplicate rows, each with its ``status``) and the warnings; it raises one :class:`DataError`
listing every error found in every file. ``load()`` (in ``__init__``) is the analyst's entry point.

Rules for several rows giving the same cell (indicator, region, period):

* a publisher file (Eurostat, CSB download) beats a press figure: the press row becomes
  ``superseded`` and ``check`` says so (with both values when they differ);
* two vintages of the same publisher dataset: the newest wins, the older becomes ``superseded``;
* press figures with the same value: the first is used, the others are ``duplicate`` (corroboration);
* press figures with different values, neither marked ``suspect``: an error (mark both ``suspect``
  when no source tells which is right, as the curated files do);
* rows marked ``suspect`` are kept, left out of ``load()`` by default, and listed by ``check``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from . import indicators as I
from . import regions as R
from .core.origins import ORIGINS_FILE
from .errors import DataError, Problem
from .paths import data_dir as default_data_dir
from .paths import display_path
from .sources import ReadResult, Refused, decode, detect, looks_like

COLUMNS = (
    "indicator", "region", "region_name", "period", "period_label", "year", "value", "unit", "flag",
    "status", "kind", "source_kind", "publisher", "dataset", "vintage", "file", "sha256", "row",
    "url", "quote", "note", "value_published", "unit_published", "versus", "inputs",
)
IGNORED_SUFFIXES = (".md",)  # documentation beside the data (README.md); everything else is read
IGNORED_NAMES = (ORIGINS_FILE,)  # the origin record beside the data (core/origins.py)
_PERIOD = re.compile(r"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class SourceFile:
    path: Path
    shown: str
    sha256: str
    format: str
    vintage: str | None
    rows: int
    notes: tuple[str, ...] = ()


@dataclass
class Dataset:
    rows: list[dict[str, object]]
    files: list[SourceFile]
    warnings: list[Problem] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)  # press figures replaced by publisher files

    def observations(self, include_suspect: bool = False, all_rows: bool = False):
        """The rows as a DataFrame (columns: ``COLUMNS``), with the derived values appended.

        By default only the rows in use (``status == ""``); ``include_suspect`` adds suspect rows,
        ``all_rows`` every row (superseded and duplicate too)."""
        import pandas as pd

        from .derive import all_derived

        df = pd.DataFrame(self.rows + all_derived(self.rows), columns=list(COLUMNS))
        df["year"] = df["year"].astype("Int64")
        df["row"] = df["row"].astype("Int64")
        df["value"] = df["value"].astype("float64")
        if not all_rows:
            keep = df["status"].isin(["", "suspect"] if include_suspect else [""])
            df = df[keep].reset_index(drop=True)
        return df


def discover(data_dir: Path) -> list[Path]:
    """The input files: every regular file in ``data_dir`` except documentation and hidden files."""
    if not data_dir.is_dir():
        raise DataError([Problem(display_path(data_dir), None, "", "", "a folder with the raw data files",
                                 "check the --data option or restore data/raw/ from git")])
    return sorted(
        p for p in data_dir.iterdir()
        if p.is_file() and not p.name.startswith((".", "~$")) and p.suffix.lower() not in IGNORED_SUFFIXES
        and p.name not in IGNORED_NAMES
    )


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _period_label(period: str | None) -> str:
    return period if period else "year not stated"


def _parse(rec: dict[str, object], shown: str, sha: str, problems: list[Problem]) -> dict[str, object] | None:
    """Validate one raw record; append problems; return the observation row or None."""
    row = rec["row"]
    cols = rec["columns"]
    start = len(problems)

    def bad(field_: str, value: object, expected: str, action: str = "") -> None:
        problems.append(Problem(shown, row, cols.get(field_, field_), str(value), expected, action,
                                sheet=str(rec.get("sheet", "") or "")))

    ind = I.find(str(rec["indicator"]))
    if ind is None:
        bad("indicator", rec["indicator"], f"an indicator of the catalogue ({', '.join(I.BY_ID)})",
            "correct the indicator id")
    elif ind.derived and rec["kind"] != "statement":
        bad("indicator", rec["indicator"],
            "an observed indicator; derived values are computed by latgale-stats",
            "enter the inputs (counts, population, GDP) instead")

    period = str(rec["period"] or "").strip()
    if not period and rec["kind"] == "statement":
        period_value: str | None = None
    elif _PERIOD.match(period):
        period_value = period
    else:
        period_value = None
        bad("period", period, "a year (2024) or a month (2024-12)", "write the period as YYYY or YYYY-MM")

    region_code = None
    if ind is not None:
        try:
            region_code = R.resolve(str(rec["region"]), ind.schemes, period_value).code
        except R.UnknownRegion as exc:
            near = ", ".join(repr(s) for s in exc.suggestions) or "none close"
            bad("region", rec["region"], f"a region name known for {ind.id}; nearest known names: {near}",
                "correct the spelling, or add the name as an alias in latgale_stats/regions.py")
        except R.AmbiguousRegion as exc:
            if period and period_value is None:
                pass  # the period is wrong already; the region follows once it is corrected
            else:
                bad("region", rec["region"], f"one territorial unit, but the name fits {', '.join(exc.codes)}",
                    "use the full name with its validity, e.g. '… (no 01.01.2024.)'")

    raw_value = str(rec["value"]).strip()
    value: float | None = None
    if not _NUMBER.match(raw_value):
        bad("value", raw_value, "a number written with a decimal point and no thousands separator, e.g. 19.8",
            "correct the number")
    else:
        value_dec = Decimal(raw_value)

    unit = str(rec["unit"]).strip()
    factor = None
    if not unit:
        bad("unit", unit, "the unit the number was published in"
            + (f", e.g. {next(iter(ind.units))!r}" if ind else ""), "fill in the unit")
    elif ind is not None:
        factor = ind.factor(unit)
        if factor is None:
            bad("unit", unit, f"a unit of {ind.id}: {', '.join(repr(u) for u in ind.units)}",
                "write the unit as published, in one of these forms")

    if ind is not None and factor is not None and _NUMBER.match(raw_value):
        try:
            value = float(value_dec * Decimal(repr(factor)))
        except InvalidOperation:  # pragma: no cover - guarded by the regex
            value = None
        if value is not None and not (ind.minimum <= value <= ind.maximum):
            limits = f"between {ind.minimum:g} and {ind.maximum:g} {ind.unit}"
            bad("value", raw_value, f"a value {limits}", "check the number in the source")
        elif value is not None and ind.integer and value != int(value):
            bad("value", raw_value, "a whole number", "check the number in the source")

    status = str(rec["status"] or "").strip().lower()
    if status not in ("", "suspect"):
        bad("status", rec["status"], "empty or 'suspect'", "leave empty, or write suspect")
    if not str(rec["publisher"]).strip():
        bad("publisher", "", "the publisher of the number (e.g. NVA, CSB, Lursoft)", "fill in the publisher")
    if rec.get("require_url") and not str(rec["url"]).strip():
        bad("url", "", "the address of the page or report the number was read from",
            "every number needs its source: fill in the source URL")
    elif rec["source_kind"] != "publisher file" and not (str(rec["url"]).strip() or str(rec["quote"]).strip()):
        bad("url", "", "the address of the page the number was read from (or the quote)",
            "every number needs its source: fill in url and quote")

    if len(problems) > start or ind is None or region_code is None or value is None:
        return None
    return {
        "indicator": ind.id, "region": region_code, "region_name": str(rec["region"]),
        "period": period_value, "period_label": _period_label(period_value),
        "year": int(period_value[:4]) if period_value else None,
        "value": value, "unit": ind.unit, "flag": rec["flag"] or "", "status": status,
        "kind": rec["kind"], "source_kind": rec["source_kind"], "publisher": str(rec["publisher"]).strip(),
        "dataset": rec["dataset"], "vintage": rec["vintage"], "file": shown, "sha256": sha, "row": row,
        "url": rec["url"] or "", "quote": rec["quote"] or "", "note": rec["note"] or "",
        "value_published": raw_value, "unit_published": unit, "versus": None, "inputs": "",
    }


def plain(value: object) -> str:
    """A number as written in a message: no exponent, no trailing zeros (2001468, 19.8)."""
    v = float(value)  # type: ignore[arg-type]
    return str(int(v)) if v.is_integer() else f"{v:.6f}".rstrip("0").rstrip(".")


def _where(row: dict[str, object]) -> str:
    return f"{row['file']} row {row['row']}"


def _resolve_cells(rows: list[dict[str, object]], errors: list[Problem], warnings: list[Problem],
                   replaced: list[str]) -> None:
    """Mark superseded/duplicate rows and report conflicts (see the module docstring)."""
    cells: dict[tuple, list[dict[str, object]]] = {}
    vintages: dict[tuple, list[int]] = {}
    for row in rows:
        if row["kind"] != "observation":
            continue
        cells.setdefault((row["indicator"], row["region"], row["period"]), []).append(row)
    for (ind, region, period), group in cells.items():
        if len(group) == 1:
            continue
        live = [r for r in group if r["status"] != "suspect"]
        files = [r for r in live if r["source_kind"] == "publisher file"]
        press = [r for r in live if r["source_kind"] != "publisher file"]
        cell = f"{ind} {R.name(region, 'lv')} ({region}) {period}"
        if files:
            newest = max(str(r["vintage"] or "") for r in files)
            best = [r for r in files if str(r["vintage"] or "") == newest]
            for r in files:
                if r not in best:
                    r["status"] = "superseded"
                    r["note"] = f"older vintage {r['vintage']}; {newest} used"
                    key = (str(r["dataset"]), str(r["file"]), str(r["vintage"]), str(best[0]["file"]), newest)
                    count = vintages.setdefault(key, [0, 0])
                    count[0] += 1
                    count[1] += abs(float(r["value"]) - float(best[0]["value"])) > 1e-9
            distinct = {r["value"] for r in best}
            if len(distinct) > 1:
                errors.append(Problem(
                    best[1]["file"], best[1]["row"], "value", best[1]["value_published"],
                    f"the same value as row {best[0]['row']} ({best[0]['value_published']}) for {cell}",
                    "the download gives two values for one cell: download it again"))
            for r in best[1:]:
                r["status"] = "duplicate"
            winner = best[0]
            for r in press:
                r["status"] = "superseded"
                same = abs(float(r["value"]) - float(winner["value"])) < 1e-9
                instead = "" if same else f" instead of {plain(r['value'])}"
                r["note"] = (f"publisher file {winner['file']} (vintage {winner['vintage']}) gives "
                             f"{plain(winner['value'])}; it is used{instead}")
                replaced.append(
                    f"{cell}: {_where(r)} ({r['publisher']} press, {plain(r['value'])}) "
                    f"{'agrees with' if same else 'differs from'} {_where(winner)} "
                    f"({winner['publisher']} {winner['vintage']}, {plain(winner['value'])}); the file is used")
        elif press:
            first = press[0]
            conflicting = [r for r in press[1:] if abs(float(r["value"]) - float(first["value"])) > 1e-9]
            for r in conflicting:
                errors.append(Problem(
                    r["file"], r["row"], "value", r["value_published"],
                    f"the same value as {_where(first)} ({first['value_published']}) for {cell}",
                    "if the sources really disagree, mark both rows 'suspect' and say why in note; "
                    "otherwise correct the number"))
            if not conflicting:
                for r in press[1:]:
                    r["status"] = "duplicate"
                    r["note"] = (str(r["note"]) + f" [same value as {_where(first)}]").strip()
        suspects = [r for r in group if r["status"] == "suspect"]
        if len(suspects) > 1 and len({r["value"] for r in suspects}) > 1:
            values = ", ".join(f"{plain(r['value'])} ({_where(r)})" for r in suspects)
            warnings.append(Problem(suspects[0]["file"], suspects[0]["row"], "value", "",
                                    f"conflicting suspect values for {cell}: {values}",
                                    "left out of charts and sentences until a source settles it",
                                    severity="warning"))
    for (dataset, old_file, old_vintage, new_file, new_vintage), (n, revised) in sorted(vintages.items()):
        replaced.insert(0, f"{dataset}: vintage {new_vintage} ({new_file}) is used; the older vintage {old_vintage} "
                           f"({old_file}) is kept for reference: {n} cells, {revised} of them revised "
                           "(`latgale-stats diff` after a build lists them)")


MAX_MONTHLY_JUMP_PP = 3.0


def _months_apart(a: str, b: str) -> int:
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7])


def _plausibility(rows: list[dict[str, object]], warnings: list[Problem]) -> None:
    """Possible but implausible values: flagged with the row to check, never changed."""
    used = [r for r in rows if r["status"] == "" and r["kind"] == "observation"]
    series: dict[str, list[dict[str, object]]] = {}
    for r in used:
        if r["indicator"] == "registered_unemployment_rate":
            series.setdefault(str(r["region"]), []).append(r)
    for points in series.values():
        points.sort(key=lambda r: str(r["period"]))
        for before, after in zip(points, points[1:], strict=False):
            jump = float(after["value"]) - float(before["value"])  # type: ignore[arg-type]
            if _months_apart(str(before["period"]), str(after["period"])) == 1 and abs(jump) > MAX_MONTHLY_JUMP_PP:
                warnings.append(Problem(
                    str(after["file"]), after["row"], "value", str(after["value_published"]),
                    f"a change of at most {MAX_MONTHLY_JUMP_PP:g} points from the month before "
                    f"({before['period']}: {plain(before['value'])}, {_where(before)}); it moved {jump:+.1f}",
                    "check the number in the source (a typo such as 98 for 9.8?)", severity="warning"))
    gdp = {(r["file"], r["period"], r["region"]): r for r in used if r["indicator"] == "gdp_per_capita"}
    for (file, period, region), r in gdp.items():
        riga = gdp.get((file, period, "LV006"))
        if region in R.STATISTICAL_2021 and region != "LV006" and riga and float(r["value"]) > float(riga["value"]):
            warnings.append(Problem(
                str(file), r["row"], "value", str(r["value_published"]),
                f"GDP per capita below Rīga's ({plain(riga['value'])}, {_where(riga)}) in {period}",
                "check the number and the region in the source", severity="warning"))


def read(data_dir: Path | str | None = None) -> Dataset:
    """Read and validate every file in ``data_dir`` (default: the project's ``data/raw/``)."""
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    errors: list[Problem] = []
    warnings: list[Problem] = []
    rows: list[dict[str, object]] = []
    files: list[SourceFile] = []
    for path in discover(folder):
        shown = display_path(path)
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        text = None if data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0") else decode(data)
        try:
            found = detect(data, text)
        except Refused as why:
            errors.append(Problem(shown, None, "", "", f"not a format latgale-stats reads as it is: {why}",
                                  "convert or replace the file; the other files were still checked"))
            continue
        if found is None:
            errors.append(Problem(shown, None, "", "",
                                  f"not a format latgale-stats reads (looks like {looks_like(data)})",
                                  "remove the file from data/raw/ or convert it to a supported format"))
            continue
        fmt, reader = found
        result: ReadResult = reader(path, text or "", shown)
        fmt = result.format or fmt
        errors.extend(result.problems)
        for rec in result.records:
            obs = _parse(rec, shown, sha, errors)
            if obs is not None:
                rows.append(obs)
        files.append(SourceFile(path, shown, sha, fmt, result.vintage,
                                len(result.records), tuple(result.notes)))
    replaced: list[str] = []
    _resolve_cells(rows, errors, warnings, replaced)
    if errors:
        raise DataError(errors)
    _plausibility(rows, warnings)
    for row in rows:
        if row["status"] == "suspect":
            warnings.append(Problem(
                str(row["file"]), row["row"], "status", "suspect",
                f"suspect figure kept but left out: {row['indicator']} {row['region_name']} "
                f"{row['period_label']} = {row['value_published']} ({str(row['note'])[:120]})",
                "check the source; remove 'suspect' once confirmed", severity="warning"))
    return Dataset(rows, files, warnings, replaced)
