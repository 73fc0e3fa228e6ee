"""Issue 2: import and load() times against `import pandas`, measured in the same run.

    python benchmarks/bench_core.py [--repeat N]

- `python -c "import latgale_stats"` at most 1.1 x `python -c "import pandas"` (whole process);
- `load()` of the bundled data (first call in a fresh process, after the import) at most 0.5 x the
  time `import pandas` takes inside a process. `import latgale_stats` no longer imports pandas (the
  package imports it when a frame is made), so pandas is imported before the clock starts: the
  measurement is the reading, validating and deriving, as before; also reported, for information,
  `import latgale_stats` and `load()` together against `import pandas` alone.
"""

from __future__ import annotations

import argparse
import sys

from _common import inner_seconds, median_of, report, run_seconds

TIME_IMPORT_PANDAS = "import time; t = time.perf_counter(); import pandas; print(time.perf_counter() - t)"
TIME_LOAD = (
    "import pandas, latgale_stats, time; t = time.perf_counter(); latgale_stats.load(); print(time.perf_counter() - t)"
)
TIME_ALL = (
    "import time; t = time.perf_counter(); import latgale_stats; latgale_stats.load(); print(time.perf_counter() - t)"
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    n = parser.parse_args().repeat
    run_seconds("import latgale_stats")  # warm the file cache and bytecode
    proc_pandas = median_of(lambda: run_seconds("import pandas"), n)
    proc_ours = median_of(lambda: run_seconds("import latgale_stats"), n)
    in_pandas = median_of(lambda: inner_seconds(TIME_IMPORT_PANDAS), n)
    in_load = median_of(lambda: inner_seconds(TIME_LOAD), n)
    in_all = median_of(lambda: inner_seconds(TIME_ALL), n)
    ok = report(
        [
            ("python -c 'import latgale_stats' / pandas", proc_ours, proc_pandas, 1.1),
            ("load() / import pandas (in-process)", in_load, in_pandas, 0.5),
            ("import latgale_stats + load() / import pandas", in_all, in_pandas, None),
        ]
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
