"""A grant writer's year (issue 21's "done when"), on a copy of the suite's project: the README's yearly update
performed as a user would, then the suite's own checks on the result.

The copy: the repository's code and notebooks with the frozen data of tests/fixtures/bundled/ and its
project.toml. The new month's figures are invented (their source URL says so); everything else is the frozen
real data.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import PROJECT, tree_hashes
from latgale_stats.cli import main

UNIT = "% of economically active population"
MONTH = "2026-10"  # ended on the day the test takes as today
TYPED = (  # what Calc with Latvian settings keeps for '9,7' etc.: numbers (tests/fixtures/entry/ shows it)
    ("Latgales reģions", 9.7),
    ("Rīgas reģions", 3.6),
    ("Kurzemes reģions", 5.4),
    ("Vidzemes reģions", 4.9),
    ("Zemgales reģions", 5.1),
    ("Latvija", 4.8),
)
PAGE = "https://www.nva.gov.lv/lv/invented-test-release-2026-10"  # NVA's own site: the publisher's release


@pytest.fixture
def project(tmp_path, monkeypatch):
    root = tmp_path / "project"
    root.mkdir()
    for name in ("pyproject.toml", "Makefile", "README.md", "notebooks", "jupyter"):
        (root / name).symlink_to((PROJECT / name).resolve())
    shutil.copytree(PROJECT / "data", root / "data")
    shutil.copyfile(PROJECT / "project.toml", root / "project.toml")
    monkeypatch.setenv("LATGALE_STATS_ROOT", str(root))
    monkeypatch.setenv("LATGALE_TODAY", "2026-12-06")
    return root


def _next_application(root: Path) -> None:
    """Step 1 of the README's "The next application": the call year and the mobility period."""
    text = (root / "project.toml").read_text(encoding="utf-8")
    text = text.replace("year = 2013", "year = 2027")
    text = text.replace('start = "2014-02"', 'start = "2027-02"').replace('end = "2014-04"', 'end = "2027-04"')
    (root / "project.toml").write_text(text, encoding="utf-8")


def test_a_grant_writers_year_from_template_to_annex(project, capsys):
    _next_application(project)
    raw = project / "data" / "raw"
    # the entry workbook, written where it is filled in and saved
    assert main(["template"]) == 0
    book = raw / "entry_to_fill.xlsx"
    wb = load_workbook(book)
    for name, value in TYPED:
        wb["registered_unemployment_rate"].append([name, MONTH, value, UNIT, "NVA", PAGE, "", "", ""])
    wb.save(book)
    assert main(["origins", "add", str(book), "--publisher", "NVA", "--url", PAGE]) == 0
    capsys.readouterr()
    assert main(["check"]) == 0
    checked = capsys.readouterr().out
    assert "No errors." in checked
    # a build, with a file of the user's own in reports/ that must survive it
    reports = project / "reports"
    reports.mkdir()
    (reports / "my_notes.docx").write_bytes(b"the grant writer's own file")
    assert main(["build", "--no-notebooks", "--quiet"]) == 0
    built = capsys.readouterr().out
    assert "project.toml" not in built  # the 2027 facts: no warning about an old application
    assert (reports / "my_notes.docx").read_bytes() == b"the grant writer's own file"
    assert (reports / "annex_lv.docx").exists() and (reports / "annex_en.docx").exists()
    # the text for the form: the new month, in every comparison, cited as NVA's own release
    assert main(["text", "--lang", "en"]) == 0
    paragraph = capsys.readouterr().out
    assert "At the end of October 2026 the registered unemployment rate was 9.7% in the Latgale region" in paragraph
    assert "(NVA, nva.gov.lv)" in paragraph and "as published by" not in paragraph.split(".")[0]
    assert "6.1 percentage points above the Rīga region" in paragraph  # 9.7 - 3.6, the same month
    # a second build with nothing new does nothing and still keeps the user's file
    before = tree_hashes(reports)
    assert main(["build", "--no-notebooks", "--quiet"]) == 0
    assert "Nothing to do" in capsys.readouterr().out and tree_hashes(reports) == before


def test_the_suite_reads_none_of_the_users_files():
    """The suite's project is its own: the repository's data/raw/ and project.toml are not what it reads."""
    from latgale_stats.core.paths import data_dir, project_root

    repository = Path(__file__).resolve().parents[1]
    assert project_root() != repository and data_dir() != repository / "data" / "raw"
    assert (project_root() / "project.toml").read_bytes() == (repository / "tests/fixtures/project.toml").read_bytes()


def test_no_test_opens_the_repositorys_data_or_project_facts():
    """Every test reads the suite's project (tests/conftest.py), never the repository's data/raw/ or
    project.toml directly, which a user's yearly update changes."""
    import re

    here = Path(__file__).resolve().parent
    direct = re.compile(r'(ROOT|parents?\[1\]|parent\.parent)\s*/\s*"(data|project\.toml)"')
    found = [
        f"{p.name}:{n}"
        for p in sorted(here.glob("*.py"))
        for n, line in enumerate(p.read_text().splitlines(), 1)
        if direct.search(line)
    ]
    assert found == []
