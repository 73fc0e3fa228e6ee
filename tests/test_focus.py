"""The focus of an application (issue 24): ``[focus]`` in project.toml, by code or by name."""

from __future__ import annotations

import pytest

from latgale_stats.core import focus as F
from latgale_stats.core import regions as R
from latgale_stats.core.problems import DataError

FACTS = '[school]\nname_lv = "Daugavpils Valsts tehnikums"\n\n'


# --- which code a territory is ----------------------------------------------------------------------


def test_latgale_is_one_territory_under_its_codes():
    assert F.canonical("LV005") == F.canonical("PR_LATGALE_2006") == "PR_LATGALE_2021"
    assert set(F.codes("LV005")) == set(R.LATGALE_CODES)
    assert F.codes("LV00A") == ("PR_RIGA_2021", "LV00A", "PR_RIGA_2006")
    assert F.codes("LV006") == ("CITY_RIGA", "LV006")  # Rīga until 2023 is the city
    assert F.codes("LV003") == ("LV003",)  # Kurzeme until 2023: without Tukuma novads, no planning region


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Latgale", "PR_LATGALE_2021"),
        ("LV005", "PR_LATGALE_2021"),
        ("latgales reģions", "PR_LATGALE_2021"),
        ("Latgale region", "PR_LATGALE_2021"),
        ("Латгале", "PR_LATGALE_2021"),
        ("Daugavpils", "CITY_DAUGAVPILS"),
        ("Augšdaugavas novads", "MUN2021_AUGSDAUGAVAS_NOVADS"),
        ("Augsdaugava municipality", "MUN2021_AUGSDAUGAVAS_NOVADS"),
        ("LV0022000", "MUN2021_AUGSDAUGAVAS_NOVADS"),
        ("LV0038001", "MUN2021_MADONAS_NOVADS"),
        ("Rīga", "CITY_RIGA"),
        ("Rīgas reģions", "PR_RIGA_2021"),
        ("Kurzeme", "PR_KURZEME_2021"),
        ("LV003", "LV003"),
        ("Pierīga", "LV007"),
        ("Jēkabpils", "CITY_JEKABPILS"),
        ("Jēkabpils novads", "MUN2021_JEKABPILS_NOVADS"),
    ],
)
def test_a_focus_by_code_or_by_name_latvian_or_english(value, code):
    assert F.resolve(value) == code


def test_default_comparisons():
    assert F.default_compare_with("PR_LATGALE_2021") == ("LV", "PR_RIGA_2021")
    assert F.default_compare_with("CITY_DAUGAVPILS") == ("LV", "PR_LATGALE_2021", "PR_RIGA_2021")
    assert F.default_compare_with("CITY_JEKABPILS") == ("LV", "PR_ZEMGALE_2021", "PR_RIGA_2021")
    assert F.default_compare_with("MUN2021_MADONAS_NOVADS") == ("LV", "PR_VIDZEME_2021", "PR_RIGA_2021")
    # in the Rīga region: the city of Rīga instead of the region a second time
    assert F.default_compare_with("CITY_JURMALA") == ("LV", "PR_RIGA_2021", "CITY_RIGA")
    assert F.default_compare_with("CITY_RIGA") == ("LV", "PR_RIGA_2021")
    assert F.default_compare_with("PR_RIGA_2021") == ("LV",)
    assert F.default_compare_with("LV003") == ("LV", "CITY_RIGA")  # Rīga (LV006) of the same vintage


# --- project.toml -----------------------------------------------------------------------------------


def _project(tmp_path, focus: str):
    path = tmp_path / "project.toml"
    path.write_text(FACTS + focus, encoding="utf-8")
    return path


def test_without_focus_latgale_against_latvia_and_riga(tmp_path):
    assert F.focus(_project(tmp_path, "")) == F.Focus("PR_LATGALE_2021", ("LV", "PR_RIGA_2021"))
    assert F.focus({}) == F.focus({"focus": {}}) == F.Focus("PR_LATGALE_2021", ("LV", "PR_RIGA_2021"))


def test_a_municipality_as_focus(tmp_path):
    found = F.focus(_project(tmp_path, '[focus]\nterritory = "Augšdaugavas novads"\n'))
    assert found == F.Focus("MUN2021_AUGSDAUGAVAS_NOVADS", ("LV", "PR_LATGALE_2021", "PR_RIGA_2021"))
    assert found.codes == ("MUN2021_AUGSDAUGAVAS_NOVADS",)


def test_compare_with_by_names(tmp_path):
    path = _project(tmp_path, '[focus]\nterritory = "Daugavpils"\ncompare_with = ["Latvia", "Zemgales reģions"]\n')
    assert F.focus(path) == F.Focus("CITY_DAUGAVPILS", ("LV", "PR_ZEMGALE_2021"))


def test_an_unknown_name_names_the_file_key_value_and_nearest_names(tmp_path):
    path = _project(tmp_path, '[focus]\nterritory = "Daugavpil"\n')
    with pytest.raises(DataError) as err:
        F.focus(path)
    (problem,) = err.value.problems
    assert problem.code == "bad-project-facts"
    assert problem.file.endswith("project.toml") and problem.row == 5 and problem.column == "[focus] territory"
    assert problem.value == "Daugavpil"
    assert "nearest names: 'Daugavpils'" in problem.expected
    assert "'Daugavpils'" in str(err.value)


def test_every_bad_value_is_reported_at_once(tmp_path):
    text = (
        '[focus]\nterritory = "Latgale"\n'
        'compare_with = ["Latvija", "Zemgle", "Latgales reģions", "LV", "Aglonas novads"]\nteritory = "x"\n'
    )
    with pytest.raises(DataError) as err:
        F.focus(_project(tmp_path, text))
    by_value = {p.value: p for p in err.value.problems}
    assert set(by_value) == {"Zemgle", "Latgales reģions", "LV", "Aglonas novads", "x"}
    assert "'Zemgale'" in by_value["Zemgle"].expected
    assert "than the focus" in by_value["Latgales reģions"].expected
    assert "named twice" in by_value["LV"].expected
    assert "Preiļu novads" in by_value["Aglonas novads"].expected
    assert by_value["x"].column == "[focus] teritory" and by_value["x"].row == 7


@pytest.mark.parametrize(
    ("focus", "said"),
    [
        ('territory = "Latvija"', "Latvia as a whole"),
        ('territory = "Varakļānu novads"', "now part of Madonas novads"),
        ('territory = "Daugavpils municipality"', "2009–2021, now part of Augšdaugavas novads"),
        ("territory = 5", "in double quotes"),
        ('compare_with = "Latvija"', "a list"),
        ("compare_with = []", "a list of one or more"),
    ],
)
def test_values_a_focus_cannot_be(tmp_path, focus, said):
    with pytest.raises(DataError, match="bad-project-facts") as err:
        F.focus(_project(tmp_path, f"[focus]\n{focus}\n"))
    assert said in str(err.value)


def test_a_file_that_is_no_toml(tmp_path):
    with pytest.raises(DataError, match="valid TOML"):
        F.focus(_project(tmp_path, "[focus\n"))


def test_the_readme_example_is_a_valid_focus(tmp_path):
    from latgale_stats.core.paths import project_root

    readme = (project_root() / "README.md").read_text(encoding="utf-8")
    block = readme.split("```toml\n[focus]\n", 1)[1].split("```", 1)[0]
    assert F.focus(_project(tmp_path, "[focus]\n" + block)) == F.Focus(
        "CITY_LIEPAJA", ("LV", "PR_KURZEME_2021", "PR_RIGA_2021")
    )
    # and with the commented compare_with written out
    example = "[focus]\n" + "\n".join(line.removeprefix("# ") for line in block.splitlines())
    assert F.focus(_project(tmp_path, example)).compare_with == ("LV", "PR_KURZEME_2021", "PR_RIGA_2021")
