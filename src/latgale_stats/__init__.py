"""latgale-stats: regional indicators for Latgale with their sources.

>>> import latgale_stats as ls
>>> obs = ls.load()          # validated observations, derived values and 2013 statements
>>> ls.check()               # coverage, warnings, errors (what the CLI prints)

``load()`` returns one row per observation with these columns:

============== ==================================================================================
indicator      catalogue id (``latgale_stats.indicators``), e.g. ``gdp_per_capita``
region         territorial unit code (``latgale_stats.regions``), e.g. ``LV005`` Latgale
region_name    the name as the source wrote it
period         ``YYYY`` (year; for population 1 January) or ``YYYY-MM`` (end of month); NA = not stated
period_label   the period, or "year not stated"
year           the year as a number
value          the value in the indicator's unit (converted from the published unit)
unit           the indicator's unit
flag           publisher flags (Eurostat: p provisional, e estimated, b break in series)
status         "" used; "suspect" (kept, left out); "superseded" (a file or newer vintage wins);
               "duplicate" (same value as another row)
kind           "observation", "derived" (computed here) or "statement" (the 2013 application)
source_kind    "publisher file", "press figure", "statement" or "derived"
publisher      who published the number (Eurostat, CSB, NVA, Lursoft, or derived)
dataset        Eurostat dataset code or curated file name
vintage        publisher's release date of the data (Eurostat LAST UPDATE), NA for press figures
file, sha256   the file in data/raw/ and its SHA-256
row            the row in that file as a spreadsheet or editor shows it
url, quote     where a press figure was read and the words it was read from
note           remarks from the source file or on how a value was chosen
value_published, unit_published   the number and unit as written in the file
versus         for gaps: the comparison region
inputs         for derived values: the input cells with their files and rows
============== ==================================================================================
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd  # noqa: F401  (the API returns DataFrames; import it once, here)

from .errors import DataError, Problem

__version__ = "0.1.0"
__all__ = ["DataError", "Problem", "load", "read", "__version__"]


def read(data_dir: Path | str | None = None):
    """Read and validate ``data_dir`` (default ``data/raw/``); see ``latgale_stats.dataset``."""
    from .dataset import read as _read

    return _read(data_dir)


def load(data_dir: Path | str | None = None, include_suspect: bool = False, all_rows: bool = False):
    """Validated observations, derived values and application statements as a DataFrame.

    ``include_suspect`` keeps rows marked suspect; ``all_rows`` also keeps superseded and duplicate
    rows. Raises :class:`DataError` listing every problem in the input files.
    """
    return read(data_dir).observations(include_suspect=include_suspect, all_rows=all_rows)
