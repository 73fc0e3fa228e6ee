"""The figures: house style, numbers per language, honest data, deterministic files.

Two datasets: the bundled ``data/raw/`` (``obs``, ``figures``: a smoke test that every figure draws from the
real data, and real-data facts) and the small frozen ``tests/fixtures/dataset/`` with invented values
(``fixture_obs``, ``fixture_figures``): the baseline images and the tests of specific plotted values use it,
so an update of ``data/raw/`` needs no new baselines.

Baselines: ``LATGALE_UPDATE_BASELINES=1 python -m pytest tests/test_charts.py -k baseline`` writes
``tests/baseline/*.png`` from the fixture dataset and skips those tests ("baseline written: look at it");
look at the images, commit them, and run the tests again without the variable.
"""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import matplotlib
import matplotlib.colors as mc
import matplotlib.path as mpath
import pytest
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.ft2font import FT2Font
from matplotlib.testing.compare import compare_images
from matplotlib.text import Text
from openpyxl import load_workbook
from PIL import Image

import latgale_stats as ls
from conftest import RAW
from latgale_stats.cli import main
from latgale_stats.core import declarations as D
from latgale_stats.core import regions
from latgale_stats.outputs.files import column_keys, figure_bytes
from latgale_stats.present import charts, citations
from latgale_stats.present import formatting as N
from latgale_stats.present.charts import theme

BASELINE = Path(__file__).parent / "baseline"
FIXTURE_DATA = Path(__file__).parent / "fixtures" / "dataset"  # invented values, see its README.md
BASELINE_DPI = 72
# compare_images' RMS of the pixel difference (0-255 scale). With the pinned matplotlib (its wheel's own
# FreeType) and its DejaVu font a redraw is byte-identical (RMS 0.0); the tolerance only absorbs sub-pixel
# antialiasing noise of another CPU or platform. It must stay below the smallest change worth seeing: one
# small grey marker moved in the trend gives about 0.5, one changed bar label about 4.6, one bar 1 point
# shorter about 18 (test_baseline_comparison_sees_a_change). Another FreeType (e.g. conda-forge's)
# renders glyphs differently: there, regenerate the baselines rather than raise the tolerance.
BASELINE_TOL = 0.3
UPDATE_COMMAND = "LATGALE_UPDATE_BASELINES=1 python -m pytest tests/test_charts.py -k baseline"
IDS = list(charts.FIGURE_IDS)
LATVIAN_LETTERS = "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ"
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")


@pytest.fixture(scope="module")
def figures(obs):
    """Every figure drawn from the bundled data/raw/."""
    return {(f.chart_id, f.lang): f for f in charts.draw_all(obs)[0]}


@pytest.fixture(scope="module")
def fixture_obs():
    """Observations of the frozen fixture dataset (invented values)."""
    return ls.load(data_dir=FIXTURE_DATA)


@pytest.fixture(scope="module")
def fixture_figures(fixture_obs):
    """Every figure drawn from the frozen fixture dataset."""
    figures, missing = charts.draw_all(fixture_obs)
    assert not missing, [m.reason for m in missing]
    return {(f.chart_id, f.lang): f for f in figures}


@pytest.fixture(params=["bundled", "fixture"])
def any_figures(request):
    """The figures of either dataset, for checks that hold for any data."""
    return request.getfixturevalue("figures" if request.param == "bundled" else "fixture_figures")


def save_png(fig, path: Path) -> Path:
    with charts.style():
        fig.savefig(path, dpi=BASELINE_DPI, metadata={"Software": None})
    return path


def svg_texts(data: bytes) -> list[str]:
    root = ET.fromstring(data)
    return ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]


def test_fixture_dataset_loads_without_problems():
    ds = ls.read(FIXTURE_DATA)
    assert {w.code for w in ds.warnings} == {"unknown-outlet"}  # example.invalid is in no outlet list
    assert {f.format for f in ds.files} == {"Eurostat SDMX-CSV", "Eurostat TSV", "curated CSV"}
    for f in FIXTURE_DATA.glob("*_invented*"):  # the Eurostat ones keep CRLF (git: -text)
        assert (b"\r\n" in f.read_bytes()) == f.name.startswith(("nama_", "demo_", "bd_")), f.name
    assert (FIXTURE_DATA / "application_2013_statements.csv").read_bytes() == (
        RAW / "application_2013_statements.csv"
    ).read_bytes()


def test_every_figure_in_both_languages(any_figures):
    assert set(any_figures) == {(i, lang) for i in IDS for lang in ("lv", "en")}


@pytest.mark.parametrize("chart_id", IDS)
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_title_footer_and_alt_text(any_figures, chart_id, lang):
    """Smoke test on the bundled data (and the same on the fixture dataset)."""
    fig = any_figures[(chart_id, lang)]
    assert fig.title and fig.subtitle
    assert fig.footer.startswith(("Avots:", "Avoti:") if lang == "lv" else ("Source:", "Sources:"))
    assert len(fig.alt_text) > 40 and "Latgal" in fig.alt_text
    if lang == "lv":
        assert not DECIMAL_POINT.search(fig.alt_text)
    assert fig.footer in [t.get_text() for t in fig.texts]  # the footer is in the image itself


def test_sources_and_vintages_in_footers(fixture_figures):
    """Publisher, dataset and release date; press figures as the publisher's data with the outlet; a
    calculation as the authors' own; never a workbook or the software as a source."""
    figures = fixture_figures
    footer = figures[("gdp_index_latest", "lv")].footer.replace("\n", " ")
    assert "Eurostat, nama_10r_3gdp, 15.01.2024" in footer and "autoru aprēķins" in footer
    assert "NVA data as published by example.invalid" in figures[("unemployment_trend", "en")].footer
    assert "2013 project application" in figures[("unemployment_trend", "en")].footer
    firms = figures[("firm_formation", "en")].footer.replace("\n", " ")
    # the population file holds its release date; the births TSV only a date in its name: the day it was downloaded
    assert (
        "Eurostat, demo_r_pjanaggr3, 10 Jan 2024" in firms and "Eurostat, bd_size_r3, downloaded 15 Jan 2024" in firms
    )
    firms_lv = figures[("firm_formation", "lv")].footer.replace("\n", " ")
    assert "Eurostat, bd_size_r3, lejupielādēts 15.01.2024" in firms_lv
    assert "Eurostat, demo_r_pjanaggr3, 10.01.2024" in firms_lv
    for fig in figures.values():  # a release is never said to be downloaded, a download never given bare
        footer = fig.footer.replace("\n", " ")
        assert "bd_size_r3, 15" not in footer and "demo_r_pjanaggr3, downloaded" not in footer
        assert "demo_r_pjanaggr3, lejupielādēts" not in footer
    assert "year not stated" in figures[("firm_formation", "en")].alt_text
    for fig in figures.values():
        assert "chart_data" not in fig.footer and "latgale-stats" not in fig.footer


def test_gdp_trend_notes_call_a_copy_date_a_download(fixture_obs):
    """The GDP trend's notes name each vintage of the index: a release as a release, a copy date (here made
    one by marking the fixture's index rows as copies) as the day the data was downloaded."""
    en = charts.summary("gdp_index_trend", fixture_obs, "en")
    assert "Eurostat release of 15 Jan 2024" in " ".join(en.notes)
    copied = fixture_obs.copy()
    copied.loc[copied["indicator"] == "gdp_per_capita_index", "vintage_from"] = "copy"
    en = " ".join(charts.summary("gdp_index_trend", copied, "en").notes)
    lv = " ".join(charts.summary("gdp_index_trend", copied, "lv").notes)
    assert "Eurostat data downloaded 15 Jan 2024" in en and "release of 15 Jan 2024" not in en
    assert "Eurostat dati, lejupielādēti 15.01.2024" in lv and "laidiens" not in lv


def test_bundled_footers_name_the_bundled_vintages(figures, dataset):
    """The footers follow the data: whatever vintage data/raw/ holds is the one named."""
    newest = {}
    for f in dataset.files:
        if f.vintage:
            name = f.path.name.split("_LV_")[0].split("_MIO_")[0]
            newest[name] = max(newest.get(name, ("", "")), (f.vintage, f.vintage_from))
    footer = figures[("gdp_index_latest", "lv")].footer.replace("\n", " ")
    assert f"nama_10r_3gdp, {citations.dated(*newest['nama_10r_3gdp'], 'lv')}" in footer
    footer = figures[("firm_formation", "en")].footer.replace("\n", " ")
    assert f"demo_r_pjanaggr3, {citations.dated(*newest['demo_r_pjanaggr3'], 'en')}" in footer


def test_alt_text_is_generated_from_the_data(fixture_figures):
    figures = fixture_figures
    assert "Latgales reģions 10,9%" in figures[("unemployment_latest", "lv")].alt_text
    assert "Rīga region 4.1%" in figures[("unemployment_latest", "en")].alt_text
    assert "Latgale 47,9" in figures[("gdp_index_latest", "lv")].alt_text
    assert "newly registered in Latvia: 2017 5.7, 2018 5.4, 2020 4.8" in figures[("firm_formation", "en")].alt_text
    assert "enterprise births in 2020: Latgale 5.5, Latvia 9.4" in figures[("firm_formation", "en")].alt_text


def test_font_has_latvian_letters():
    path = findfont(FontProperties(family="DejaVu Sans"), fallback_to_default=False)
    assert path.endswith("DejaVuSans.ttf")
    font = FT2Font(path)
    assert all(font.get_char_index(ord(c)) for c in LATVIAN_LETTERS)


def test_style_is_applied_in_a_context_only(obs):
    before = dict(matplotlib.rcParams)
    charts.draw("gdp_index_latest", obs, "lv")
    assert dict(matplotlib.rcParams) == before
    assert "latgale-stats" not in str(matplotlib.rcParams["svg.hashsalt"])


@pytest.mark.parametrize("cvd", ["deuteranomaly", "protanomaly", "tritanomaly"])
def test_latgale_stays_distinguishable_for_colour_blind_readers(cvd):
    from colorspacious import cspace_convert, deltaE

    space = {"name": "sRGB1+CVD", "cvd_type": cvd, "severity": 100}

    def seen(color):
        return cspace_convert(mc.to_rgb(color), space, "sRGB1").clip(0, 1)

    for other in (theme.MUTED, theme.COMPARISON, theme.LATVIA):
        assert deltaE(seen(theme.LATGALE), seen(other), input_space="sRGB1") > 25, other


def test_latgale_is_the_highlighted_bar(any_figures):
    fig = any_figures[("gdp_index_latest", "lv")]
    ax = fig.axes[0]
    colours = {mc.to_hex(p.get_facecolor()) for p in ax.patches}
    assert mc.to_hex(theme.LATGALE) in colours
    lat = fig.data[fig.data["region"] == "LV005"].iloc[0]
    bar = next(p for p in ax.patches if mc.to_hex(p.get_facecolor()) == mc.to_hex(theme.LATGALE))
    assert bar.get_width() == pytest.approx(lat.value)


def test_bars_are_exactly_the_chart_data(any_figures):
    for chart_id in ("gdp_index_latest", "unemployment_latest"):
        fig = any_figures[(chart_id, "en")]
        widths = sorted(p.get_width() for p in fig.axes[0].patches)
        assert widths == pytest.approx(sorted(fig.data["value"]))


def test_trend_draws_a_marker_for_each_year_end_and_nothing_else(any_figures):
    fig = any_figures[("unemployment_trend", "lv")]
    data = fig.data
    filled = [line for line in fig.axes[0].lines if line.get_marker() == "o" and line.get_markerfacecolor() != "white"]
    own = [line for line in fig.axes[0].lines if line.get_marker() == "o" and line.get_markerfacecolor() == "white"]
    points = sum(len(line.get_xdata()) for line in filled)
    assert sum(len(line.get_xdata()) for line in own) == (data["series"] == "end of month, NVA's own release").sum()
    assert (
        points == (data["series"] == "year end").sum()
        and (data["period"].str.endswith("-12") | data["series"].ne("year end")).all()
    )
    statements = [line for line in fig.axes[0].lines if line.get_marker() == "D"]
    assert len(statements) == (data["series"] == "2013 application").sum() == 2


def _trend_lines(fig, color):
    return [line for line in fig.axes[0].lines if mc.same_color(line.get_color(), color) and line.get_marker() == "o"]


def test_trend_draws_december_inside_its_year_and_leaves_gaps(fixture_obs):
    obs = fixture_obs[~((fixture_obs["region"] == "PR_LATGALE_2021") & (fixture_obs["period"] == "2022-12"))]
    fig = charts.draw("unemployment_trend", obs, "en")
    latgale = _trend_lines(fig, theme.LATGALE)
    xs = sorted(x for line in latgale for x in line.get_xdata())
    assert xs and all(11 / 12 < x % 1 < 1 for x in xs)  # December: at the end of its own year, not the next tick
    for line in latgale:  # a missing year is a gap: no line joins two Decembers more than a year apart
        x = list(line.get_xdata())
        assert all(b - a < 1.01 for a, b in zip(x, x[1:], strict=False))
    assert 2022 + 11.5 / 12 not in xs
    gaps = next(n for n in fig.notes if n.startswith("No December figure"))
    assert "Latgale region 2010, 2013–2020, 2022;" in gaps  # named, both boundary vintages taken together


def test_trend_breaks_at_the_boundary_change_and_keeps_the_highlights_on_top(fixture_obs):
    fig = charts.draw("unemployment_trend", fixture_obs, "en")
    boundary = 2021 + 6 / 12
    for color in (theme.LATGALE, theme.COMPARISON):
        for line in _trend_lines(fig, color):
            x = line.get_xdata()
            assert max(x) < boundary or min(x) > boundary  # never a line across 1 July 2021
    grey = max(line.get_zorder() for line in fig.axes[0].lines if mc.same_color(line.get_color(), theme.MUTED))
    for color in (theme.COMPARISON, theme.LATVIA, theme.LATGALE):
        assert min(line.get_zorder() for line in _trend_lines(fig, color)) > grey


def test_trend_draws_months_only_where_a_series_is_dense(obs):
    fig = charts.draw("unemployment_trend", obs, "en")
    thin = [
        line for line in fig.axes[0].lines if line.get_marker() in ("None", "", None) and line.get_linestyle() == "-"
    ]
    assert thin and all(len(line.get_xdata()) >= 6 for line in thin)
    months = fig.data[fig.data["series"] == "end of month"]
    assert len(months) and not months["period"].str.endswith("-12").any()


def _overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


def _crosses(line, box, steps: int = 40) -> bool:
    xy = line.get_transform().transform(line.get_xydata())
    for (x0, y0), (x1, y1) in zip(xy, xy[1:], strict=False):
        for t in (i / steps for i in range(steps + 1)):
            if box.contains(x0 + (x1 - x0) * t, y0 + (y1 - y0) * t):
                return True
    return len(xy) == 1 and box.contains(*xy[0])


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_gdp_trend_labels_never_collide_nor_cross_a_line(any_figures, lang):
    fig = any_figures[("gdp_index_trend", lang)]
    ax = fig.axes[0]
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    texts = [t for t in ax.texts if t.get_text()]
    boxes = [Text.get_window_extent(t, renderer) for t in texts]  # the text alone, not an annotation's leader
    assert len(boxes) >= 3
    for i, a in enumerate(boxes):
        for j, b in enumerate(boxes[i + 1 :], i + 1):
            assert not _overlaps(a, b), (texts[i].get_text(), texts[j].get_text())
    data_lines = [line for line in ax.lines if len(line.get_xdata()) > 1 and line.get_linestyle() == "-"]
    for text, box in zip(texts, boxes, strict=True):
        for line in data_lines:
            assert not _crosses(line, box.expanded(1.0, 1.0)), text.get_text()
    for ann in (t for t in texts if hasattr(t, "arrow_patch") and t.arrow_patch is not None):
        path = ann.arrow_patch.get_path().transformed(ann.arrow_patch.get_transform())
        for line in data_lines:
            seg = line.get_transform().transform(line.get_xydata())
            assert not path.intersects_path(mpath.Path(seg), filled=False), ann.get_text()


def test_plotted_values_equal_the_observations_they_claim(built, obs):
    every = ls.load(all_rows=True)
    wb = load_workbook(built / "chart_data.xlsx")
    assert set(IDS) <= set(wb.sheetnames)
    checked = 0
    for chart_id in IDS:
        rows = list(wb[chart_id].values)
        for values in rows[1:]:
            r = dict(zip(column_keys(rows[0]), values, strict=True))
            if r["kind"] == "derived":
                match = obs[
                    (obs["indicator"] == r["indicator"])
                    & (obs["region"] == r["region"])
                    & (obs["period"] == r["period"])
                    & (obs["kind"] == "derived")
                ]
            else:
                match = every[(every["file"] == r["file"]) & (every["row"] == r["row"])]
            assert len(match) == 1, r
            assert match.iloc[0]["value"] == pytest.approx(r["value"]), r
            assert match.iloc[0]["status"] == ""  # never a suspect or superseded figure
            checked += 1
    assert checked > 250  # every plotted row of every figure (290 on the bundled data)


def test_png_is_300_dpi_at_its_preset_width(built):
    pngs = sorted((built / "figures").glob("*.png"))
    assert len(pngs) == 2 * len(IDS) + 2 * sum(i in D.ANNEX_FIGURES for i in IDS)  # and the annex's copies
    for png in pngs:
        with Image.open(png) as im:
            assert im.info["dpi"][0] == pytest.approx(300, abs=0.01)
            assert im.width / 300 * 2.54 == pytest.approx(theme.FULL_WIDTH_CM, abs=0.01)


def test_svg_keeps_text_with_latvian_numbers_and_letters(fixture_figures):
    lv = " ".join(svg_texts(figure_bytes(fixture_figures[("unemployment_latest", "lv")], "svg")))
    assert "10,9%" in lv and "Latgales reģions" in lv
    en = " ".join(svg_texts(figure_bytes(fixture_figures[("unemployment_latest", "en")], "svg")))
    assert "10.9%" in en


def test_built_svgs_keep_latvian_text(built):
    for svg in (built / "figures").glob("*_lv.svg"):
        texts = svg_texts(svg.read_bytes())
        assert texts, svg.name
        assert any(c in "".join(texts) for c in LATVIAN_LETTERS), svg.name
        bad = [t for t in texts if DECIMAL_POINT.search(t)]
        assert not bad, (svg.name, bad)


def test_pdf_embeds_truetype_fonts(built):
    data = (built / "figures" / "gdp_index_latest_lv.pdf").read_bytes()
    assert b"/FontFile2" in data and b"/Type3" not in data
    assert b"CreationDate" not in data


def test_two_renderings_give_the_same_bytes(obs):
    for fmt in ("png", "svg", "pdf"):
        a = figure_bytes(charts.draw("unemployment_trend", obs, "lv"), fmt)
        b = figure_bytes(charts.draw("unemployment_trend", obs, "lv"), fmt)
        assert a == b, fmt


_HASH_OF_SVGS = """
import hashlib, sys
import latgale_stats as ls
from latgale_stats.core import declarations as D
from latgale_stats.outputs.files import figure_bytes
from latgale_stats.present import charts
obs = ls.load(data_dir=sys.argv[1])
for chart_id in D.FIGURE_IDS:
    print(chart_id, hashlib.sha256(figure_bytes(charts.draw(chart_id, obs, "lv"), "svg")).hexdigest())
"""


def test_figures_do_not_depend_on_the_process_hash_seed():
    """Same inputs, same bytes in any process: a drawing order taken from a set (whose order follows
    Python's per-process hash seed) would make two builds differ."""
    import subprocess
    import sys

    runs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", _HASH_OF_SVGS, str(RAW)], env=env, capture_output=True, text=True, check=True
        )
        runs.append(out.stdout)
    assert runs[0] == runs[1]


def _updating_baselines() -> bool:
    return os.environ.get("LATGALE_UPDATE_BASELINES", "") not in ("", "0")


@pytest.mark.parametrize("chart_id", IDS)
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_figure_matches_its_baseline_image(fixture_figures, chart_id, lang, tmp_path):
    """Drawn from the frozen fixture dataset, saved at 72 dpi and compared with a tolerance
    (BASELINE_TOL). After a deliberate change to a figure: write new baselines with UPDATE_COMMAND
    (those tests are then skipped, never passed), look at tests/baseline/, commit, run again."""
    name = f"{chart_id}_{lang}.png"
    actual = save_png(fixture_figures[(chart_id, lang)], tmp_path / name)
    expected = BASELINE / name
    if _updating_baselines():
        BASELINE.mkdir(exist_ok=True)
        shutil.copyfile(actual, expected)
        pytest.skip(f"baseline written: look at it: tests/baseline/{name}")
    if not expected.exists():
        pytest.fail(f"no baseline tests/baseline/{name}: create it with `{UPDATE_COMMAND}`, then look at it")
    diff = compare_images(str(expected), str(actual), tol=BASELINE_TOL)
    assert diff is None, f"{diff}\nIf the change is deliberate: `{UPDATE_COMMAND}`, then look at the images."


@pytest.mark.parametrize(
    ("chart_id", "region", "period", "delta"),
    [
        ("unemployment_latest", "PR_LATGALE_2021", "2023-12", -1.0),  # Latgale's bar 1 point shorter
        ("unemployment_trend", "PR_KURZEME_2021", "2022-12", 1.0),  # one small grey marker moved
    ],
)
def test_baseline_comparison_sees_a_change(fixture_obs, tmp_path, chart_id, region, period, delta):
    """The tolerance is not so loose that a changed value passes."""
    expected = BASELINE / f"{chart_id}_lv.png"
    if _updating_baselines() or not expected.exists():
        pytest.skip("baselines are being written")
    obs = fixture_obs.copy()
    cell = (
        (obs["indicator"] == "registered_unemployment_rate")
        & (obs["region"] == region)
        & (obs["period"] == period)
        & (obs["kind"] == "observation")
    )
    assert cell.sum() == 1
    obs.loc[cell, "value"] += delta
    actual = save_png(charts.draw(chart_id, obs, "lv"), tmp_path / "changed.png")
    result = compare_images(str(expected), str(actual), tol=BASELINE_TOL, in_decorator=True)
    assert result is not None and result["rms"] > BASELINE_TOL


def test_baselines_are_only_the_figures():
    assert sorted(p.name for p in BASELINE.glob("*.png")) == sorted(
        f"{i}_{lang}.png" for i in IDS for lang in ("lv", "en")
    )


def _without(obs, mask):
    return obs[~mask].reset_index(drop=True)


def test_missing_region_is_drawn_without_it_and_named(fixture_obs):
    obs = fixture_obs
    una = obs["indicator"] == "registered_unemployment_rate"
    part = _without(
        obs, una & (obs["region"].isin(["PR_ZEMGALE_2021", *regions.PLANNING_2006]) | (obs["period"] == "2024-12"))
    )
    fig = charts.draw("unemployment_latest", part, "lv")
    assert "Nav datu (2023. g. dec.): Zemgales reģions" in fig.footer
    assert "PR_ZEMGALE_2021" not in set(fig.data["region"])
    assert len(fig.axes[0].patches) == 5


def test_no_data_means_no_figure_and_a_reason(obs, tmp_path, capsys):
    part = _without(obs, obs["indicator"] == "registered_unemployment_rate")
    with pytest.raises(charts.ChartUnavailable) as why:
        charts.draw("unemployment_trend", part, "en")
    assert "no registered unemployment" in why.value.reason
    data = tmp_path / "raw"  # the NVA file removed from a copy of the data
    shutil.copytree(RAW, data, ignore=shutil.ignore_patterns("nva_*"))
    out = tmp_path / "reports"
    assert main(["build", "--data", str(data), "--reports", str(out), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "Not drawn: unemployment_latest: no registered unemployment figures" in printed
    assert "Not drawn: unemployment_trend" in printed
    assert not list((out / "figures").glob("unemployment_*"))
    assert (out / "figures" / "key_figures_lv.png").exists()
    assert (out / "notebooks" / "03-unemployment.html").exists()


def test_key_figures_show_the_newest_official_evidence(obs):
    """GDP per capita 2023 (release 10.02.2026), registered unemployment at the end of December 2025,
    Eurostat enterprise births per 1000 inhabitants; the 2013 statements are not key figures."""
    s = charts.summary("key_figures", obs, "en")
    rows = {(r.indicator, r.region): r.period for r in s.data.itertuples()}
    assert rows[("gdp_per_capita_index", "LV005")] == "2023"
    assert rows[("registered_unemployment_rate", "PR_LATGALE_2021")] == "2025-12"
    assert rows[("enterprise_births_per_1000", "LV005")] == "2020"
    assert "statement" not in set(s.data["kind"])


def test_gdp_trend_reaches_the_newest_year_and_marks_the_statement(obs):
    s = charts.summary("gdp_index_trend", obs, "lv")
    index = s.data[s.data["series"] == "index"]
    assert index["period"].max() == "2023"
    statement = s.data[s.data["series"] == "2013 application"]
    assert list(statement["period"]) == ["2009"]
    assert any("56,8" in n and "56,5" in n for n in s.notes)  # the statement beside both values held


def test_population_change_in_both_languages(obs):
    for lang in ("lv", "en"):
        s = charts.summary("population_change", obs, lang)
        assert set(s.data["region"]) == {"LV005", "LV"} and s.data["period"].min() == "2001"
        assert s.data["period"].max() == "2025"


def test_bundled_footers_cite_publishers_not_workbooks_or_software(figures):
    for (chart_id, lang), fig in figures.items():
        assert "chart_data" not in fig.footer and "latgale-stats" not in fig.footer, (chart_id, lang)
        if lang == "lv":
            assert "CSB" not in fig.footer, chart_id


def _all_texts(fig) -> list:
    out = list(fig.texts)
    for ax in fig.axes:
        out += [*ax.texts, *ax.get_xticklabels(which="both"), *ax.get_yticklabels(), ax.title]
        legend = ax.get_legend()
        if legend is not None:
            out += legend.get_texts()
    return [t for t in out if t.get_text().strip()]


def test_every_text_is_readable_at_16_cm(any_figures):
    for (chart_id, lang), fig in any_figures.items():
        small = [(t.get_text()[:30], t.get_fontsize()) for t in _all_texts(fig) if t.get_fontsize() < 7]
        assert not small, (chart_id, lang, small)


def test_english_figures_spell_riga_one_way_and_capitalise_legends_alike(any_figures):
    for (chart_id, lang), fig in any_figures.items():
        words = " ".join([fig.title, fig.subtitle, fig.footer, fig.alt_text, *(t.get_text() for t in _all_texts(fig))])
        if lang == "en":
            assert not re.search(r"\b(Riga|Pieriga)\b", words), chart_id  # Rīga and Pierīga, as Eurostat writes them
        for ax in fig.axes:
            legend = ax.get_legend()
            if legend is not None:
                labels = [t.get_text() for t in legend.get_texts()]
                assert all(label[:1].isupper() or label[:1].isdigit() for label in labels), (chart_id, lang, labels)


AGREE = {  # sentence -> the figures that name the same latest value
    "unemployment": ("unemployment_latest", "key_figures"),
    "gdp_index": ("gdp_index_latest", "key_figures"),
    "firm_births": ("key_figures", "firm_formation"),
    "gdp_pps": ("gdp_pps_eu",),
    "population": ("population_change",),
}


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_figures_alt_texts_and_sentences_name_the_same_latest_value(obs, figures, lang):
    from latgale_stats.core import indicators as I
    from latgale_stats.present import text as T
    from latgale_stats.present.phrases import MONTHS_EN, MONTHS_LV_GENITIVE, period_short

    said = {s.id: s for s in T.sentences(obs, lang)}
    assert set(AGREE) <= set(said)
    for sentence_id, figure_ids in AGREE.items():
        s = said[sentence_id]
        for chart_id in figure_ids:
            alt = figures[(chart_id, lang)].alt_text
            forms = {period_short(s.period, lang), s.period}
            if len(s.period) == 7:  # a month: 'Dec 2025', 'December 2025', '2025. g. dec.', '2025. gada decembra'
                m = int(s.period[5:7]) - 1
                forms |= {f"{MONTHS_EN[m]} {s.period[:4]}", f"{s.period[:4]}. gada {MONTHS_LV_GENITIVE[m]}"}
            assert any(f in alt for f in forms), (sentence_id, chart_id, alt)
            for c in (c for c in s.cites if c["indicator"] == s.indicator):
                percent = I.BY_ID[c["indicator"]].unit.startswith("%")
                shown = (N.percent if percent else N.number)(c["value"], lang, c["decimals"])
                assert shown in alt, (sentence_id, chart_id, shown, alt)
                assert shown in s.text


def test_no_text_runs_out_of_the_image(any_figures):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    for (chart_id, lang), fig in any_figures.items():
        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)  # legends and annotations are laid out when drawn
        width, height = fig.bbox.width, fig.bbox.height
        ticks = {
            id(t): (t.get_position()[0] if t in ax.get_xticklabels(which="both") else t.get_position()[1], ax)
            for ax in fig.axes
            for t in [*ax.get_xticklabels(which="both"), *ax.get_yticklabels()]
        }
        for t in _all_texts(fig):
            if id(t) in ticks:  # a tick beyond the axis' limits is not drawn
                at, ax = ticks[id(t)]
                lo, hi = sorted(ax.get_xlim() if t in ax.get_xticklabels(which="both") else ax.get_ylim())
                if not lo - 1e-9 <= at <= hi + 1e-9:
                    continue
            box = Text.get_window_extent(t, renderer)
            assert box.x0 >= -0.5 and box.x1 <= width + 0.5, (chart_id, lang, t.get_text())
            assert box.y0 >= -0.5 and box.y1 <= height + 0.5, (chart_id, lang, t.get_text())


def test_the_unemployment_trend_shows_nvas_own_monthly_releases(obs):
    """Issue 22: NVA's own 2010–2013 releases (read on nva.gov.lv, frozen bundled data) are points of the
    trend where they are neither a December nor part of a dense monthly run, and the notes say so."""
    en = charts.summary("unemployment_trend", obs, "en")
    own = en.data[en.data["series"] == "end of month, NVA's own release"]
    assert len(own) >= 30 and set(own["source_kind"]) == {"publisher page"}
    assert {"2010-02", "2011-03", "2013-01"} <= set(own["period"])
    assert any(
        n.startswith("Open circles: other end-of-month figures from NVA's own monthly releases") for n in en.notes
    )
