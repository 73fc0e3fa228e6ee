from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import pytest

import latgale_stats as ls
from latgale_stats.core.paths import ENV_ROOT, data_dir, project_root

ROOT = Path(__file__).resolve().parents[1]  # the repository: its code, notebooks, Makefile and README
FIXTURES = ROOT / "tests" / "fixtures"
os.environ.setdefault("SOURCE_DATE_EPOCH", "1764115200")  # 2025-11-26: the annex's build date, fixed


def _test_project() -> Path:
    """The project the suite runs in: the repository's code, notebooks and Makefile, with the data and the
    project facts frozen in tests/fixtures/ (``bundled/``: data/raw/ as it was when the suite was written;
    ``project.toml``), never the user's own data/raw/ or project.toml. A yearly update of those (a new
    release, an entry workbook, a 2027 project.toml) changes nothing the tests read."""
    root = Path(tempfile.mkdtemp(prefix="latgale-stats-tests-"))
    for name in ("pyproject.toml", "Makefile", "README.md", "notebooks", "jupyter", ".venv"):
        if (ROOT / name).exists():
            (root / name).symlink_to(ROOT / name)
    shutil.copytree(FIXTURES / "bundled", root / "data" / "raw")
    shutil.copyfile(FIXTURES / "project.toml", root / "project.toml")
    atexit.register(shutil.rmtree, root, True)
    return root


PROJECT = _test_project()
os.environ[ENV_ROOT] = str(PROJECT)  # read by project_root(), here and in every notebook kernel a test starts
assert project_root() == PROJECT.resolve()
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


@pytest.fixture
def pubs(monkeypatch):
    """The local server playing Eurostat, CSP and the Register of Enterprises (tests/update_server.py), with
    `update` pointed at it and short timeouts and retries."""
    from update_server import Publishers, serve_all

    with Publishers() as p:
        serve_all(p)
        monkeypatch.setenv("LATGALE_EUROSTAT_API", p.url("eurostat"))
        monkeypatch.setenv("LATGALE_CSP_API", p.url("csp"))
        monkeypatch.setenv("LATGALE_UR_OPENDATA", p.url("ur"))
        monkeypatch.setenv("LATGALE_HTTP_TIMEOUT", "2")
        monkeypatch.setenv("LATGALE_HTTP_RETRIES", "1")
        monkeypatch.setenv("LATGALE_HTTP_BACKOFF", "0.01")
        yield p
