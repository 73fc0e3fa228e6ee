"""The one place that knows where things are.

The project root is found by walking up from this file to the folder holding ``pyproject.toml``
(never from the current directory: notebooks run with their own folder as the working directory).
``LATGALE_STATS_ROOT`` overrides it, e.g. for an installed copy used on another checkout.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_ROOT = "LATGALE_STATS_ROOT"


def project_root() -> Path:
    """The folder that holds ``pyproject.toml``, ``data/`` and ``reports/``."""
    env = os.environ.get(ENV_ROOT)
    if env:
        return Path(env).resolve()
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").is_file() and (parent / "data").is_dir():
            return parent
    # Installed without a checkout: fall back to the working directory.
    return Path.cwd().resolve()


def data_dir() -> Path:
    """``data/raw/``: the publisher downloads and curated figures. Never written to."""
    return project_root() / "data" / "raw"


def reports_dir() -> Path:
    """``reports/``: everything the build writes (git-ignored)."""
    return project_root() / "reports"


def notebooks_dir() -> Path:
    return project_root() / "notebooks"


def display_path(path: Path | str) -> str:
    """A path as an analyst should read it: relative to the project where possible."""
    p = Path(path)
    try:
        return p.resolve().relative_to(project_root()).as_posix()
    except ValueError:
        return p.as_posix()


# The commands a user can type in the project folder: the Makefile's targets (they need no activated
# environment). Messages name commands through here, never the bare `latgale-stats`, which is on no PATH
# unless the environment is activated.
MAKE_TARGETS = {
    "build": "make build",
    "check": "make check",
    "diff": "make diff",
    "template": "make template",
    "update": "make update",
}


def command(name: str, options: str = "") -> str:
    """'make check', or '.venv/bin/latgale-stats build --force' where options are needed or no target exists."""
    if name in MAKE_TARGETS and not options:
        return MAKE_TARGETS[name]
    return " ".join(p for p in (".venv/bin/latgale-stats", name, options) if p)
