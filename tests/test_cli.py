from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from openpyxl import load_workbook

import latgale_stats as ls
from conftest import tree_hashes
from latgale_stats.cli import main
from latgale_stats.outputs.files import column_keys


def test_check_prints_coverage_warnings_and_statements(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "Coverage" in out and "registered_unemployment_rate" in out
    assert "Latgales reģions (PR_LATGALE_2021)" in out
    warnings = ls.read().warnings
    assert f"Warnings ({len(warnings)})" in out and "[suspect-kept]" in out
    assert "gdp_per_capita Latvija (LV) 2021" in out and "the file is used" in out
    assert "stated 55" in out and "now 56.8" in out and "56.5 from GDP totals" in out
    # the nearest month held is NVA's own November 2011 release (nva.gov.lv), read since the data of 2026-12-06
    assert "stated 19.8" in out and "nearest held: 2011-11: 19.7; 2012-04: 24.1" in out
    assert out.rstrip().endswith("No errors.")


def test_check_wraps_to_the_terminal_width_between_words(capsys, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(["check"]) == 0
    plain = capsys.readouterr().out  # not a terminal: lines as they are, for a file or a pipe
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["check"]) == 0
    wrapped = capsys.readouterr().out
    items = [line for line in wrapped.splitlines() if line.startswith("  - ") or line.startswith("      ")]
    assert len(items) > 20 and max(len(line) for line in items) <= 80
    assert wrapped.split() == plain.split()  # the same words in the same order: nothing cut inside a word
    assert " …)" in plain and "possibly a t)" not in plain  # long notes shortened at a word, never mid-word


def test_messages_name_commands_that_exist(monkeypatch):
    import re

    from latgale_stats.core.paths import MAKE_TARGETS, command, project_root

    targets = set(re.findall(r"^([a-z-]+):", (project_root() / "Makefile").read_text(), re.M))
    assert {t.split()[1] for t in MAKE_TARGETS.values()} <= targets
    assert command("check") == "make check"
    assert command("build", "--force") == ".venv/bin/latgale-stats build --force"
    assert (project_root() / command("build", "--force").split()[0]).exists()


def test_build_writes_indicators_workbook(built):
    wb = load_workbook(built / "indicators.xlsx")
    assert {
        "README",
        "statements",
        "files",
        "gdp_per_capita",
        "gdp_per_capita_index",
        "registered_unemployment_rate",
        "new_enterprises_per_1000",
    } <= set(wb.sheetnames)
    rows = list(wb["gdp_per_capita_index"].values)
    header = column_keys(rows[0])
    lat = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    lat2009 = next(r for r in lat if r["region"] == "LV005" and r["period"] == "2009")
    assert round(lat2009["value"], 1) == 56.8 and lat2009["kind"] == "derived" and "row 120" in lat2009["inputs"]


def test_build_is_byte_identical_when_inputs_are_unchanged(built, tmp_path):
    again = tmp_path / "again"
    assert main(["build", "--reports", str(again)]) == 0
    assert tree_hashes(again) == tree_hashes(built)
    names = zipfile.ZipFile(io.BytesIO((built / "indicators.xlsx").read_bytes())).infolist()
    assert {n.date_time for n in names} == {(1980, 1, 1, 0, 0, 0)}


def test_failed_build_leaves_the_last_good_output(built, tmp_path, curated_dir):
    out = tmp_path / "reports"
    shutil.copytree(built, out)
    good = tree_hashes(out)
    bad = curated_dir("new_enterprises,Latvija,2021,lots,enterprises,Lursoft,https://example.invalid,q,,")
    assert main(["build", "--data", str(bad), "--reports", str(out)]) == 1
    assert tree_hashes(out) == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raw", "reports"]


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["nonsense"])
    assert info.value.code == 2
    assert main([]) == 2
