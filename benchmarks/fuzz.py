"""Issue 14: the fuzz harness at full length, 10 000 mutations of every publisher format and the
real files (tests/fuzzing.py), with the rate and the crashes found.

    python benchmarks/fuzz.py [--count N] [--seed S]

Crashes (anything but the package's DataError) are written to tests/fuzz_cases/ as regression
fixtures and listed; exit 1 if there are any.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fuzzing import run  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "raw"
        folder.mkdir()
        start = time.perf_counter()
        done, crashes = run(folder, args.count, seconds=3600, seed=args.seed)
        elapsed = time.perf_counter() - start
    print(f"{done} mutations in {elapsed:.1f} s ({done / elapsed:.0f} a second), {len(crashes)} crashes")
    out = ROOT / "tests" / "fuzz_cases"
    for c in crashes:
        print(f"  case {c.case} ({c.seed}): {c.error[:150]}")
        (out / f"{c.case:05d}__{c.seed}").write_bytes(c.data)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
