"""``project.toml``, the project facts: where it is and how it is read (the annex's facts, the focus)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from .model import CellRef
from .paths import display_path, project_root
from .problems import DataError, Problem


def project_file() -> Path:
    return project_root() / "project.toml"


def read_project_toml(path: Path | None = None) -> tuple[dict, str]:
    """The parsed project facts and their text; a missing file or a syntax error is a DataError that
    names the file (and line) and says what to do."""
    path = path or project_file()
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
        return tomllib.loads(text), text
    except FileNotFoundError:
        raise DataError(
            [
                Problem(
                    "bad-project-facts",
                    CellRef(shown),
                    "",
                    "the project facts file used by the annex",
                    "restore project.toml from git (git checkout project.toml) and edit it",
                )
            ]
        ) from None
    except tomllib.TOMLDecodeError as err:
        raise DataError(
            [
                Problem(
                    "bad-project-facts",
                    CellRef(shown, getattr(err, "lineno", None)),
                    "",
                    f"valid TOML ({err})",
                    "correct the line (text in double quotes, lists in [ ])",
                )
            ]
        ) from None
