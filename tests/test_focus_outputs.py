"""Any territory as the focus (issue 24): the figures, sentences, annex and notebook 06 for a state city, a novads
or a region, with numbers recomputed here from the files they come from.

The municipal data are the CSP's json-stat2 answers the test server builds (tests/update_server.py, from the
metadata fixtures of tests/fixtures/update/: the shapes are evidenced, **every value is invented**), placed
beside the bundled files as `latgale-stats update` places them.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from docx import Document

from conftest import FIXTURES
from latgale_stats.cli import main
from latgale_stats.core import declarations as D
from latgale_stats.core.focus import default_focus, focus_of
from latgale_stats.pipeline.load import read
from latgale_stats.present import charts
from latgale_stats.present.text import justification
from update_server import csp_answer

UPDATE = FIXTURES / "update"


def _query(table: str, **chosen: list[str]) -> dict:
    meta = json.loads((UPDATE / f"csp_{table}_metadata.json").read_text(encoding="utf-8"))
    query = [
        {"code": v["code"], "selection": {"filter": "item", "values": chosen.get(v["code"], v["values"])}}
        for v in meta["variables"]
    ]
    return {"query": query, "response": {"format": "json-stat2"}}


# every territory of the metadata but the two `update` does not ask for (a town; Madona until 30.06.2024)
AREAS = [
    a
    for a in json.loads((UPDATE / "csp_IKR060_metadata.json").read_text(encoding="utf-8"))["variables"][1]["values"]
    if a not in ("LV0031010", "LV0038000")
]
ANSWERS = {
    "csp_IKR060_2025-12-15.json": ("IKR060", {"INDICATOR": ["B1GQ"], "AREA": AREAS}, "2025-12-15"),
    "csp_IRS031_2026-03-01.json": ("IRS031", {"INDICATOR": ["POP_SY"], "AREA": AREAS}, "2026-03-01"),
    "csp_NVA011m_2026-11-20.json": ("NVA011m", {}, "2026-11-20"),
}


@pytest.fixture(scope="module")
def municipal(tmp_path_factory) -> Path:
    """The suite's bundled files (tests/fixtures/bundled), with the CSP's municipal tables beside them."""
    raw = tmp_path_factory.mktemp("focus") / "raw"
    shutil.copytree(FIXTURES / "bundled", raw)
    for name, (table, chosen, updated) in ANSWERS.items():
        (raw / name).write_bytes(csp_answer(table, _query(table, **chosen), updated))
    return raw


@pytest.fixture(scope="module")
def mobs(municipal):
    return read(municipal).observations()


def _cells(path: Path) -> dict[tuple[str, ...], float]:
    """A json-stat2 answer read here on its own: (category codes …) -> value."""
    doc = json.loads(path.read_text(encoding="utf-8-sig"))
    ids, out = doc["id"], {}
    sizes = doc["size"]
    codes = [list(doc["dimension"][d]["category"]["index"]) for d in ids]
    for n, value in enumerate(doc["value"]):
        key, rest = [], n
        for size, cats in zip(reversed(sizes), reversed(codes), strict=True):
            key.append(cats[rest % size])
            rest //= size
        out[tuple(reversed(key))] = value
    return out


def _panel(summary, kind: str) -> dict[str, float]:
    rows = summary.data[summary.data["indicator"] == kind]
    return dict(zip(rows["region"], rows["value"], strict=True))


# --- which outputs a focus has ----------------------------------------------------------------------------


def test_the_default_focus_keeps_latgales_own_set():
    assert D.figure_ids(None) == D.FIGURE_IDS
    assert D.sentence_ids(None) == tuple(s.id for s in D.SENTENCES)
    assert "focus_profile" not in D.figure_ids(None) and "06-focus-profile" not in D.notebook_ids(None)
    assert default_focus().territory == "PR_LATGALE_2021"
    assert focus_of(None) == default_focus()  # tests/fixtures/project.toml, the suite's facts, has no [focus]


def test_a_municipality_and_a_region_get_the_focus_set():
    assert D.figure_ids("CITY_DAUGAVPILS", "municipality") == ("focus_profile", "focus_ranking")
    assert D.figure_ids("PR_KURZEME_2021", "region") == (
        "focus_profile",
    )  # a ranking of municipalities: not a region's
    assert D.notebook_ids("CITY_LIEPAJA", "municipality") == ("01-data-overview", "06-focus-profile")


# --- numbers, recomputed from the files -------------------------------------------------------------------


def test_daugavpils_key_figures_are_the_files_values(municipal, mobs):
    focus = focus_of("Daugavpils")
    assert focus.compare_with == ("LV", "PR_LATGALE_2021", "PR_RIGA_2021")
    s = charts.summary("focus_profile", mobs, "lv", focus=focus)
    gdp = _cells(municipal / "csp_IKR060_2025-12-15.json")
    per_capita = {(a, t): v for (i, a, c, t), v in gdp.items() if c == "IKR061"}
    assert _panel(s, "gdp_per_capita_index")["CITY_DAUGAVPILS"] == pytest.approx(
        per_capita[("LV0002000", "2023")] / per_capita[("LV", "2023")] * 100
    )
    # the Latgale region beside it from the same release (IKR060), not from Eurostat's newer one
    assert _panel(s, "gdp_per_capita_index")["LV005"] == pytest.approx(
        per_capita[("LV005", "2023")] / per_capita[("LV", "2023")] * 100
    )
    rates = _cells(municipal / "csp_NVA011m_2026-11-20.json")
    rate = {(a, t): v for (a, c, t), v in rates.items() if c == "NVA011m"}
    una = _panel(s, "registered_unemployment_rate")
    assert una["CITY_DAUGAVPILS"] == rate[("LV0002000", "2026M10")]
    assert una["LV"] == rate[("LV", "2026M10")]
    pop = {(a, t): v for (i, a, c, t), v in _cells(municipal / "csp_IRS031_2026-03-01.json").items()}
    change = _panel(s, "population_change_pct")["CITY_DAUGAVPILS"]
    assert change == pytest.approx(pop[("LV0002000", "2025")] / pop[("LV0002000", "2024")] * 100 - 100)
    # the rank among the municipalities held, by GDP per capita
    [gdp_panel] = [p for p in charts.focus_profile.select(mobs, focus)["panels"] if p.kind == "gdp"]
    held = {a: v for (a, t), v in per_capita.items() if t == "2023" and a.startswith("LV00") and len(a) == 9}
    assert gdp_panel.rank.of == len(held)
    assert gdp_panel.rank.place == 1 + sum(v > held["LV0002000"] for v in held.values())


def test_every_bar_of_a_panel_comes_from_the_focus_release(mobs):
    """Eurostat's regional GDP is newer than the CSP's IKR060 here; the CSP's own values for the regions stand
    beside Daugavpils (the CSP's), and nothing in the footer says another release differs."""
    s = charts.summary("focus_profile", mobs, "en", focus=focus_of("Daugavpils"))
    for indicator, rows in s.data.groupby("indicator"):
        assert rows["release"].nunique() == 1, indicator
    assert "gives other values" not in s.footer


def test_the_sentences_name_the_focus_in_the_case_each_needs(mobs):
    lv = justification(mobs, "lv", focus=focus_of("Daugavpils")).text
    assert "IKP uz vienu iedzīvotāju Daugavpilī bija" in lv and "reģistrētā bezdarba līmenis Daugavpilī bija" in lv
    assert "Latgales reģionā – " in lv and "Latvijā – " in lv
    assert "vieta starp" in lv  # the rank among the municipalities with data
    en = justification(mobs, "en", focus=focus_of("Augšdaugavas novads")).text
    assert "in the Augšdaugava municipality" in en and "the Latgale region" in en
    lv = justification(mobs, "lv", focus=focus_of("Augšdaugavas novads")).text
    assert "Augšdaugavas novadā" in lv


def test_nothing_for_liepaja_says_latgale(mobs):
    focus = focus_of("Liepāja")
    assert focus.compare_with == ("LV", "PR_KURZEME_2021", "PR_RIGA_2021")
    texts = []
    for lang in ("lv", "en"):
        for chart_id in D.figure_ids("CITY_LIEPAJA", "municipality"):
            s = charts.summary(chart_id, mobs, lang, focus=focus)
            texts += [s.title, s.subtitle, s.alt_text, s.footer]
        texts.append(justification(mobs, lang, focus=focus).text)
    joined = " ".join(texts)
    assert "Liepājā" in joined and "Liepāja" in joined and "Kurzemes reģion" in joined
    assert "Latgal" not in joined


def test_a_panel_without_a_value_for_the_focus_is_left_out(mobs):
    """NVA's table holds no Liepāja (the fixture's selection): no unemployment panel, not an empty one."""
    sel = charts.focus_profile.select(mobs, focus_of("Liepāja"))
    assert "una" not in {p.kind for p in sel["panels"]}
    assert {p.kind for p in sel["panels"]} >= {"gdp", "pop"}


# --- the build, the annex, notebook 06 --------------------------------------------------------------------


def test_build_for_liepaja_writes_a_complete_set_named_for_it(municipal, tmp_path, capsys):
    out = tmp_path / "reports"
    assert main(["build", "--data", str(municipal), "--reports", str(out), "--focus", "Liepāja", "--quiet"]) == 0
    said = capsys.readouterr().out
    assert "Focus: Liepāja, compared with Latvia, Kurzeme region, Rīga region" in said
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["focus"] == {"territory": "CITY_LIEPAJA", "compare_with": ["LV", "PR_KURZEME_2021", "PR_RIGA_2021"]}
    for chart_id in ("focus_profile", "focus_ranking"):
        for lang in ("lv", "en"):
            assert (out / "figures" / f"{chart_id}_{lang}.png").stat().st_size > 10_000
    assert not (out / "figures" / "key_figures_lv.png").exists()  # Latgale's set is not this focus's
    doc = Document(str(out / "annex_lv.docx"))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert doc.core_properties.title == "Pielikums. Liepājas sociālekonomiskā situācija"
    assert "Liepājas galvenie sociālekonomiskie rādītāji" in text and "Liepājas vieta starp pašvaldībām" in text
    paragraph = text.split("Pamatojums\n", 1)[1].split("\nAttēli", 1)[0]
    assert "Liepājā" in paragraph and "Latgal" not in paragraph
    en = Document(str(out / "annex_en.docx"))
    assert en.core_properties.title == "Annex. The socio-economic situation of Liepāja"
    html = (out / "notebooks" / "06-focus-profile.html").read_text(encoding="utf-8")
    assert "Liepājā" in html and "Traceback" not in html  # notebook 06 ran for the focus
    assert not (out / "notebooks" / "05-application-figures.html").exists()


def test_an_unknown_focus_gets_the_nearest_names(tmp_path, capsys):
    assert main(["build", "--reports", str(tmp_path / "r"), "--focus", "Daugavpil", "--quiet"]) == 1
    err = capsys.readouterr()
    text = err.out + err.err
    assert "nearest names: 'Daugavpils'" in text and not (tmp_path / "r").exists()


def test_a_focus_without_any_data_is_refused_with_where_to_get_it(tmp_path, capsys):
    """The bundled files hold nothing for Ludza's novads of 2021 (Lursoft's 2017 counts are of the former novads)."""
    assert main(["build", "--reports", str(tmp_path / "r"), "--focus", "Ludzas novads", "--quiet"]) == 1
    err = capsys.readouterr()
    text = err.out + err.err
    assert "[no-data-for-focus]" in text and "CSP IKR060 (latgale-stats update --only csp)" in text
    assert "Register of Enterprises (latgale-stats update --only register)" in text
    assert not (tmp_path / "r").exists()


def test_check_says_what_a_focus_lacks(capsys):
    assert main(["check", "--focus", "Daugavpils"]) == 0
    out = capsys.readouterr().out
    assert "Focus: Daugavpils (municipality), compared with Latvia, Latgale region, Rīga region." in out
    assert "focus_profile: left out: no indicator has a value for Daugavpils" in out
    assert "sentences: focus_enterprises" in out  # Lursoft's 2018 counts, the one figure held


def test_text_for_a_focus(capsys):
    assert main(["text", "--focus", "Daugavpils", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("In 2018, 238 new enterprises were registered in Daugavpils and 335 liquidated (Lursoft")


def test_a_second_focus_in_the_same_process_parses_no_file_again(municipal, tmp_path):
    from latgale_stats.build.make import build
    from latgale_stats.pipeline import load

    raw = tmp_path / "raw"
    shutil.copytree(municipal, raw)
    build(raw, tmp_path / "a", {"focus": "Daugavpils"}, force=True, notebooks=False, quiet=True)
    before = len(load.PARSED)
    build(raw, tmp_path / "b", {"focus": "Liepāja"}, force=True, notebooks=False, quiet=True)
    assert load.PARSED[before:] == []
    with open(raw / "lursoft_new_enterprises.csv", "a", encoding="utf-8") as fh:  # new bytes: read again
        fh.write(
            "new_enterprises,Liepāja,2018,301,enterprises,Lursoft,https://example.invalid/test,made-up test value,,\n"
        )
    build(raw, tmp_path / "c", {"focus": "Liepāja"}, force=True, notebooks=False, quiet=True)
    assert len(load.PARSED[before:]) == len(
        list(raw.glob("*.csv")) + list(raw.glob("*.tsv")) + list(raw.glob("*.json"))
    )


def test_text_for_a_focus_without_a_sentence_says_so(capsys):
    assert main(["text", "--focus", "Ludzas novads"]) == 1
    err = capsys.readouterr().err
    assert "no value for Ludza municipality" in err and 'make check FOCUS="Ludzas novads"' in err


# --- a novads on the real bundled data: the CSP's annual average population (IRS031) ----------------------


@pytest.fixture(scope="module")
def with_irs031(tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("irs031") / "raw"
    shutil.copytree(FIXTURES / "bundled", raw)
    shutil.copy(FIXTURES / "csp" / "IRS031_20251113-180224.csv", raw)
    return raw


def _irs031() -> dict[str, dict[str, int]]:
    """The real download read here on its own: English name -> year -> annual average population."""
    import csv

    with open(FIXTURES / "csp" / "IRS031_20251113-180224.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[2]
    return {r[1]: {y: int(v) for y, v in zip(header[2:], r[2:], strict=True) if v.isdigit()} for r in rows[3:] if r}


def test_the_irs031_download_is_read_on_2021_boundaries_every_year(with_irs031):
    obs = read(with_irs031).observations()
    avg = obs[obs["indicator"] == "population_average"]
    kraslava = avg[avg["region"] == "MUN2021_KRASLAVAS_NOVADS"]
    assert sorted(kraslava["period"]) == [str(y) for y in range(2012, 2025)]  # never the novads of 2009
    assert not avg["region"].str.startswith("MUN2009_").any()
    assert avg["region"].nunique() == 35  # 36 novadi; Varakļāni (part of Madona since 1 July 2024) is not read
    assert kraslava.set_index("period").loc["2015", "value"] == _irs031()["Krāslava municipality"]["2015"]


def test_augsdaugava_ranked_by_its_population_change_from_the_file(with_irs031):
    obs = read(with_irs031).observations()
    focus = focus_of("Augšdaugavas novads")
    source = _irs031()
    change = {name: years["2022"] / years["2012"] * 100 - 100 for name, years in source.items()}
    s = charts.summary("focus_ranking", obs, "lv", focus=focus)
    values = dict(zip(s.data["region"], s.data["value"], strict=True))
    # over 2012–2022: the CSP's method change of 2023 is a declared break, no change is computed across it
    assert values["MUN2021_AUGSDAUGAVAS_NOVADS"] == pytest.approx(change["Augšdaugava municipality"])
    assert s.subtitle.startswith("2012.–2022. gads; Augšdaugavas novads – ")
    held = [v for name, v in change.items() if name != "Varakļāni municipality"]
    place = 1 + sum(v > change["Augšdaugava municipality"] for v in held)
    assert f"{place}. vieta no {len(held)} pašvaldībām" in s.subtitle
    lv = justification(obs, "lv", focus=focus).text
    steeper = len(held) - place
    assert "2012.–2022. gadā vidējais gada iedzīvotāju skaits Augšdaugavas novadā mainījās par -23,9%" in lv
    assert f"straujāks kritums bija tikai {steeper} pašvaldībā no {len(held)}" in lv and steeper == 1
    assert "(CSP, IRS031, lejupielādēts 13.11.2025; autoru aprēķins)" in lv
    en = justification(obs, "en", focus=focus_of("Krāslavas novads")).text
    assert "the steepest fall of the 35 municipalities with data" in en  # Krāslava: −25.5 %, the lowest
