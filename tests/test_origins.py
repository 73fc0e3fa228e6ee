"""data/raw/origins.toml: every raw file recorded with its sha256, README.md generated from the record."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from conftest import RAW
from latgale_stats.core.origins import ORIGINS_FILE, OriginError, check_origins, read_origins, readme_text

ENTRY = """\
[files."{name}"]
publisher = "Eurostat"
kind = "publisher file"
title = "made-up file"
licence = "test"
sha256 = "{sha}"
"""


def _folder(tmp_path, *entries: str, files: dict[str, bytes] | None = None):
    for name, data in (files or {}).items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / ORIGINS_FILE).write_text("\n".join(entries), encoding="utf-8")
    return tmp_path


def test_every_raw_file_has_an_origin_with_its_sha256():
    origins = read_origins(RAW)
    assert origins, "data/raw/origins.toml is missing or empty"
    assert check_origins(RAW, origins) == []


def test_raw_readme_is_generated_from_origins():
    expected = readme_text(read_origins(RAW))
    assert (RAW / "README.md").read_bytes() == expected.encode("utf-8"), (
        "data/raw/README.md differs from origins.toml: regenerate it with `latgale-stats origins --write-readme`"
    )


def test_readme_text_is_deterministic():
    origins = read_origins(RAW)
    reversed_origins = dict(reversed(list(origins.items())))
    assert readme_text(origins) == readme_text(reversed_origins)


def test_publisher_files_say_where_their_release_date_comes_from():
    origins = read_origins(RAW)
    for origin in origins.values():
        if origin.release_date is not None:
            assert origin.release_date_from in ("content", "metadata", "copy"), origin.file
    # the two TSVs hold no date: theirs is the day the copy was committed where it was found, not a release
    for name in ("bd_size_r3_LV_2024-01-12.tsv", "demo_r_pjanaggr3_LV_2026-04-09.tsv"):
        assert origins[name].release_date_from == "copy", name
    assert origins["nama_10r_3gdp_LV_2023-02-21.csv"].release_date_from == "content"


def test_a_copy_date_is_shown_as_a_bound_not_a_release(tmp_path):
    entry = ENTRY.format(name="a.tsv", sha="0" * 64) + 'release_date = "2024-01-12"\nrelease_date_from = "copy"\n'
    origins = read_origins(_folder(tmp_path, entry))
    assert origins["a.tsv"].release_date_from == "copy"
    text = readme_text(origins)
    assert "on or before 2024-01-12 (the day the copy was made; the release date is not known)" in text


def test_an_unknown_date_source_is_named(tmp_path):
    entry = ENTRY.format(name="a.tsv", sha="0" * 64) + 'release_date = "2024-01-12"\nrelease_date_from = "guess"\n'
    with pytest.raises(OriginError, match="'copy'") as info:
        read_origins(_folder(tmp_path, entry))
    assert "a.tsv" in str(info.value) and "'guess'" in str(info.value)


def test_a_missing_origins_file_is_an_empty_record(tmp_path):
    assert read_origins(tmp_path) == {}


@pytest.mark.parametrize("key", ["publisher", "kind", "title", "licence", "sha256"])
def test_a_missing_required_key_is_named(tmp_path, key):
    entry = "\n".join(
        line for line in ENTRY.format(name="a.csv", sha="0" * 64).splitlines() if not line.startswith(f"{key} =")
    )
    folder = _folder(tmp_path, entry)
    with pytest.raises(OriginError) as info:
        read_origins(folder)
    message = str(info.value)
    assert key in message and "a.csv" in message and ORIGINS_FILE in message


def test_invalid_toml_names_the_file(tmp_path):
    folder = _folder(tmp_path, '[files."a.csv"\npublisher = ')
    with pytest.raises(OriginError, match="origins.toml"):
        read_origins(folder)


def test_check_names_unrecorded_changed_and_missing_files(tmp_path):
    good, changed = b"a,b\n1,2\n", b"a,b\n1,3\n"
    folder = _folder(
        tmp_path,
        ENTRY.format(name="good.csv", sha=hashlib.sha256(good).hexdigest()),
        ENTRY.format(name="changed.csv", sha=hashlib.sha256(good).hexdigest()),
        ENTRY.format(name="gone.csv", sha=hashlib.sha256(good).hexdigest()),
        files={
            "good.csv": good,
            "changed.csv": changed,
            "unrecorded.csv": good,
            ".hidden": b"x",
            "README.md": b"# doc\n",
        },
    )
    messages = check_origins(folder, read_origins(folder))
    assert len(messages) == 3
    for name in ("changed.csv", "gone.csv", "unrecorded.csv"):
        assert sum(name in m for m in messages) == 1, (name, messages)
    assert not any("good.csv" in m or ".hidden" in m or "README.md" in m for m in messages)
    assert any(hashlib.sha256(changed).hexdigest() in m for m in messages)


# --- latgale-stats origins add (issue 21, item 3) ---------------------------------------------------------------


def _add(folder, *argv: str) -> int:
    from latgale_stats.cli import main

    return main(["origins", "add", *argv, "--data", str(folder)])


@pytest.fixture
def recorded(tmp_path):
    """A data folder with one recorded file and its generated README (made-up)."""
    data = b"a,b\n1,2\n"
    (tmp_path / "raw").mkdir()
    folder = _folder(tmp_path / "raw", ENTRY.format(name="good.csv", sha=hashlib.sha256(data).hexdigest()))
    (folder / "good.csv").write_bytes(data)
    (folder / "README.md").write_text(readme_text(read_origins(folder)), encoding="utf-8")
    return folder


def test_add_records_a_filled_entry_workbook_and_regenerates_the_readme(recorded, capsys):
    from latgale_stats.outputs.template import template_bytes

    before = (recorded / ORIGINS_FILE).read_text(encoding="utf-8")
    book = recorded / "nva_2026-11.xlsx"
    book.write_bytes(template_bytes())
    url = "https://www.nva.gov.lv/lv/bezdarba-statistika"
    assert _add(recorded, str(book), "--publisher", "NVA", "--url", url) == 0
    out = capsys.readouterr().out
    assert "Recorded" in out and "nva_2026-11.xlsx" in out and "README.md" in out
    after = (recorded / ORIGINS_FILE).read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n") + "\n\n")  # appended; what was there is unchanged
    origin = read_origins(recorded)["nva_2026-11.xlsx"]
    assert (origin.publisher, origin.kind, origin.dataset, origin.url) == ("NVA", "curated", "nva_2026-11", url)
    assert origin.sha256 == hashlib.sha256(book.read_bytes()).hexdigest()
    assert "data-entry workbook" in origin.title and origin.licence == "facts quoted with their source page"
    assert check_origins(recorded, read_origins(recorded)) == []
    assert (recorded / "README.md").read_text(encoding="utf-8") == readme_text(read_origins(recorded))
    assert sorted(p.name for p in recorded.iterdir()) == sorted(
        ["README.md", ORIGINS_FILE, "good.csv", "nva_2026-11.xlsx"]
    )


def test_add_takes_a_catalogue_datasets_title_licence_and_release_date(recorded):
    name = "nama_10r_3gdp_LV_2026-12-01.csv"
    (recorded / name).write_bytes((RAW / "nama_10r_3gdp_LV_2023-02-21.csv").read_bytes())
    url = "https://ec.europa.eu/eurostat/databrowser/view/nama_10r_3gdp/default/table"
    argv = (name, "--publisher", "Eurostat", "--url", url, "--release-date", "2026-12-01")
    assert _add(recorded, *argv, "--release-date-from", "copy") == 0
    origin = read_origins(recorded)[name]
    assert (origin.kind, origin.dataset, origin.release_date, origin.release_date_from) == (
        "publisher file",
        "nama_10r_3gdp",
        "2026-12-01",
        "copy",
    )
    assert origin.title.startswith("Gross domestic product") and "Eurostat" in origin.licence


def test_add_refuses_what_it_cannot_record_and_changes_nothing(recorded, tmp_path, capsys):
    from conftest import tree_hashes

    before = tree_hashes(recorded)
    url = ("--publisher", "NVA", "--url", "https://www.nva.gov.lv")
    assert _add(recorded, str(recorded / "good.csv"), *url) == 2
    assert "is recorded already" in capsys.readouterr().err
    outside = tmp_path / "elsewhere.csv"
    outside.write_bytes(b"indicator,region,period,value\n")
    assert _add(recorded, str(outside), *url) == 2
    assert "Copy the file there first" in capsys.readouterr().err
    csb = recorded.parent / "x" / "IRS030.csv"  # a CSB table with a name the catalogue does not know
    csb.parent.mkdir()
    shutil.copyfile(Path(__file__).parent / "fixtures" / "csb_pxweb_lv_semicolon_with_heading.csv", csb)
    assert tree_hashes(recorded) == before
    shutil.move(csb, recorded / "IRS030.csv")
    before = tree_hashes(recorded)
    assert _add(recorded, "IRS030.csv", *url) == 2
    assert "no default --title and --licence: give them" in capsys.readouterr().err
    assert _add(recorded, "IRS030.csv", *url, "--title", "t", "--licence", "l", "--release-date", "2026-12-01") == 2
    assert "release_date and release_date_from go together" in capsys.readouterr().err
    assert tree_hashes(recorded) == before
