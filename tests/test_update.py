"""`latgale-stats update` against a local server playing Eurostat, CSP and the Register of Enterprises.

No test touches the internet: pytest-socket (pyproject addopts) lets sockets connect to 127.0.0.1 only.
After every failure data/raw/ must be byte-identical (tree_hashes, hidden files included).
"""

from __future__ import annotations

import gzip
import json
import shutil
import socket

import pytest
import pytest_socket

from conftest import RAW, tree_hashes
from latgale_stats.cli import main
from latgale_stats.core.origins import OriginError, check_origins, read_origins
from latgale_stats.fetch import Net, update
from latgale_stats.fetch import register as ur
from latgale_stats.fetch.eurostat import key, update_date
from latgale_stats.fetch.http import FetchError, check_url
from latgale_stats.pipeline.load import read
from update_server import EUROSTAT, Reply, dataflow, eurostat_data, register_body, serve_all
from update_server import FIXTURES as FIXTURES_UPDATE

NAMA = f"/eurostat/sdmx/2.1/data/nama_10r_3gdp/{key('nama_10r_3gdp')}"
NAMA_DATAFLOW = "/eurostat/sdmx/2.1/dataflow/ESTAT/nama_10r_3gdp"
REGISTER = "/ur/register/register.csv"


@pytest.fixture
def net():
    waits: list[float] = []
    return Net(connect_timeout=1, read_timeout=0.3, retries=2, backoff=0.01, progress=False, sleep=waits.append)


@pytest.fixture
def raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


def _status(outcomes):
    return {o.source: (o.status, o.code) for o in outcomes}


def test_update_writes_each_release_with_its_origin_then_nothing(pubs, net, raw):
    outcomes = update(raw, None, net=net)
    assert all(o.status == "new" for o in outcomes), [o.line() for o in outcomes]
    names = sorted(p.name for p in raw.iterdir())
    assert names == sorted(
        [
            *(n for ds, (_, date) in EUROSTAT.items() for n in (f"{ds}_LV_{date}.csv.gz",)),
            "csp_IKR060_2025-12-15.json",
            "csp_IRS031_2025-12-15.json",
            "csp_NVA010m_2025-12-15.json",
            "csp_NVA011m_2025-12-15.json",
            "ur_register_2026-11-24.csv",
        ]
        + [f"{n}.origin.toml" for n in names if not n.endswith(".origin.toml")]
    )
    origins = read_origins(raw)
    assert check_origins(raw, origins) == []
    nama = origins["nama_10r_3gdp_LV_2023-02-21.csv.gz"]
    assert (nama.release_date, nama.release_date_from, nama.dataset) == ("2023-02-21", "content", "nama_10r_3gdp")
    assert nama.url and nama.url.endswith("format=SDMX-CSV&compressed=true") and nama.query and nama.retrieved
    reg = origins["ur_register_2026-11-24.csv"]
    assert (reg.etag, reg.release_date_from) == ('"reg-1"', "metadata")
    assert reg.licence == "CC0 1.0 (Register of Enterprises open data, data.gov.lv)"  # FORMATS.md §10
    assert (raw / "ur_register_2026-11-24.csv").read_bytes() == register_body()
    csp = origins["csp_IRS031_2025-12-15.json"]
    assert json.loads(csp.query or "")["response"] == {"format": "json-stat2"}

    before = tree_hashes(raw)
    second = update(raw, None, net=net)
    assert all(o.status == "current" for o in second), [o.line() for o in second]
    assert tree_hashes(raw) == before
    # the register is asked conditionally and not sent again; Eurostat's data is not asked for at all
    assert pubs.requests[-1].headers.get("If-None-Match") == '"reg-1"'
    assert sum(r.path.split("?")[0] == NAMA for r in pubs.requests) == 1


def test_eurostat_answer_with_conf_status_reads_as_the_real_download(pubs, net, raw, tmp_path):
    """The served answer carries CONF_STATUS (empty) as current answers do; it gives the observations
    of the real download it was made from, which has no such column."""
    [o, *_] = update(raw, ["eurostat"], net=net)
    assert o.status == "new"
    saved = gzip.decompress((raw / "nama_10r_3gdp_LV_2023-02-21.csv.gz").read_bytes())
    assert saved.split(b"\r\n", 1)[0].endswith(b",OBS_VALUE,OBS_FLAG,CONF_STATUS")
    real = tmp_path / "real"
    real.mkdir()
    shutil.copy(RAW / "nama_10r_3gdp_LV_2023-02-21.csv", real)
    cols = ["indicator", "region", "period", "value", "flag", "vintage", "note"]

    def nama(folder):
        df = read(folder).observations()
        df = df[(df["kind"] == "observation") & (df["dataset"] == "nama_10r_3gdp")]
        return sorted(map(tuple, df[cols].astype(str).values.tolist()))

    expected = nama(real)
    assert len(expected) > 100 and nama(raw) == expected


def test_cli_update_then_check_passes_and_second_run_says_current(pubs, raw, capsys):
    """Issue 11's "done when": all three publishers, then check passes; a second run writes nothing."""
    assert main(["update", "--data", str(raw), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "new release of 2023-02-21" in out and "The data reads without errors" in out
    ds = read(raw)
    assert {f.format for f in ds.files} == {
        "Eurostat SDMX-CSV",
        "CSB json-stat2",
        "Register of Enterprises register.csv",
    }
    assert any(o.publisher == "CSB" and o.indicator == "population" for o in ds.rows)
    assert any(o.publisher == "Register of Enterprises" for o in ds.rows)
    before = tree_hashes(raw)
    assert main(["update", "--data", str(raw), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert out.count("already current") == 8 and "Nothing new" in out
    assert tree_hashes(raw) == before


def test_dry_run_writes_nothing(pubs, raw, capsys):
    assert main(["update", "--data", str(raw), "--dry-run", "--quiet"]) == 0
    assert "would download" in capsys.readouterr().out
    assert list(raw.iterdir()) == []


def test_429_then_success_honours_retry_after(pubs, net, raw):
    pubs.set(NAMA, Reply(429, b"slow down", {"Retry-After": "7"}), Reply(200, eurostat_data("nama_10r_3gdp")))
    [o] = update(raw, ["eurostat"], net=net)[:1]
    assert o.status == "new"
    assert net.waits[0] == 7  # the server's Retry-After, longer than the backoff


def _failing(pubs, net, raw, only, path, *replies):
    pubs.set(path, *replies)
    (raw / "kept.csv").write_bytes(b"indicator,region\n")  # something already there
    before = tree_hashes(raw)
    outcomes = update(raw, only, net=net)
    return outcomes, before


def test_500_until_the_retries_run_out_leaves_the_folder_as_it_was(pubs, net, raw):
    pubs.set(REGISTER, Reply(500, b"oops"))
    (raw / "kept.csv").write_bytes(b"x\n")
    before = tree_hashes(raw)
    [o] = update(raw, ["register"], net=net)
    assert (o.status, o.code) == ("failed", "download-failed")
    assert len(net.waits) == net.retries and net.waits == sorted(net.waits)  # exponential backoff
    assert sum(r.path == REGISTER for r in pubs.requests) == net.retries + 1
    assert tree_hashes(raw) == before


def test_one_source_failing_keeps_the_others_results(pubs, net, raw, capsys):
    pubs.set(NAMA, Reply(503, b"down"))
    outcomes = update(raw, ["eurostat", "register"], net=net)
    status = _status(outcomes)
    assert status["Eurostat nama_10r_3gdp"] == ("failed", "download-failed")
    assert status["Eurostat demo_r_pjanaggr3"] == ("new", "")
    assert (raw / "ur_register_2026-11-24.csv").is_file()
    assert not any(p.name.startswith("nama") for p in raw.iterdir())


@pytest.mark.parametrize(
    "case, path, reply, code",
    [
        ("dropped mid-body", REGISTER, Reply(200, register_body() * 50, mode="drop"), "download-incomplete"),
        ("truncated gzip", NAMA, Reply(200, eurostat_data("nama_10r_3gdp")[:-200]), "download-incomplete"),
        ("gzip of a cut file", NAMA, Reply(200, gzip.compress(b"DATAFLOW,LAST UPDATE,freq")), "download-refused"),
        ("html with 200", NAMA, Reply(200, b"<!DOCTYPE html><html>maintenance</html>"), "download-refused"),
        ("html as register", REGISTER, Reply(200, b"<html><body>Login</body></html>"), "download-refused"),
        ("stalled server", REGISTER, Reply(200, register_body(), mode="stall"), "download-failed"),
        ("not the register", REGISTER, Reply(200, b"id,name\n1,x\n"), "download-refused"),
        ("register cut at a line", REGISTER, Reply(200, register_body()[:-5]), "download-incomplete"),
        ("over the cap", REGISTER, Reply(200, register_body() * 2000), "too-large"),
        ("over the cap, undeclared", REGISTER, Reply(200, register_body() * 2000, mode="eof"), "too-large"),
    ],
)
def test_each_failure_leaves_data_raw_byte_identical(pubs, net, raw, monkeypatch, case, path, reply, code):
    monkeypatch.setattr(ur, "CAP", 100_000)
    only = ["register"] if path == REGISTER else ["eurostat"]
    outcomes, before = _failing(pubs, net, raw, only, path, reply)
    o = outcomes[0]
    assert (o.status, o.code) == ("failed", code), o.line()
    assert "data/raw/ was not changed" in o.line()
    if path == NAMA:
        assert all(x.status == "new" for x in outcomes[1:])  # the other datasets still came in
        assert not any(p.name.startswith("nama") for p in raw.iterdir())
    else:
        assert tree_hashes(raw) == before


def test_cli_exits_1_when_a_source_failed(pubs, raw, capsys):
    pubs.set(REGISTER, Reply(200, b"<html>error</html>"))
    assert main(["update", "--data", str(raw), "--only", "register", "--quiet"]) == 1
    assert "[download-refused]" in capsys.readouterr().out
    assert list(raw.iterdir()) == []


def test_csp_queries_over_the_cell_limit_are_split(pubs, net, raw):
    # IRS031: Latvia, 9 statistical regions of both vintages and 6 of today's municipalities a year (the
    # metadata's town Jēkabpils and old Madona code are not asked for) -> 2 years a query at 32 cells -> 3 queries
    serve_all(pubs, max_cells=32)
    outcomes = update(raw, ["csp"], net=net)
    assert all(o.status == "new" for o in outcomes), [o.line() for o in outcomes]
    parts = sorted(p.name for p in raw.glob("csp_IRS031_*.json"))
    assert parts == [f"csp_IRS031_2025-12-15_part{i}of3.json" for i in (1, 2, 3)]
    posts = [json.loads(r.body) for r in pubs.requests if r.method == "POST" and r.path.endswith("IRS031")]
    years = [q["query"][-1]["selection"]["values"] for q in posts]
    assert years == [["2021", "2022"], ["2023", "2024"], ["2025"]]
    selected = {s["code"]: s["selection"]["values"] for s in posts[0]["query"]}
    assert selected["INDICATOR"] == ["POP_SY"] and selected["ContentsCode"] == ["IRS031"]  # not all five
    assert {"LV0001000", "LV0002000", "LV0022000"} <= set(selected["AREA"])
    assert not {"LV0038000", "LV0031010"} & set(selected["AREA"])
    ds = read(raw)
    pop = {(o.region, str(o.period)) for o in ds.rows if o.indicator == "population"}
    assert ("LV005", "2025") in pop and ("LV005", "2021") in pop
    assert ("MUN2021_AUGSDAUGAVAS_NOVADS", "2025") in pop and ("CITY_DAUGAVPILS", "2021") in pop


def test_the_cell_limit_is_max_cells_not_max_values(pubs, net, raw):
    """CSP's ?config says maxValues 4 000 (metadata) and maxCells 100 000 (a data request): one query each."""
    outcomes = update(raw, ["csp"], net=net)
    assert all(o.status == "new" for o in outcomes), [o.line() for o in outcomes]
    assert sorted(p.name for p in raw.glob("csp_*.json")) == [
        "csp_IKR060_2025-12-15.json",
        "csp_IRS031_2025-12-15.json",
    ]
    from latgale_stats.fetch.csp import max_cells

    assert max_cells({"maxValues": 4000, "maxCells": 100000}) == 100000
    assert max_cells({"maxValues": 4000}) == 100000  # CSP's own limit when the answer does not say


def test_ikr060_gdp_and_gdp_per_capita_as_the_table_gives_them(pubs, net, raw):
    """IKR060: INDICATOR=B1GQ; ContentsCode IKR060 is GDP in thousand EUR (read as EUR million), IKR061 GDP
    per capita in EUR, for Latvia, both vintages of statistical regions, state cities and municipalities."""
    [outcome] = update(raw, ["csp"], net=net)[:1]
    assert outcome.status == "new", outcome.line()
    [post] = [json.loads(r.body) for r in pubs.requests if r.method == "POST" and r.path.endswith("IKR060")]
    selected = {s["code"]: s["selection"]["values"] for s in post["query"]}
    assert selected["INDICATOR"] == ["B1GQ"] and selected["ContentsCode"] == ["IKR060", "IKR061"]
    ds = read(raw)
    gdp = {(o.indicator, o.region, str(o.period)): o for o in ds.rows if o.dataset == "IKR060"}
    total = gdp[("gdp_total", "LV005", "2022")]
    # the server's invented LV005 2022: (10 500 + 900) EUR per head x 250 000 people / 1000 = 2 850 000 thousand EUR
    assert (total.value, total.unit, total.value_published, total.publisher) == (
        2850.0,
        "EUR million",
        "2850000",
        "CSB",
    )
    assert gdp[("gdp_per_capita", "LV005", "2022")].value == 11_400
    assert ("gdp_per_capita", "LV006", "2021") in gdp and ("gdp_per_capita", "LV00A", "2023") in gdp
    assert ("gdp_per_capita", "CITY_DAUGAVPILS", "2023") in gdp
    assert ("gdp_total", "MUN2021_AUGSDAUGAVAS_NOVADS", "2021") in gdp
    assert total.url.startswith("https://data.stat.gov.lv/") and "IKR060" in total.url


def test_a_new_release_is_added_beside_the_old_one(pubs, net, raw):
    update(raw, ["csp"], net=net)
    before = tree_hashes(raw)
    serve_all(pubs, csp_updated="2026-06-10")
    outcomes = update(raw, ["csp"], net=net)
    assert all(o.status == "new" for o in outcomes)
    after = tree_hashes(raw)
    assert {k: after[k] for k in before} == before  # the old files untouched
    assert "csp_IKR060_2026-06-10.json" in after


def test_an_existing_file_of_the_same_name_is_never_overwritten(pubs, net, raw):
    (raw / "nama_10r_3gdp_LV_2023-02-21.csv.gz").write_bytes(b"someone else's file")
    before = tree_hashes(raw)
    [o, *_] = update(raw, ["eurostat"], net=net)
    assert (o.status, o.code) == ("failed", "download-refused")
    assert (raw / "nama_10r_3gdp_LV_2023-02-21.csv.gz").read_bytes() == b"someone else's file"
    assert {k: v for k, v in tree_hashes(raw).items() if k.startswith("nama")} == before


def test_the_same_bytes_under_another_date_are_current(pubs, net, raw):
    update(raw, ["eurostat"], net=net)
    before = tree_hashes(raw)
    # the dataflow announces a new date, the data is the same file: nothing is written
    from update_server import dataflow

    pubs.set("/eurostat/sdmx/2.1/dataflow/ESTAT/nama_10r_3gdp", Reply(200, dataflow("nama_10r_3gdp", "2026-03-01")))
    [o, *_] = update(raw, ["eurostat"], net=net)
    assert o.status == "current"
    assert tree_hashes(raw) == before


def test_the_dataflow_answer_gives_its_update_data_date():
    # the answer's extension.annotation list (FORMATS.md §10): UPDATE_STRUCTURE comes first with another date
    doc = json.loads(dataflow("nama_10r_3gdp", "2026-02-06"))
    kinds = [a["type"] for a in doc["extension"]["annotation"]]
    assert kinds.index("UPDATE_STRUCTURE") < kinds.index("UPDATE_DATA")
    assert update_date(doc) == "2026-02-06"
    assert update_date({"extension": {"annotation": [{"type": "UPDATE_STRUCTURE", "date": "2022-04-20"}]}}) is None


@pytest.mark.parametrize(
    "case, reply",
    [
        ("HTTP 500", Reply(500, b"oops")),
        ("HTTP 404", Reply(404, b"no such dataflow", {"Content-Type": "text/plain"})),
        ("not JSON", Reply(200, b"\x00garbage{", {"Content-Type": "application/json"})),
        ("JSON without the annotation", Reply(200, b'{"version": "2.0", "extension": {"annotation": []}}')),
        ("a web page", Reply(200, b"<!DOCTYPE html><html>maintenance</html>")),
        ("stalled", Reply(200, b"{}", mode="stall")),
    ],
)
def test_a_failed_release_calendar_probe_is_a_note_and_the_data_still_comes(pubs, net, raw, case, reply):
    pubs.set(NAMA_DATAFLOW, reply)
    [o, *others] = update(raw, ["eurostat"], net=net)
    assert (o.status, o.files) == ("new", ["nama_10r_3gdp_LV_2023-02-21.csv.gz"]), o.line()
    assert o.line().endswith(")") and "(the release calendar probe failed: " in o.line()
    assert all(x.status == "new" and "probe failed" not in x.line() for x in others)
    nama = read_origins(raw)["nama_10r_3gdp_LV_2023-02-21.csv.gz"]
    assert (nama.release_date, nama.release_date_from) == ("2023-02-21", "content")  # the rows' LAST UPDATE
    probes = sum(r.path.split("?")[0] == NAMA_DATAFLOW for r in pubs.requests)
    assert probes <= 2  # a probe is retried once at most, whatever the download's retries


def test_cli_reports_a_failed_probe_in_the_line_and_exits_0(pubs, raw, capsys):
    pubs.set(NAMA_DATAFLOW, Reply(500, b"oops"))
    assert main(["update", "--data", str(raw), "--only", "eurostat", "--quiet"]) == 0
    out = capsys.readouterr().out
    [line] = [x for x in out.splitlines() if x.startswith("Eurostat nama_10r_3gdp:")]
    assert line.startswith("Eurostat nama_10r_3gdp: new release of 2023-02-21")
    assert "(the release calendar probe failed: " in line and "HTTP 500" in line
    assert (raw / "nama_10r_3gdp_LV_2023-02-21.csv.gz").is_file()


def test_plain_http_is_refused_except_on_this_machine():
    check_url("http://127.0.0.1:8080/x")
    check_url("https://ec.europa.eu/eurostat")
    with pytest.raises(FetchError) as err:
        check_url("http://ec.europa.eu/eurostat")
    assert err.value.code == "download-failed"


def test_no_test_can_reach_beyond_this_machine():
    with (
        pytest.warns(UserWarning, match="192.0.2.1"),
        pytest.raises(pytest_socket.SocketConnectBlockedError),
    ):
        socket.create_connection(("192.0.2.1", 443), timeout=0.1)  # TEST-NET-1: never routed


def test_a_sidecar_record_is_read_and_a_double_record_refused(raw):
    (raw / "a.csv").write_bytes(b"x")
    sha = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"
    table = f'[files."a.csv"]\npublisher = "P"\nkind = "publisher file"\ntitle = "t"\nlicence = "l"\nsha256 = "{sha}"\n'
    (raw / "a.csv.origin.toml").write_text(table + 'etag = "e1"\n', encoding="utf-8")
    origins = read_origins(raw)
    assert origins["a.csv"].etag == "e1" and check_origins(raw, origins) == []
    (raw / "origins.toml").write_text(table, encoding="utf-8")
    with pytest.raises(OriginError, match="recorded twice"):
        read_origins(raw)


def test_a_hand_added_file_of_the_same_release_does_not_stop_the_download(pubs, net, raw):
    # e.g. the data browser's spreadsheet of one unit: same dataset and release date, not the full download
    (raw / "part.csv").write_bytes(b"x")
    (raw / "origins.toml").write_text(
        '[files."part.csv"]\npublisher = "Eurostat"\nkind = "publisher file"\ndataset = "nama_10r_3gdp"\n'
        'title = "t"\nlicence = "l"\nrelease_date = "2023-02-21"\nrelease_date_from = "metadata"\n'
        'sha256 = "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"\n',
        encoding="utf-8",
    )
    [o, *_] = update(raw, ["eurostat"], net=net)
    assert o.status == "new" and (raw / "nama_10r_3gdp_LV_2023-02-21.csv.gz").is_file()


def test_https_proxy_is_honoured(pubs, net, raw, monkeypatch):
    # the default https address, through a "proxy" on this machine: it is asked to CONNECT, nothing else is
    monkeypatch.delenv("LATGALE_UR_OPENDATA")
    for name in ("NO_PROXY", "no_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", pubs.base)
    before = tree_hashes(raw)
    [o] = update(raw, ["register"], net=net)
    assert o.status == "failed"
    assert [r.method for r in pubs.requests] and {r.method for r in pubs.requests} == {"CONNECT"}
    assert pubs.requests[0].path == "dati.ur.gov.lv:443"
    assert tree_hashes(raw) == before


def test_no_progress_bar_when_not_a_terminal(pubs, raw, capsys):
    quiet = Net(connect_timeout=1, read_timeout=1, retries=0, progress=None)
    update(raw, ["register"], net=quiet)
    assert capsys.readouterr().err == ""


def test_a_body_without_a_declared_length_is_read_to_its_end(pubs, net, raw):
    pubs.set(REGISTER, Reply(200, register_body(), {"Last-Modified": "Tue, 24 Nov 2026 06:00:00 GMT"}, mode="eof"))
    [o] = update(raw, ["register"], net=net)
    assert o.status == "new"
    assert (raw / "ur_register_2026-11-24.csv").read_bytes() == register_body()


def test_the_register_in_its_real_shape_is_placed_by_code_or_address(pubs, net, raw):
    """The served register.csv has the real shape (FORMATS.md §10): a BOM, `region` 0, `city` an
    address-register code, `atvk` a pre-2021 code or empty. Rows are placed by a confirmed pre-2021 code
    (0010000 Rīga, 0050000 Daugavpils, 0210000 Rēzekne) or by the address, never by region or city."""
    body = register_body()
    assert body.startswith(b"\xef\xbb\xbfregcode;sepa;name;")
    rows = [line.split(";") for line in body.decode("utf-8-sig").splitlines()[1:]]
    assert {r[17] for r in rows} == {"0"} and all(len(r[18]) == 9 and r[18].isdigit() for r in rows)
    assert {r[13] for r in rows} == {" ", "L", "R"}
    assert {r[19] for r in rows} == {"0010000", "0050000", "0210000", '""'}
    [o] = update(raw, ["register"], net=net)
    assert o.status == "new"
    ds = read(raw)
    assert not [w for w in ds.warnings if w.code == "unplaced-address"]
    got = {
        (r.indicator, r.region, str(r.period)): r.value
        for r in ds.rows
        if r.publisher == "Register of Enterprises" and r.kind.value == "observation" and r.value
    }
    assert got == {
        ("registrations", "CITY_RIGA", "2024"): 1,  # by its pre-2021 code 0010000
        ("registrations", "CITY_DAUGAVPILS", "2019"): 1,  # by 0050000
        ("registrations", "CITY_DAUGAVPILS", "2024"): 1,  # no code: by the address
        ("registrations", "MUN2021_KRASLAVAS_NOVADS", "2024"): 1,  # no code: by the address
        ("registrations", "CITY_REZEKNE", "2018"): 1,  # by 0210000 (reorganised, not a liquidation)
        ("registrations", "LV", "2018"): 1,
        ("registrations", "LV", "2019"): 1,
        ("registrations", "LV", "2024"): 3,  # the association (2015) is not a counted legal form
        ("register_liquidations", "CITY_DAUGAVPILS", "2024"): 1,
        ("register_liquidations", "LV", "2024"): 1,
        ("registrations", "CITY_RIGA", "2024-03"): 1,
        ("registrations", "MUN2021_KRASLAVAS_NOVADS", "2024-06"): 1,
        ("registrations", "CITY_DAUGAVPILS", "2024-11"): 1,
        **{("registrations", "LV", f"2024-{m}"): 1 for m in ("03", "06", "11")},
    }


def test_a_register_without_a_final_line_break_is_taken_when_its_last_line_is_whole(pubs, net, raw):
    body = register_body().rstrip(b"\r\n")  # some exports end without a line break
    pubs.set(REGISTER, Reply(200, body, {"Last-Modified": "Tue, 24 Nov 2026 06:00:00 GMT"}))
    [o] = update(raw, ["register"], net=net)
    assert o.status == "new" and (raw / "ur_register_2026-11-24.csv").read_bytes() == body


def test_a_register_cut_inside_its_last_line_is_refused(pubs, net, raw):
    body = register_body().rstrip(b"\r\n")
    cut = body[: body.rindex(b";") - 30]  # fields missing from the last line, no line break
    pubs.set(REGISTER, Reply(200, cut, {"Last-Modified": "Tue, 24 Nov 2026 06:00:00 GMT"}))
    before = tree_hashes(raw)
    [o] = update(raw, ["register"], net=net)
    assert o.status == "failed" and "cut off" in o.line()
    assert tree_hashes(raw) == before


def test_a_register_its_reader_refuses_is_not_kept(pubs, net, raw):
    lines = register_body().decode("utf-8").splitlines(keepends=True)
    cells = lines[1].split(";")
    cells[11] = "15.03.2024"  # a registration date not in the register's ISO form
    body = "".join([lines[0], ";".join(cells), *lines[2:]]).encode("utf-8")
    pubs.set(REGISTER, Reply(200, body, {"Last-Modified": "Tue, 24 Nov 2026 06:00:00 GMT"}))
    before = tree_hashes(raw)
    [o] = update(raw, ["register"], net=net)
    assert o.status == "failed" and "cannot be used" in o.line()
    assert tree_hashes(raw) == before


# --- NVA's registered unemployment, published by the CSP (NVA010m, NVA011m) ---------------------------


def test_nva_tables_become_nvas_monthly_series_by_their_territory_texts(pubs, net, raw):
    """The territory variable is found by its value texts whatever its code (AREA in NVA011m, TERRITORY
    in NVA010m, both invented): planning regions of the right boundary vintage, Latvia, Rīga and municipalities."""
    outcomes = update(raw, ["nva"], net=net)
    assert [(o.source, o.status) for o in outcomes] == [
        ("CSP NVA011m (NVA data)", "new"),
        ("CSP NVA010m (NVA data)", "new"),
    ], [o.line() for o in outcomes]
    posts = {r.path.rsplit("/", 1)[-1]: json.loads(r.body) for r in pubs.requests if r.method == "POST"}
    territory = {s["code"]: s["selection"]["values"] for s in posts["NVA010m"]["query"]}["TERRITORY"]
    assert territory == ["0", "1", "2", "3", "4", "5", "6"]
    origin = read_origins(raw)["csp_NVA011m_2025-12-15.json"]
    assert origin.publisher == "NVA" and "CSP's database" in (origin.notes or "")
    ds = read(raw)
    rate = {(o.region, str(o.period)): o for o in ds.rows if o.indicator == "registered_unemployment_rate"}
    new, old = rate[("PR_LATGALE_2021", "2025-12")], rate[("PR_LATGALE_2006", "2011-12")]
    assert (new.publisher, new.dataset, new.value) == ("NVA", "NVA011m", 10.5)
    assert (old.publisher, old.dataset, old.value) == ("NVA", "NVA010m", 11.2)
    assert ("LV", "2026-10") in rate and ("CITY_RIGA", "2009-01") in rate
    assert ("MUN2021_AUGSDAUGAVAS_NOVADS", "2024-06") in rate
    count = [o for o in ds.rows if o.indicator == "registered_unemployed" and o.region == "PR_LATGALE_2021"]
    assert count and all(o.dataset == "NVA011m" and o.unit == "persons" for o in count)


def test_nva_table_supersedes_press_figures_for_the_same_months(pubs, net, raw):
    import shutil

    update(raw, ["nva"], net=net)
    shutil.copy(FIXTURES_UPDATE.parent / "dataset" / "nva_registered_unemployment_invented.csv", raw)
    ds = read(raw)
    rates = [o for o in ds.rows if o.indicator == "registered_unemployment_rate"]
    press = [o for o in rates if o.dataset not in ("NVA010m", "NVA011m")]
    held = {(o.region, o.period) for o in rates if o.dataset in ("NVA010m", "NVA011m")}
    covered = [o for o in press if (o.region, o.period) in held]
    assert covered and all(o.status == "superseded" for o in covered)
    assert all(o.status != "superseded" for o in press if (o.region, o.period) not in held)


def test_a_table_whose_variables_changed_stops_alone_with_what_it_found(pubs, net, raw, tmp_path):
    meta = json.loads((FIXTURES_UPDATE / "csp_NVA011m_metadata.json").read_text(encoding="utf-8"))
    meta["variables"] = [v for v in meta["variables"] if v["code"] != "AREA"]  # no territory any more
    meta["variables"].insert(
        0, {"code": "SEX", "text": "Sex", "values": ["M", "F"], "valueTexts": ["Males", "Females"]}
    )
    pubs.set("/csp/en/OSP_PUB/START/EMP/NBBA/NVA/NVA011m", Reply(200, json.dumps(meta).encode()))
    saved = tmp_path / "reports"
    outcomes = update(raw, ["nva", "csp"], net=net, reports=saved)
    status = _status(outcomes)
    assert status["CSP NVA011m (NVA data)"] == ("failed", "table-changed")
    assert status["CSP NVA010m (NVA data)"] == ("new", "") and status["CSP IKR060"] == ("new", "")
    line = next(o.line() for o in outcomes if o.failed)
    assert 'SEX "Sex": M "Males", F "Females"' in line and "ContentsCode" in line and "--describe csp:NVA011m" in line
    assert json.loads((saved / "csp_NVA011m_metadata.json").read_text(encoding="utf-8")) == meta
    assert not list(raw.glob("csp_NVA011m*"))


def test_an_unknown_contents_code_stops_the_table_naming_it(pubs, net, raw, tmp_path):
    meta = json.loads((FIXTURES_UPDATE / "csp_IKR060_metadata.json").read_text(encoding="utf-8"))
    contents = next(v for v in meta["variables"] if v["code"] == "ContentsCode")
    contents["values"] = ["IKR060", "IKR062"]
    pubs.set("/csp/en/OSP_PUB/START/VEK/IK/IKR/IKR060", Reply(200, json.dumps(meta).encode()))
    before = tree_hashes(raw)
    [ikr, irs] = update(raw, ["csp"], net=net, reports=tmp_path)
    assert (ikr.status, ikr.code, irs.status) == ("failed", "table-changed", "new")
    assert "ContentsCode has no value IKR061" in ikr.line()
    assert {k: v for k, v in tree_hashes(raw).items() if "IKR060" in k} == {
        k: v for k, v in before.items() if "IKR060" in k
    }


def test_a_thousand_eur_value_labelled_otherwise_is_refused(pubs, net, raw, tmp_path):
    """An answer whose GDP per capita says 'thousand euro' while the catalogue says EUR is not kept."""
    from update_server import csp_answer

    def answer(req):
        if req["method"] == "GET":
            return Reply(200, (FIXTURES_UPDATE / "csp_IKR060_metadata.json").read_bytes())
        body = csp_answer("IKR060", json.loads(req["body"]), "2025-12-15").decode("utf-8-sig")
        return Reply(
            200, body.replace("GDP per capita at current prices (euro)", "GDP per capita (thousand euro)").encode()
        )

    pubs.set("/csp/en/OSP_PUB/START/VEK/IK/IKR/IKR060", answer)
    [ikr, _] = update(raw, ["csp"], net=net, reports=tmp_path)
    assert (ikr.status, ikr.code) == ("failed", "download-refused")
    assert "[unit-mismatch]" in ikr.line() and "IKR061" in ikr.line() and "EUR per inhabitant" in ikr.line()
    assert not list(raw.glob("csp_IKR060*"))


def test_describe_prints_a_tables_variables_from_the_api_or_a_saved_file(pubs, raw, tmp_path, capsys):
    assert main(["update", "--data", str(raw), "--describe", "csp:NVA011m"]) == 0
    out = capsys.readouterr().out
    assert "/EMP/NBBA/NVA/NVA011m" in out
    assert 'AREA "Territorial unit" [may be left out]: LV "Latvia", RPR "Riga planning region"' in out
    assert 'ContentsCode "Contents": NVA011m "Registered unemployment rate (%)"' in out
    saved = tmp_path / "meta.json"
    saved.write_bytes((FIXTURES_UPDATE / "csp_NVA010m_metadata.json").read_bytes())
    assert main(["update", "--data", str(raw), "--describe", str(saved)]) == 0
    assert 'TERRITORY "Territory" [may be left out]: 0 "Latvia", 1 "Riga planning region"' in capsys.readouterr().out
    assert main(["update", "--data", str(raw), "--describe", "csp:XYZ123"]) == 1
    assert "the catalogue has no CSP table 'XYZ123'" in capsys.readouterr().err
    assert list(raw.iterdir()) == []
