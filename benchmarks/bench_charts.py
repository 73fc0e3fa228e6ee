"""Issue 3: all figures in both languages and three formats, against a bare matplotlib script
drawing the same number of figures with the same sizes and formats, in the same run.

    python benchmarks/bench_charts.py [--repeat N]

Both are timed as whole processes (imports included); target: at most 1.5 x the bare script.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from _common import median_of, report, run_seconds

HERE = Path(__file__).resolve().parent

OURS = """
from pathlib import Path
import latgale_stats as ls
from latgale_stats.build.run import render_all
from latgale_stats.core.io import atomic_write_bytes
out = Path({out!r})
rendered, _ = render_all(ls.load())
for fig in rendered:
    for fmt, data in fig.files.items():
        atomic_write_bytes(out / f"{{fig.chart_id}}_{{fig.lang}}.{{fmt}}", data)
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    n = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as tmp:
        script = str(HERE / "bare_matplotlib.py")
        bare = (
            f"import runpy, sys; sys.argv = ['x', {tmp + '/bare'!r}]; runpy.run_path({script!r}, run_name='__main__')"
        )
        ours = OURS.format(out=tmp + "/ours")
        floor = median_of(lambda: run_seconds(bare), n)
        measured = median_of(lambda: run_seconds(ours), n)
        assert len(list(Path(tmp, "ours").iterdir())) == len(list(Path(tmp, "bare").iterdir())) == 48
    ok = report([("16 figures x PNG/SVG/PDF vs bare matplotlib", measured, floor, 1.5)])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
