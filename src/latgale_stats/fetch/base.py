"""What every source shares: the run's context and the outcome of one source."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import requests

from ..core.origins import Origin
from .http import Net
from .store import Scratch


@dataclass
class Context:
    data_dir: Path
    net: Net
    client: requests.Session
    scratch: Scratch
    origins: dict[str, Origin]
    dry_run: bool = False
    reports: Path | None = None  # where a table's metadata is saved when it does not fit the catalogue


@dataclass
class Outcome:
    """One line of the report: a source's new release, or that it is current, or why it failed."""

    source: str
    status: str  # "new", "current", "would download", "failed"
    detail: str = ""
    files: list[str] = field(default_factory=list)
    code: str = ""
    action: str = ""
    notes: list[str] = field(default_factory=list)  # what went wrong on the way without failing the source

    @property
    def failed(self) -> bool:
        return self.status == "failed"

    def line(self) -> str:
        if self.failed:
            action = f" What to do: {self.action}" if self.action else ""
            return f"{self.source}: failed [{self.code}]: {self.detail}. data/raw/ was not changed.{action}"
        return f"{self.source}: {self.detail}" + "".join(f" ({note})" for note in self.notes)


def base_url(env: str, default: str) -> str:
    return os.environ.get(env, default).rstrip("/")
