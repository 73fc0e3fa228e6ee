"""Users' files and accidents (issue 14): nothing silently ignored, nothing half-read, every failure a
clear error naming the file, bounded resources, no live formulas in exports, builds that survive."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

import latgale_stats as ls
import latgale_stats.build.make as B
from conftest import RAW, tree_hashes
from latgale_stats.cli import main

FIX = Path(__file__).parent / "fixtures"
HEADER = "indicator,region,period,value,unit,publisher,url,quote,status,note\n"
UNIT = "% of economically active population"
ROW = f"registered_unemployment_rate,Latgales reģions,2025-12,10.1,{UNIT},NVA,https://lsm.lv/made-up,q,,\n"


def folder_with(tmp_path: Path, files: dict[str, bytes]) -> Path:
    folder = tmp_path / "raw"
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def codes(folder: Path) -> list[tuple[str, str]]:
    with pytest.raises(ls.DataError) as info:
        ls.read(folder)
    return [(p.code, Path(p.file).name) for p in info.value.problems]


# --- nothing silently ignored ---------------------------------------------------------------------------


def test_every_entry_is_read_or_named_with_why(tmp_path):
    curated = (HEADER + ROW).encode()
    folder = folder_with(
        tmp_path,
        {
            "sub/nva.csv": curated,
            "notes.txt": b"my notes",
            "~$book.xlsx": b"x",
            "x.csv/inside.csv": curated.replace(b"2025-12", b"2025-11"),
        },
    )
    (folder / "empty").mkdir()
    (folder / "broken.csv").symlink_to(tmp_path / "nowhere.csv")
    ds = ls.read(folder)
    assert {f.path.name for f in ds.files} == {"nva.csv", "inside.csv"}  # subfolders are read
    skipped = {Path(p).name: why for p, why in ds.skipped}
    assert set(skipped) == {"notes.txt", "~$book.xlsx", "empty", "broken.csv"}
    assert "lock" in skipped["~$book.xlsx"] and "does not exist" in skipped["broken.csv"]


# --- complete or refused ----------------------------------------------------------------------------------


def test_a_cut_csb_csv_is_refused_not_partly_used(tmp_path):
    data = (FIX / "csb_pxweb_en_semicolon_with_heading.csv").read_bytes()
    cut = data[: len(data) - 7]  # an interrupted download: the last number cut short
    assert codes(folder_with(tmp_path, {"IRS030.csv": cut})) == [("damaged-file", "IRS030.csv")]


def test_json_stat_with_fewer_values_than_its_size(tmp_path):
    doc = json.loads((FIX / "csb_api_v1_response.json-stat2.json").read_text(encoding="utf-8"))
    doc["value"] = doc["value"][:-1]
    assert codes(folder_with(tmp_path, {"a.json": json.dumps(doc).encode()})) == [("damaged-file", "a.json")]


def test_json_stat_declaring_a_huge_table_is_refused_at_once(tmp_path):
    doc = json.loads((FIX / "csb_api_v1_response.json-stat2.json").read_text(encoding="utf-8"))
    doc["size"] = [10_000] * len(doc["size"])
    doc["value"] = {}
    start = time.perf_counter()
    assert codes(folder_with(tmp_path, {"a.json": json.dumps(doc).encode()})) == [("too-large", "a.json")]
    assert time.perf_counter() - start < 2


def test_eurostat_row_with_an_extra_comma(tmp_path):
    lines = (RAW / "nama_10r_3gdp_LV_2023-02-21.csv").read_bytes().split(b"\r\n")
    lines[5] = lines[5].replace(b",", b",,", 1)
    problems = codes(folder_with(tmp_path, {"gdp.csv": b"\r\n".join(lines[:40]) + b"\r\n"}))
    assert problems == [("row-width", "gdp.csv")]


def test_a_period_in_the_future_is_refused(tmp_path):
    folder = folder_with(tmp_path, {"nva.csv": (HEADER + ROW.replace("2025-12", "2062-09")).encode()})
    with pytest.raises(ls.DataError) as info:
        ls.read(folder)
    (p,) = info.value.problems
    assert (p.code, p.row, p.column) == ("future-period", 2, "period")


# --- containers and Excel's own saves -------------------------------------------------------------------


def test_gz_download_is_unpacked_and_a_cut_gz_refused(tmp_path):
    data = gzip.compress((RAW / "demo_r_pjanaggr3_LV_2022-06-02.csv").read_bytes(), mtime=0)
    ds = ls.read(folder_with(tmp_path / "a", {"demo_r_pjanaggr3.csv.gz": data}))
    assert ds.files[0].format == "Eurostat SDMX-CSV" and ds.files[0].rows > 100
    assert codes(folder_with(tmp_path / "b", {"demo.csv.gz": data[: len(data) // 2]})) == [
        ("damaged-file", "demo.csv.gz")
    ]


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_zip_ods_and_zip_bomb_are_named_with_what_to_do(tmp_path):
    files = {
        "data.zip": _zip({"a.csv": (HEADER + ROW).encode()}),
        "table.ods": _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}),
        "bomb.xlsx": _zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"0" * 400_000_000}),
    }
    start = time.perf_counter()
    found = codes(folder_with(tmp_path, files))
    assert sorted(found) == [
        ("too-large", "bomb.xlsx"),
        ("unsupported-format", "data.zip"),
        ("unsupported-format", "table.ods"),
    ]
    assert time.perf_counter() - start < 10


def test_curated_csv_saved_by_excel_with_latvian_settings_and_as_unicode_text(tmp_path):
    semicolon = (HEADER + ROW).replace(",", ";").replace("10.1", "10,1")
    unicode_text = (HEADER + ROW.replace("2025-12", "2025-11")).replace(",", "\t")
    folder = folder_with(
        tmp_path,
        {"lv.csv": semicolon.encode("utf-8"), "unicode.txt.csv": b"\xff\xfe" + unicode_text.encode("utf-16-le")},
    )
    df = ls.load(folder)
    values = dict(
        zip(df.loc[df["kind"] == "observation", "period"], df.loc[df["kind"] == "observation", "value"], strict=True)
    )
    assert values == {"2025-12": 10.1, "2025-11": 10.1}


def test_a_curated_file_missing_a_column_is_told_which(tmp_path):
    header = HEADER.replace(",unit", "")
    row = ROW.replace(f",{UNIT}", "")
    with pytest.raises(ls.DataError) as info:
        ls.read(folder_with(tmp_path, {"nva.csv": (header + row).encode()}))
    assert [(p.code, p.column) for p in info.value.problems] == [("missing-column", "unit")]


def test_many_errors_are_listed_at_most_twenty_a_file(tmp_path):
    rows = "".join(
        ROW.replace("10.1", "x").replace("2025-12", f"20{10 + i // 12:02d}-{i % 12 + 1:02d}") for i in range(60)
    )
    with pytest.raises(ls.DataError) as info:
        ls.read(folder_with(tmp_path, {"nva.csv": (HEADER + rows).encode()}))
    report = str(info.value)
    assert len(info.value.problems) == 60 and report.count("[not-a-number]") == 20
    assert "… and 40 more in" in report


# --- exports and writes -----------------------------------------------------------------------------------


def test_text_that_looks_like_a_formula_is_stored_as_text(tmp_path):
    from latgale_stats.outputs.files import indicators_workbook

    evil = '=cmd|" /C calc"!A0'
    quoted = evil.replace('"', '""')  # as a spreadsheet program writes a quote inside a quoted cell
    row = ROW.replace(",q,,", f',"{quoted}",,"+SUM(1;2)"')
    df = ls.load(folder_with(tmp_path, {"nva.csv": (HEADER + row).encode()}))
    book = load_workbook(io.BytesIO(indicators_workbook(df)))
    cells = [c for ws in book.worksheets for r in ws.iter_rows() for c in r if c.value in (evil, "+SUM(1;2)")]
    assert len(cells) == 2 and all(c.data_type == "s" for c in cells)
    assert any(isinstance(c.value, float) for ws in book.worksheets for r in ws.iter_rows() for c in r)


def test_template_never_overwrites_a_raw_file(tmp_path, capsys):
    folder = folder_with(tmp_path, {"nva.csv": (HEADER + ROW).encode()})
    before = tree_hashes(folder)
    assert main(["template", "--data", str(folder), "--out", str(folder / "nva.csv"), "--force"]) == 2
    assert "never overwrites data" in capsys.readouterr().err
    assert tree_hashes(folder) == before


# --- builds that survive accidents ------------------------------------------------------------------------


def test_a_second_build_at_once_is_refused(tmp_path, capsys):
    out = tmp_path / "reports"
    with B.locked(out):
        assert main(["build", "--reports", str(out), "--quiet", "--no-notebooks"]) == 1
    assert "Another build is writing" in capsys.readouterr().err


def test_leftovers_of_a_stopped_build_are_tidied_and_reports_restored(tmp_path):
    out = tmp_path / "reports"
    dead = 2**22 + 12345  # a process id no process has
    (tmp_path / f".reports-new-{dead}").mkdir()
    old = tmp_path / f".reports-old-{dead}"  # stopped between the two renames: reports/ is missing
    old.mkdir()
    (old / "manifest.json").write_text("{}", encoding="utf-8")
    said = B.tidy(out)
    assert (out / "manifest.json").exists() and len(said) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


def test_a_failed_swap_restores_the_previous_reports(tmp_path, monkeypatch):
    out = tmp_path / "reports"
    out.mkdir()
    (out / "manifest.json").write_text("old", encoding="utf-8")
    new = tmp_path / ".reports-new-1"
    new.mkdir()
    real = os.replace

    def failing(a, b):
        if Path(a) == new:
            raise PermissionError(13, "Permission denied")
        return real(a, b)

    monkeypatch.setattr(B.os, "replace", failing)
    with pytest.raises(B.SwapFailed, match="restored"):
        B.swap_in(new, out)
    assert (out / "manifest.json").read_text(encoding="utf-8") == "old"


def test_raw_folder_is_unchanged_by_reading_damaged_files(tmp_path):
    folder = folder_with(tmp_path, {"a.csv": b"\x00\xff garbage", "b.json": b'{"version":"2.0","class":"dataset"'})
    before = tree_hashes(folder)
    with pytest.raises(ls.DataError):
        ls.read(folder)
    assert tree_hashes(folder) == before
    shutil.rmtree(folder)


def test_ctrl_c_during_a_build_stops_it_in_one_line_and_keeps_reports(built, tmp_path):
    """Ctrl-C while figures render and notebooks run: exit 130, one line, no traceback (not even a
    kernel's), the previous reports/ byte for byte, no temporary folder and no kernel left."""
    import signal
    import subprocess
    import sys

    out = tmp_path / "reports"
    shutil.copytree(built, out)
    before = tree_hashes(out)
    command = [str(Path(sys.executable).parent / "latgale-stats"), "build", "--reports", str(out), "--force"]
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # Ctrl-C reaches the terminal's process group, as it does here
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(tmp_path.glob(".reports-new-*/figures/*"))) < 12:
        if proc.poll() is not None:  # pragma: no cover - the build must still be running
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the build ended before it could be stopped"
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # ended here, so that no later test meets a build still running
        os.killpg(proc.pid, signal.SIGKILL)
        _, err = proc.communicate()
        pytest.fail(f"the build went on for a minute after Ctrl-C:\n{err.decode()[-2000:]}")
    text = err.decode()
    assert proc.returncode == 130
    assert text.strip().splitlines() == ["Stopped (Ctrl-C): reports/ was left as it was, data/raw/ was not changed."], (
        text[-2000:]
    )
    assert tree_hashes(out) == before
    B.tidy(out)  # what the next build does first; the stopped build normally leaves nothing to tidy
    assert not list(tmp_path.glob(".reports-*-*"))
    time.sleep(1)
    assert not _children_of(proc.pid)


def test_ctrl_c_returns_only_once_the_builds_work_is_shut_down():
    """The interrupt goes on to the command line only after the build's loop has cancelled its work
    and waited for it (kernels shut down): in Python 3.11 a thread join interrupted by Ctrl-C marks the
    running thread as ended, and the build once left while kernels were still being shut down."""
    import asyncio
    import signal
    import threading

    from latgale_stats.build.run import _interruptible

    shut_down = []

    async def work():
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            await asyncio.sleep(0.6)  # a kernel being shut down
            shut_down.append(True)
            raise

    for delay in (0.1, 0.35, 0.5):  # inside and between the waits of the main thread
        shut_down.clear()
        threading.Timer(delay, os.kill, (os.getpid(), signal.SIGINT)).start()
        with pytest.raises(KeyboardInterrupt):
            _interruptible(work, threading.Event())
        assert shut_down == [True], delay


CANCEL_WHILE_KERNEL_STARTS = """
import asyncio, os, sys
from pathlib import Path
from jupyter_client.asynchronous.client import AsyncKernelClient
from latgale_stats.build.run import _execute
from latgale_stats.core.declarations import NOTEBOOK_IDS

waiting = asyncio.Event()

async def never_ready(self, timeout=None):  # the kernel is started, its channels open, and it is not ready yet
    waiting.set()
    await asyncio.Event().wait()

AsyncKernelClient.wait_for_ready = never_ready

def kernels():
    found = 0
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            found += f"JPY_PARENT_PID={os.getpid()}\\0".encode() in environ.read_bytes()
        except OSError:
            pass
    return found

async def main():
    task = asyncio.ensure_future(_execute(NOTEBOOK_IDS[0], {}, asyncio.Semaphore(1)))
    await asyncio.wait_for(waiting.wait(), 60)
    started = kernels()
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    print(started, kernels())

asyncio.run(main())
"""


def test_a_notebook_stopped_while_its_kernel_starts_ends_its_kernel_at_once(tmp_path):
    """Ctrl-C while a kernel starts (a slow machine's first seconds): the kernel is shut down inside
    the build, and the process then ends at once, silently (nbclient's exit hook once hung there on the
    kernel's sockets for good, or printed a traceback after the one-line message)."""
    import subprocess
    import sys

    script = tmp_path / "cancel.py"
    script.write_text(CANCEL_WHILE_KERNEL_STARTS, encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=90)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == ["1", "0"]  # one kernel was running when stopped, none after
    assert done.stderr == ""


def _children_of(pid: int) -> list[str]:
    """Kernels started by a process (jupyter_client gives them JPY_PARENT_PID) that are still alive."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if f"JPY_PARENT_PID={pid}\0".encode() in environ.read_bytes():
                found.append(environ.parent.name)
        except OSError:
            continue
    return found


def test_a_csv_with_a_hundred_thousand_columns_is_refused_at_once(tmp_path):
    head, rest = (FIX / "csb_api_v1_csv2_long_texts.csv").read_text(encoding="utf-8-sig").split("\n", 1)
    wide = head + "".join(f',"{i}"' for i in range(100_000)) + "\n" + rest
    start = time.perf_counter()
    assert codes(folder_with(tmp_path, {"wide.csv": wide.encode()})) == [("too-large", "wide.csv")]
    assert time.perf_counter() - start < 2


def test_a_eurostat_download_of_every_eu_region_uses_latvias_rows_and_counts_the_rest(tmp_path):
    """Other countries' regions are neither errors nor silently dropped: counted in the file's notes."""
    lines = (RAW / "nama_10r_3gdp_LV_2023-02-21.csv").read_text(encoding="utf-8").splitlines()
    ours = [r for r in lines[1:] if ",LV00" in r]
    others = [r.replace(",LV00", f",DE{i:03d}") for i in range(12) for r in ours]
    folder = folder_with(tmp_path, {"eu.csv": ("\n".join([lines[0], *ours, *others]) + "\n").encode()})
    start = time.perf_counter()
    ds = ls.read(folder)
    assert time.perf_counter() - start < 5
    assert {o.region for o in ds.rows} <= {"LV00", "LV003", "LV005", "LV006", "LV007", "LV008", "LV009"}
    assert ds.rows and "regions outside Latvia (" in " ".join(ds.files[0].notes)


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def test_side_jobs_run_in_their_own_process_and_are_given_up_when_the_build_stops():
    """The indicators workbook (seconds of Python holding the GIL) is written in a forked process,
    not among the threads that talk to the kernels; a stopped build does not wait for it."""
    import threading

    from latgale_stats.build.run import _side_process, _side_result

    pool = _side_process(1)
    assert pool is not None  # Linux forks
    try:
        stop = threading.Event()
        assert _side_result(pool, (_pid_after, 0.0), stop) not in (os.getpid(), None)
        threading.Timer(0.3, stop.set).start()
        started = time.monotonic()
        with pytest.raises(RuntimeError, match="stopped"):
            _side_result(pool, (_pid_after, 30.0), stop)
        assert time.monotonic() - started < 5
    finally:
        pool.terminate()
        pool.join()
    assert _side_result(None, (_pid_after, 0.0), threading.Event()) == os.getpid()  # no fork: in the thread


# --- files that lie (issue 23, 7 and 8) ----------------------------------------------------------------------


def _json_stat(**change):
    doc = json.loads((FIX / "csb_api_v1_response.json-stat2.json").read_text(encoding="utf-8"))
    doc.update(change)
    return doc


def test_a_sparse_json_stat_answer_is_read_as_present_not_expanded(tmp_path):
    """A value object holds only some cells: they are read at their places; nothing is expanded to the
    declared size (a 190 KB answer declaring 5 million cells once cost 2.7 GB and 44 s)."""
    full = _json_stat()
    as_list = {
        (r.region, str(r.period)): r.value
        for r in ls.read(folder_with(tmp_path, {"a.json": json.dumps(full).encode()})).rows
    }
    sparse = _json_stat(value={"1": full["value"][1], "6": full["value"][6]})
    got = {
        (r.region, str(r.period)): r.value
        for r in ls.read(folder_with(tmp_path / "s", {"a.json": json.dumps(sparse).encode()})).rows
    }
    assert len(got) == 2 and got == {k: v for k, v in as_list.items() if v in (full["value"][1], full["value"][6])}


def test_a_json_stat_answer_over_the_apis_cell_limit_is_refused_at_once(tmp_path):
    doc = _json_stat(size=[1, 4, 1, 50_000], value={"0": 1})  # 200 000 cells: more than CSP's API answers
    doc["dimension"]["TIME"]["category"]["index"] = {str(1990 + i): i for i in range(50_000)}
    start = time.perf_counter()
    assert codes(folder_with(tmp_path, {"a.json": json.dumps(doc).encode()})) == [("too-large", "a.json")]
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize(
    "change, expected",
    [
        ({"size": [1, 4, 1]}, "as many sizes as dimensions ('id' names 4, 'size' gives 3)"),
        ({"id": "AREA"}, "an 'id' listing the dimensions by name"),
        ({"dimension": {"AREA": []}}, "a 'dimension' entry with its categories"),
        ({"value": {"x": 1}}, "8 values"),
    ],
)
def test_a_json_stat_answer_of_another_shape_is_named_damaged(tmp_path, change, expected):
    with pytest.raises(ls.DataError) as info:
        ls.read(folder_with(tmp_path, {"a.json": json.dumps(_json_stat(**change)).encode()}))
    [problem] = info.value.problems
    assert problem.code == "damaged-file" and expected in str(problem), str(problem)


def test_a_period_before_an_indicators_series_begins_is_refused(tmp_path):
    """Latvia's population = 1 in the year 1000 is not data."""
    doc = _json_stat(size=[1, 1, 1, 1], value=[1])
    doc["dimension"]["AREA"]["category"] = {"index": {"LV": 0}, "label": {"LV": "Latvia"}}
    doc["dimension"]["TIME"]["category"] = {"index": {"1000": 0}, "label": {"1000": "1000"}}
    with pytest.raises(ls.DataError) as info:
        ls.read(folder_with(tmp_path, {"a.json": json.dumps(doc).encode()}))
    assert [(p.code, p.value) for p in info.value.problems] == [("early-period", "1000")]
    assert "from 1990 on" in str(info.value.problems[0])


def test_values_no_real_release_holds_are_flagged_by_check(tmp_path):
    """Dropped in by hand: read, and warned about with the file, the values and the plausible range; a
    derived value (per 1000 inhabitants) names the file it was computed from."""
    rows = [
        "new_enterprises,Latvija,2019,99000,enterprises,Lursoft,https://lursoft.lv/x,q,,",
        "registered_unemployed,Latgales reģions,2019-05,900000,persons,NVA,https://nva.gov.lv/x,q,,",
        "registered_unemployed,Rīgas reģions,2019-05,21000,persons,NVA,https://nva.gov.lv/x,q,,",
    ]
    folder = folder_with(tmp_path, {"entered.csv": (HEADER + "\n".join(rows) + "\n").encode()})
    shutil.copy(RAW / "demo_r_pjanaggr3_LV_2023-09-28.csv", folder)  # Latvia's population in 2019
    before = tree_hashes(folder)
    ds = ls.read(folder)
    flagged = {w.expected.split(" between")[0]: w for w in ds.warnings if w.code == "implausible-range"}
    assert sorted(flagged) == ["New enterprises per 1000 inhabitants", "Registered unemployed persons"]
    assert flagged["Registered unemployed persons"].value == "900000 (Latgales reģions, 2019-05)"
    assert "between 0 and 500 000 persons" in flagged["Registered unemployed persons"].expected
    rate = flagged["New enterprises per 1000 inhabitants"]
    assert "between 0.5 and 40 per 1000 inhabitants, computed from" in rate.expected and "entered.csv" in rate.expected
    assert all(w.file.endswith("entered.csv") for w in flagged.values())
    assert 21000 in {r.value for r in ds.rows if r.indicator == "registered_unemployed"}  # read, not dropped
    assert tree_hashes(folder) == before


def test_a_curated_csv_of_an_absurd_shape_is_refused_in_under_two_seconds(tmp_path):
    wide = HEADER.rstrip("\n") + "".join(f",extra{i}" for i in range(300_000)) + "\n" + ROW
    long_quote = HEADER + ROW.replace(",q,", "," + "q" * 300_000 + ",")
    for name, text in (("wide.csv", wide), ("long.csv", long_quote)):
        folder = folder_with(tmp_path / name, {name: text.encode()})
        start = time.perf_counter()
        assert codes(folder) == [("too-large", name)]
        assert time.perf_counter() - start < 2


def test_an_entry_workbook_reaching_row_a_million_is_refused_in_under_two_seconds(tmp_path):
    from latgale_stats.ingest.entry import COLUMNS

    book = tmp_path / "entry.xlsx"
    assert main(["template", "--out", str(book)]) == 0
    wb = load_workbook(book)
    ws = wb["population"]
    ws.append(
        ["Latgales reģions", "2024", "250000", "persons", "CSB", "https://stat.gov.lv/x", "q", "", ""][: len(COLUMNS)]
    )
    ws.cell(row=1_000_000, column=1, value="x")
    folder = tmp_path / "raw"
    folder.mkdir()
    wb.save(folder / "entry.xlsx")
    start = time.perf_counter()
    with pytest.raises(ls.DataError) as info:
        ls.read(folder)
    assert time.perf_counter() - start < 2
    [problem] = info.value.problems
    assert problem.code == "too-large" and "1,000,000 rows" in str(problem) and "Ctrl+End" in str(problem)


def test_a_build_with_nothing_to_do_still_tidies_a_stopped_builds_folder(tmp_path, capsys):
    """Issue 23, item 11: a build killed after rendering started leaves .reports-new-<pid>; the next build,
    with nothing to render, removes it (and says so) instead of stopping at "Nothing to do"."""
    from conftest import FIXTURES
    from latgale_stats.cli import main

    data, out = tmp_path / "raw", tmp_path / "reports"
    shutil.copytree(FIXTURES / "dataset", data)
    argv = ["build", "--data", str(data), "--reports", str(out), "--quiet", "--no-notebooks"]
    assert main(argv) == 0
    capsys.readouterr()
    left = tmp_path / f".reports-new-{2**22 + 54321}"  # a process id no process has
    (left / "figures").mkdir(parents=True)
    assert main(argv) == 0
    said = capsys.readouterr().out
    assert f"Tidied up: removed {left.name} left by a stopped build" in said and "Nothing to do" in said
    assert not left.exists()


def test_the_manifest_lists_the_files_the_build_read(tmp_path, monkeypatch):
    """Issue 23, item 10: a file an update places while a build runs (after the build's first look at the
    folder) is read by the build, so its manifest lists it, with the bytes read."""
    import json

    from conftest import FIXTURES
    from latgale_stats.build import make as M

    data, out = tmp_path / "raw", tmp_path / "reports"
    shutil.copytree(FIXTURES / "dataset", data)
    late = data / "csb_population_late.csv"
    reader = M.read_dataset

    def read_after_an_update(folder, **kwargs):
        late.write_text(  # made-up figure, as an update would place a file
            "indicator,region,period,value,unit,publisher,url,quote,status,note\n"
            'population,Latvija,2016,1968957,persons,CSB,https://stat.gov.lv/x,"INVENTED",,invented\n',
            encoding="utf-8",
        )
        return reader(folder, **kwargs)

    monkeypatch.setattr(M, "read_dataset", read_after_an_update)
    M.build(data, out, notebooks=False, quiet=True)
    listed = {i["file"]: i["sha256"] for i in json.loads((out / "manifest.json").read_text())["inputs"]}
    assert any(name.endswith("csb_population_late.csv") for name in listed)
    assert hashlib.sha256(late.read_bytes()).hexdigest() in listed.values()
