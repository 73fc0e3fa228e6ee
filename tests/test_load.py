"""What load() holds on the bundled, real data (issue 2, 'Done when')."""

from __future__ import annotations

import pandas as pd
import pytest

import latgale_stats as ls
from latgale_stats.core.paths import data_dir
from latgale_stats.pipeline.load import COLUMNS
from latgale_stats.pipeline.select import statements_vs_data


def one(df, **where):
    sel = df
    for col, val in where.items():
        sel = sel[sel[col] == val]
    assert len(sel) == 1, f"{where}: {len(sel)} rows"
    return sel.iloc[0]


def test_columns_are_the_documented_ones(obs):
    assert list(obs.columns) == list(COLUMNS)
    for col in COLUMNS:
        assert col in ls.__doc__


def test_eurostat_gdp_per_capita_2009(obs):
    lat = one(obs, indicator="gdp_per_capita", region="LV005", period="2009", kind="observation")
    lv = one(obs, indicator="gdp_per_capita", region="LV", period="2009", kind="observation")
    assert (lat.value, lv.value) == (5000, 8800)
    assert lat.publisher == "Eurostat" and lat.vintage == "2023-02-21"
    assert lat.file == "data/raw/nama_10r_3gdp_LV_2023-02-21.csv" and lat.row == 120
    assert lat.unit == "EUR per inhabitant" and len(lat.sha256) == 64
    assert "nama_10r_3gdp" in lat.url


def test_derived_latgale_index_2009(obs):
    idx = one(obs, indicator="gdp_per_capita_index", region="LV005", period="2009", kind="derived")
    assert round(idx.value, 1) == 56.8
    assert idx.source_kind == "derived" and "derived" in idx.publisher
    assert [(i.region, i.cell.row) for i in idx.inputs] == [("LV005", 120), ("LV", 33)]
    assert {s.publisher for s in idx.sources} == {"Eurostat"}
    assert idx.vintage == "2023-02-21"


def test_nva_end_of_2025(obs):
    assert one(obs, indicator="registered_unemployment_rate", region="PR_LATGALE_2021", period="2025-12").value == 10.1
    riga = one(obs, indicator="registered_unemployment_rate", region="PR_RIGA_2021", period="2025-12")
    assert riga.value == 3.7 and riga.publisher == "NVA" and riga.url.startswith("http")
    assert riga.quote


def test_the_five_2013_statements_with_their_sources(obs):
    st = obs[obs["kind"] == "statement"].set_index(["indicator", "region"])
    assert len(st) == 5
    assert st.loc[("gdp_per_capita_index", "LV005"), "value"] == 55
    assert st.loc[("new_enterprises_per_1000", "LV005"), "value"] == 3
    assert st.loc[("new_enterprises_per_1000", "LV"), "value"] == 8
    assert st.loc[("registered_unemployment_rate", "PR_LATGALE_2006"), "value"] == 19.8
    assert st.loc[("registered_unemployment_rate", "PR_RIGA_2006"), "value"] == 8.3
    assert (st["file"] == "data/raw/application_2013_statements.csv").all()
    assert st["quote"].str.len().gt(10).all()
    assert set(st.loc[("new_enterprises_per_1000",), "publisher"]) == {"Lursoft"}
    firms = st.loc[("new_enterprises_per_1000",)]
    assert firms["period"].isna().all() and (firms["period_label"] == "year not stated").all()


def test_statement_beside_current_vintage():
    comp = statements_vs_data(ls.load()).set_index(["indicator", "region"])
    gdp = comp.loc[("gdp_per_capita_index", "LV005")]
    assert gdp.stated == 55 and round(gdp.current, 1) == 56.8
    assert "2023-02-21" in gdp.current_source
    assert comp.loc[("new_enterprises_per_1000", "LV005"), "comment"].startswith("year not stated")


def test_units_are_converted_and_the_published_form_kept():
    every = ls.load(all_rows=True)
    total = one(every, indicator="gdp_total", region="LV00A", period="2022", source_kind="press figure")
    assert total.value == 23700 and total.unit == "EUR million"
    assert total.value_published == "23.7" and total.unit_published.startswith("EUR billion")


def test_suspect_rows_are_left_out_by_default_and_kept_on_request(obs):
    assert not (obs["status"] == "suspect").any()
    with_suspect = ls.load(include_suspect=True)
    sus = with_suspect[with_suspect["status"] == "suspect"]
    assert len(sus) == sum(o.status == "suspect" for o in ls.read().rows) > 0
    assert set(sus["file"]) == {"data/raw/lursoft_new_enterprises.csv", "data/raw/nva_registered_unemployment.csv"}


def test_publisher_file_wins_over_press_figure(dataset):
    every = dataset.observations(all_rows=True)
    cell = every[(every["indicator"] == "gdp_per_capita") & (every["region"] == "LV") & (every["period"] == "2021")]
    press = one(cell, source_kind="press figure")
    assert press.status == "superseded" and press.value == 17700 and "17900" in press.note
    assert any("gdp_per_capita Latvija (LV) 2021" in r and "differs" in r for r in dataset.replaced)


def test_the_newest_release_wins_each_cell(dataset):
    """GDP per capita of Latvia in 2021: Eurostat's own value (release 21.02.2023) and the one computed
    from the release of 10.02.2026; the newer release is used, the other kept as superseded."""
    every = dataset.observations(all_rows=True)
    cell = every[(every["indicator"] == "gdp_per_capita") & (every["region"] == "LV") & (every["period"] == "2021")]
    used = one(cell, status="")
    assert used.kind == "derived" and used.vintage == "2026-02-10"
    assert one(cell, source_kind="publisher file").status == "superseded"


def test_one_value_per_cell_in_use(obs):
    data = obs[obs["kind"] != "statement"]
    assert not data.duplicated(["indicator", "region", "period", "versus"]).any()


def test_nothing_is_interpolated(obs):
    """Derived values exist only where their inputs exist: no GDP index after the file's last
    regional year, no rate per 1000 for a year without a population figure."""
    idx = obs[obs["indicator"] == "gdp_per_capita_index"]
    assert idx["year"].max() == 2023  # the last year of the newest GDP release
    assert set(idx.loc[idx["region"] == "LV00A", "period"]) == {"2023"}  # population of the 2024 regions from 2023
    per1000 = obs[(obs["indicator"] == "new_enterprises_per_1000") & (obs["kind"] == "derived")]
    assert sorted(per1000["period"]) == ["2017", "2018", "2020", "2021"]
    unemployment = obs[
        (obs["indicator"] == "registered_unemployment_rate")
        & (obs["region"] == "PR_LATGALE_2006")
        & (obs["kind"] == "observation")
    ]
    assert "2011-12" not in set(unemployment["period"])


def test_rate_per_1000_uses_the_same_territory_and_year(obs):
    r = one(obs, indicator="new_enterprises_per_1000", region="LV", period="2018", kind="derived")
    assert abs(r.value - 10660 / 1934379 * 1000) < 1e-9
    count, population = r.inputs
    assert (count.indicator, count.cell.file, count.cell.row) == (
        "new_enterprises",
        "data/raw/lursoft_new_enterprises.csv",
        11,
    )
    assert population.indicator == "population" and "demo_r_pjanaggr3" in population.cell.file


def test_unemployment_gap_in_percentage_points(obs):
    gap = one(obs, indicator="unemployment_gap_pp", region="PR_LATGALE_2021", period="2025-12", versus="PR_RIGA_2021")
    assert round(gap.value, 1) == 6.4 and gap.unit == "percentage points"
    # against every other planning region, never across the 2021 boundary change
    gaps = obs[obs["indicator"] == "unemployment_gap_pp"]
    assert set(gaps["versus"]) == {
        f"PR_{k}_{v}" for k in ("RIGA", "KURZEME", "VIDZEME", "ZEMGALE") for v in (2006, 2021)
    }
    assert all(r[-4:] == v[-4:] for r, v in zip(gaps["region"], gaps["versus"], strict=True))


def test_load_takes_another_data_folder(tmp_path):
    src = data_dir() / "nva_registered_unemployment.csv"
    (tmp_path / src.name).write_bytes(src.read_bytes())
    df = ls.load(data_dir=tmp_path)
    assert set(df["indicator"]) == {"registered_unemployment_rate", "unemployment_gap_pp"}
    assert isinstance(df, pd.DataFrame)


def test_gdp_per_capita_from_totals_and_average_population(obs):
    """Latgale 2023: GDP (EUR million, release 10.02.2026) / mean population of 1 January 2023 and 2024."""
    r = one(obs, indicator="gdp_per_capita", region="LV005", period="2023", kind="derived")
    assert r.value == pytest.approx(2822.37e6 / ((247300 + 243396) / 2))
    assert [(i.indicator, i.period) for i in r.inputs] == [
        ("gdp_total", "2023"),
        ("population", "2023"),
        ("population", "2024"),
    ]


def test_latvia_is_the_sum_of_its_regions_and_extra_regio(obs):
    lv = one(obs, indicator="gdp_total", region="LV", period="2023", kind="derived")
    parts = {i.region: i.value for i in lv.inputs}
    assert set(parts) == {"LV00A", "LV00B", "LV00C", "LV009", "LV005", "LVZZZ"}
    assert lv.value == pytest.approx(sum(parts.values()))


def test_index_latest_year_and_the_2013_statement_truthfully(obs):
    assert one(obs, indicator="gdp_per_capita_index", region="LV005", period="2023", kind="derived").value == (
        pytest.approx(54.86, abs=0.01)
    )
    assert (
        round(one(obs, indicator="gdp_per_capita_index", region="LV005", period="2009", kind="derived").value, 1)
        == 56.8
    )
    assert round(one(obs, indicator="gdp_index_from_totals", region="LV005", period="2009").value, 1) == 56.5


def test_enterprise_births_per_1000_same_territory_and_year(obs):
    r = one(obs, indicator="enterprise_births_per_1000", region="LV005", period="2020")
    births, population = r.inputs
    assert (births.indicator, births.value, population.indicator, population.period) == (
        "enterprise_births",
        1395,
        "population",
        "2020",
    )
    assert r.value == pytest.approx(1395 / population.value * 1000)


def test_regions_of_the_2024_boundaries_never_meet_the_earlier_ones(obs):
    derived = obs[obs["kind"] == "derived"]
    for refs, region in zip(derived["inputs"], derived["region"], strict=True):
        codes = {i.region for i in refs} - {"LV", "LVZZZ", region}
        assert not ({"LV00A", "LV00B", "LV00C"} & codes and {"LV003", "LV006", "LV007", "LV008"} & codes)
