"""Issue 12: reading a generated 500 000-row Register of Enterprises ``register.csv`` to yearly counts by
territory, against ``pandas.read_csv(engine="pyarrow", usecols=<the columns the reader uses>, dtype=str)``
on the same file, measured in the same run; and the reader's peak memory growth against the file's size.

    python benchmarks/bench_register.py [--rows N] [--repeat N]

The file is generated at run time (tests/register_file.py: the real header and quirks, invented rows)
into a temporary folder and removed afterwards. A second file, for information (no target), has most
rows placed by their address, each address distinct, as the real file's pre-2021 territory codes would
have it. Each measurement runs in a fresh process. The memory growth counts from before the file is
opened, so the file's own bytes would count, were they held.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from _common import report, run_numbers

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from register_file import generate  # noqa: E402

TIME_PANDAS = """
import sys, time
import pandas as pd
from latgale_stats.ingest.ur_register import USED
t = time.perf_counter()
pd.read_csv(sys.argv[1], sep=";", engine="pyarrow", usecols=list(USED), dtype=str)
print(time.perf_counter() - t)
"""
TIME_OURS = """
import sys, time, resource
from pathlib import Path
import pandas as pd, pyarrow, pyarrow.csv, pyarrow.compute  # imported before, as in a build
from latgale_stats.ingest import detect, open_source
from latgale_stats.core import territory
territory.municipalities()
path = Path(sys.argv[1])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
src = open_source(path, path.name)
result = detect(src).read(src)
elapsed = time.perf_counter() - t
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
assert len(result.records) > 1000 and not [p for p in result.problems if p.severity == "error"], result.problems[:1]
print((after - before) * 1024)
print(elapsed)
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ur_register_2026-01-15.csv"
        generate(path, args.rows)
        size = path.stat().st_size
        floors, ours = [], []
        for _ in range(args.repeat):  # alternated, so a busy moment of the machine touches both
            floors.append(run_numbers(TIME_PANDAS, path)[0])
            ours.append(run_numbers(TIME_OURS, path))
        generate(path, args.rows, by_address=True)
        floors_a, ours_a = [], []
        for _ in range(args.repeat):
            floors_a.append(run_numbers(TIME_PANDAS, path)[0])
            ours_a.append(run_numbers(TIME_OURS, path))
    memory = max(o[0] for o in ours)
    print(f"file: {args.rows} rows, {size / 1e6:.1f} MB")
    ok = report(
        [
            (
                "register.csv to counts / pandas pyarrow read",
                statistics.median(o[1] for o in ours),
                statistics.median(floors),
                1.5,
            ),
            ("reader's peak memory growth / file size (MB)", memory / 1e6, size / 1e6, 1.5),
            (
                "(info) most rows placed by address / pandas",
                statistics.median(o[1] for o in ours_a),
                statistics.median(floors_a),
                None,
            ),
        ]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
