"""data/raw/origins.toml: every raw file recorded with its sha256, README.md generated from the record."""

from __future__ import annotations

import hashlib

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
