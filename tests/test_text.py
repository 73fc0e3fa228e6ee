"""Sentences: Latvian grammar, numbers from the observations they cite, character budgets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from latgale_stats.cli import main
from latgale_stats.core.model import SourceKind, SourceRef, VintageFrom
from latgale_stats.present import citations
from latgale_stats.present import text as T

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "1 jauns uzņēmums"),
        (2, "2 jauni uzņēmumi"),
        (10, "10 jauni uzņēmumi"),
        (11, "11 jauni uzņēmumi"),
        (21, "21 jauns uzņēmums"),
        (101, "101 jauns uzņēmums"),
        (111, "111 jauni uzņēmumi"),
        (3, "3 jauni uzņēmumi"),
        (31, "31 jauns uzņēmums"),
        (1001, f"1{NBSP}001 jauns uzņēmums"),
        (9227, f"9{NBSP}227 jauni uzņēmumi"),
        (0, "0 jauni uzņēmumi"),
    ],
)
def test_numerals_agree_with_nouns(n, expected):
    assert T.lv_count(n, "jauns uzņēmums", "jauni uzņēmumi") == expected


def test_decimals_take_the_plural_with_a_decimal_comma():
    assert T.lv_count(4.874, "jauns uzņēmums", "jauni uzņēmumi", decimals=1) == "4,9 jauni uzņēmumi"
    assert T.lv_count(1.04, "jauns uzņēmums", "jauni uzņēmumi", decimals=0) == "1 jauns uzņēmums"
    assert T.en_count(1, "new enterprise", "new enterprises") == "1 new enterprise"
    assert T.en_count(21, "new enterprise", "new enterprises") == "21 new enterprises"


MONTHS = [
    "janvāra",
    "februāra",
    "marta",
    "aprīļa",
    "maija",
    "jūnija",
    "jūlija",
    "augusta",
    "septembra",
    "oktobra",
    "novembra",
    "decembra",
]


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_in_the_right_case(month):
    period = f"2025-{month:02d}"
    assert T.lv_month_end(period) == f"2025. gada {MONTHS[month - 1]} beigās"
    assert T.lv_date(f"2023-{month:02d}-21") == f"21.{month:02d}.2023"  # dates in Latvian text: DD.MM.YYYY
    assert T.en_month_end(period).startswith("at the end of ") and T.en_month_end(period).endswith(" 2025")


@pytest.mark.parametrize(
    ("name", "locative"),
    [
        ("Latgales reģions", "Latgales reģionā"),
        ("Latgale", "Latgalē"),
        ("Rīga", "Rīgā"),
        ("Latvija", "Latvijā"),
        ("Kurzeme", "Kurzemē"),
        ("Ludzas novads", "Ludzas novadā"),
        ("Daugavpils", "Daugavpilī"),
    ],
)
def test_locative_region_names(name, locative):
    assert T.lv_locative(name) == locative


def test_the_issue_example_sentence(obs):
    s = T.unemployment(obs, "lv")
    assert s.text == (
        "2025. gada decembra beigās reģistrētā bezdarba līmenis Latgales reģionā bija 10,1%, "
        "Rīgas reģionā – 3,7% (NVA dati, publicēti: Jauns.lv)."
    )
    assert (s.indicator, s.period, s.source, s.length) == (
        "registered_unemployment_rate",
        "2025-12",
        "NVA",
        len(s.text),
    )


def test_a_statement_without_a_year_says_so(obs):
    assert "gads nav norādīts" in T.firm_statement(obs, "lv").text
    assert "year not stated" in T.firm_statement(obs, "en").text


_DATES = re.compile(
    r"\b\d{1,2}\.? (?:(?:" + "|".join(m[:4] for m in MONTHS) + r")\w*|January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b|\b(?:19|20)\d\d\b\.?|ES-27|EU-27"
)
_CONSTANTS = {"1000", "75"}


def _numbers(text: str, lang: str) -> list[float]:
    text = re.sub(r"\([^()]*\)\.?$", "", text.strip())  # the citation in brackets (release dates) is not a value
    text = _DATES.sub(" ", text)
    pattern = r"\d[\d\u00a0]*(?:,\d+)?" if lang == "lv" else r"\d[\d,]*(?:\.\d+)?"
    out = []
    for token in re.findall(pattern, text):
        token = token.rstrip(",")
        if token in _CONSTANTS:
            continue
        plain = token.replace(NBSP, "").replace(",", ".") if lang == "lv" else token.replace(",", "")
        out.append(float(plain))
    return out


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_every_number_is_the_observation_it_cites(obs, lang):
    every = T.sentences(obs, lang)
    assert len(every) >= 6
    for s in every:
        cited = []
        for c in s.cites:
            match = obs[
                (obs["indicator"] == c["indicator"])
                & (obs["region"] == c["region"])
                & (obs["kind"] == c["kind"])
                & ((obs["period"] == c["period"]) if c["period"] else obs["period"].isna())
                & ((obs["versus"] == c["versus"]) if c["versus"] else obs["versus"].isna())
            ]
            assert len(match) == 1, (s.id, c)
            assert match.iloc[0]["value"] == pytest.approx(c["value"])
            cited.append(round(c["value"], c["decimals"]))
        stated = _numbers(s.text, lang)
        assert stated, s.text
        for number in stated:
            assert any(number == pytest.approx(v) for v in cited), (s.text, number, cited)
        if lang == "lv":
            body = re.sub(r"\([^()]*\)\.?$", "", s.text.strip())  # the citation holds release dates
            assert not re.search(r"\d\.\d", _DATES.sub(" ", body)), s.text  # decimal comma only
        assert "(" in s.text and s.text.rstrip(".").endswith(")") or s.id == "gdp_revision"


@pytest.mark.parametrize("budget", [1000, 600, 400, 250, 120])
def test_paragraph_fits_its_budget_by_leaving_out_whole_sentences(obs, budget):
    full = T.justification(obs, "lv")
    para = T.justification(obs, "lv", max_chars=budget)
    assert para.length <= budget
    for s in para.sentences:
        assert s.text in para.text  # never cut
    kept = {s.id for s in para.sentences}
    dropped = [s for s in full.sentences if s.id not in kept]
    if kept and dropped:  # whatever was left out is no more important than what was kept
        assert (
            min(s.importance for s in dropped) >= max(s.importance for s in para.sentences)
            or para.length + 1 + min(len(s.text) for s in dropped) > budget
        )


def test_text_command_prints_the_paragraph_alone_on_stdout(capsys):
    assert main(["text", "--lang", "lv", "--max-chars", "1000"]) == 0
    captured = capsys.readouterr()
    paragraph = captured.out.rstrip("\n")
    assert "\n" not in paragraph and "characters" not in paragraph  # `> field.txt` gets the text only
    assert len(paragraph) <= 1000 and f"[{len(paragraph)} characters of at most 1000" in captured.err
    assert "Latgales reģionā bija 10,1%" in paragraph


def test_a_budget_below_the_shortest_paragraph_is_refused_with_the_minimum(obs, capsys):
    shortest = min(len(s.text) for s in T.sentences(obs, "en") if s.importance == 1)
    assert main(["text", "--lang", "en", "--max-chars", str(shortest - 1)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and f"--max-chars {shortest} or more" in captured.err
    assert main(["text", "--lang", "en", "--max-chars", str(shortest)]) == 0
    assert len(capsys.readouterr().out.rstrip("\n")) == shortest


def test_markdown_keeps_a_year_at_the_start_as_text_and_lists_the_sources(capsys):
    assert main(["text", "--lang", "lv", "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    paragraph, sources = out.split("\n\n**Avoti**\n\n")
    assert re.match(r"\d{4}\\\. gada", paragraph)  # '2025\. gada …', not a list item numbered 2025
    assert "demo\\_r\\_pjanaggr3" in paragraph  # no emphasis from the dataset codes' underscores
    assert "- Eurostat: nama\\_10r\\_3gdp" in sources and "<https://ec.europa.eu/eurostat/" in sources


def test_markdown_escape_leaves_no_list_or_emphasis():
    assert T.markdown_escape("2020. gadā *tikai* 55%") == "2020\\. gadā \\*tikai\\* 55%"
    assert T.markdown_escape("a\n 3) b") == "a\n 3\\) b"


def _dated_current(s) -> bool:
    return bool(s.period) and s.id != "gdp_revision"


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_current_comparisons_lead_and_the_2013_revision_comes_last(obs, lang):
    para = T.justification(obs, lang)
    ids = [s.id for s in para.sentences]
    assert ids[:3] == ["unemployment", "unemployment_rank", "gdp_index"]
    assert ids[-1] == "gdp_revision"
    assert ids.index("firm_births") < ids.index("firm_statement")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_an_undated_statement_never_displaces_a_dated_current_figure(obs, lang):
    every = T.sentences(obs, lang)
    undated = [s for s in every if not s.period]
    assert undated and all(s.importance > t.importance for s in undated for t in every if _dated_current(t))
    for budget in range(100, sum(s.length + 1 for s in every), 25):
        kept = T.justification(obs, lang, budget).sentences
        if any(not s.period for s in kept):
            assert all(t in kept for t in every if _dated_current(t)), budget


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_tight_budget_keeps_the_unemployment_level_and_rank_first(obs, lang):
    every = {s.id: s for s in T.sentences(obs, lang)}
    budget = every["unemployment"].length + 1 + every["unemployment_rank"].length
    assert [s.id for s in T.justification(obs, lang, budget).sentences] == ["unemployment", "unemployment_rank"]


RELEASED = SourceRef(
    "Eurostat", SourceKind.PUBLISHER_FILE, "nama_10r_3gdp", "2026-02-10", vintage_from=VintageFrom.RELEASE
)
COPIED = SourceRef("Eurostat", SourceKind.PUBLISHER_FILE, "bd_size_r3", "2024-01-12", vintage_from=VintageFrom.COPY)


def test_a_release_date_is_cited_as_it_is_and_a_copy_date_as_a_download():
    assert citations.in_brackets([RELEASED], "lv") == "(Eurostat, nama_10r_3gdp, 10.02.2026)"
    assert citations.in_brackets([COPIED], "lv") == "(Eurostat, bd_size_r3, lejupielādēts 12.01.2024)"
    assert citations.source_line([COPIED, RELEASED], "en", derived=True) == (
        "Sources: Eurostat, bd_size_r3, downloaded 12 Jan 2024; Eurostat, nama_10r_3gdp, 10 Feb 2026; "
        "authors' calculation."
    )
    # one dataset held as a release and as a copy: each date says what it is, in date order
    later = SourceRef(
        "Eurostat", SourceKind.PUBLISHER_FILE, "bd_size_r3", "2023-09-28", vintage_from=VintageFrom.RELEASE
    )
    assert citations.cite([COPIED, later], "en") == ["Eurostat, bd_size_r3, 28 Sep 2023 and downloaded 12 Jan 2024"]


def test_the_annex_lists_a_release_as_published_and_a_copy_as_downloaded():
    from latgale_stats.outputs.annex import source_list

    for lang, release, copy in (
        ("lv", "nama_10r_3gdp, publicēts 10.02.2026", "bd_size_r3, lejupielādēts 12.01.2024"),
        ("en", "nama_10r_3gdp, release of 10 Feb 2026", "bd_size_r3, downloaded 12 Jan 2024"),
    ):
        ((publisher, entries),) = source_list([COPIED, RELEASED], lang)
        assert publisher == "Eurostat"
        assert [e.text for e in entries] == [copy, release]
    assert "release" not in citations.dated("2024-01-12", VintageFrom.COPY, "en", listed=True)
    assert citations.dated("2024-01-12", VintageFrom.NONE, "en", listed=True) == "12 Jan 2024"  # kind not known


def test_a_partial_newest_month_leaves_every_comparison_at_one_latest(tmp_path, capsys):
    """Issue 21, item 2: with a newer month held for Latgale, the Rīga region and Latvia only (the fixture's
    2024-12 plus Rīga), the bars, the key figures and both unemployment sentences compare one month, the
    latest with every planning region and Latvia; check says which regions the newer month lacks."""
    import shutil

    from latgale_stats.cli import main
    from latgale_stats.pipeline.load import read
    from latgale_stats.present import text as T
    from latgale_stats.present.charts import summary

    raw = tmp_path / "raw"
    shutil.copytree(Path(__file__).parent / "fixtures" / "dataset", raw)
    with (raw / "nva_registered_unemployment_invented.csv").open("a", encoding="utf-8") as fh:
        fh.write(
            "registered_unemployment_rate,Rīgas reģions,2024-12,3.5,% of economically active population,NVA,"
            'https://example.invalid/nva/2024-12,"INVENTED: Rīgas reģions 3,5%",,invented fixture value\n'
        )
    obs = read(raw).observations()
    said = {s.id: s for s in T.sentences(obs, "en")}
    assert said["unemployment"].period == "2023-12" and said["unemployment_rank"].period == "2023-12"
    assert "6.8 percentage points" in said["unemployment_rank"].text  # 10.9 - 4.1, the month both sentences state
    assert "2023" in summary("unemployment_latest", obs, "en").subtitle
    key = summary("key_figures", obs, "en")
    assert "10.9%" in key.alt_text and "10.1%" not in key.alt_text
    assert main(["check", "--data", str(raw), "--reports", str(tmp_path / "none")]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "registered unemployment 2024-12 is held for Rīgas reģions, Latgales reģions, Latvija only; missing: "
        "Kurzemes reģions, Vidzemes reģions, Zemgales reģions" in out
    )
    assert "stays at 2023-12" in out


FIXTURE = str(Path(__file__).parent / "fixtures" / "dataset")


def test_numbered_citations_leave_the_paragraph_to_the_argument(capsys):
    from latgale_stats.cli import main

    assert main(["text", "--data", FIXTURE, "--lang", "en"]) == 0
    bracketed = capsys.readouterr().out.strip()
    assert main(["text", "--data", FIXTURE, "--lang", "en", "--cite", "numbered"]) == 0
    paragraph, _, listed = capsys.readouterr().out.strip().partition("\n\nSources:\n")
    assert "(NVA data" not in paragraph and "[1]." in paragraph
    numbers = {int(n) for refs in re.findall(r"\[([\d, ]+)\]", paragraph) for n in refs.split(", ")}
    items = listed.splitlines()
    assert numbers == set(range(1, len(items) + 1))  # every number listed, every item cited
    assert items[0].startswith("1. ") and any("Eurostat, nama_10r_3gdp" in i for i in items)
    assert len(paragraph) < 0.8 * len(bracketed)


def test_sentences_can_be_chosen_or_skipped(capsys):
    from latgale_stats.cli import main
    from latgale_stats.pipeline.load import read
    from latgale_stats.present.text import justification

    obs = read(FIXTURE).observations()
    every = [s.id for s in justification(obs, "en").sentences]
    only = justification(obs, "en", only=["gdp_index", "unemployment"])
    assert [s.id for s in only.sentences] == [i for i in every if i in ("gdp_index", "unemployment")]
    skipped = justification(obs, "en", skip=["firm_statement", "gdp_revision"])
    assert [s.id for s in skipped.sentences] == [i for i in every if i not in ("firm_statement", "gdp_revision")]
    assert main(["text", "--data", FIXTURE, "--skip", "gdp_revison"]) == 2
    err = capsys.readouterr().err
    assert "no sentence 'gdp_revison'" in err and "gdp_revision" in err
