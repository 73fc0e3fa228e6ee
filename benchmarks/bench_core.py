"""Issue 2: import and load() times against `import pandas`, measured in the same run.

    python benchmarks/bench_core.py [--repeat N]

- `python -c "import latgale_stats"` at most 1.1 x `python -c "import pandas"` (whole process);
- `load()` of the bundled data (first call in a fresh process, after the import) at most 0.5 x the
  time `import pandas` takes inside a process.
"""

from __future__ import annotations

import argparse
import sys

from _common import inner_seconds, median_of, report, run_seconds

TIME_IMPORT_PANDAS = "import time; t = time.perf_counter(); import pandas; print(time.perf_counter() - t)"
TIME_LOAD = "import latgale_stats, time; t = time.perf_counter(); latgale_stats.load(); print(time.perf_counter() - t)"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    n = parser.parse_args().repeat
    run_seconds("import latgale_stats")  # warm the file cache and bytecode
    proc_pandas = median_of(lambda: run_seconds("import pandas"), n)
    proc_ours = median_of(lambda: run_seconds("import latgale_stats"), n)
    in_pandas = median_of(lambda: inner_seconds(TIME_IMPORT_PANDAS), n)
    in_load = median_of(lambda: inner_seconds(TIME_LOAD), n)
    ok = report(
        [
            ("python -c 'import latgale_stats' / pandas", proc_ours, proc_pandas, 1.1),
            ("load() / import pandas (in-process)", in_load, in_pandas, 0.5),
        ]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
