"""The project's own files: dependencies listed alike, raw data unchanged, code clean."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from conftest import RAW, ROOT


def _name(req: str) -> str:
    return re.split(r"[<>=!~ \[;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _spec(req: str) -> str:
    return req.replace(" ", "").lower()


def test_environment_yml_lists_the_same_dependencies_as_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = project["dependencies"] + [d for extra in project["optional-dependencies"].values() for d in extra]
    wanted = [d for d in wanted if _name(d) != project["name"]]  # an extra that includes another extra
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str) and _name(d) not in ("python", "pip")]
    pip_part = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_part
    assert "conda-forge" in env["channels"]
    assert sorted(map(_spec, conda)) == sorted(map(_spec, wanted))


def test_eurostat_downloads_keep_their_crlf_line_ends():
    for path in RAW.glob("*_LV_*.csv"):
        data = path.read_bytes()
        assert b"\r\n" in data and data.count(b"\n") == data.count(b"\r\n"), path.name


def test_ruff_finds_nothing():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks"], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_machine_paths_in_tracked_files():
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    machine = [str(ROOT.parent) + "/", str(Path.home()) + "/"]
    for name in files:
        path = ROOT / name
        if path.suffix in (".py", ".md", ".toml", ".yml", ".ipynb", ".cfg", "") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="ignore")
            assert not any(m in text for m in machine if m != "//"), name


def test_import_does_not_load_plotting_or_notebook_machinery():
    code = (
        "import sys, latgale_stats; "
        "print(sorted(m for m in ('matplotlib', 'nbclient', 'docx', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
