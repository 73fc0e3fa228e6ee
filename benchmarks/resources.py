"""Issue 14: the time and memory of each resource case, each read by ``latgale_stats.read`` in a fresh
process, against the issue's limits (refused within 2 s and 300 MB) and against a floor measured in the
same run: reading the same file's bytes in a fresh process. The files are generated (invented values)
in a temporary folder.

    python benchmarks/resources.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures"

CHILD = """
import json, resource, sys, time
from pathlib import Path
import latgale_stats as ls
folder = Path(sys.argv[1])
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
problems, shown = [], 0
if sys.argv[2] == "read":
    try:
        ls.read(folder)
    except ls.DataError as err:
        problems = sorted({p.code for p in err.problems})
        shown = len(err.report().splitlines())
else:
    for p in folder.iterdir():
        p.read_bytes()
elapsed = time.perf_counter() - start
grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
print(json.dumps({"s": elapsed, "mb": grown, "codes": problems, "lines": shown}))
"""


def zip_bomb(folder: Path) -> None:
    """An .xlsx-looking zip of about 1 MB that unpacks to 1 GB of zeros."""
    with zipfile.ZipFile(folder / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/workbook.xml", "w", force_zip64=True) as fh:
            block = b"0" * 1_000_000
            for _ in range(1000):
                fh.write(block)


def json_stat_huge(folder: Path) -> None:
    """A json-stat2 answer declaring 10^8 cells (the CSP API's own layout, values left out)."""
    doc = json.loads((FIX / "csb_api_v1_response.json-stat2.json").read_text(encoding="utf-8"))
    n = len(doc["size"])
    doc["size"] = [100] * (n - 1) + [10_000] if n > 1 else [100_000_000]
    doc["value"] = [None] * 40_000  # about 330 KB, as in the issue
    (folder / "answer.json").write_text(json.dumps(doc), encoding="utf-8")


def million_columns(folder: Path) -> None:
    """A CSP CSV whose header has a million columns."""
    text = (FIX / "csb_api_v1_csv2_long_texts.csv").read_text(encoding="utf-8-sig")
    head, rest = text.split("\n", 1)
    head += "".join(f',"{i}"' for i in range(1_000_000))
    (folder / "wide.csv").write_text(head + "\n" + rest, encoding="utf-8")


def whole_eu(folder: Path) -> None:
    """A Eurostat SDMX-CSV download of every EU region (700 000 rows), not only Latvia's."""
    lines = (ROOT / "data" / "raw" / "nama_10r_3gdp_LV_2023-02-21.csv").read_text(encoding="utf-8").splitlines()
    head, rows = lines[0], [r for r in lines[1:] if r]
    out = [head]
    for i in range(700_000 // len(rows) + 1):
        code = f"DE{i:03d}"
        out += [r.replace(",LV00", f",{code}") for r in rows if ",LV00" in r] or rows
    (folder / "nama_10r_3gdp_EU.csv").write_text("\n".join(out[:700_001]) + "\n", encoding="utf-8")


def big_file(folder: Path) -> None:
    """A 400 MB file (larger than any publisher download the project reads)."""
    with open(folder / "huge.csv", "wb") as fh:
        fh.truncate(400_000_000)


CASES = {
    "xlsx zip bomb (1 MB -> 1 GB)": zip_bomb,
    "json-stat2 declaring 10^8 cells": json_stat_huge,
    "CSP CSV with a million columns": million_columns,
    "Eurostat SDMX-CSV of all EU regions (700k rows)": whole_eu,
    "a 400 MB file": big_file,
}


def child(folder: Path, mode: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), mode], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    ok = True
    print(f"{'case':<48} {'size':>8} {'time':>7} {'floor':>7} {'ratio':>6} {'memory':>9}  outcome")
    for name, make in CASES.items():
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            make(folder)
            size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
            got = child(folder, "read")
            floor = child(folder, "bytes")
        within = got["s"] <= 2 and got["mb"] <= 300
        ok &= within
        print(
            f"{name:<48} {size:7.1f}M {got['s']:6.2f}s {floor['s']:6.2f}s {got['s'] / max(floor['s'], 1e-3):6.1f}"
            f" {got['mb']:7.0f}MB  {', '.join(got['codes']) or 'read'} ({got['lines']} lines shown)"
            f"{'' if within else '  OVER 2 s / 300 MB'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
