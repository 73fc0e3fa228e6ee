"""Helpers for the benchmarks: time commands in fresh processes, print ratios against a floor
measured in the same run (so results hold on any machine)."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def run_seconds(code: str) -> float:
    """Wall time of ``python -c code`` in a fresh process."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - start


def inner_seconds(code: str) -> float:
    """A time the child process measures itself and prints as its last line."""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def run_numbers(code: str, path) -> list[float]:
    """The numbers ``python -c code path`` prints (a fresh process measuring itself)."""
    out = subprocess.run([sys.executable, "-c", code, str(path)], check=True, capture_output=True, text=True).stdout
    return [float(x) for x in out.split()]


def median_of(fn, repeat: int) -> float:
    return statistics.median(fn() for _ in range(repeat))


def report(rows: list[tuple[str, float, float, float | None]]) -> bool:
    """rows: (name, measured seconds, floor seconds, allowed ratio or None for information only).
    Prints a table, returns whether every target is met."""
    ok = True
    print(f"{'measurement':<48} {'time':>9} {'floor':>9} {'ratio':>7} {'target':>7}  result")
    for name, measured, floor, allowed in rows:
        ratio = measured / floor
        passed = allowed is None or ratio <= allowed
        ok &= passed
        target = "-" if allowed is None else f"{allowed:.2f}"
        verdict = "info" if allowed is None else ("ok" if passed else "TOO SLOW")
        print(f"{name:<48} {measured:9.3f} {floor:9.3f} {ratio:7.2f} {target:>7}  {verdict}")
    return ok
