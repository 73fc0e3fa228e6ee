"""Periods that have not happened (issue 21, item 8): a figure measured at the end of a month or year, or
over it, exists only once that period has ended; a figure on 1 January once the year has begun. The date
is today's from ``core.clock``, set here with LATGALE_TODAY. Values are made up."""

from __future__ import annotations

from datetime import date

import pytest

import latgale_stats as ls
from latgale_stats.core import clock
from latgale_stats.core import indicators as I
from latgale_stats.outputs.annex import build_date
from register_file import generate

URL = "https://lsm.lv/made-up"
RATE = "registered_unemployment_rate,Latgales reģions,{},9.6,% of economically active population,NVA,{},q,,"
FIRMS = "new_enterprises,Latvija,{},9000,enterprises,Lursoft,{},q,,"
PEOPLE = "population,Latvija,{},1850000,persons,CSB,{},q,,"


def refused(folder) -> list[tuple[str, int | None, str]]:
    with pytest.raises(ls.DataError) as info:
        ls.read(folder)
    return [(p.code, p.row, str(p)) for p in info.value.problems]


@pytest.fixture
def december(monkeypatch):
    monkeypatch.setenv(clock.ENV_TODAY, "2026-12-06")


def test_the_month_not_yet_ended_is_refused_with_its_last_day(curated_dir, december):
    folder = curated_dir(RATE.format("2026-11", URL), RATE.format("2026-12", URL))
    ((code, row, message),) = refused(folder)
    assert (code, row) == ("future-period", 3)
    assert "value '2026-12'" in message and "an end-of-month figure" in message
    assert "2026-12 ends on 2026-12-31 (today is 2026-12-06)" in message
    assert "if it is the figure for the end of 2026-11, write 2026-11" in message


def test_a_year_end_figure_before_the_year_has_ended_is_refused(curated_dir, december):
    folder = curated_dir(RATE.format("2025", URL), RATE.format("2026", URL))
    ((code, row, message),) = refused(folder)
    assert (code, row) == ("future-period", 3)
    assert "a year-end figure (the end of December)" in message and "2026 ends on 2026-12-31" in message
    assert "write 2025" in message


def test_a_years_total_before_the_year_has_ended_is_refused(curated_dir, december):
    folder = curated_dir(FIRMS.format("2025", URL), FIRMS.format("2026", URL))
    ((code, row, message),) = refused(folder)
    assert (code, row) == ("future-period", 3)
    assert "a year's total or average" in message and "2026 ends on 2026-12-31" in message


def test_population_on_1_january_of_this_year_is_taken_and_of_next_year_refused(curated_dir, december):
    ok = ls.read(curated_dir(PEOPLE.format("2026", URL)))
    assert [str(o.period) for o in ok.rows] == ["2026"]
    ((code, row, message),) = refused(curated_dir(PEOPLE.format("2027", URL), name="next.csv"))
    assert code == "future-period" and "2027 begins on 2027-01-01 (today is 2026-12-06)" in message


@pytest.mark.parametrize(("today", "taken"), [("2026-12-31", False), ("2027-01-01", True)])
def test_a_month_ends_with_its_last_day(curated_dir, monkeypatch, today, taken):
    monkeypatch.setenv(clock.ENV_TODAY, today)
    folder = curated_dir(RATE.format("2026-12", URL), FIRMS.format("2026", URL))
    if taken:
        assert len(ls.read(folder).rows) == 2
    else:
        assert [code for code, _, _ in refused(folder)] == ["future-period", "future-period"]


def test_a_typo_far_in_the_future_still_says_so(curated_dir, december):
    ((code, _, message),) = refused(curated_dir(RATE.format("2062-09", URL)))
    assert code == "future-period" and "2062-09 begins on 2062-09-01" in message and "2062 for 2026" in message


def test_a_register_file_dated_after_today_gives_only_periods_ended_before_today(tmp_path, monkeypatch):
    monkeypatch.setenv(clock.ENV_TODAY, "2025-11-20")
    folder = tmp_path / "raw"
    folder.mkdir()
    generate(folder / "ur_register_2026-01-15.csv", 1500)  # dated (made-up) later than "today"
    periods = {str(o.period) for o in ls.read(folder).rows if o.indicator == "registrations"}
    assert max(p for p in periods if len(p) == 7) == "2025-10" and max(p for p in periods if len(p) == 4) == "2024"


def test_every_indicator_says_when_in_its_period_it_is_measured():
    timing = {i.id: i.timing for i in I.CATALOGUE}
    assert {k for k, v in timing.items() if v == "end"} == {
        "registered_unemployment_rate",
        "registered_unemployed",
        "unemployment_gap_pp",
    }
    assert {k for k, v in timing.items() if v == "start"} == {"population", "population_index"}


def test_today_comes_from_one_place(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv(clock.ENV_TODAY, "2026-12-06")
    assert clock.today() == build_date() == date(2026, 12, 6)  # the annex's build date too
    monkeypatch.setenv(clock.ENV_TODAY, "6.12.2026")
    with pytest.raises(ValueError, match="LATGALE_TODAY='6.12.2026' is not a date: write it as YYYY-MM-DD"):
        clock.today()
    monkeypatch.delenv(clock.ENV_TODAY)
    assert clock.today() == date.today()
