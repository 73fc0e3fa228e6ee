"""Words for every territory a focus can be (issue 24): ``core/territory/names.csv``."""

from __future__ import annotations

import pytest

from latgale_stats.core import regions as R
from latgale_stats.core import territory as T
from latgale_stats.core.territory import names as N


def test_every_municipality_planning_and_statistical_region_has_names():
    wanted = {m.region for m in T.municipalities().values()}
    wanted |= {*R.STATISTICAL_2021, *R.STATISTICAL_2024, *R.PLANNING_2006, *R.PLANNING_2021, "LV"}
    wanted |= {r.code for r in R.REGIONS if R.MUNICIPALITY in r.schemes and not r.code.startswith("MUN2009_")}
    assert len({m.region for m in T.municipalities().values()}) == 42  # 43 of 2021, Varakļāni in Madona since 2024
    assert wanted <= set(N.table())
    assert set(N.table()) <= set(R.BY_CODE)  # no row for a unit the registry does not know
    assert "MUN2021_MADONAS_NOVADS" in N.table() and R.get("MUN2021_MADONAS_NOVADS").csb_code == "LV0038001"


@pytest.mark.parametrize(
    ("code", "nominative", "genitive", "locative", "english", "english_the"),
    [
        ("CITY_DAUGAVPILS", "Daugavpils", "Daugavpils", "Daugavpilī", "Daugavpils", "Daugavpils"),
        (
            "MUN2021_AUGSDAUGAVAS_NOVADS",
            "Augšdaugavas novads",
            "Augšdaugavas novada",
            "Augšdaugavas novadā",
            "Augšdaugava municipality",
            "the Augšdaugava municipality",
        ),
        ("LV005", "Latgale", "Latgales", "Latgalē", "Latgale", "Latgale"),
        (
            "PR_LATGALE_2021",
            "Latgales reģions",
            "Latgales reģiona",
            "Latgales reģionā",
            "Latgale region",
            "the Latgale region",
        ),
        ("LV", "Latvija", "Latvijas", "Latvijā", "Latvia", "Latvia"),
        ("CITY_RIGA", "Rīga", "Rīgas", "Rīgā", "Rīga", "Rīga"),
        ("CITY_VENTSPILS", "Ventspils", "Ventspils", "Ventspilī", "Ventspils", "Ventspils"),
        ("CITY_REZEKNE", "Rēzekne", "Rēzeknes", "Rēzeknē", "Rēzekne", "Rēzekne"),
        ("LV007", "Pierīga", "Pierīgas", "Pierīgā", "Pierīga", "Pierīga"),
        ("LV00B", "Kurzeme", "Kurzemes", "Kurzemē", "Kurzeme", "Kurzeme"),
        (
            "MUN2021_CESU_NOVADS",
            "Cēsu novads",
            "Cēsu novada",
            "Cēsu novadā",
            "Cēsis municipality",
            "the Cēsis municipality",
        ),
    ],
)
def test_the_cases_the_issue_names(code, nominative, genitive, locative, english, english_the):
    assert N.forms(code) == N.Names(code, nominative, genitive, locative, english, english_the)


def test_novadi_and_planning_regions_decline_their_last_word_only():
    for code, f in N.table().items():
        if code.startswith("MUN2021_"):
            assert f.nominative == R.get(code).name_lv  # the classifier's name
            stem = f.nominative.removesuffix(" novads")
            assert (f.genitive, f.locative) == (f"{stem} novada", f"{stem} novadā")
            assert f.english.endswith(" municipality") and f.english_the == f"the {f.english}"
        if code.startswith("PR_"):
            assert f.nominative == R.get(code).name_lv and f.english == R.get(code).name_en
            assert f.locative == f.nominative.removesuffix("s") + "ā"
            assert f.english_the == f"the {f.english}"


def test_a_unit_without_names_says_where_to_add_them():
    with pytest.raises(N.NoNames, match="names.csv"):
        N.forms("MUN2009_CIBLAS_NOVADS")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Daugavpils valstspilsēta", "CITY_DAUGAVPILS"),
        ("Ventspils valstspilsēta", "CITY_VENTSPILS"),
        ("Rīgas valstspilsēta", "CITY_RIGA"),
        ("Jelgavā", "CITY_JELGAVA"),
        ("Ventspilī", "CITY_VENTSPILS"),
        ("Jūrmalā", "CITY_JURMALA"),
    ],
)
def test_the_registry_knows_a_city_by_its_genitive_and_locative_from_the_table(name, code):
    assert R.resolve(name, (R.MUNICIPALITY,)).code == code
    assert not {"Daugavpilss valstspilsēta", "Ventspilss valstspilsēta"} & set(R.get(code).aliases)
