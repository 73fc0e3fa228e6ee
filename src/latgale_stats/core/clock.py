"""Today's date, from one place.

Which periods have happened (``validate``), which of a register file's months are complete and the
date an annex is built on all ask :func:`today`. ``LATGALE_TODAY=2026-12-06`` sets it, for tests and
for a build that must behave as on a given day; notebooks' kernels and subprocesses inherit it.
"""

from __future__ import annotations

import os
from datetime import date

ENV_TODAY = "LATGALE_TODAY"


def today() -> date:
    """The date set in ``LATGALE_TODAY`` (YYYY-MM-DD), else the computer's date."""
    text = os.environ.get(ENV_TODAY, "").strip()
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{ENV_TODAY}={text!r} is not a date: write it as YYYY-MM-DD, or unset it") from None
