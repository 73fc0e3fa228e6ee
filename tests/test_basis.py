"""One basis per line (issue 22): every line a figure draws comes from one release, a figure's lines in
one year are computed against the same Latvia, and level breaks (declared in core/breaks.toml, or
flagged ``b`` by the publisher) are gaps with a label, a note and words in the alt text.

Two datasets: the frozen ``tests/fixtures/dataset/`` (one release of each table) and the same with the
newer releases of ``tests/fixtures/releases/`` added (invented values), whose lines pass from one
release to the next as the real GDP and population series do.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib.colors as mc
import pytest

import latgale_stats as ls
from latgale_stats.core import breaks
from latgale_stats.core.model import Period
from latgale_stats.present import charts
from latgale_stats.present.charts import common, theme
from latgale_stats.present.charts.common import month_x

FIXTURES = Path(__file__).parent / "fixtures"
LINE_FIGURES = ("gdp_index_trend", "gdp_pps_eu", "unemployment_trend", "firm_formation", "population_change")


@pytest.fixture(scope="module")
def one_release():
    return ls.load(data_dir=FIXTURES / "dataset")


@pytest.fixture(scope="module")
def two_releases(tmp_path_factory):
    """The fixture dataset with a newer release of its GDP and population tables beside the older."""
    folder = tmp_path_factory.mktemp("two-releases") / "raw"
    shutil.copytree(FIXTURES / "dataset", folder, ignore=shutil.ignore_patterns("*.md"))
    for f in (FIXTURES / "releases").glob("*.csv"):
        shutil.copy(f, folder)
    return ls.load(data_dir=folder)


# ---- values and their releases (pipeline)


def test_a_value_keeps_the_older_releases_of_its_cell(two_releases):
    """Read from a file (reconcile) or derived (choose_newest), the value shown keeps what the older release
    gave for the same cell, and names its release."""

    def cell(indicator, kind):
        rows = two_releases[(two_releases["indicator"] == indicator) & (two_releases["kind"] == kind)]
        return rows[(rows["region"] == "LV005") & (rows["period"] == "2012")].iloc[0]

    observed, index = cell("gdp_per_capita", "observation"), cell("gdp_per_capita_index", "derived")
    assert observed["release"] == index["release"] == "Eurostat nama_10r_3gdp, release 2026-02-20"
    [(ref, value)] = observed["older"]
    assert (ref.release, value) == ("Eurostat nama_10r_3gdp, release 2024-01-15", 4800)
    [(ref, value)] = index["older"]
    assert ref.release == "Eurostat nama_10r_3gdp, release 2024-01-15" and value == pytest.approx(4800 / 9800 * 100)
    assert index["value"] == pytest.approx(4700 / 10000 * 100)


def test_population_index_is_computed_within_each_release(two_releases):
    """Each release's population gives its own index (a release without the base year divides by the base
    value in use, which its inputs name); the newest is shown and keeps the older release's value."""
    rows = two_releases[(two_releases["indicator"] == "population_index") & (two_releases["region"] == "LV005")]
    row = rows[rows["period"] == "2019"].iloc[0]
    assert row["vintage"] == "2026-03-20" and row["release"] == "Eurostat demo_r_pjanaggr3, release 2026-03-20"
    assert row["value"] == pytest.approx(260500 / 276000 * 100)
    assert [i.value for i in row["inputs"]] == [260500, 276000]  # the base of the older release, named
    [(ref, older)] = row["older"]
    assert ref.vintage == "2024-01-10" and older == pytest.approx(260000 / 276000 * 100)


def test_a_break_flag_on_the_base_year_is_no_break_in_the_line(one_release):
    """LV 2016, the base year, is flagged b: the 2016 value keeps the flag, the later ones do not."""
    lv = one_release[(one_release["indicator"] == "population_index") & (one_release["region"] == "LV")]
    flags = dict(zip(lv["period"], lv["flag"], strict=True))
    assert flags["2016"] == "b" and not any(flags[p] for p in ("2017", "2018", "2019", "2020", "2021"))


# ---- declared breaks (core/breaks.toml)


def test_nva_denominator_break_is_declared_with_its_source():
    [nva, boundary] = breaks.of("registered_unemployment_rate")
    assert nva.first == Period(2012, 4) and nva.schemes == ()
    assert "census-based economically active population" in nva.source and nva.source.startswith("NVA, press quoting")
    assert any("diena.lv" in url for url in nva.evidence) and "988 700" in nva.quote
    assert nva.applies("LV") and nva.applies("PR_LATGALE_2006") and nva.applies("PR_LATGALE_2021")
    assert nva.between("2011-12", "2012-12") and nva.between("2012-03", "2012-04")
    assert not nva.between("2012-04", "2012-12") and not nva.between("2010-12", "2011-12")
    assert boundary.first == Period(2021, 7) and boundary.applies("PR_RIGA_2021") and not boundary.applies("LV")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('first = "2012-04"', 'first = "April 2012"'), "not a period"),
        (('indicator = "registered_unemployment_rate"', 'indicator = "unemployment"'), "unknown indicator"),
        (("schemes = []", 'schemes = ["counties"]'), "unknown region schemes"),
        (('quote = """', 'quoted = """'), "give exactly the keys"),
    ],
)
def test_a_wrong_break_entry_is_refused(change, message):
    text = (Path(breaks.__file__).parent / breaks.FILE).read_text(encoding="utf-8")
    assert change[0] in text
    with pytest.raises(ValueError, match=message):
        breaks.parse(text.replace(change[0], change[1], 1))


# ---- figures: one release a line, breaks as gaps


def drawn(obs, lang="en"):
    return {chart_id: charts.draw(chart_id, obs, lang) for chart_id in LINE_FIGURES}


def joined_releases(fig) -> list[tuple[str, list[str]]]:
    """The lines of a figure that join rows of more than one release: for each drawn line (two points or
    more, in data coordinates), the chart-data rows at its points (same place on the time axis, same value);
    a line is from one release when one release has a row at every point."""
    data = fig.data[fig.data["kind"] != "statement"]
    xs = data["period"].map(month_x)
    bad = []
    for ax in fig.axes:
        for line in ax.lines:
            if line.get_transform() is not ax.transData or len(line.get_xdata()) < 2:
                continue
            common_releases = None
            for x, y in zip(line.get_xdata(), line.get_ydata(), strict=True):
                here = data[((xs - x).abs() < 0.05) & ((data["value"] - y).abs() < 1e-9)]
                found = set(here["release"])
                common_releases = found if common_releases is None else common_releases & found
            if not common_releases:
                bad.append((ax.get_title(), [str(v) for v in line.get_xdata()]))
    return bad


def test_chart_data_rows_carry_their_release(two_releases):
    fig = charts.summary("gdp_index_trend", two_releases, "en")
    index = fig.data[fig.data["series"] == "index"]
    assert "release" in charts.CHART_DATA_COLUMNS
    assert set(index["release"]) == {
        "Eurostat nama_10r_3gdp, release 2024-01-15",
        "Eurostat nama_10r_3gdp, release 2026-02-20",
    }


@pytest.mark.parametrize("dataset", ["one_release", "two_releases"])
def test_every_line_drawn_comes_from_one_release(request, dataset):
    obs = request.getfixturevalue(dataset)
    for chart_id, fig in drawn(obs).items():
        assert not joined_releases(fig), chart_id


def test_the_check_sees_a_line_that_joins_releases(two_releases, monkeypatch):
    """The check above is not empty: with the release rule taken out of the drawing, it finds the lines."""

    def gaps_only(a, b, step=1):
        return common._index(str(b.period)) - common._index(str(a.period)) == step

    monkeypatch.setattr(common, "joined", gaps_only)
    figures = drawn(two_releases)
    assert joined_releases(figures["gdp_index_trend"]) and joined_releases(figures["population_change"])


def test_every_year_of_the_gdp_trend_is_indexed_to_one_latvia(two_releases):
    """In each year every line comes from one release (the release of Latgale's value), so 'Latvia = 100'
    is one Latvia; the older release's values of the other regions in the newer release's years are left
    out, and the note says so."""
    s = charts.summary("gdp_index_trend", two_releases, "en")
    index = s.data[s.data["series"] == "index"]
    assert (index.groupby("period")["release"].nunique() == 1).all()
    latgale = index[index["region"] == "LV005"].set_index("period")["vintage"]
    assert set(latgale[latgale.index <= "2011"]) == {"2024-01-15"}
    assert set(latgale[latgale.index >= "2012"]) == {"2026-02-20"}
    assert set(index[index["period"] >= "2012"]["region"]) == {"LV005", "LV009"}
    assert "Rīga, Pierīga, Kurzeme and Vidzeme: 2012–2020 not shown" in " ".join(s.notes)


@pytest.mark.parametrize(
    ("lang", "latgale", "zemgale"),
    [
        (
            "en",
            "Latgale: 2003–2011 release of 15 Jan 2024; 2012–2022 release of 20 Feb 2026 "
            "(2012: 49.0 in the older, 47.0 in the newer)",
            "Zemgale: 2009–2011 release of 15 Jan 2024; 2012–2022 release of 20 Feb 2026 "
            "(2013: 60.4 in the older, 60.2 in the newer)",
        ),
        (
            "lv",
            "Latgale: 2003–2011 laidiens 15.01.2024; 2012–2022 laidiens 20.02.2026 "
            "(2012: vecākajā laidienā 49,0, jaunākajā 47,0)",
            "Zemgale: 2009–2011 laidiens 15.01.2024; 2012–2022 laidiens 20.02.2026 "
            "(2013: vecākajā laidienā 60,4, jaunākajā 60,2)",
        ),
    ],
)
def test_a_note_per_line_names_both_releases_and_the_seam(two_releases, lang, latgale, zemgale):
    """The first year both releases hold: 2012 for Latgale, 2013 for Zemgale (the older has no 2012)."""
    s = charts.summary("gdp_index_trend", two_releases, lang)
    assert latgale in s.notes and zemgale in s.notes
    assert "20" in s.alt_text and ("another release" in s.alt_text or "cits laidiens" in s.alt_text)


def test_a_release_change_is_a_gap_with_a_label(two_releases):
    fig = charts.draw("gdp_index_trend", two_releases, "en")
    ax = fig.axes[0]
    for line in ax.lines:
        if line.get_transform() is ax.transData:
            x = list(line.get_xdata())
            assert not (min(x) <= 2011 and max(x) >= 2012), x  # no line from 2011 into 2012
    assert any(t.get_text() == "another release\n15 Jan 2024 → 20 Feb 2026" for t in ax.texts)


def test_one_release_needs_no_release_note(one_release):
    s = charts.summary("gdp_index_trend", one_release, "en")
    assert not any("in the older" in n or "broken where the release changes" in n for n in s.notes)
    assert "Latgale: 2003–2020 Eurostat release of 15 Jan 2024" in s.notes


def test_a_break_flag_on_the_base_year_is_not_said_as_a_break(one_release):
    s = charts.summary("population_change", one_release, "en")
    assert not any("the line is not joined" in n for n in s.notes) and "flag b" not in s.alt_text


def test_a_publisher_break_flag_is_a_gap_a_label_a_note_and_alt_text(two_releases):
    """LV005 2022 is flagged b in the newer population release: no line from 2021 to 2022."""
    for lang, note, alt in (
        (
            "en",
            "Latgale: break in series (2022; the publisher's flag b), the line is not joined",
            "Latgale 2022 (flag b)",
        ),
        (
            "lv",
            "Latgale: pārrāvums laikrindā (2022; publicētāja atzīme b), līnija nav savienota",
            "Latgale 2022 (atzīme b)",
        ),
    ):
        fig = charts.draw("population_change", two_releases, lang)
        assert note in fig.notes and alt in fig.alt_text
        ax = fig.axes[0]
        latgale = [line for line in ax.lines if mc.same_color(line.get_color(), theme.LATGALE)]
        assert [list(line.get_xdata()) for line in latgale] == [[2016, 2017, 2018], [2019, 2020, 2021], [2022, 2023]]
        assert [t.get_text() for t in ax.texts if t.get_text() == "b"] == ["b"]


def test_population_notes_name_the_base_release_and_the_seams(two_releases):
    s = charts.summary("population_change", two_releases, "en")
    notes = " ".join(s.notes)
    assert "Every part of a line is divided by the population on 1 January 2016 of the release of 10 Jan 2024" in notes
    assert "Latgale: 2016–2018 release of 10 Jan 2024; 2019–2023 release of 20 Mar 2026 (2019: 94.2 in the older, " in (
        notes
    )
    assert "Latvia: 2016–2018 release of 10 Jan 2024; 2019–2023 release of 20 Mar 2026 (2019: 97.5 in both)" in notes


def _year_end_lines(fig):
    ax = fig.axes[0]
    return [line for line in ax.lines if line.get_marker() == "o" and line.get_transform() is ax.transData]


def test_no_unemployment_line_crosses_april_2012(one_release):
    """The fixture has end-2011 and end-2012 figures for every region: the lines stop at the break."""
    fig = charts.draw("unemployment_trend", one_release, "en")
    x_break = 2012 + 3 / 12
    ends = _year_end_lines(fig)
    points = [x for line in ends for x in line.get_xdata()]
    assert any(2011 < x < x_break for x in points) and any(x_break < x < 2013 for x in points)  # both sides drawn
    for line in ends:
        x = line.get_xdata()
        assert max(x) < x_break or min(x) > x_break, list(x)
    assert "NVA denominator\nchanged from\nApril 2012" in [t.get_text() for t in fig.axes[0].texts]


@pytest.mark.parametrize(
    ("lang", "note", "alt"),
    [
        (
            "en",
            "From April 2012 NVA divides by the census-based economically active population",
            "changed from April 2012",
        ),
        (
            "lv",
            "No 2012. gada aprīļa NVA bezdarba līmeni rēķina no tautas skaitīšanā balstīta",
            "mainīts no 2012. gada aprīļa",
        ),
    ],
)
def test_the_nva_break_is_said_in_notes_and_alt_text(one_release, lang, note, alt):
    s = charts.summary("unemployment_trend", one_release, lang)
    assert any(n.startswith(note) for n in s.notes) and alt in s.alt_text


def test_a_break_outside_the_data_is_not_said(one_release):
    """Unemployment from 2022 only: neither the 2012 break nor the 2021 boundary change lies in the figure."""
    una = one_release["indicator"] == "registered_unemployment_rate"
    recent = one_release[~una | (one_release["period"] >= "2022")]
    s = charts.summary("unemployment_trend", recent, "en")
    assert not any("April 2012" in n or "1 July 2021" in n for n in s.notes)
    assert "Lines broken" not in s.alt_text


def test_a_figure_on_the_publishers_page_and_in_the_press_are_one_basis():
    """NVA's monthly figure read on nva.gov.lv or quoted by a newspaper is the same figure as published: a
    line passing from one to the other is not a change of release (no 'another release' marker)."""
    from latgale_stats.core.model import SourceKind, SourceRef

    page = SourceRef("NVA", SourceKind.PUBLISHER_PAGE, "nva_registered_unemployment", url="https://www.nva.gov.lv/x")
    press = SourceRef("NVA", SourceKind.PRESS, "nva_registered_unemployment", url="https://www.lsm.lv/y")
    table = SourceRef("NVA", SourceKind.PUBLISHER_FILE, "NVA011m", "2026-12-01")
    assert page.release == press.release == "NVA, figures as published"
    assert table.release != page.release
