"""One declaration per output: every output reads only what it declares, and every consumer of the
declarations (build plan, diff) follows them."""

from __future__ import annotations

import pytest

from latgale_stats.build import plan as P
from latgale_stats.core import declarations as D
from latgale_stats.core import indicators as I
from latgale_stats.outputs.diff import _touches
from latgale_stats.pipeline.select import for_output
from latgale_stats.present import charts, focus_text, text


def test_declarations_name_known_indicators_and_outputs():
    assert D.check() == []
    assert set(charts.MODULES) == set(D.FIGURE_IDS) | set(D.FOCUS_FIGURE_IDS)
    assert set(text.BUILDERS) == {s.id for s in D.SENTENCES}
    assert set(focus_text.BUILDERS) == {s.id for s in D.FOCUS_SENTENCES}


@pytest.mark.parametrize("chart_id", D.FIGURE_IDS)
def test_figures_read_only_what_they_declare(obs, chart_id):
    """Drawn from every observation and from the declared ones alone, a figure is the same: an
    undeclared read would change it (or fail)."""
    module = charts.MODULES[chart_id]
    sel = module.select(obs, "RIGA")  # every observation
    full = module.describe(sel, "en")
    declared = charts.summary(chart_id, obs, "en")  # the declared ones
    assert (declared.title, declared.subtitle, declared.notes[: len(full.notes)], declared.alt_text) == (
        full.title,
        full.subtitle,
        full.notes,
        full.alt_text,
    )
    assert declared.data["value"].tolist() == sel.rows["value"].tolist()


@pytest.mark.parametrize("sentence_id", [s.id for s in D.SENTENCES])
@pytest.mark.parametrize("lang", ["lv", "en"])
def test_sentences_read_only_what_they_declare(obs, sentence_id, lang):
    build = text.BUILDERS[sentence_id]
    full, declared = build(obs, lang), build(for_output(obs, sentence_id), lang)
    assert (full is None) == (declared is None)
    if full is not None:
        assert declared.text == full.text


def test_an_undeclared_read_is_caught(obs):
    """The check above can fail: a figure declared with fewer indicators than it reads differs."""
    narrow = for_output(obs, "gdp_pps_eu")  # no unemployment rows
    with pytest.raises(charts.ChartUnavailable):
        charts.MODULES["unemployment_latest"].select(narrow, "RIGA")


def test_derived_indicators_expand_to_their_inputs():
    assert D.reads("firm_formation") == {
        "registrations_per_1000",
        "registrations",
        "new_enterprises_per_1000",
        "new_enterprises",
        "population",
        "enterprise_births_per_1000",
        "enterprise_births",
    }
    assert D.reads("01-data-overview") is None
    assert "population" in I.with_inputs(["new_enterprises_per_1000"])
    assert I.fed_by(["population"]) == {
        "population",
        "new_enterprises_per_1000",
        "enterprise_births_per_1000",
        "population_index",
        "population_change_pct",
        "gdp_per_capita",
        "gdp_per_capita_index",
        "gdp_index_from_totals",
        "registrations_per_1000",
    }


def test_diff_and_build_plan_follow_the_declarations(obs):
    figures, sentences = _touches("population")
    assert {"firm_formation", "population_change", "key_figures", "gdp_index_latest"} <= set(figures)
    assert "unemployment_trend" not in figures
    assert {"firm_births", "firm_latest", "population"} <= set(sentences) and "unemployment" not in sentences
    assert "population" in D.reads("key_figures")  # through new_enterprises_per_1000
    digests = P.indicator_digests(obs)
    common = dict(
        code="c",
        parameters={"latest_period": None},
        files_of={},
        inputs={},
        project_sha="p",
        force=False,
        langs=("lv",),
        notebooks=True,
    )
    first = P.plan(digests=digests, old_outputs={}, **common)
    assert not any(p.fresh for p in first.files.values())
    old = {rel: {"key": p.key} for rel, p in first.files.items()}
    changed = {**digests, "registered_unemployment_rate": "another digest"}
    second = P.plan(digests=changed, old_outputs=old, **common)
    assert second.figures == {("unemployment_latest", "lv"), ("unemployment_trend", "lv"), ("key_figures", "lv")}
    assert second.notebooks == ["01-data-overview", "03-unemployment", "05-application-figures"]
    assert second.annexes == ["lv"] and second.chart_data_xlsx and second.indicators_xlsx
    same = P.plan(digests=digests, old_outputs=old, **common)
    assert not same.figures and not same.notebooks and not same.annexes
