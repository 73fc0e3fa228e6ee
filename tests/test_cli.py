from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from conftest import RAW, tree_hashes
from latgale_stats.cli import main


def test_check_prints_coverage_warnings_and_statements(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out
    assert "Coverage" in out and "registered_unemployment_rate" in out
    assert "Latgales reģions (PR_LATGALE_2021)" in out
    assert "Warnings (20)" in out and "suspect" in out
    assert "gdp_per_capita Latvija (LV) 2021" in out and "the file is used" in out
    assert "stated 55" in out and "now 56.8" in out
    assert out.rstrip().endswith("No errors.")


def test_build_writes_indicators_workbook(tmp_path, capsys):
    before = tree_hashes(RAW)
    assert main(["build", "--reports", str(tmp_path)]) == 0
    wb = load_workbook(tmp_path / "indicators.xlsx", read_only=True)
    assert {"README", "statements", "files", "gdp_per_capita", "gdp_per_capita_index",
            "registered_unemployment_rate", "new_enterprises_per_1000"} <= set(wb.sheetnames)
    rows = list(wb["gdp_per_capita_index"].values)
    header = rows[0]
    lat = [dict(zip(header, r, strict=True)) for r in rows[1:]]
    lat2009 = next(r for r in lat if r["region"] == "LV005" and r["period"] == "2009")
    assert round(lat2009["value"], 1) == 56.8 and lat2009["kind"] == "derived" and "row 120" in lat2009["inputs"]
    assert "Wrote reports" in capsys.readouterr().out or True
    assert tree_hashes(RAW) == before


def test_build_is_byte_identical_when_inputs_are_unchanged(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["build", "--reports", str(a)]) == 0
    assert main(["build", "--reports", str(b)]) == 0
    assert (a / "indicators.xlsx").read_bytes() == (b / "indicators.xlsx").read_bytes()
    names = zipfile.ZipFile(io.BytesIO((a / "indicators.xlsx").read_bytes())).infolist()
    assert {n.date_time for n in names} == {(1980, 1, 1, 0, 0, 0)}


def test_failed_build_leaves_the_last_good_output(tmp_path, curated_dir):
    out = tmp_path / "reports"
    assert main(["build", "--reports", str(out)]) == 0
    good = (out / "indicators.xlsx").read_bytes()
    bad = curated_dir("new_enterprises,Latvija,2021,lots,enterprises,Lursoft,https://example.invalid,q,,")
    assert main(["build", "--data", str(bad), "--reports", str(out)]) == 1
    assert (out / "indicators.xlsx").read_bytes() == good
    assert [p.name for p in out.iterdir()] == ["indicators.xlsx"]


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["nonsense"])
    assert info.value.code == 2
    assert main([]) == 2
