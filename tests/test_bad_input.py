"""Bad input: every problem reported at once, with file, row and column; nothing lost."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import latgale_stats as ls
from conftest import ROOT, tree_hashes
from latgale_stats.cli import main

SRC = "https://example.invalid/made-up"  # fixtures below hold made-up values

FIVE_ERRORS = (
    f"registered_unemployment_rate,Latgles reģions,2025-12,10.1,% of economically active population,NVA,{SRC},q,,",
    f"registered_unemployment_rate,Latgales reģions,2025-11,ten,% of economically active population,NVA,{SRC},q,,",
    f"registered_unemployment_rate,Kurzemes reģions,2025-12,140,% of economically active population,NVA,{SRC},q,,",
    f"registered_unemployment_rate,Vidzemes reģions,2025-12,4.6,% of economically active population,NVA,{SRC},q,,",
    f"registered_unemployment_rate,Vidzemes reģions,2025-12,4.9,% of economically active population,NVA,{SRC},q,,",
    f"registered_unemployment_rate,Zemgales reģions,2025-12,4.9,,NVA,{SRC},q,,",
)


def test_five_problems_in_one_report(curated_dir):
    folder = curated_dir(*FIVE_ERRORS)
    with pytest.raises(ls.DataError) as info:
        ls.load(data_dir=folder)
    problems = info.value.problems
    found = {(p.code, p.row, p.column) for p in problems}
    assert found == {
        ("unknown-region", 2, "region"),
        ("not-a-number", 3, "value"),
        ("out-of-range", 4, "value"),
        ("conflicting-duplicate", 6, "value"),
        ("missing-unit", 7, "unit"),
    }
    assert all(p.file.endswith("entered.csv") for p in problems)
    by_row = {p.row: p for p in problems}
    assert "Latgales reģions" in by_row[2].expected  # the nearest valid name is offered
    assert by_row[3].value == "ten" and by_row[4].value == "140"
    report = str(info.value)
    assert report.startswith("5 errors")
    assert [ln[:5] for ln in report.splitlines()[1:]] == ["  1. ", "  2. ", "  3. ", "  4. ", "  5. "]
    assert "[unknown-region]" in report  # messages show the code


def test_cli_exits_1_without_traceback_and_leaves_data_untouched(curated_dir, tmp_path, capsys):
    folder = curated_dir(*FIVE_ERRORS)
    before = tree_hashes(folder)
    reports = tmp_path / "reports"
    assert main(["check", "--data", str(folder)]) == 1
    assert main(["build", "--data", str(folder), "--reports", str(reports)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "5 errors" in err and "row 7, column unit" in err
    assert tree_hashes(folder) == before
    assert not reports.exists()


def test_console_script_prints_no_traceback(curated_dir):
    folder = curated_dir(*FIVE_ERRORS)
    result = subprocess.run(
        [sys.executable, "-m", "latgale_stats.cli", "check", "--data", str(folder)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "Latgles reģions" in result.stderr


UNIT = "% of economically active population"


@pytest.mark.parametrize(
    ("row", "code", "column"),
    [
        (f"registered_unemployment_rate,Latgales reģions,2025/12,10.1,{UNIT},NVA,{SRC},q,,", "bad-period", "period"),
        (f"unemployment,Latgales reģions,2025-12,10.1,%,NVA,{SRC},q,,", "unknown-indicator", "indicator"),
        (f'registered_unemployment_rate,Latgales reģions,2025-12,"10,1",{UNIT},NVA,{SRC},q,,', "not-a-number", "value"),
        (f"gdp_total,Latgale,2021,2.2,EUR trillion,CSB,{SRC},q,,", "unit-mismatch", "unit"),
        (f"gdp_per_capita_index,Latgale,2021,50,Latvia = 100,CSB,{SRC},q,,", "derived-indicator", "indicator"),
        ("new_enterprises,Latvija,2021,9227,enterprises,Lursoft,,,,", "missing-source", "url"),
        (f"new_enterprises,Latvija,2021,92.5,enterprises,Lursoft,{SRC},q,,", "not-whole", "value"),
        (f"new_enterprises,Latvija,2021,9227,enterprises,Lursoft,{SRC},q,maybe,", "bad-status", "status"),
        (f"new_enterprises,Latvija,2021,9227,enterprises,,{SRC},q,,", "missing-publisher", "publisher"),
        (f"gdp_per_capita,Rīgas reģions,2021,10,EUR per inhabitant,CSB,{SRC},q,,", None, None),
    ],
)
def test_each_kind_of_bad_row(curated_dir, row, code, column):
    folder = curated_dir(row)
    if code is None:  # CSB's older name for Rīga city is valid for GDP
        assert ls.load(data_dir=folder).iloc[0].region == "LV006"
        return
    with pytest.raises(ls.DataError) as info:
        ls.load(data_dir=folder)
    (problem,) = info.value.problems
    assert (problem.code, problem.row, problem.column) == (code, 2, column)
    assert problem.expected and problem.action  # says what was expected and what to do


def test_every_code_is_documented_in_the_readme():
    from latgale_stats.core.problems import CODES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = set(re.findall(r"^\| `([a-z-]+)` \|", readme, flags=re.M))
    assert table == set(CODES)


def test_errors_from_several_files_are_collected(curated_dir):
    curated_dir(FIVE_ERRORS[0], name="a.csv")
    folder = curated_dir(FIVE_ERRORS[1], name="b.csv")
    with pytest.raises(ls.DataError) as info:
        ls.load(data_dir=folder)
    assert sorted(p.file.rsplit("/", 1)[-1] for p in info.value.problems) == ["a.csv", "b.csv"]


def test_a_file_of_unknown_format_is_named(curated_dir):
    folder = curated_dir(FIVE_ERRORS[3])
    (folder / "export.xls").write_bytes(b"<html><table><tr><td>1</td></tr></table></html>")
    (folder / "notes.md").write_text("documentation is skipped", encoding="utf-8")
    with pytest.raises(ls.DataError) as info:
        ls.load(data_dir=folder)
    (problem,) = info.value.problems
    assert problem.file.endswith("export.xls") and problem.code == "unsupported-format"


def test_suspect_conflicts_are_warnings_not_errors(curated_dir):
    folder = curated_dir(
        f"new_enterprises,Ludzas novads,2017,23,enterprises,Lursoft,{SRC},q,suspect,one source",
        f"new_enterprises,Ludzas novads,2017,24,enterprises,Lursoft,{SRC},q,suspect,other source",
        f"new_enterprises,Ludzas novads,2018,30,enterprises,Lursoft,{SRC},q,,",
        f"new_enterprises,Ludzas novads,2018,30,enterprises,Lursoft,{SRC}/2,q,,corroborates",
    )
    ds = ls.read(folder)
    assert [w.code for w in ds.warnings].count("conflicting-suspects") == 1
    df = ds.observations()
    assert list(df["period"]) == ["2018"] and df.iloc[0].row == 4
    every = ds.observations(all_rows=True)
    assert sorted(every["status"]) == ["", "duplicate", "suspect", "suspect"]


def test_eurostat_file_for_an_unknown_dataset(tmp_path):
    (tmp_path / "x.csv").write_text(
        "DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\r\n"
        "ESTAT:LFST_R_LFU3RT(1.0),21/02/23 23:00:00,A,PC,LV005,2009,1,\r\n",
        encoding="utf-8",
    )
    with pytest.raises(ls.DataError) as info:
        ls.load(data_dir=tmp_path)
    (problem,) = info.value.problems
    assert (problem.code, problem.row, problem.column) == ("unknown-dataset", 2, "DATAFLOW")


def test_implausible_values_are_flagged_with_the_row_not_changed(curated_dir):
    unit = "% of economically active population"
    folder = curated_dir(
        f"registered_unemployment_rate,Latgales reģions,2025-11,9.8,{unit},NVA,{SRC},q,,",
        f"registered_unemployment_rate,Latgales reģions,2025-12,98,{unit},NVA,{SRC},q,,",
    )
    ds = ls.read(folder)
    (warning,) = [w for w in ds.warnings if w.code == "implausible-jump"]
    assert (warning.row, warning.column, warning.value) == (3, "value", "98")
    assert ds.observations().set_index("period").loc["2025-12", "value"] == 98
