"""Issue 6: reading a generated 200 000-row CSB CSV, against pandas.read_csv(..., dtype=str) on the
same file, measured in the same run; and the reader's peak memory against the file's size.

    python benchmarks/bench_formats.py [--repeat N]

The file imitates a CSB web download (API csv2 layout): 194 territorial units (as in CSB's IRS030,
of which the registry knows eight; the rest are municipalities and parishes, left out) x 5 indicators
x 207 years, invented values, `…` for missing cells. Each measurement runs in a fresh process.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _common import report

KNOWN = [
    "Latvia",
    "Riga statistical region (from 01.01.2024.)",
    "Riga statistical region (Riga) (before 01.01.2024.)",
    "Pierīga statistical region (before 01.01.2024.)",
    "Vidzeme statistical region (from 01.01.2024.)",
    "Kurzeme statistical region (from 01.01.2024.)",
    "Zemgale statistical region",
    "Latgale statistical region",
]
INDICATORS = ["Population at the beginning of year", "Live births", "Deaths", "Natural increase", "Net migration"]


def generate(path: Path) -> int:
    areas = KNOWN + [f"..Pagasts {i:03d} (before ATR in 2021)" for i in range(194 - len(KNOWN))]
    years = range(1818, 2025)
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:
        fh.write('"Territorial unit","Indicator","Time period","Number"\r\n')
        n = 0
        for a, area in enumerate(areas):
            for i, ind in enumerate(INDICATORS):
                for y in years:
                    value = "…" if (a + i + y) % 97 == 0 else str(1000 + (a * 7919 + i * 104729 + y * 31) % 900000)
                    fh.write(f'"{area}","{ind}","{y}",{value}\r\n')
                    n += 1
    return n


TIME_PANDAS = """
import sys, time, resource
import pandas as pd
t = time.perf_counter()
pd.read_csv(sys.argv[1], dtype=str, encoding="utf-8-sig")
print(time.perf_counter() - t)
"""
TIME_OURS = """
import sys, time, resource
from pathlib import Path
import pandas as pd
from latgale_stats.ingest import csb_csv, open_source
path = Path(sys.argv[1])
src = open_source(path, path.name)  # as the pipeline hands it over: bytes read for the SHA-256, text not yet
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
t = time.perf_counter()
result = csb_csv.read(src)
elapsed = time.perf_counter() - t
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
assert not result.problems and len(result.records) > 1000, result.problems[:1]
print((after - before) * 1024)
print(elapsed)
"""


def run(code: str, path: Path) -> list[float]:
    out = subprocess.run([sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True).stdout
    return [float(x) for x in out.split()]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    n = parser.parse_args().repeat
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "IRS030_20241009-080000.csv"
        rows = generate(path)
        size = path.stat().st_size
        floor = statistics.median(run(TIME_PANDAS, path)[0] for _ in range(n))
        ours = [run(TIME_OURS, path) for _ in range(n)]
    memory = max(o[0] for o in ours)
    print(f"file: {rows} rows, {size / 1e6:.1f} MB")
    ok = report(
        [
            ("read CSB CSV / pandas.read_csv(dtype=str)", statistics.median(o[1] for o in ours), floor, 2.0),
            ("reader's peak memory growth / file size (MB)", memory / 1e6, size / 1e6, 3.0),
        ]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
