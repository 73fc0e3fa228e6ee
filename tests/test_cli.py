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
    assert main(["check", "--verbose"]) == 0
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
    assert main(["check", "--verbose"]) == 0
    plain = capsys.readouterr().out  # not a terminal: lines as they are, for a file or a pipe
    monkeypatch.setenv("COLUMNS", "80")
    assert main(["check", "--verbose"]) == 0
    wrapped = capsys.readouterr().out
    items = [line for line in wrapped.splitlines() if line.startswith("  - ") or line.startswith("      ")]
    assert len(items) > 20 and max(len(line) for line in items) <= 80

    # outside the tables (cut to the width with '…'), the same words in the same order: nothing cut inside a word
    def prose(text):
        return [w for line in text.splitlines() if "  " not in line.strip() and "---" not in line for w in line.split()]

    assert prose(wrapped) == prose(plain)
    tables = [line for line in wrapped.splitlines() if "  " in line.strip()]
    assert tables and max(len(line) for line in tables) <= 80 and any("…" in line for line in tables)
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


def test_a_comparison_region_given_as_text_is_one_name_not_its_letters():
    from latgale_stats.build.make import comparison_key
    from latgale_stats.build.state import normalise_parameters
    from latgale_stats.cli import _parameters

    given = _parameters(["comparison_regions=Zemgales reģions"])
    assert normalise_parameters(given)["comparison_regions"] == ["Zemgales reģions"]
    assert comparison_key(given["comparison_regions"]) == "ZEMGALE"
    assert normalise_parameters(_parameters(["comparison_regions=Zemgales reģions, Vidzemes reģions"]))[
        "comparison_regions"
    ] == ["Zemgales reģions", "Vidzemes reģions"]
    assert comparison_key(_parameters(['comparison_regions=["Vidzemes reģions"]'])["comparison_regions"]) == "VIDZEME"


def test_a_notebooks_own_comparison_region_reaches_every_output_or_is_named(tmp_path, monkeypatch):
    import json
    import shutil

    from latgale_stats.build import state
    from latgale_stats.core.paths import notebooks_dir

    for nb in notebooks_dir().glob("*.ipynb"):
        shutil.copy(nb, tmp_path / nb.name)
    monkeypatch.setattr(state, "notebooks_dir", lambda: tmp_path)

    def set_region(name, region):
        path = tmp_path / f"{name}.ipynb"
        nb = json.loads(path.read_text(encoding="utf-8"))
        cell = next(c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", []))
        source = "".join(cell["source"]).replace('["Rīgas reģions"]', f'["{region}"]')
        cell["source"] = source
        path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")

    set_region("05-application-figures", "Zemgales reģions")
    chosen, notes = state.resolve_parameters({})
    assert chosen["comparison_regions"] == ["Zemgales reģions"]
    assert notes == [
        "comparison_regions = ['Zemgales reģions'] from notebooks/05-application-figures.ipynb: used for every "
        "figure, sentence, notebook and annex"
    ]
    chosen, notes = state.resolve_parameters({"comparison_regions": "Vidzemes reģions"})
    assert chosen["comparison_regions"] == ["Vidzemes reģions"]
    assert any("05-application-figures.ipynb sets comparison_regions = ['Zemgales reģions']" in n for n in notes)
    set_region("03-unemployment", "Kurzemes reģions")
    chosen, notes = state.resolve_parameters({})
    assert chosen["comparison_regions"] == ["Rīgas reģions"] and "set comparison_regions differently" in notes[0]


def test_text_compares_with_the_region_asked_for(capsys):
    from pathlib import Path

    fixture = str(Path(__file__).parent / "fixtures" / "dataset")
    assert main(["text", "--data", fixture, "--lang", "en", "--compare", "Zemgales reģions"]) == 0
    out = capsys.readouterr().out
    assert "in the Zemgale region" in out and "Rīga region" not in out
    assert main(["text", "--data", fixture, "--compare", "Zemgle"]) == 2
    err = capsys.readouterr().err
    assert "'Zemgale'" in err and "--compare" in err
