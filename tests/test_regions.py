from __future__ import annotations

import pytest

from latgale_stats.core import indicators as I
from latgale_stats.core import regions as R
from latgale_stats.core.model import Period


def test_registry_has_every_unit_the_issue_names():
    codes = set(R.BY_CODE)
    assert {"LV003", "LV005", "LV006", "LV007", "LV008", "LV009"} <= codes
    assert {"LV00A", "LV00B", "LV00C", "LV009", "LV005"} <= codes
    assert set(R.PLANNING_2006) <= codes and set(R.PLANNING_2021) <= codes
    assert {"LV", "CITY_RIGA"} <= codes
    for code in R.STATISTICAL_2021:
        assert R.STAT2021 in R.get(code).schemes
    for code in R.STATISTICAL_2024:
        assert R.STAT2024 in R.get(code).schemes


@pytest.mark.parametrize(
    "name",
    [
        "Latgale",
        "Latgales reģions",
        "Latgale region",
        "Latgales statistiskais reģions",
        "LATGALE",
        "  Latgale  ",
        "Latgales regions",
        "Латгале",
        "Латгалия",
        "LV005",
    ],
)
def test_latgale_aliases_resolve_for_gdp(name):
    assert R.resolve(name, I.get("gdp_per_capita").schemes, Period.parse("2009")).code == "LV005"


def test_labels_from_csb_downloads_with_dots_and_suffixes():
    stat = I.get("gdp_per_capita").schemes
    assert R.resolve("..Riga statistical region (from 01.01.2024.)", stat, Period.parse("2022")).code == "LV00A"
    assert R.resolve("Riga statistical region (Riga) (before 01.01.2024.)", stat, Period.parse("2022")).code == "LV006"
    assert R.resolve("Pierīga statistical region (before 01.01.2024.)", stat, Period.parse("2020")).code == "LV007"
    assert R.resolve("Kurzemes statistiskais reģions (no 01.01.2024.)", stat, Period.parse("2022")).code == "LV00B"
    assert R.resolve("Riga region", stat, Period.parse("2019")).code == "LV006"


def test_bare_names_follow_the_boundaries_valid_in_the_period():
    stat = I.get("gdp_per_capita").schemes
    assert R.resolve("Kurzeme", stat, Period.parse("2021")).code == "LV003"
    assert R.resolve("Kurzeme", stat, Period.parse("2024")).code == "LV00B"
    assert R.resolve("Rīga", stat, Period.parse("2019")).code == "LV006"


def test_nva_riga_region_never_resolves_to_csb_riga():
    nva = I.get("registered_unemployment_rate").schemes
    csb_riga = R.resolve("Rīga", I.get("gdp_per_capita").schemes, Period.parse("2019")).code
    for period in ("2011-12", "2021-06", "2021-07", "2025-12"):
        code = R.resolve("Rīgas reģions", nva, Period.parse(period)).code
        assert code.startswith("PR_RIGA_") and code != csb_riga
    # NVA's "Rīga" is the city, a municipality, not the statistical region either
    assert R.resolve("Rīga", nva, Period.parse("2020-01")).code == "CITY_RIGA"


def test_planning_regions_change_on_1_july_2021():
    nva = I.get("registered_unemployment_rate").schemes
    assert R.resolve("Latgales reģions", nva, Period.parse("2021-06")).code == "PR_LATGALE_2006"
    assert R.resolve("Latgales reģions", nva, Period.parse("2021-07")).code == "PR_LATGALE_2021"


def test_names_with_and_without_diacritics_meet():
    nva = I.get("registered_unemployment_rate").schemes
    assert R.resolve("Rigas regions", nva, Period.parse("2020-01")).code == "PR_RIGA_2006"
    assert R.resolve("Pieriga", I.get("gdp_total").schemes, Period.parse("2019")).code == "LV007"


def test_unknown_name_lists_the_nearest_known_names():
    with pytest.raises(R.UnknownRegion) as info:
        R.resolve("Latgles reģions", I.get("registered_unemployment_rate").schemes, Period.parse("2025-12"))
    assert "Latgales reģions" in info.value.suggestions
    assert "nearest known names" in str(info.value)


def test_municipalities_of_two_reforms_are_told_apart_by_period():
    firms = I.get("new_enterprises").schemes
    assert R.resolve("Ludzas novads", firms, Period.parse("2018")).code == "MUN2009_LUDZAS_NOVADS"
    assert R.resolve("Ludzas novads", firms, Period.parse("2022")).code == "MUN2021_LUDZAS_NOVADS"
    assert R.resolve("Augšdaugavas novads", firms, Period.parse("2021")).code == "MUN2021_AUGSDAUGAVAS_NOVADS"


def test_period_end():
    assert str(Period.parse("2024-02").end()) == "2024-02-29"
    assert str(Period.parse("2021").end()) == "2021-12-31"
    assert Period.of("") is None
    with pytest.raises(ValueError):
        Period.parse("2021-13")
