"""Issue 4: the full build and the no-op rebuild, against what a user would otherwise run, measured
in the same run.

    python benchmarks/bench_build.py [--repeat N]

- full `latgale-stats build --force` at most 0.6 x running `jupyter nbconvert --to notebook --execute`
  on the same five notebooks one after another; also its ratio to the floor: one kernel start plus
  the same library calls in a plain script (the build without notebooks);
- no-op `latgale-stats build` at most 1.5 x `python -c "import latgale_stats"`;
- the rebuild after a one-row change to one curated file at most 0.5 x the full build (issue 9): the
  Lursoft file's Latvia count for 2017 changed (new_enterprises: the firm-formation outputs render
  again); for information also a new month appended to the NVA file (every unemployment output).

Each side works on its own copy of the project (data/, notebooks/) in a temporary folder
(LATGALE_STATS_ROOT), so nothing here touches the project's reports/.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import report

ROOT = Path(__file__).resolve().parents[1]
KERNEL = (
    "from jupyter_client.manager import start_new_kernel; "
    "km, kc = start_new_kernel(kernel_name='python3'); kc.stop_channels(); km.shutdown_kernel(now=True)"
)


def copy_project(dest: Path) -> Path:
    shutil.copytree(ROOT / "data", dest / "data")
    shutil.copytree(ROOT / "notebooks", dest / "notebooks")
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    shutil.copy(ROOT / "project.toml", dest / "project.toml")
    return dest


def timed(cmd: list[str], root: Path) -> float:
    env = {**os.environ, "LATGALE_STATS_ROOT": str(root)}
    start = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True, env=env, cwd=root)
    return time.perf_counter() - start


def one_row_change(root: Path, build: list[str], i: int) -> float:
    """Change one value of the curated Lursoft file (a made-up count, in the copy only) and rebuild."""
    path = root / "data" / "raw" / "lursoft_new_enterprises.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    at = next(k for k, line in enumerate(lines) if line.startswith("new_enterprises,Latvija,2017,"))
    cells = lines[at].split(",")
    cells[3] = str(int(cells[3]) + 1 + i)
    lines[at] = ",".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    return timed(build, root)


def new_nva_month(root: Path, build: list[str], i: int) -> float:
    """Append one made-up month to the curated NVA file (in the copy only) and rebuild."""
    with open(root / "data" / "raw" / "nva_registered_unemployment.csv", "a", encoding="utf-8") as fh:
        fh.write(
            f"registered_unemployment_rate,Latgales reģions,2026-{i + 1:02d},10.4,% of economically active "
            "population,NVA,https://example.invalid/benchmark,made-up benchmark value,,\n"
        )
    return timed(build, root)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    n = parser.parse_args().repeat
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        ours = copy_project(Path(tmp) / "ours")
        theirs = copy_project(Path(tmp) / "theirs")
        plain = copy_project(Path(tmp) / "plain")
        build = [py, "-m", "latgale_stats.cli", "build", "--quiet"]
        nbconvert = [
            [py, "-m", "nbconvert", "--to", "notebook", "--execute", "--output-dir", str(theirs / "out"), str(nb)]
            for nb in sorted((theirs / "notebooks").glob("*.ipynb"))
        ]
        full = statistics.median(timed([*build, "--force"], ours) for _ in range(n))
        user = statistics.median(sum(timed(cmd, theirs) for cmd in nbconvert) for _ in range(n))
        floor = statistics.median(
            timed([py, "-c", KERNEL], plain)
            + timed([*build, "--force", "--no-notebooks", "--reports", str(plain / "plain-reports")], plain)
            for _ in range(n)
        )
        timed(build, ours)  # make sure the next ones are no-ops
        noop = statistics.median(timed(build, ours) for _ in range(5 * n))
        one_row = statistics.median(one_row_change(ours, build, i) for i in range(n))
        new_month = statistics.median(new_nva_month(ours, build, i) for i in range(n))
        bare = statistics.median(timed([py, "-c", "import latgale_stats"], ours) for _ in range(5 * n))
    ok = report(
        [
            ("full build / nbconvert --execute x 5", full, user, 0.6),
            ("full build / kernel start + plain script", full, floor, None),
            ("no-op build / python -c 'import latgale_stats'", noop, bare, 1.5),
            ("rebuild after one Lursoft row / full build", one_row, full, 0.5),
            ("rebuild after one new NVA month / full build", new_month, full, None),
        ]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
