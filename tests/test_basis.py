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

import pytest

import latgale_stats as ls
from latgale_stats.core import breaks
from latgale_stats.core.model import Period

FIXTURES = Path(__file__).parent / "fixtures"


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
