"""latgale-stats: regional indicators for Latgale with their sources.

>>> import latgale_stats as ls
>>> obs = ls.load()          # validated observations, derived values and 2013 statements
>>> ds = ls.read()           # the same with the files read, warnings and replaced figures

``load()`` returns one row per observation with these columns:

============== ==================================================================================
indicator      catalogue id (``latgale_stats.core.indicators``), e.g. ``gdp_per_capita``
region         territorial unit code (``latgale_stats.core.regions``), e.g. ``LV005`` Latgale
region_name    the name as the source wrote it
period         ``YYYY`` (year; for population 1 January) or ``YYYY-MM`` (end of month); None = not stated
period_label   the period, or "year not stated"
year           the year as a number
value          the value in the indicator's unit (converted from the published unit)
unit           the indicator's unit
flag           publisher flags (Eurostat: p provisional, e estimated, b break in series)
status         "" used; "suspect" (kept, left out); "superseded" (a file or newer vintage wins);
               "duplicate" (same value as another row)
kind           "observation", "derived" (computed here) or "statement" (the 2013 application)
source_kind    "publisher file", "publisher page" (read on the publisher's own site), "press figure", "statement"
               or "derived"
publisher      who published the number (Eurostat, CSB, NVA, Lursoft); derived: "latgale-stats (derived) from …"
dataset        Eurostat dataset or CSB table code, or the curated file's name
vintage        the date of the data: the publisher's release date (Eurostat LAST UPDATE) or, where that is not
               known, the day the copy was made (see vintage_from); None for press figures
vintage_from   "release" (vintage is a release date), "copy" (only the day the copy was made, downloaded or
               committed: the release is on or before it; cited "downloaded") or "" (no vintage)
release        the release the value belongs to, as one text ('Eurostat nama_10r_3gdp, release 2026-02-10'; a
               derived value: its main input's, e.g. the GDP file of an index; press figures: 'NVA, figures as
               published'): a figure draws a line from one release only
file, sheet    the file in data/raw/ (and the workbook sheet) the value was read from (derived: its inputs' files)
sha256         the file's SHA-256
row            the row in that file as a spreadsheet or editor shows it
url, quote     where a press figure was read and the words it was read from
outlet         the site of ``url`` for figures read in the press or a report (lsm.lv): the outlet, not the
               publisher, which is ``publisher``
note           remarks from the source file or on how a value was chosen
value_published, unit_published   the number and unit as written in the file
versus         for gaps: the comparison region
inputs         for derived values: the input cells (``InputRef``: indicator, region, period, value, cell)
sources        who produced the number and where it was read (``SourceRef``: publisher, kind, dataset,
               vintage, url, cell, outlet, vintage_from); for derived values, the sources of every input
differs        another official publisher's release for the same cell that differs by more than 1 % (an
               index: 1 point), as (``SourceRef``, value) pairs: the CSP beside Eurostat, or the reverse
older          the same cell in the older releases this value superseded, as (``SourceRef``, value) pairs: where
               a figure's line passes from one release to the next, its note says how far apart they are
============== ==================================================================================

The typed records behind the frame are in ``latgale_stats.core.model`` (``Observation``,
``Period``, ``CellRef``, ``SourceRef``); problems in ``latgale_stats.core.problems`` (``Problem``
with a stable ``code``, ``DataError``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .core.problems import DataError, Problem
from .pipeline.load import Dataset
from .pipeline.load import read as _read

if TYPE_CHECKING:
    import pandas as pd

__version__ = "0.1.0"
__all__ = ["DataError", "Dataset", "Problem", "__version__", "load", "read"]


def read(data_dir: Path | str | None = None) -> Dataset:
    """Read and validate ``data_dir`` (default ``data/raw/``); see ``latgale_stats.pipeline.load``."""
    return _read(data_dir)


def load(data_dir: Path | str | None = None, include_suspect: bool = False, all_rows: bool = False) -> pd.DataFrame:
    """Validated observations, derived values and application statements as a DataFrame.

    ``include_suspect`` keeps rows marked suspect; ``all_rows`` also keeps superseded and duplicate
    rows. Raises :class:`DataError` listing every problem in the input files.
    """
    return read(data_dir).observations(include_suspect=include_suspect, all_rows=all_rows)
