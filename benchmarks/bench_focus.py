"""Issue 24: builds for three focuses in one run (Latgale, Daugavpils, Liepāja), in one process.

    python benchmarks/bench_focus.py [--repeat N]

- every file is parsed once in the run: the builds for the second and third focus take the dataset the
  first read (``pipeline.load.PARSED`` lists each file a reader parsed);
- the build for a second focus takes at most 1.2 x the first (the floor, measured in the same run).

The data: a copy of the project's data/raw/ with the CSP's municipal tables beside it (IKR060, IRS031,
NVA011m) as the test server answers them (tests/update_server.py: the real shapes, **invented values**),
so that the Daugavpils and Liepāja builds draw their figures. Each focus builds into its own folder, with the
notebooks, from a fresh start (``force``), in a temporary copy of the project (LATGALE_STATS_ROOT).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from _common import report
from bench_build import copy_project

ROOT = Path(__file__).resolve().parents[1]
FOCUSES = ("Latgale", "Daugavpils", "Liepāja")


def municipal_tables(raw: Path) -> None:
    """The CSP's municipal tables as `latgale-stats update` places them (values invented by the test server)."""
    sys.path.insert(0, str(ROOT / "tests"))
    from update_server import csp_answer

    fixtures = ROOT / "tests" / "fixtures" / "update"
    for table, chosen, updated in (
        ("IKR060", {"INDICATOR": ["B1GQ"]}, "2025-12-15"),
        ("IRS031", {"INDICATOR": ["POP_SY"]}, "2026-03-01"),
        ("NVA011m", {}, "2026-11-20"),
    ):
        meta = json.loads((fixtures / f"csp_{table}_metadata.json").read_text(encoding="utf-8"))
        query = []
        for v in meta["variables"]:
            values = chosen.get(v["code"], v["values"])
            if v["code"] == "AREA":  # as update asks: no town, no Madona of before 30.06.2024
                values = [a for a in values if a not in ("LV0031010", "LV0038000")]
            query.append({"code": v["code"], "selection": {"filter": "item", "values": values}})
        body = csp_answer(table, {"query": query, "response": {"format": "json-stat2"}}, updated)
        (raw / f"csp_{table}_{updated}.json").write_bytes(body)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2)
    n = parser.parse_args().repeat
    with tempfile.TemporaryDirectory(prefix="bench-focus-") as tmp:
        root = copy_project(Path(tmp) / "project")
        municipal_tables(root / "data" / "raw")
        os.environ["LATGALE_STATS_ROOT"] = str(root)
        from latgale_stats.build.make import build
        from latgale_stats.pipeline import load

        times: dict[str, list[float]] = {f: [] for f in FOCUSES}
        parsed: list[Counter[str]] = []
        for i in range(n):
            load._READ.clear()  # each round a fresh process would start with nothing read
            before = len(load.PARSED)
            for focus in FOCUSES:
                out = Path(tmp) / f"reports-{i}-{focus}"
                start = time.perf_counter()
                result = build(None, out, {} if focus == "Latgale" else {"focus": focus}, force=True, quiet=True)
                times[focus].append(time.perf_counter() - start)
                drawn = sorted(
                    {
                        o["file"].split("/")[1].rsplit("_", 1)[0]
                        for o in result.manifest["outputs"]
                        if o["file"].startswith("figures/")
                    }
                )
                print(f"round {i + 1}, {focus}: {times[focus][-1]:.2f} s, figures {', '.join(drawn)}")
            parsed.append(Counter(load.PARSED[before:]))
    twice = sorted({f for c in parsed for f, k in c.items() if k > 1})
    files = len(parsed[0])
    print(f"files parsed per round: {files}; parsed twice in a round: {', '.join(twice) or 'none'}")
    first = statistics.median(times["Latgale"])
    ok = report(
        [
            ("Daugavpils after Latgale (same process)", statistics.median(times["Daugavpils"]), first, 1.2),
            ("Liepāja after Latgale (same process)", statistics.median(times["Liepāja"]), first, 1.2),
        ]
    )
    return 0 if ok and not twice else 1


if __name__ == "__main__":
    sys.exit(main())
