"""Two official publishers for one cell (issue 20, item 6): the CSP's IKR060 and Eurostat's nama_10r_3gdp.

Both files are made here with invented values: an SDMX-CSV in Eurostat's real layout (FORMATS.md §9) and a
json-stat2 answer as the test server builds it from the IKR060 metadata fixture (FORMATS.md §10).
"""

from __future__ import annotations

import json

from latgale_stats.pipeline.load import read
from latgale_stats.present.charts.common import differ_notes
from update_server import csp_answer

SDMX = (
    "DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\r\n"
    "ESTAT:NAMA_10R_3GDP(1.0),10/02/26 11:00:00,A,EUR_HAB,LV,2022,21000,\r\n"
    "ESTAT:NAMA_10R_3GDP(1.0),10/02/26 11:00:00,A,EUR_HAB,LV005,2022,10500,\r\n"
    "ESTAT:NAMA_10R_3GDP(1.0),10/02/26 11:00:00,A,EUR_HAB,LV009,2022,14000,\r\n"
)


def _csp(areas: list[str]) -> bytes:
    query = {
        "query": [
            {"code": "INDICATOR", "selection": {"filter": "item", "values": ["B1GQ"]}},
            {"code": "AREA", "selection": {"filter": "item", "values": areas}},
            {"code": "ContentsCode", "selection": {"filter": "item", "values": ["IKR061"]}},
            {"code": "TIME", "selection": {"filter": "item", "values": ["2022"]}},
        ],
        "response": {"format": "json-stat2"},
    }
    return csp_answer("IKR060", query, "2025-12-15")


def test_the_newest_release_is_shown_and_the_other_publishers_differing_value_named(tmp_path):
    (tmp_path / "nama_10r_3gdp_invented.csv").write_text(SDMX, encoding="utf-8", newline="")
    # the server's invented IKR061 2022: Latvia 21 900, Latgale 11 400, Zemgale 14 900
    (tmp_path / "csp_IKR060_2025-12-15.json").write_bytes(_csp(["LV", "LV005", "LV009"]))
    ds = read(tmp_path)
    obs = ds.observations(all_rows=True)
    pc = obs[(obs["indicator"] == "gdp_per_capita") & (obs["region"] == "LV005")]
    shown = pc[pc["status"] == ""].iloc[0]
    assert (shown["publisher"], shown["value"]) == ("Eurostat", 10500)  # the newer release
    assert set(pc["status"]) == {"", "superseded"}
    [(ref, other)] = shown["differs"]
    assert (ref.publisher, ref.dataset, ref.vintage, other) == ("CSB", "IKR060", "2025-12-15", 11400)
    warnings = [w for w in ds.warnings if w.code == "publishers-differ"]
    text = " ".join(w.expected for w in warnings)
    assert "gdp_per_capita: Eurostat nama_10r_3gdp (release 2026-02-10) is shown" in text
    assert "CSB IKR060 (release 2025-12-15) differs by more than 1 %" in text and "10500 against 11400" in text
    assert "gdp_per_capita_index" in text and "more than 1 point" in text
    index = obs[(obs["indicator"] == "gdp_per_capita_index") & (obs["status"] == "") & (obs["region"] == "LV005")]
    [en] = differ_notes(index, "en")
    assert en == (
        "CSB, IKR060, 15 Dec 2025 gives other values for 1 of those shown, up to 2.1 points apart "
        "(e.g. Latgale 2022: 52.1, 50.0 shown)"
    )
    [lv] = differ_notes(index, "lv")
    assert lv.startswith("CSP, IKR060, 15.12.2025 dod citas vērtības 1 no attēlotajām, atšķirība līdz 2,1 punkti")


def test_values_within_the_tolerance_are_not_named(tmp_path):
    sdmx = SDMX.replace(",21000,", ",21900,").replace(",10500,", ",11350,").replace(",14000,", ",14900,")
    (tmp_path / "nama_10r_3gdp_invented.csv").write_text(sdmx, encoding="utf-8", newline="")
    (tmp_path / "csp_IKR060_2025-12-15.json").write_bytes(_csp(["LV", "LV005", "LV009"]))
    ds = read(tmp_path)
    assert not [w for w in ds.warnings if w.code == "publishers-differ"]  # 11 350 vs 11 400: 0.4 %
    assert not any(o.differs for o in ds.all())


def test_population_of_the_csp_and_eurostat_compared_too(tmp_path):
    pop = (
        "DATAFLOW,LAST UPDATE,freq,unit,sex,age,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\r\n"
        "ESTAT:DEMO_R_PJANAGGR3(1.0),09/04/26 23:00:00,A,NR,T,TOTAL,LV005,2022,236000,\r\n"
    )
    (tmp_path / "demo_invented.csv").write_text(pop, encoding="utf-8", newline="")
    query = {
        "query": [
            {"code": "INDICATOR", "selection": {"filter": "item", "values": ["POP_SY"]}},
            {"code": "AREA", "selection": {"filter": "item", "values": ["LV005"]}},
            {"code": "ContentsCode", "selection": {"filter": "item", "values": ["IRS031"]}},
            {"code": "TIME", "selection": {"filter": "item", "values": ["2022"]}},
        ]
    }
    (tmp_path / "csp_IRS031_2025-12-15.json").write_bytes(
        csp_answer("IRS031", json.loads(json.dumps(query)), "2025-12-15")
    )
    ds = read(tmp_path)
    [w] = [w for w in ds.warnings if w.code == "publishers-differ"]
    assert "population" in w.expected and "236000 against 241000" in w.expected


def test_update_in_the_real_shapes_then_check_and_the_gdp_figure_cites_the_csp(tmp_path, monkeypatch, capsys):
    """Issue 20's "done when": every Eurostat dataset, IKR060 (both contents), IRS031, NVA010m/NVA011m and
    the register from a server answering in the real shapes; update (with its check) exits 0; the GDP
    figure shows the CSP's GDP per capita (the newest release for 2023) and cites the CSP's table."""
    import shutil

    from latgale_stats.cli import main
    from latgale_stats.present.charts import summary
    from update_server import FIXTURES, Publishers, serve_all

    raw = tmp_path / "raw"
    shutil.copytree(FIXTURES.parent / "dataset", raw)
    (raw / "README.md").unlink()
    with Publishers() as pubs:
        serve_all(pubs)
        monkeypatch.setenv("LATGALE_EUROSTAT_API", pubs.url("eurostat"))
        monkeypatch.setenv("LATGALE_CSP_API", pubs.url("csp"))
        monkeypatch.setenv("LATGALE_UR_OPENDATA", pubs.url("ur"))
        assert main(["update", "--data", str(raw), "--quiet"]) == 0
    out = capsys.readouterr().out
    for name in ("IKR060", "IRS031", "NVA010m", "NVA011m", "nama_10r_3gdp", "demo_r_pjanaggr3", "bd_size_r3"):
        assert f"{name}: new release" in out or f"{name} (NVA data): new release" in out, out
    assert "The data reads without errors" in out
    assert main(["check", "--data", str(raw)]) == 0
    obs = read(raw).observations()
    en = summary("gdp_index_latest", obs, "en")
    assert en.subtitle.startswith("2023") and "CSB, IKR060, 15 Dec 2025" in en.footer
    lv = summary("gdp_index_latest", obs, "lv")
    assert "CSP, IKR060, 15.12.2025" in lv.footer
    trend = summary("unemployment_trend", obs, "en")
    footer = " ".join(trend.footer.split())
    assert "NVA, NVA010m (CSB database), 15 Dec 2025" in footer and "NVA, NVA011m (CSB database)" in footer
    lv = " ".join(summary("unemployment_trend", obs, "lv").footer.split())
    assert "NVA, NVA010m (CSP datubāzē), 15.12.2025" in lv
