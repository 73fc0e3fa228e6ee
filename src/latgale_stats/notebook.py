"""What the notebooks call: tables and figures ready to display, in Latvian or English.

Notebooks hold no logic: each cell is one call into this module (or the library), so the same
numbers appear in the notebooks, the figures, the workbook and the annex.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd  # notebooks show DataFrames: this module is imported by notebooks only

from . import load
from .core import focus as F
from .core import indicators as I
from .core import regions as R
from .core.declarations import figure_ids
from .core.model import CellRef, Period
from .core.problems import DataError, Problem
from .outputs.report import coverage as _coverage
from .pipeline.select import gap, statements_vs_data, until
from .present.text import justification as _justification
from .present.text import sentences as _sentences

__all__ = ["PLANNING_2021_AND_LATVIA", "STATISTICAL_2021", "until"]

# region groups the notebooks' tables show
STATISTICAL_2021 = R.STATISTICAL_2021
PLANNING_2021_AND_LATVIA = (*R.PLANNING_2021, "LV")


def observations(
    data_dir: str | Path | None = None, latest_period: str | None = None, include_suspect: bool = False
) -> pd.DataFrame:
    """``load()`` limited to periods up to ``latest_period`` (statements without a year are kept)."""
    df = load(data_dir, include_suspect=include_suspect)
    return until(df, latest_period)


def check_regions(names, indicator: str = "registered_unemployment_rate", period: str | None = None) -> list[str]:
    """Region codes for names a notebook's parameters give; an unknown name is a DataError with the
    nearest known names (the parameter cell is the 'file' to correct)."""
    ind = I.get(indicator)
    codes, problems = [], []
    for n in names:
        try:
            day = Period.parse(period) if period else Period(9999, 12)  # None: today's boundaries
            codes.append(R.resolve(n, ind.schemes, day).code)
        except (R.UnknownRegion, R.AmbiguousRegion) as exc:
            near = ", ".join(repr(s) for s in getattr(exc, "suggestions", [])) or "none close"
            problems.append(
                Problem(
                    "bad-parameter",
                    CellRef("notebook parameters", None, "comparison_regions"),
                    str(n),
                    f"a region name known for {indicator}; nearest known names: {near}",
                    "correct the name in the parameters cell",
                )
            )
    if problems:
        raise DataError(problems)
    return codes


# integer columns that name a place (a row of a file), not a quantity: shown without grouping
_IDENTIFIERS = ("row",)


def _decimals_needed(value: float, most: int = 6) -> int:
    """The decimals a value was given with (18400.0 -> 0, 10.1 -> 1), at most ``most``."""
    text = f"{value:.{most}f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def shown(df: pd.DataFrame, lang: str = "lv", decimals: int | None = 1) -> pd.DataFrame:
    """A table as a reader of ``lang`` writes numbers (CLDR: Latvian ``1 234,5``, English ``1,234.5``),
    its gaps left empty (never ``NaN``): every cell text, the index kept. Floats get ``decimals``
    (None: the decimals each value was given with), counts none; row numbers stay as they are."""
    from .present.formatting import number

    def column(values: pd.Series) -> pd.Series:
        name = str(values.name)
        if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
            return values.map(lambda v: "" if pd.isna(v) else str(v)).astype(object)
        if pd.api.types.is_integer_dtype(values) or name in _IDENTIFIERS:
            as_count = name not in _IDENTIFIERS
            return values.map(lambda v: "" if pd.isna(v) else number(v, lang, 0, group=as_count)).astype(object)
        return values.map(
            lambda v: "" if pd.isna(v) else number(v, lang, _decimals_needed(v) if decimals is None else decimals)
        ).astype(object)

    out = pd.DataFrame({i: column(df.iloc[:, i]) for i in range(df.shape[1])}, index=df.index)
    out.columns = df.columns
    return out


def _names(df, lang: str):
    return df.assign(region_name=df["region"].map(lambda c: R.name(c, lang)))


def files_table(ds, lang: str = "lv") -> pd.DataFrame:
    table = pd.DataFrame(
        [
            {
                "file": f.shown,
                "format": f.format,
                "vintage": f.vintage or "",
                "vintage_from": f.vintage_from.value,
                "rows": f.rows,
                "sha256": f.sha256[:12],
                "notes": "; ".join(f.notes),
            }
            for f in ds.files
        ]
    )
    return shown(table, lang)


def warnings_table(ds, lang: str = "lv") -> pd.DataFrame:
    return shown(pd.DataFrame([w.as_dict() for w in ds.warnings]), lang)


def coverage(df, lang: str = "lv") -> pd.DataFrame:
    cov = _coverage(df)
    cov["indicator"] = cov["indicator"].map(lambda i: I.get(i).name(lang))
    cov["region_name"] = cov["region"].map(lambda c: R.name(c, lang))
    return shown(cov, lang)


def statements(df, lang: str = "lv") -> pd.DataFrame:
    comp = statements_vs_data(df)
    comp["indicator"] = comp["indicator"].map(lambda i: I.get(i).name(lang))
    return shown(
        comp[
            [
                "indicator",
                "region_name",
                "period_label",
                "stated",
                "current",
                "difference",
                "current_source",
                "comment",
                "stated_quote",
            ]
        ],
        lang,
    )


def series_table(df, indicator: str, regions=None, lang: str = "lv", decimals: int = 1) -> pd.DataFrame:
    """Period x region table of one indicator, a period a row, as ``lang`` writes numbers (rounded for
    reading; full values with their sources in indicators.xlsx; a period a region lacks left empty)."""
    sel = df[(df["indicator"] == indicator) & (df["kind"] != "statement")]
    if regions is not None:
        sel = sel[sel["region"].isin(regions)]
    sel = _names(sel, lang)
    table = sel.pivot_table(index="period", columns="region_name", values="value", aggfunc="first", sort=True)
    return shown(table, lang, decimals)


def sources_table(df, indicator: str, lang: str = "lv") -> pd.DataFrame:
    """Every value of one indicator as it was given, with its publisher, file and row."""
    sel = df[(df["indicator"] == indicator) & (df["kind"] != "statement")]
    cols = ["region", "period", "value", "publisher", "vintage", "vintage_from", "file", "row", "url"]
    return shown(sel[cols].sort_values(["region", "period"]).reset_index(drop=True), lang, decimals=None)


def gap_table(df: pd.DataFrame, lang: str = "lv", comparison_regions: list[str] | None = None) -> pd.DataFrame:
    """Registered unemployment in the Latgale region beside the comparison region and the gap in
    percentage points, a month a row (planning regions with the boundaries from July 2021)."""
    key = versus(comparison_regions)
    table = gap(df, "registered_unemployment_rate", "PR_LATGALE_2021", f"PR_{key}_2021")
    gap_label = "starpība, procentpunkti" if lang == "lv" else "gap, percentage points"
    table = table.rename(
        columns={
            "region": R.name("PR_LATGALE_2021", lang),
            "versus": R.name(f"PR_{key}_2021", lang),
            "gap": gap_label,
        }
    ).set_index("period")
    return shown(table, lang, 1)


def versus(comparison_regions: list[str] | None) -> str:
    """The planning region (key) the first of ``comparison_regions`` names (the parameters cell)."""
    if not comparison_regions:
        return R.DEFAULT_VERSUS
    return R.planning_key(check_regions(comparison_regions[:1])[0])


def focus(value: str | None = None) -> F.Focus:
    """The focus of the notebook's ``focus`` parameter: a territory's name or code, or None for ``[focus]``
    of project.toml (Latgale without it). An unknown name stops with the nearest names."""
    return F.focus_of(value)


def focus_summary(chosen: F.Focus, lang: str = "lv") -> None:
    """Show the territory the notebook speaks of and what it is compared with, in words."""
    from IPython.display import display  # the notebook's own machinery

    from .present.focus import Compared, name

    compared = Compared.of(chosen)
    others = ", ".join(name(m, lang) for m in compared.members[1:])
    if lang == "lv":
        kind = "pašvaldība" if compared.level == "municipality" else "reģions"
        text = f"Teritorija: {name(chosen.territory, lang)} ({kind}); salīdzināmās teritorijas: {others}"
    else:
        text = f"Focus: {name(chosen.territory, lang)} ({compared.level}); compared with: {others}"
    display({"text/plain": text}, raw=True)


def show_figure(
    chart_id: str,
    df: pd.DataFrame,
    lang: str = "lv",
    figures_dir: str | Path | None = None,
    comparison_regions: list[str] | None = None,
    width: int = 820,
    focus: F.Focus | None = None,
) -> None:
    """Display one figure with its alt text. With ``figures_dir`` (set by ``latgale-stats build``) the
    PNG the build has just written is shown, so nothing is drawn twice; otherwise (a notebook run by
    hand) the figure is drawn now and only displayed: nothing is written anywhere."""
    if figures_dir is not None:
        png = Path(figures_dir) / f"{chart_id}_{lang}.png"
        if png.exists():
            _display_png(png.read_bytes(), _png_alt_text(png), width)
            return
    # matplotlib is imported only when a figure must be drawn: a build's notebooks show its PNGs
    from .outputs.files import figure_bytes
    from .present import charts

    try:
        fig = charts.draw(chart_id, df, lang, versus(comparison_regions), focus)
    except charts.ChartUnavailable as why:
        print(f"{chart_id}: {why.reason}")
        return
    _display_png(figure_bytes(fig, "png"), fig.alt_text, width)


def _png_text(path: Path) -> dict[str, str]:
    """The texts the build stored in a PNG: 'Title' and 'Description' (the alt text)."""
    from PIL import Image as PILImage  # comes with matplotlib; imported only to read a PNG

    with PILImage.open(path) as im:
        return {str(k): str(v) for k, v in getattr(im, "text", {}).items()}


def _png_alt_text(path: Path) -> str:
    return _png_text(path).get("Description", "")


def _display_png(data: bytes, alt: str, width: int) -> None:
    """Show a PNG with its alt text (kept in the notebook and in its HTML copy)."""
    from IPython.display import Image, display  # the notebook's own machinery

    display(Image(data=data), metadata={"image/png": {"width": width, "alt": alt}})


def alt_texts(
    df: pd.DataFrame,
    lang: str = "lv",
    figures_dir: str | Path | None = None,
    comparison_regions: list[str] | None = None,
    focus: F.Focus | None = None,
) -> pd.DataFrame:
    """Each figure's title and alt text: read from the PNGs the build has just written, or (run by
    hand) from the figures drawn now."""
    rows = []
    for chart_id in figure_ids(*F.scope(focus)):
        png = Path(figures_dir) / f"{chart_id}_{lang}.png" if figures_dir is not None else None
        if png is not None and png.exists():
            texts = _png_text(png)
            rows.append({"figure": chart_id, "title": texts.get("Title", ""), "alt_text": texts.get("Description", "")})
            continue
        from .present import charts  # imports matplotlib: only when a figure must be drawn

        try:
            fig = charts.draw(chart_id, df, lang, versus(comparison_regions), focus)
        except charts.ChartUnavailable:
            continue
        rows.append({"figure": chart_id, "title": fig.title, "alt_text": fig.alt_text})
    return pd.DataFrame(rows)


def show_all(
    df: pd.DataFrame,
    lang: str = "lv",
    figures_dir: str | Path | None = None,
    comparison_regions: list[str] | None = None,
    width: int = 820,
    focus: F.Focus | None = None,
) -> None:
    """Every figure (of ``focus``: Latgale's by default), each with its alt text: shown from the files
    ``latgale-stats build`` has just written, or (run by hand) drawn and shown. Nothing is written:
    ``make build`` writes the files."""
    for chart_id in figure_ids(*F.scope(focus)):
        show_figure(chart_id, df, lang, figures_dir, comparison_regions, width, focus)


def sentences(
    df: pd.DataFrame, lang: str = "lv", comparison_regions: list[str] | None = None, focus: F.Focus | None = None
) -> pd.DataFrame:
    """Each justification sentence with its indicator, period, source and length in characters."""
    table = pd.DataFrame(
        [
            {
                "sentence": s.text,
                "indicator": s.indicator,
                "period": s.period or "—",
                "source": s.source,
                "characters": s.length,
            }
            for s in _sentences(df, lang, versus(comparison_regions), focus)
        ]
    )
    return shown(table, lang)


def justification(
    df: pd.DataFrame,
    lang: str = "lv",
    max_chars: int | None = None,
    comparison_regions: list[str] | None = None,
    focus: F.Focus | None = None,
) -> None:
    """Show the justification paragraph as text (fitted to ``max_chars`` by leaving out whole
    sentences) and its length. Offered as plain text and escaped HTML, never as Markdown: a sentence
    starting with "2020. gadā" must not turn into a numbered list ("20. gadā")."""
    import html

    from IPython.display import display  # the notebook's own machinery

    para = _justification(df, lang, max_chars, versus(comparison_regions), focus=focus)
    limit = f" / {max_chars}" if max_chars else ""
    length = f"{para.length}{limit} {'rakstzīmes' if lang == 'lv' else 'characters'}"
    shown_as = {
        "text/plain": f"{para.text}\n\n{length}",
        "text/html": f"<p>{html.escape(para.text)}</p><p><i>{length}</i></p>",
    }
    display(shown_as, raw=True)
