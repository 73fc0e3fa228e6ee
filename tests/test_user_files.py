"""Nothing the user made is ever deleted (issue 21, item 1): the build replaces reports/ as one set, and
carries into it every file it did not write (it knows what it wrote from the last manifest), naming each
with where it belongs; `template` writes the entry workbook where it is filled in and read, data/raw/."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

import latgale_stats as ls
import latgale_stats.build.make as B
from conftest import tree_hashes
from latgale_stats.build.state import MANIFEST, kept_notes, not_written, read_manifest
from latgale_stats.cli import main
from latgale_stats.outputs.template import template_bytes

DATASET = Path(__file__).parent / "fixtures" / "dataset"  # invented values


def build(out: Path, **kw) -> B.BuildResult:
    return B.build(DATASET, out, notebooks=False, langs=("lv",), quiet=True, **kw)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def reports(tmp_path) -> Path:
    """A reports folder as one build left it."""
    out = tmp_path / "reports"
    build(out)
    return out


def test_a_workbook_saved_into_reports_survives_the_next_build_and_is_named(reports):
    entry = reports / "latgale-stats-entry.xlsx"  # `make template` wrote it here before; Ctrl+S saved it here
    entry.write_bytes(template_bytes())
    (reports / "figures" / "my-crop.png").write_bytes(b"my own picture")
    (reports / "notes.docx").write_bytes(b"my notes")
    (reports / ".~lock.latgale-stats-entry.xlsx#").write_bytes(b"lock")  # Calc has the workbook open
    (reports / "update").mkdir()
    (reports / "update" / "csp_NVA011m_metadata.json").write_bytes(b"{}")
    mine = {p: p.read_bytes() for p in reports.rglob("*") if p.is_file() and p.name != MANIFEST}
    mine = {p: b for p, b in mine.items() if p.relative_to(reports).as_posix() not in _outputs(reports)}
    result = build(reports, force=True)
    assert {p: p.read_bytes() for p in mine} == mine  # every one kept, byte for byte
    notes = "\n".join(result.kept)
    shown = f"{reports.as_posix()}/latgale-stats-entry.xlsx"
    assert (
        f"{shown} is not a build output: kept; a filled entry workbook belongs in data/raw/: move it there and "
        "record it (`.venv/bin/latgale-stats origins add data/raw/latgale-stats-entry.xlsx" in notes
    )
    assert "figures/my-crop.png is not a build output: kept; your own files are safer outside" in notes
    assert "notes.docx is not a build output: kept" in notes
    assert "update/csp_NVA011m_metadata.json was saved by `make update`" in notes
    assert "lock" not in notes and len(result.kept) == 4  # the lock file is kept without a word
    assert [rel for rel, _ in not_written(reports, read_manifest(reports))] == sorted(
        p.relative_to(reports).as_posix() for p in mine
    )  # and the next build knows them as the user's still


def _outputs(out: Path) -> set[str]:
    return {o["file"] for o in read_manifest(out).get("outputs", [])}


def test_a_build_with_nothing_to_do_names_them_too(reports, capsys):
    (reports / "latgale-stats-entry.xlsx").write_bytes(template_bytes())
    result = build(reports)
    assert result.noop and len(result.kept) == 1 and "a filled entry workbook belongs in data/raw/" in result.kept[0]
    assert kept_notes(reports, read_manifest(reports)) == result.kept  # what `make build` says before building


def test_an_output_changed_by_hand_is_kept_beside_the_new_one(reports):
    annex = reports / "annex_lv.docx"
    annex.write_bytes(annex.read_bytes() + b"\0")  # edited in Word and saved in place
    edited = annex.read_bytes()
    result = build(reports)
    assert not result.noop  # a changed output is rebuilt
    assert (reports / "annex_lv-edited.docx").read_bytes() == edited
    written = {o["file"]: o["sha256"] for o in result.manifest["outputs"]}
    assert sha(annex) == written["annex_lv.docx"]
    assert "annex_lv.docx was changed after the build wrote it: kept as" in result.kept[0]
    assert "annex_lv-edited.docx" in result.kept[0]
    annex.write_bytes(annex.read_bytes() + b"\0\0")  # edited again: the first copy stays, the second is numbered
    build(reports)
    assert (reports / "annex_lv-edited.docx").read_bytes() == edited and (reports / "annex_lv-edited-2.docx").exists()


def test_without_a_manifest_every_file_is_the_users(tmp_path):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "latgale-stats-entry.xlsx").write_bytes(template_bytes())
    (out / "chart_data.xlsx").write_bytes(b"a file of the user's, where the build writes one")
    result = build(out)
    assert (out / "latgale-stats-entry.xlsx").read_bytes() == template_bytes()
    assert (out / "chart_data-edited.xlsx").read_bytes().startswith(b"a file of the user's")
    assert "chart_data.xlsx is not a build output but stands where the build writes one" in "\n".join(result.kept)


def test_a_build_that_fails_after_carrying_leaves_reports_as_it_was(reports, monkeypatch):
    (reports / "mine.txt").write_text("mine", encoding="utf-8")
    before = tree_hashes(reports)

    def failing(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(B, "_manifest", failing)  # after the outputs are written and the user's files copied
    with pytest.raises(OSError):
        build(reports, force=True)
    assert tree_hashes(reports) == before
    assert sorted(p.name for p in reports.parent.iterdir()) == ["reports"]


def test_a_file_saved_again_while_the_build_ran_is_the_one_kept(tmp_path):
    out, new = tmp_path / "reports", tmp_path / ".reports-new-1"
    for folder in (out, new):
        folder.mkdir()
        (folder / MANIFEST).write_text('{"outputs": []}', encoding="utf-8")
    (out / "entry.xlsx").write_bytes(b"filled")
    B.carry(out, new, read_manifest(out))
    (out / "entry.xlsx").write_bytes(b"filled, and one row more")  # Ctrl+S in Calc, before the swap
    os.utime(out / "entry.xlsx", (0, os.stat(new / "entry.xlsx").st_mtime + 5))
    said = B.swap_in(new, out)
    assert (out / "entry.xlsx").read_bytes() == b"filled, and one row more"
    assert said == ["reports/entry.xlsx was saved while the build ran: the saved file was kept"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


def test_a_set_left_by_a_stopped_build_gives_back_the_users_files(tmp_path):
    out, dead = tmp_path / "reports", 2**22 + 12345  # a process id no process has
    out.mkdir()
    (out / MANIFEST).write_text('{"outputs": []}', encoding="utf-8")
    old = tmp_path / f".reports-old-{dead}"  # stopped after the swap, before the old set was retired
    old.mkdir()
    (old / MANIFEST).write_text('{"outputs": [{"file": "a.png", "sha256": "0"}]}', encoding="utf-8")
    (old / "a.png").write_bytes(b"an output")
    (old / "mine.xlsx").write_bytes(b"the user's")
    said = B.tidy(out)
    assert (out / "mine.xlsx").read_bytes() == b"the user's" and not (out / "a.png").exists()
    assert any("mine.xlsx" in line for line in said) and not old.exists()


# --- the entry workbook goes where it is filled in ----------------------------------------------------------


def test_template_goes_into_the_data_folder_and_an_empty_one_breaks_nothing(tmp_path, capsys):
    folder = tmp_path / "raw"
    shutil.copytree(DATASET, folder)
    before = ls.read(folder)
    assert main(["template", "--data", str(folder)]) == 0
    said = capsys.readouterr().out
    book = folder / "entry_to_fill.xlsx"
    assert book.read_bytes() == template_bytes()
    assert f"Wrote {book}" in said and "origins add" in said and "make build" in said
    assert main(["template", "--data", str(folder)]) == 2  # never over a workbook that may hold figures
    assert "exists already" in capsys.readouterr().err and book.read_bytes() == template_bytes()
    ds = ls.read(folder)  # check and build read it: no figures, no error
    assert [o.value for o in ds.rows] == [o.value for o in before.rows]
    (entry,) = [f for f in ds.files if f.path.name == book.name]
    assert entry.rows == 0 and any("no figures typed yet" in n for n in entry.notes)
    assert main(["check", "--data", str(folder), "--verbose"]) == 0
    assert "entry_to_fill.xlsx: no figures typed yet" in capsys.readouterr().out
