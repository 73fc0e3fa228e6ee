"""A seeded mutation harness over every reader: real files and the format fixtures, damaged the ways
downloads and saves get damaged (bytes flipped, cut short, spans deleted or doubled, delimiters
swapped). A mutant may be read or refused with a DataError; anything else is a crash. Used by
tests/test_fuzz.py (a bounded run in `make test`) and benchmarks/fuzz.py (10 000 mutations)."""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import latgale_stats as ls

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
RAW = FIXTURES / "bundled"  # the suite's frozen copy of data/raw/ (tests/conftest.py)
MAX_SEED_LINES = 60  # long real files are cut to their first lines: the structure is what matters


def seeds() -> list[tuple[str, bytes]]:
    """(file name, bytes) of every format the readers take."""
    out = []
    for path in sorted(FIXTURES.iterdir()):
        if path.is_file() and path.suffix in (".csv", ".json", ".px", ".xlsx"):
            out.append((path.name, path.read_bytes()))
    for path in sorted(RAW.iterdir()):
        if path.suffix in (".csv", ".tsv"):
            data = path.read_bytes()
            lines = data.splitlines(keepends=True)
            out.append((path.name, b"".join(lines[:MAX_SEED_LINES])))
    return out


def mutate(data: bytes, rng: random.Random) -> bytes:
    """One random damage."""
    if not data:
        return bytes([rng.randrange(256)])
    n = len(data)
    i = rng.randrange(n)
    kind = rng.randrange(8)
    if kind == 0:  # flip some bytes
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(n)] = rng.randrange(256)
        return bytes(b)
    if kind == 1:  # cut short (an interrupted download)
        return data[:i]
    if kind == 2:  # a span deleted
        return data[:i] + data[i + rng.randint(1, 64) :]
    if kind == 3:  # a span doubled
        j = min(n, i + rng.randint(1, 64))
        return data[:j] + data[i:j] + data[j:]
    if kind == 4:  # random bytes inserted
        return data[:i] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 16))) + data[i:]
    if kind == 5:  # a delimiter swapped for another
        a, b = rng.sample([b",", b";", b"\t", b'"', b"\n", b" ", b"."], 2)
        return data.replace(a, b, rng.randint(1, 5))
    if kind == 6:  # a line doubled or dropped
        lines = data.splitlines(keepends=True)
        k = rng.randrange(len(lines))
        return b"".join(lines[:k] + ([lines[k]] * 2 if rng.random() < 0.5 else []) + lines[k + 1 :])
    return data[:i] + b"\x00" + data[i:]  # a NUL byte


@dataclass
class Crash:
    seed: str
    case: int
    error: str
    data: bytes


def run(folder: Path, count: int, seconds: float, seed: int = 2026) -> tuple[int, list[Crash]]:
    """Read ``count`` mutants (at most ``seconds``), each alone in ``folder``. Returns how many ran
    and the crashes (anything but a DataError)."""
    rng = random.Random(seed)
    pool = seeds()
    crashes: list[Crash] = []
    start = time.perf_counter()
    done = 0
    for case in range(count):
        if time.perf_counter() - start > seconds:
            break
        name, data = pool[case % len(pool)]
        mutant = data
        for _ in range(rng.randint(1, 3)):
            mutant = mutate(mutant, rng)
        for old in folder.iterdir():
            old.unlink()
        (folder / name).write_bytes(mutant)
        try:
            ls.read(folder)
        except ls.DataError:
            pass
        except Exception as err:  # noqa: BLE001 - the point: anything else is a crash
            crashes.append(Crash(name, case, f"{type(err).__name__}: {err}", mutant))
        done += 1
    return done, crashes


def cases(folder: Path) -> Iterator[tuple[str, bytes]]:
    """Crash reproducers kept as regression fixtures (tests/fuzz_cases/)."""
    for path in sorted(folder.glob("*")):
        if path.is_file() and path.name != "README.md":
            yield path.name.split("__", 1)[-1], path.read_bytes()
