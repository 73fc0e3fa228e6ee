"""The floor for bench_charts.py: plain matplotlib drawing the same number of figures (8 x 2
languages) at the same sizes, each with a title, a few bars or a line and a footer, saved in the
same formats: PNG 300 dpi, SVG with text kept as text, PDF with TrueType fonts (what an
application annex needs). Usage: python benchmarks/bare_matplotlib.py OUTDIR"""

import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams.update({"pdf.fonttype": 42, "svg.fonttype": "none"})
from matplotlib.figure import Figure  # noqa: E402

CM = 1 / 2.54
SIZES = [(16, 8), (16, 10), (16, 10), (16, 8), (16, 12), (16, 8), (16, 8), (16, 8)]


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for i, (w, h) in enumerate(SIZES):
        for lang in ("lv", "en"):
            fig = Figure(figsize=(w * CM, h * CM))
            ax = fig.subplots()
            if i % 2:
                ax.plot(range(2000, 2021), [50 + (y % 7) for y in range(2000, 2021)], marker="o")
            else:
                ax.barh(["a", "b", "c", "d", "e", "f"], [162.9, 81.8, 74.2, 69.8, 67.3, 50.9])
            fig.text(0.02, 0.97, f"Figure {i} {lang}", va="top", fontsize=9.5, fontweight="bold")
            fig.text(0.02, 0.02, "Source: Eurostat nama_10r_3gdp (2023-02-21).", fontsize=6.3)
            for fmt in ("png", "svg", "pdf"):
                fig.savefig(out / f"f{i}_{lang}.{fmt}", dpi=300)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
