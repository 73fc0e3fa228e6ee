"""How current the data is (issue 21, item 5) and what `check` prints first (item 9), on the fixture dataset.

tests/fixtures/dataset/ imitates the publishers' formats with invented values (its README says so).
"""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from latgale_stats.cli import main
from latgale_stats.pipeline.freshness import freshness
from latgale_stats.pipeline.load import read

DATASET = Path(__file__).parent / "fixtures" / "dataset"


@pytest.fixture(scope="module")
def ds():
    return read(DATASET)


def _by(items):
    return {(f.publisher, f.dataset): f for f in items}


def test_each_dataset_says_its_latest_period_and_whether_a_newer_release_is_likely(ds):
    found = _by(freshness(ds.rows, datetime.date(2026, 12, 6)))
    births = found[("Eurostat", "bd_size_r3")]  # the fixture's births: 2016-2020, a TSV dated by its name
    assert births.due and str(births.latest) == "2020" and "6 years before this year" in births.why
    assert "copy of 2024-01-15" in births.why and "about once a year" in births.why
    assert births.action == "run `make update`"
    nva = found[("NVA", "nva_registered_unemployment_invented")]
    assert nva.due and "2026-10 should be out by now" in nva.why and "--only nva" in nva.action


def test_monthly_figures_count_the_days_nva_needs_to_publish(ds):
    nva_latest = _by(freshness(ds.rows))[("NVA", "nva_registered_unemployment_invented")].latest
    after = datetime.date(nva_latest.year + (nva_latest.month == 12), nva_latest.month % 12 + 1, 1)
    early = _by(freshness(ds.rows, after.replace(day=9)))[("NVA", "nva_registered_unemployment_invented")]
    late = _by(freshness(ds.rows, (after + datetime.timedelta(days=40)).replace(day=20)))
    assert not early.due and "current" in early.why  # the month before is not out before about the 10th
    assert late[("NVA", "nva_registered_unemployment_invented")].due


def test_a_release_within_the_year_is_current(ds):
    found = _by(freshness(ds.rows, datetime.date(2024, 3, 1)))
    assert not found[("Eurostat", "bd_size_r3")].due
    assert "copy of 2024-01-15" in found[("Eurostat", "bd_size_r3")].why


def test_check_prints_a_summary_first_and_the_details_with_verbose(tmp_path, capsys, monkeypatch):
    raw = tmp_path / "raw"
    shutil.copytree(DATASET, raw)
    monkeypatch.setenv("COLUMNS", "100")
    assert main(["check", "--data", str(raw), "--reports", str(tmp_path / "none")]) == 0
    out = capsys.readouterr().out
    assert "New since the last build: no earlier build to compare with." in out
    assert "How current the data is" in out and "[NEWER RELEASE LIKELY] Eurostat bd_size_r3" in out
    assert "Warnings (" in out and "by code:" in out and "Coverage" not in out
    assert max(len(line) for line in out.splitlines()) <= 100
    assert out.rstrip().endswith("No errors.")
    assert main(["check", "--data", str(raw), "--reports", str(tmp_path / "none"), "--verbose"]) == 0
    verbose = capsys.readouterr().out
    assert "Coverage" in verbose and "Files in the data folder" in verbose
    tables = [line for line in verbose.splitlines() if line.startswith("  ") and "  " in line.strip()]
    assert tables and max(len(line) for line in tables) <= 100  # the tables fit the terminal


def test_check_names_what_is_new_since_the_last_build(tmp_path, capsys):
    raw = tmp_path / "raw"
    shutil.copytree(DATASET, raw)
    out = tmp_path / "reports"
    assert main(["build", "--data", str(raw), "--reports", str(out), "--quiet", "--no-notebooks"]) == 0
    capsys.readouterr()
    nva = raw / "nva_registered_unemployment_invented.csv"
    with nva.open("a", encoding="utf-8") as fh:
        fh.write(
            "registered_unemployment_rate,Latgales reģions,2026-01,9.9,% of economically active population,NVA,"
            'https://example.invalid/nva/2026-01,"INVENTED: Latgales reģions 9,9%",,invented fixture value\n'
        )
    assert main(["check", "--data", str(raw), "--reports", str(out)]) == 0
    said = " ".join(capsys.readouterr().out.split())
    assert "New since the last build: 1 new" in said and "Latgale" in said and "2026-01" in said


def test_what_changed_names_only_figures_whose_files_changed(ds):
    from latgale_stats.outputs.diff import compare, describe

    obs = ds.observations()
    changes = compare([], obs[(obs["indicator"] == "registered_unemployment_rate") & (obs["period"] == "2024-12")])
    touched = describe(changes)
    assert all("unemployment_latest" in line and "unemployment_trend" in line for line in touched)
    only = describe(changes, changed={"figures/unemployment_trend_lv.png", "annex_lv.docx"})
    assert all("figures: unemployment_trend;" in line for line in only), only
    assert not any("unemployment_latest" in line for line in only)
