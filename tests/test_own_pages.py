"""The publisher's own page is the publisher's release (issue 21, item 4).

A curated row whose url is on its publisher's own site (core/outlets.toml [own]: nva.gov.lv for NVA) is
NVA's release, not a press report: cited "NVA, nva.gov.lv", listed with NVA's releases in the annex, and used
before a press figure for the same month; a publisher file (NVA010m from the CSP's database) still comes first.
Every value here is invented (quotes say so); the NVA010m file is the test server's json-stat2 answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import latgale_stats as ls
from latgale_stats.core import outlets
from latgale_stats.core.model import SourceKind, SourceRef, VintageFrom
from latgale_stats.outputs.annex import source_list, vintages_line
from latgale_stats.present import citations
from update_server import csp_answer

UNIT = "% of economically active population"
PAGE = "https://www.nva.gov.lv/print.php?txt=1906"
LSM = "https://www.lsm.lv/raksts/invented"


def _row(period: str, value: str, url: str, region: str = "Latgales reģions", status: str = "") -> str:
    return f"registered_unemployment_rate,{region},{period},{value},{UNIT},NVA,{url},INVENTED: {value}%,{status},"


def _nva010m(folder: Path, months: list[str]) -> None:
    """The CSP database's NVA010m for Latgale planning region (the test server's invented values)."""
    query = {
        "query": [
            {"code": "TERRITORY", "selection": {"filter": "item", "values": ["5"]}},
            {"code": "ContentsCode", "selection": {"filter": "item", "values": ["NVA010m"]}},
            {"code": "TIME", "selection": {"filter": "item", "values": months}},
        ]
    }
    (folder / "csp_NVA010m_2025-12-15.json").write_bytes(csp_answer("NVA010m", query, "2025-12-15"))


def _cell(ds: ls.Dataset, period: str) -> dict[str, tuple[str, float]]:
    """source kind -> (status, value) of Latgale's rows for one month."""
    return {
        o.source_kind.value: (o.status.value, o.value)
        for o in ds.rows
        if o.period is not None and str(o.period) == period and o.region == "PR_LATGALE_2006"
    }


def test_a_row_on_the_publishers_own_site_is_its_release_and_replaces_the_press_figure(curated_dir):
    folder = curated_dir(_row("2010-02", "22.9", LSM), _row("2010-02", "22.6", PAGE))
    ds = ls.read(folder)
    assert _cell(ds, "2010-02") == {"publisher page": ("", 22.6), "press figure": ("superseded", 22.9)}
    [said] = [r for r in ds.replaced if "2010-02" in r]
    assert "(NVA press, 22.9) differs from" in said and "(NVA's own page nva.gov.lv, 22.6)" in said
    assert said.endswith("the publisher's own page is used")


def test_a_publisher_file_from_the_csp_database_still_wins_over_the_page(curated_dir):
    folder = curated_dir(_row("2010-03", "22.9", PAGE), _row("2010-03", "22.9", LSM))
    _nva010m(folder, ["2010M03"])
    ds = ls.read(folder)
    cell = _cell(ds, "2010-03")
    assert cell["publisher file"][0] == "" and cell["publisher file"][1] != 22.9  # the server's invented rate
    assert cell["publisher page"] == ("superseded", 22.9) and cell["press figure"] == ("superseded", 22.9)
    assert sum("NVA's own page nva.gov.lv" in r and "the file is used" in r for r in ds.replaced) == 1


def test_two_pages_that_disagree_are_an_error_like_two_press_figures(curated_dir):
    folder = curated_dir(_row("2010-02", "22.6", PAGE), _row("2010-02", "21.6", PAGE.replace("1906", "1907")))
    with pytest.raises(ls.DataError) as info:
        ls.read(folder)
    assert info.value.codes == ["conflicting-duplicate"]


def test_another_official_site_stays_a_report_and_a_subdomain_is_the_publishers_own():
    # NVA's rate in a CSP press release is the CSP's report of NVA's data, not NVA's release
    assert not outlets.own_site("NVA", "https://stat.gov.lv/en/statistics-themes/labour-market/unemployment/x")
    assert outlets.own_site("NVA", "http://nva.gov.lv/print.php?txt=1400")
    assert outlets.own_site("CSB", "https://data.stat.gov.lv/pxweb/lv/OSP_PUB/")
    assert outlets.own_site("Lursoft", "https://blog.lursoft.lv/2018/01/04/x/")
    assert not outlets.own_site("NVA", "https://www.nva.gov.lv.example.invalid/x")  # a look-alike host
    assert not outlets.own_site("Lursoft", "https://notlursoft.lv/x")


def test_every_own_site_is_an_official_outlet():
    official = {domain for domain, (standing, _) in outlets.policy().items() if standing == outlets.Standing.OFFICIAL}
    assert outlets.own_sites()["NVA"] == ("nva.gov.lv",)
    for publisher, domains in outlets.own_sites().items():
        assert set(domains) <= official, publisher


PAGE_REF = SourceRef("NVA", SourceKind.PUBLISHER_PAGE, "nva_registered_unemployment", None, PAGE, outlet="nva.gov.lv")
DATED = SourceRef(
    "NVA", SourceKind.PUBLISHER_PAGE, "x", "2010-03-09", PAGE, outlet="nva.gov.lv", vintage_from=VintageFrom.RELEASE
)
PRESS = SourceRef("NVA", SourceKind.PRESS, "x", None, LSM, outlet="lsm.lv")


def test_a_page_is_cited_as_the_publishers_release_with_its_date_where_known():
    assert citations.in_brackets([PAGE_REF], "lv") == "(NVA, nva.gov.lv)"  # no release date known: none given
    assert citations.in_brackets([PAGE_REF], "en") == "(NVA, nva.gov.lv)"
    assert citations.in_brackets([DATED], "lv") == "(NVA, nva.gov.lv, 09.03.2010)"
    assert citations.source_line([PRESS, PAGE_REF], "en") == "Sources: NVA, nva.gov.lv; NVA data as published by LSM."
    assert "published by NVA" not in citations.source_line([PAGE_REF], "en")


def test_the_annex_lists_a_page_with_the_publishers_releases_never_as_press():
    for lang, release, press in (
        ("lv", "relīze publicētāja vietnē: nva.gov.lv", "preses ziņa par oficiāliem datiem: LSM"),
        ("en", "release on the publisher's own site: nva.gov.lv", "press report of official data: LSM"),
    ):
        ((publisher, entries),) = source_list([PRESS, PAGE_REF], lang)
        assert publisher == "NVA"
        assert [(e.text, e.url, e.press) for e in entries] == [(release, PAGE, False), (press, LSM, True)]
        ((_, [dated]),) = source_list([DATED], lang)
        assert dated.text.endswith("publicēts 09.03.2010" if lang == "lv" else "release of 9 Mar 2010")
    assert vintages_line([(PAGE_REF, "2010-02")], "en") == ["NVA (latest period 2010-02)"]
