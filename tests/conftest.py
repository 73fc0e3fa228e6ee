from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

import latgale_stats as ls
from latgale_stats.core.paths import data_dir, project_root

ROOT = project_root()
os.environ.setdefault("SOURCE_DATE_EPOCH", "1764115200")  # 2025-11-26: the annex's build date, fixed
RAW = data_dir()


@pytest.fixture(scope="session")
def obs():
    """Observations of the bundled data (rows in use)."""
    return ls.load()


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """One full build of the bundled data into a temporary reports folder (data/raw/ checked unchanged)."""
    from latgale_stats.cli import main

    before = tree_hashes(RAW)
    out = tmp_path_factory.mktemp("build") / "reports"
    assert main(["build", "--reports", str(out)]) == 0
    assert tree_hashes(RAW) == before
    return out


@pytest.fixture(scope="session")
def dataset():
    return ls.read()


def tree_hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


HEADER = "indicator,region,period,value,unit,publisher,url,quote,status,note\n"


@pytest.fixture
def curated_dir(tmp_path):
    """A data folder with one curated CSV whose rows the test writes (made-up values)."""

    def make(*rows: str, name: str = "entered.csv") -> Path:
        folder = tmp_path / "raw"
        folder.mkdir(exist_ok=True)
        (folder / name).write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
        return folder

    return make
