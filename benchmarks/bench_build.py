"""Issue 4: the full build and the no-op rebuild, against what a user would otherwise run, measured
in the same run.

    python benchmarks/bench_build.py [--repeat N]

- full `latgale-stats build --force` at most 0.6 x running `jupyter nbconvert --to notebook --execute`
  on the same five notebooks one after another; also its ratio to the floor: one kernel start plus
  the same library calls in a plain script (the build without notebooks);
- no-op `latgale-stats build` at most 1.5 x `python -c "import latgale_stats"`.

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
        bare = statistics.median(timed([py, "-c", "import latgale_stats"], ours) for _ in range(5 * n))
    ok = report(
        [
            ("full build / nbconvert --execute x 5", full, user, 0.6),
            ("full build / kernel start + plain script", full, floor, None),
            ("no-op build / python -c 'import latgale_stats'", noop, bare, 1.5),
        ]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
