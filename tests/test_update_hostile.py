"""`latgale-stats update` against publishers that misbehave and files that lie (issue 23).

Each case runs against the local server (tests/update_server.py, 127.0.0.1 only) and compares the data
folder byte for byte before and after (tree_hashes, hidden files included).
"""

from __future__ import annotations

import socket
import time

import pytest

from conftest import tree_hashes
from latgale_stats.cli import main
from latgale_stats.core.origins import read_origins
from latgale_stats.fetch import Net, update
from latgale_stats.fetch.eurostat import key
from latgale_stats.fetch.http import redirect_refusal
from update_server import Reply, register_body, serve_all

NAMA = f"/eurostat/sdmx/2.1/data/nama_10r_3gdp/{key('nama_10r_3gdp')}"
REGISTER = "/ur/register/register.csv"
LM = {"Last-Modified": "Tue, 24 Nov 2026 06:00:00 GMT"}


@pytest.fixture
def said():
    return []


@pytest.fixture
def net(said):
    waits: list[float] = []
    return Net(
        connect_timeout=1,
        read_timeout=0.3,
        retries=2,
        backoff=0.01,
        progress=False,
        sleep=waits.append,
        say=said.append,
    )


@pytest.fixture
def raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "kept.csv").write_bytes(b"indicator,region\n")  # something already there
    return folder


def _register(pubs, net, raw, *replies):
    pubs.set(REGISTER, *replies)
    before = tree_hashes(raw)
    [o] = update(raw, ["register"], net=net)
    return o, before


def _asked(pubs, path):
    return sum(r.path.split("?")[0] == path for r in pubs.requests)


# --- redirects (issue 23, 1) ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target, why",
    [
        ("http://10.1.2.3/register/register.csv", "not an https:// address"),  # an internal host
        ("http://127.0.0.1:{other}/register/register.csv", "another port"),
        ("ftp://127.0.0.1/register.csv", "not an https:// address"),
    ],
)
def test_a_redirect_elsewhere_is_refused_and_says_so(pubs, net, raw, target, why):
    with socket.socket() as s:  # a port nobody listens on, other than the publisher's
        s.bind(("127.0.0.1", 0))
        other = s.getsockname()[1]
    target = target.format(other=other)
    o, before = _register(pubs, net, raw, Reply(302, b"", {"Location": target}))
    assert (o.status, o.code) == ("failed", "download-failed"), o.line()
    assert f"redirected to {target}, a redirect latgale-stats refuses ({why})" in o.line()
    assert o.line().count("What to do") == 1
    assert net.waits == [] and _asked(pubs, REGISTER) == 1  # refused at once, not retried
    assert tree_hashes(raw) == before


def test_a_redirect_on_the_publishers_host_is_followed_and_the_final_address_recorded(pubs, net, raw):
    pubs.set("/ur/register/2026/register.csv", Reply(200, register_body(), {**LM, "ETag": '"r2"'}))
    o, _ = _register(pubs, net, raw, Reply(302, b"", {"Location": "/ur/register/2026/register.csv"}))
    assert o.status == "new", o.line()
    origin = read_origins(raw)["ur_register_2026-11-24.csv"]
    assert origin.url == f"{pubs.base}/ur/register/2026/register.csv"


def test_redirect_rules():
    first = "https://dati.ur.gov.lv/register/register.csv"
    assert redirect_refusal(first, "https://dati.ur.gov.lv/other/register.csv") is None
    assert redirect_refusal(first, "https://DATI.ur.gov.lv:443/x") is None
    assert redirect_refusal(first, "http://dati.ur.gov.lv/x") == "not an https:// address"
    assert redirect_refusal(first, "https://evil.example/x") == "another host than dati.ur.gov.lv"
    assert redirect_refusal(first, "https://dati.ur.gov.lv:8443/x") == "another port"
    assert redirect_refusal("http://127.0.0.1:8000/a", "http://localhost:8000/a") == "another host than 127.0.0.1"


# --- deadlines, waits, failures by kind (issue 23, 3 and 13) ----------------------------------------------


def test_a_trickling_server_is_stopped_by_the_deadline_set_in_the_environment(pubs, raw, monkeypatch, capsys):
    monkeypatch.setenv("LATGALE_HTTP_DEADLINE", "1")
    monkeypatch.setenv("LATGALE_HTTP_TIMEOUT", "0.5")  # each byte comes well within the read timeout
    pubs.set(REGISTER, Reply(200, register_body(), LM, mode="trickle"))
    before = tree_hashes(raw)
    start = time.monotonic()
    assert main(["update", "--data", str(raw), "--only", "register", "--quiet"]) == 1
    assert time.monotonic() - start < 8
    out = capsys.readouterr().out
    assert "[download-failed]" in out and "did not finish within 1 s" in out and "LATGALE_HTTP_DEADLINE" in out
    assert tree_hashes(raw) == before


def test_a_transfer_slower_than_the_minimum_rate_stops(pubs, net, raw):
    net.rate_window, net.min_rate = 0.3, 1000  # a byte every 50 ms is 20 bytes a second
    o, before = _register(pubs, net, raw, Reply(200, register_body(), LM, mode="trickle"))
    assert (o.status, o.code) == ("failed", "download-failed")
    assert "slower than 1 KB/s" in o.line() and net.waits == []
    assert tree_hashes(raw) == before


def test_a_server_that_never_answers_is_asked_twice_at_most(pubs, net, raw, said):
    o, before = _register(pubs, net, raw, Reply(mode="silent"))
    assert (o.status, o.code) == ("failed", "download-failed")
    assert "the server timed out" in o.line() and "(2 attempts)" in o.line()
    assert _asked(pubs, REGISTER) == 2 and len(net.waits) == 1
    assert said and "retrying in" in said[0] and "timed out" in said[0]
    assert tree_hashes(raw) == before


def test_a_long_retry_after_is_a_failure_now_not_a_wait(pubs, net, raw):
    o, before = _register(pubs, net, raw, Reply(503, b"maintenance", {"Retry-After": "86400"}))
    assert (o.status, o.code) == ("failed", "download-failed")
    assert "Retry-After" in o.line() and "86400 s" in o.line() and "try again in 86400 s" in o.line()
    assert net.waits == [] and _asked(pubs, REGISTER) == 1
    assert tree_hashes(raw) == before


def test_each_wait_is_said(pubs, net, raw, said):
    o, _ = _register(pubs, net, raw, Reply(503, b"busy", {"Retry-After": "3"}), Reply(200, register_body(), LM))
    assert o.status == "new"
    assert net.waits == [3] and said == [
        f"register.csv: {pubs.base}/ur/register/register.csv answered HTTP 503 (attempt 1 of 3): retrying in 3 s"
    ]


def test_a_refused_connection_is_named_and_not_retried(net, raw, monkeypatch):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    monkeypatch.setenv("LATGALE_UR_OPENDATA", f"http://127.0.0.1:{port}")
    before = tree_hashes(raw)
    [o] = update(raw, ["register"], net=net)
    assert (o.status, o.code) == ("failed", "download-failed")
    assert f"127.0.0.1:{port} refused the connection" in o.line() and net.waits == []
    assert "could not be reached or closed the connection" not in o.line()
    assert tree_hashes(raw) == before


def test_a_closed_connection_is_named_and_retried(pubs, net, raw):
    o, before = _register(pubs, net, raw, Reply(mode="close"))
    assert (o.status, o.code) == ("failed", "download-failed")
    assert "reset the connection" in o.line() and "(3 attempts)" in o.line()
    assert len(net.waits) == 2
    assert tree_hashes(raw) == before


def test_headers_too_large_are_named_and_not_retried(pubs, net, raw):
    o, before = _register(pubs, net, raw, Reply(200, register_body(), {"X-Padding": "x" * 200_000}))
    assert (o.status, o.code) == ("failed", "download-failed")
    assert "headers too large" in o.line() and net.waits == [] and _asked(pubs, REGISTER) == 1
    assert tree_hashes(raw) == before


def test_a_refused_answer_says_what_to_do_once(pubs, net, raw):
    o, before = _register(pubs, net, raw, Reply(404, b"not here", {"Content-Type": "text/plain"}))
    assert (o.status, o.code) == ("failed", "download-failed")
    assert "answered HTTP 404" in o.line() and o.line().count("What to do") == 1
    assert "try again later" not in o.line() and net.waits == []
    assert tree_hashes(raw) == before


# --- malformed answers: one source refused, the others go on (issue 23, 9) -------------------------------

NVA011M = "/csp/en/OSP_PUB/START/EMP/NBBA/NVA/NVA011m"


def _nva011m_answer(change):
    """NVA011m's metadata as usual, its data answer changed by ``change`` (the json-stat2 document)."""
    import json

    from update_server import FIXTURES, csp_answer

    def handle(req):
        if req["method"] == "GET":
            return Reply(200, (FIXTURES / "csp_NVA011m_metadata.json").read_bytes())
        doc = json.loads(csp_answer("NVA011m", json.loads(req["body"]), "2025-12-15").decode("utf-8-sig"))
        changed = change(doc)
        if changed is None:  # the answer's start, then a value nested 100 000 deep
            return Reply(200, json.dumps(doc).encode()[:-1] + b', "note": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
        return Reply(200, json.dumps(changed).encode())

    return handle


def _size_differs(doc):
    doc["size"] = doc["size"][:-1]
    return doc


@pytest.mark.parametrize(
    "case, reply",
    [
        ("JSON nested very deep", Reply(200, b"[" * 200_000 + b"]" * 200_000)),
        ("variables that are not objects", Reply(200, b'{"title": "x", "variables": ["AREA", 5, null]}')),
        ("a json-stat2 answer whose id and size differ", _nva011m_answer(_size_differs)),
        ("a json-stat2 answer nested very deep", _nva011m_answer(lambda doc: None)),
    ],
)
def test_a_malformed_answer_refuses_its_source_and_the_others_go_on(pubs, raw, tmp_path, capsys, case, reply):
    pubs.set(NVA011M, reply)
    before = tree_hashes(raw)
    code = main(["update", "--data", str(raw), "--only", "nva", "csp", "--quiet"])
    out, err = capsys.readouterr()
    assert code == 1 and "internal error" not in out + err and "Traceback" not in err
    [line] = [x for x in out.splitlines() if x.startswith("CSP NVA011m")]
    assert "failed [download-refused]" in line or "failed [download-incomplete]" in line, line
    assert line.count("What to do") == 1 and "Error" not in line, line
    assert "new release of 2025-12-15" in out  # NVA010m, IKR060 and IRS031 still came in
    after = tree_hashes(raw)
    assert {k: v for k, v in after.items() if k in before} == before
    assert not [k for k in after if "NVA011m" in k]


def test_a_closed_pipe_ends_quietly(pubs, raw):
    """`latgale-stats update | head -1`: the reader goes away after the first line."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    command = [str(Path(sys.executable).parent / "latgale-stats"), "update", "--data", str(raw), "--only", "eurostat"]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ})
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    with proc.stderr:
        err = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 141
    assert first.startswith(b"Eurostat nama_10r_3gdp: new release")
    assert err == ""
    assert not [p for p in raw.iterdir() if ".part-" in p.name]


# --- stopped downloads, leftovers and the lock (issue 23, 4) ---------------------------------------------


def _start_update(raw, *more):
    import os
    import subprocess
    import sys
    from pathlib import Path

    command = [str(Path(sys.executable).parent / "latgale-stats"), "update", "--data", str(raw), "--quiet", *more]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ})


def _wait_for_part(proc, raw):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if [p for p in raw.iterdir() if ".part-" in p.name]:
            return
        time.sleep(0.02)
    pytest.fail("the update wrote no temporary file")


@pytest.mark.parametrize("signame, code", [("SIGTERM", 143), ("SIGHUP", 129)])
def test_sigterm_and_sighup_stop_an_update_as_ctrl_c_does(pubs, raw, signame, code):
    import signal

    pubs.set(REGISTER, Reply(200, register_body(), LM, mode="trickle"))
    before = tree_hashes(raw)
    proc = _start_update(raw, "--only", "register")
    _wait_for_part(proc, raw)
    proc.send_signal(getattr(signal, signame))
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == code
    assert (
        err.decode().strip().splitlines()[-1].startswith(f"Stopped ({signame}): the download in progress was removed")
    )
    assert "Traceback" not in err.decode()
    assert tree_hashes(raw) == before
    assert not raw.with_name(".raw.update.lock").exists()


def test_what_a_killed_update_left_is_removed_by_the_next(pubs, net, raw, said):
    import signal

    pubs.set(REGISTER, Reply(200, register_body(), LM, mode="trickle"))
    before = tree_hashes(raw)
    proc = _start_update(raw, "--only", "register")
    _wait_for_part(proc, raw)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)
    [left] = [p.name for p in raw.iterdir() if ".part-" in p.name]  # SIGKILL cannot be handled
    pubs.set(REGISTER, Reply(200, register_body(), LM))
    [o] = update(raw, ["register"], net=net)
    assert o.status == "new"
    assert said == [f"removed {left} from raw/, left by an update that was stopped"]
    after = tree_hashes(raw)
    assert {k: after[k] for k in before} == before
    assert sorted(set(after) - set(before)) == ["ur_register_2026-11-24.csv", "ur_register_2026-11-24.csv.origin.toml"]


def test_a_second_update_of_the_same_folder_says_another_is_running(pubs, raw, capsys):
    from latgale_stats.fetch.store import update_lock

    before = tree_hashes(raw)
    with update_lock(raw):
        assert main(["update", "--data", str(raw), "--only", "register", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "[update-running] another latgale-stats update is writing to raw/" in err and "wait for it" in err
    assert tree_hashes(raw) == before and not any(r.path == REGISTER for r in pubs.requests)
    main(["update", "--data", str(raw), "--only", "register", "--quiet"])  # the lock is released
    assert "Register of Enterprises register.csv: new copy of 2026-11-24" in capsys.readouterr().out


def test_temporary_files_and_the_lock_are_ignored_by_git():
    import subprocess

    from conftest import ROOT

    names = ["data/raw/.ur_register.part-123-0", "data/raw/.x.csv.origin.part-9-1", "data/.raw.update.lock"]
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", *names], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    assert ignored == names


# --- origin records that read back (issue 23, 5) ----------------------------------------------------------


def test_an_etag_with_control_characters_gives_a_valid_origin_record(pubs, net, raw):
    from latgale_stats.core.origins import check_origins

    etag = 'W/"r\x7fx\x01y\x1b\\z"'
    o, before = _register(pubs, net, raw, Reply(200, register_body(), {**LM, "ETag": etag}))
    assert o.status == "new", o.line()
    origins = read_origins(raw)  # raises OriginError ([bad-origins]) if the record is invalid
    assert origins["ur_register_2026-11-24.csv"].etag == etag
    assert [m for m in check_origins(raw, origins) if "kept.csv" not in m] == []
    # the next run asks with that ETag and is told "not modified"
    pubs.set(REGISTER, lambda req: Reply(304, b"") if req["headers"].get("If-None-Match") == etag else Reply(500))
    after = tree_hashes(raw)
    [again] = update(raw, ["register"], net=net)
    assert again.status == "current" and tree_hashes(raw) == after


def test_a_record_that_would_not_read_back_is_never_placed(pubs, net, raw, monkeypatch):
    import latgale_stats.fetch.store as store

    monkeypatch.setattr(store, "_toml_value", lambda v: '"' + v + '"')  # the old fault: nothing escaped
    o, before = _register(pubs, net, raw, Reply(200, register_body(), {**LM, "ETag": '"a\x7fb"'}))
    assert (o.status, o.code) == ("failed", "download-refused")
    assert "could not be written so that it reads back" in o.line()
    assert tree_hashes(raw) == before


# --- every gzip member (issue 23, 6) ----------------------------------------------------------------------


def _two_members():
    """Eurostat's nama_10r_3gdp answer as two gzip members: the header and the first rows, then the rest."""
    import gzip

    from update_server import EUROSTAT, FIXTURES

    text = (FIXTURES / EUROSTAT["nama_10r_3gdp"][0]).read_bytes()
    cut = text.index(b"\n", len(text) // 2) + 1
    return text, gzip.compress(text[:cut], mtime=0) + gzip.compress(text[cut:], mtime=0)


def test_a_multi_member_gz_download_is_read_to_its_end(pubs, net, raw, tmp_path):
    import gzip

    from latgale_stats.pipeline.load import read

    text, body = _two_members()
    pubs.set(NAMA, Reply(200, body))
    [o, *_] = update(raw, ["eurostat"], net=net)
    assert o.status == "new", o.line()
    saved = raw / "nama_10r_3gdp_LV_2023-02-21.csv.gz"
    assert saved.read_bytes() == body and gzip.decompress(body) == text
    whole = tmp_path / "whole"
    whole.mkdir()
    (whole / saved.name).write_bytes(gzip.compress(text, mtime=0))
    (raw / "kept.csv").unlink()

    def nama(folder):
        ds = read(folder)
        return sorted((r.region, str(r.period), r.indicator, r.value) for r in ds.rows if r.dataset == "nama_10r_3gdp")

    assert len(nama(whole)) > 100 and nama(raw) == nama(whole)  # the second member's rows too


@pytest.mark.parametrize(
    "tail, code", [(b"trailing garbage", "download-refused"), (b"\x1f\x8b\x08\x00garbage", "download-incomplete")]
)
def test_a_gz_download_with_bytes_after_it_is_refused(pubs, net, raw, tail, code):
    from update_server import eurostat_data

    pubs.set(NAMA, Reply(200, eurostat_data("nama_10r_3gdp") + tail))
    before = tree_hashes(raw)
    [o, *_] = update(raw, ["eurostat"], net=net)
    assert (o.status, o.code) == ("failed", code), o.line()
    assert {k: v for k, v in tree_hashes(raw).items() if not k.startswith(("demo", "bd_"))} == before


def test_check_reads_every_member_and_refuses_trailing_bytes(tmp_path):
    import latgale_stats as ls

    text, body = _two_members()
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "nama_10r_3gdp_LV_2023-02-21.csv.gz").write_bytes(body)
    rows = [r for r in ls.read(folder).rows if r.dataset == "nama_10r_3gdp"]
    last = text.rstrip(b"\r\n").rsplit(b"\n", 1)[-1].decode()
    value = last.split(",")[-3]
    assert value and any(r.value_published == value for r in rows)  # a row of the second member
    (folder / "nama_10r_3gdp_LV_2023-02-21.csv.gz").write_bytes(body + b"\0\0junk")
    with pytest.raises(ls.DataError) as info:
        ls.read(folder)
    assert [p.code for p in info.value.problems] == ["damaged-file"]
    assert "not part of it" in str(info.value.problems[0])


# --- release dates in the future (issue 23, 2) -------------------------------------------------------------


def _today():
    import datetime

    return datetime.datetime.now(datetime.UTC).date().isoformat()


def test_a_eurostat_release_date_in_the_future_is_recorded_as_the_download_day(pubs, net, raw):
    import gzip

    from latgale_stats.pipeline.load import read
    from update_server import EUROSTAT, FIXTURES, dataflow

    text = (FIXTURES / EUROSTAT["nama_10r_3gdp"][0]).read_bytes().replace(b"21/02/23 23:00:00", b"01/01/68 23:00:00")
    pubs.set(NAMA, Reply(200, gzip.compress(text, mtime=0)))
    pubs.set("/eurostat/sdmx/2.1/dataflow/ESTAT/nama_10r_3gdp", Reply(200, dataflow("nama_10r_3gdp", "2099-01-01")))
    [o, *_] = update(raw, ["eurostat"], net=net)
    today = _today()
    name = f"nama_10r_3gdp_LV_{today}.csv.gz"
    assert (o.status, o.files) == ("new", [name]), o.line()
    assert "LAST UPDATE gives the release date 2068-01-01, after today" in o.line()
    origin = read_origins(raw)[name]
    assert (origin.release_date, origin.release_date_from, origin.retrieved) == (today, "copy", today)
    (raw / "kept.csv").unlink()
    ds = read(raw)
    [warning] = [w for w in ds.warnings if w.code == "future-release" and name in w.file]
    assert warning.value == "2068-01-01"
    nama = [r for r in ds.rows if r.dataset == "nama_10r_3gdp"]
    assert nama and {(r.vintage, str(r.vintage_from)) for r in nama} == {(today, "copy")}


def test_a_csp_updated_date_in_the_future_is_recorded_as_the_download_day(pubs, net, raw):
    serve_all(pubs, csp_updated="2099-06-30")
    outcomes = update(raw, ["csp"], net=net)
    today = _today()
    assert [o.files for o in outcomes] == [[f"csp_IKR060_{today}.json"], [f"csp_IRS031_{today}.json"]]
    assert all("'updated' gives the release date 2099-06-30, after today" in o.line() for o in outcomes)
    origin = read_origins(raw)[f"csp_IRS031_{today}.json"]
    assert (origin.release_date, origin.release_date_from) == (today, "copy")


def test_a_register_last_modified_in_the_future_does_not_complete_this_year(pubs, net, raw):
    from latgale_stats.pipeline.load import read

    year = _today()[:4]
    body = register_body().replace(b"2024-", f"{year}-".encode())  # this year's registrations and liquidations
    o, _ = _register(pubs, net, raw, Reply(200, body, {"Last-Modified": "Fri, 01 Jan 2100 06:00:00 GMT"}))
    today = _today()
    assert (o.status, o.files) == ("new", [f"ur_register_{today}.csv"]), o.line()
    assert "Last-Modified gives the release date 2100-01-01, after today" in o.line()
    assert read_origins(raw)[f"ur_register_{today}.csv"].release_date_from == "copy"
    (raw / "kept.csv").unlink()
    periods = {(r.indicator, str(r.period)) for r in read(raw).rows if r.publisher == "Register of Enterprises"}
    assert ("registrations", "2019") in periods
    assert not {p for p in periods if p[1] == year}  # this year is not over: no yearly count
    assert ("register_liquidations", year) not in periods


def test_a_register_year_is_complete_only_once_the_day_is_past_it():
    import datetime

    from latgale_stats.ingest.ur_register import _complete

    year = datetime.date.today().year
    assert not _complete(str(year), f"{year + 1}-01-05")  # a release date after today
    assert not _complete(str(year), None)
    assert _complete(str(year - 1), f"{year + 1}-01-05") and _complete(str(year - 1), None)


# --- values and periods no real release holds (issue 23, 7 and 8) ------------------------------------------


def test_an_absurd_register_is_refused_saying_which_values(pubs, net, raw):
    """100 001 registrations in one city in a year: more than Latvia registers (about 30 per 1000 of its
    1.9 million at most); once such a file became '821.7 new companies per 1000 inhabitants'."""
    lines = register_body().decode("utf-8-sig").splitlines()
    row = lines[2].split(";")  # IK "Otrais", Daugavpils, registered 2019-07-01
    many = [";".join([f"4{n:010d}", f"LV00ZZZ4{n:010d}", *row[2:]]) for n in range(100_000)]
    body = ("\ufeff" + "\n".join([*lines, *many]) + "\n").encode("utf-8")
    o, before = _register(pubs, net, raw, Reply(200, body, LM))
    assert (o.status, o.code) == ("failed", "download-refused"), o.line()
    assert "values no real release holds" in o.line() and ": 100001 for CITY_DAUGAVPILS 2019" in o.line()
    assert "plausible: 0–100 000 enterprises" in o.line() and o.line().count("What to do") == 1
    assert tree_hashes(raw) == before


def _irs031(change):
    import json

    from update_server import FIXTURES, csp_answer

    def handle(req):
        if req["method"] == "GET":
            return Reply(200, (FIXTURES / "csp_IRS031_metadata.json").read_bytes())
        doc = json.loads(csp_answer("IRS031", json.loads(req["body"]), "2025-12-15").decode("utf-8-sig"))
        change(doc)
        return Reply(200, json.dumps(doc).encode())

    return handle


def _latvia_is_one(doc):
    doc["value"][0] = 1


def _the_year_1000(doc):
    index = doc["dimension"]["TIME"]["category"]["index"]
    first = min(index, key=index.get)
    doc["dimension"]["TIME"]["category"]["index"] = {("1000" if k == first else k): v for k, v in index.items()}
    doc["dimension"]["TIME"]["category"]["label"] = {k: k for k in doc["dimension"]["TIME"]["category"]["index"]}


def _sparse_five_million(doc):
    doc["size"][-1] = 5_000_000 // max(1, len(doc["value"]) // doc["size"][-1]) + 1
    doc["value"] = {"0": 1}


@pytest.mark.parametrize(
    "change, expected",
    [
        (_latvia_is_one, "Population on 1 January: 1 for LV 2021 (plausible: 1 000–600 000 000 persons)"),
        (_the_year_1000, "Population on 1 January for LV 1000, a period before 1990"),
        (_sparse_five_million, "[too-large]"),
    ],
)
def test_a_csp_answer_no_real_release_holds_is_refused(pubs, net, raw, change, expected):
    pubs.set("/csp/en/OSP_PUB/START/POP/IR/IRS/IRS031", _irs031(change))
    before = tree_hashes(raw)
    [ikr, irs] = update(raw, ["csp"], net=net)
    assert ikr.status == "new" and (irs.status, irs.code) == ("failed", "download-refused"), irs.line()
    assert expected in irs.line(), irs.line()
    after = tree_hashes(raw)
    assert {k: after[k] for k in before} == before and not [k for k in after if "IRS031" in k]


def test_a_failing_redirect_target_body_names_the_target(pubs, net, raw):
    pubs.set("/ur/register/moved.csv", Reply(200, register_body() * 3, LM, mode="drop"))
    o, before = _register(pubs, net, raw, Reply(302, b"", {"Location": "/ur/register/moved.csv"}))
    assert (o.status, o.code) == ("failed", "download-incomplete")
    assert f"{pubs.base}/ur/register/moved.csv: the connection was closed before the whole answer arrived" in o.line()
    assert tree_hashes(raw) == before
