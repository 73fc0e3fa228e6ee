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
    for origin in read_origins(RAW).values():
        if origin.release_date is not None:
            assert origin.release_date_from in ("content", "metadata"), origin.file


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
