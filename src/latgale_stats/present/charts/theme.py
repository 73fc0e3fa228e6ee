"""House style: the shipped ``latgale.mplstyle``, size presets in centimetres, the palette.

Colours are from the Okabe-Ito colour-blind-safe set: Latgale in vermillion, the comparison
(Latvia, the Rīga region) in blue, every other region in a muted grey.
"""

from __future__ import annotations

from contextlib import contextmanager
from importlib import resources

CM = 1 / 2.54
FULL_WIDTH_CM = 16.0
HALF_WIDTH_CM = 8.0
SIZES_CM = {
    "full": (FULL_WIDTH_CM, 10.0),
    "full-tall": (FULL_WIDTH_CM, 12.0),
    "full-long": (FULL_WIDTH_CM, 18.0),  # a bar for each of up to 43 municipalities
    "full-short": (FULL_WIDTH_CM, 8.0),
    "half": (HALF_WIDTH_CM, 7.0),
}
DPI = 300
# the smallest text in a figure: footer, annotations, small labels (readable at 16 cm in Word)
FOOTER_PT = 7.0
SMALL_PT = 7.0

LATGALE = "#D55E00"  # vermillion
COMPARISON = "#0072B2"  # blue
LATVIA = "#000000"
MUTED = "#B3B3B3"
STATEMENT = "#000000"
TEXT_MUTED = "#555555"
PALETTE = {"latgale": LATGALE, "comparison": COMPARISON, "latvia": LATVIA, "muted": MUTED}


def style_path() -> str:
    return str(resources.files(__package__ or "latgale_stats.present.charts").joinpath("latgale.mplstyle"))


@contextmanager
def style():
    """Apply the house style for the duration of a ``with`` block (rcParams restored after)."""
    import matplotlib
    import matplotlib.style

    with matplotlib.rc_context(), matplotlib.style.context(style_path()):
        yield


def size_inches(preset: str) -> tuple[float, float]:
    w, h = SIZES_CM[preset]
    return w * CM, h * CM
