"""The build: every output written as one set.

Outputs go to a temporary folder beside ``reports/``; only when everything is written is it swapped
in, so a failed build leaves the last good ``reports/`` exactly as it was.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .export import FORMATS, atomic_write_bytes, chart_data_workbook, figure_bytes, indicators_workbook


@dataclass
class Rendered:
    """A figure rendered to its files, with what the workbook and the annex need to know of it."""

    chart_id: str
    lang: str
    title: str
    subtitle: str
    footer: str
    alt_text: str
    data: object
    files: dict[str, bytes]


_OBS = None  # observations handed to forked render workers


def _render_one(job: tuple[str, str]):
    from . import charts

    chart_id, lang = job
    try:
        fig = charts.draw(chart_id, _OBS, lang)
    except charts.ChartUnavailable as why:
        return ("unavailable", why.chart_id, why.reason)
    files = {fmt: figure_bytes(fig, fmt) for fmt in FORMATS}
    return Rendered(chart_id, lang, fig.title, fig.subtitle, fig.footer, fig.alt_text, fig.data, files)


def jobs_default() -> int:
    return max(1, int(os.environ.get("LATGALE_JOBS", min(2, os.cpu_count() or 1))))


def render_all(obs, langs=("lv", "en"), jobs: int | None = None):
    """Every figure in every language rendered to PNG, SVG and PDF, on ``jobs`` processes
    (figures are independent; the machine has two cores). Returns (rendered, not drawn)."""
    import multiprocessing

    from . import charts

    global _OBS
    _OBS = obs
    todo = [(chart_id, lang) for chart_id in charts.FIGURES for lang in langs]
    jobs = jobs or jobs_default()
    try:
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = pool.map(_render_one, todo, chunksize=1)
        else:
            results = [_render_one(job) for job in todo]
    finally:
        _OBS = None
    rendered = [r for r in results if isinstance(r, Rendered)]
    reasons = {(r[1], r[2]) for r in results if not isinstance(r, Rendered)}
    not_drawn = [charts.ChartUnavailable(cid, why) for cid, why in sorted(reasons)]
    return rendered, not_drawn


@dataclass
class BuildResult:
    written: list[Path] = field(default_factory=list)
    figures: list = field(default_factory=list)
    not_drawn: list = field(default_factory=list)
    langs: tuple[str, ...] = ()


def swap_in(tmp: Path, out: Path) -> None:
    """Replace ``out`` by ``tmp`` with two renames (the old set is removed only afterwards)."""
    old = out.with_name(f".{out.name}-old-{os.getpid()}")
    if out.exists():
        os.replace(out, old)
    os.replace(tmp, out)
    if old.exists():
        shutil.rmtree(old)


def build(obs, out: Path, langs: tuple[str, ...] = ("lv", "en")) -> BuildResult:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}-new-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    result = BuildResult(langs=langs)
    try:
        result.written.append(atomic_write_bytes(tmp / "indicators.xlsx", indicators_workbook(obs)))
        figures, result.not_drawn = render_all(obs, langs)
        for fig in figures:
            for fmt, data in fig.files.items():
                result.written.append(atomic_write_bytes(tmp / "figures" / f"{fig.chart_id}_{fig.lang}.{fmt}", data))
        result.figures = figures
        result.written.append(atomic_write_bytes(tmp / "chart_data.xlsx", chart_data_workbook(figures)))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    swap_in(tmp, out)
    result.written = [out / p.relative_to(tmp) for p in result.written]
    return result
