"""Bad files never crash the tool: every reader, fed damaged real files and fixtures, either reads
them or refuses them with a DataError naming the file (a bounded run; benchmarks/fuzz.py runs 10 000)."""

from __future__ import annotations

import pytest

import latgale_stats as ls
from fuzzing import ROOT, cases, run


def test_damaged_files_are_read_or_refused_never_a_crash(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    done, crashes = run(folder, count=600, seconds=25)
    assert done >= 100
    assert not crashes, [(c.seed, c.case, c.error) for c in crashes[:5]]


@pytest.mark.parametrize(("name", "data"), list(cases(ROOT / "tests" / "fuzz_cases")), ids=lambda v: str(v)[:40])
def test_crash_reproducers_found_by_fuzzing(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    try:
        ls.read(tmp_path)
    except ls.DataError as err:
        assert all(p.file.endswith(name) for p in err.problems)
