"""Plausibility of revisions (issue 22, item 3), on held-out revisions.

Each test builds a data folder in tmp from the frozen fixture files (tests/fixtures/dataset/, invented values)
and a held-out revision of one of them: the same file as a newer release (a later LAST UPDATE) with one cell
changed, or a figure read on NVA's own page for a month the fixture holds. The tolerances are those declared in
src/latgale_stats/core/tolerances.toml.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import latgale_stats as ls
from latgale_stats.build.state import input_hashes
from latgale_stats.cli import main
from latgale_stats.core import confirmations
from latgale_stats.core import indicators as I
from latgale_stats.core.model import Status
from latgale_stats.core.origins import check_origins

DATASET = Path(__file__).parent / "fixtures" / "dataset"
POPULATION = "demo_r_pjanaggr3_LV_invented.csv"  # LV005 on 1 January 2020: 256000, row 12
GDP = "nama_10r_3gdp_LV_invented.csv"  # EUR_HAB LV005 2019: 6800
NVA = "nva_registered_unemployment_invented.csv"  # Latgales reģions 2024-12: 10.1


def _fixture(name: str) -> str:
    return (DATASET / name).read_bytes().decode("utf-8")


def _folder(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    for name in names:
        (folder / name).write_text(_fixture(name), encoding="utf-8", newline="")
    return folder


def _release(folder: Path, name: str, source: str, stamp: str, old: str, new: str) -> str:
    """A held-out release of a fixture file: its LAST UPDATE changed to ``stamp`` and one cell replaced."""
    text = _fixture(source)
    assert old in text
    (folder / name).write_text(
        text.replace("10/01/24", stamp).replace("15/01/24", stamp).replace(old, new), encoding="utf-8", newline=""
    )
    return name


def _of(ds: ls.Dataset, code: str) -> list:
    return [w for w in ds.warnings if w.code == code]


def _shown(ds: ls.Dataset, indicator: str, region: str, period: str) -> float:
    [o] = [
        o
        for o in ds.rows
        if (o.indicator, o.region, str(o.period), o.status) == (indicator, region, period, Status.USED)
    ]
    return o.value


def test_the_tolerances_are_declared_as_data_beside_the_catalogue():
    text = (Path(I.__file__).parent / I.TOLERANCES_FILE).read_text(encoding="utf-8")
    factor, declared = I.parse_tolerances(text)
    assert factor == I.refuse_factor() == 100
    assert str(declared["population"].revision) == str(declared["population"].step) == "±5 %"
    assert str(I.tolerances("gdp_total").revision) == str(I.tolerances("gdp_per_capita").revision) == "±15 %"
    assert str(I.tolerances("registered_unemployment_rate").step) == "±3 pp"
    assert I.tolerances("new_enterprises") == I.Tolerances()  # not declared: not checked
    assert I.Tolerance.parse("5 %").exceeded(100, 106) and not I.Tolerance.parse("5 %").exceeded(100, 105)
    assert I.Tolerance.parse("3 pp").change(10.1, 14.2) == "+4.1 pp"
    with pytest.raises(ValueError, match="not an indicator"):
        I.parse_tolerances('refuse_factor = 100\n[unemployment]\nstep = "3 pp"\n')
    with pytest.raises(ValueError, match="not a tolerance"):
        I.parse_tolerances('refuse_factor = 100\n[population]\nrevision = "5 percent"\n')


def test_a_population_unit_error_in_a_held_out_release_is_named_with_both_values_files_and_the_cause(tmp_path):
    folder = _folder(tmp_path, POPULATION)
    # a release in between wrote Latgale's population in thousands; the newest one is right again
    wrong = _release(
        folder, "demo_r_pjanaggr3_LV_2025.csv", POPULATION, "01/03/25", "LV005,2020,256000", "LV005,2020,256"
    )
    right = _release(
        folder, "demo_r_pjanaggr3_LV_2026.csv", POPULATION, "09/04/26", "LV005,2020,256000", "LV005,2020,256000"
    )
    ds = ls.read(folder)
    assert _shown(ds, "population", "LV005", "2020") == 256000
    [w] = _of(ds, "implausible-revision")
    assert (w.file.rsplit("/", 1)[-1], w.row, w.value) == (right, 12, "256000")
    assert "±5 %" in w.expected and f"{right}, row 12" in w.expected and f"{wrong}, row 12" in w.expected
    assert "gives 256000" in w.expected and "gave 256:" in w.expected
    assert "units: a factor of 10^3" in w.action  # the likely cause
    assert not _of(ds, "implausible-jump")  # the series shown is plausible


def test_a_gdp_revision_of_20_percent_is_a_warning_and_the_new_value_is_shown(tmp_path):
    folder = _folder(tmp_path, GDP)
    new = _release(
        folder, "nama_10r_3gdp_LV_2026.csv", GDP, "10/02/26", "EUR_HAB,LV005,2019,6800", "EUR_HAB,LV005,2019,8160"
    )
    ds = ls.read(folder)
    assert _shown(ds, "gdp_per_capita", "LV005", "2019") == 8160  # a warning, never a silent change
    [w] = _of(ds, "implausible-revision")
    assert w.file.endswith(new) and "±15 %" in w.expected and "+20.0 %" in w.expected
    assert "gives 8160" in w.expected and f"{GDP}, row" in w.expected and "gave 6800" in w.expected
    assert "units" not in w.action and "revision larger than publishers usually make" in w.action


def test_a_gdp_revision_within_15_percent_is_not_named(tmp_path):
    folder = _folder(tmp_path, GDP)
    _release(folder, "nama_10r_3gdp_LV_2026.csv", GDP, "10/02/26", "EUR_HAB,LV005,2019,6800", "EUR_HAB,LV005,2019,7800")
    ds = ls.read(folder)
    assert _shown(ds, "gdp_per_capita", "LV005", "2019") == 7800
    assert not _of(ds, "implausible-revision")  # +14.7 %


def test_a_rate_revised_by_more_than_3_points_by_nvas_own_release_is_named(tmp_path):
    folder = _folder(tmp_path, NVA)
    unit = "% of economically active population"
    (folder / "nva_own_pages.csv").write_text(
        "indicator,region,period,value,unit,publisher,url,quote,status,note\n"
        f"registered_unemployment_rate,Latgales reģions,2024-12,14.2,{unit},NVA,"
        "https://www.nva.gov.lv/print.php?txt=9999,INVENTED: 14.2%,,\n"
        f"registered_unemployment_rate,Latvija,2024-12,7.9,{unit},NVA,"
        "https://www.nva.gov.lv/print.php?txt=9999,INVENTED: 7.9%,,\n",
        encoding="utf-8",
    )
    ds = ls.read(folder)
    assert _shown(ds, "registered_unemployment_rate", "PR_LATGALE_2021", "2024-12") == 14.2  # NVA's own release
    [w] = _of(ds, "implausible-revision")  # Latvija moved 2.7 points: within the tolerance
    assert w.file.endswith("nva_own_pages.csv") and w.row == 2
    assert "±3 pp" in w.expected and "+4.1 pp" in w.expected and "gave 10.1" in w.expected and NVA in w.expected
    assert "NVA's own page nva.gov.lv" in w.expected and "NVA press" in w.expected


def test_a_population_that_moves_more_than_5_percent_from_the_year_before_is_named(tmp_path):
    folder = _folder(tmp_path)
    (folder / POPULATION).write_text(
        _fixture(POPULATION).replace("LV005,2021,252000", "LV005,2021,240000"), encoding="utf-8", newline=""
    )
    ds = ls.read(folder)
    [w] = _of(ds, "implausible-jump")
    assert (w.row, w.value) == (13, "240000") and "±5 % from the year before" in w.expected
    assert "2020: 256000" in w.expected and "-6.2 %" in w.expected


@pytest.mark.parametrize(("value", "cause"), [("1300", "a factor of 197"), ("256", "units: a factor of 10^3")])
def test_a_value_100_times_away_from_every_other_source_is_refused_until_confirmed(tmp_path, value, cause):
    folder = _folder(tmp_path, POPULATION)
    new = _release(
        folder, "demo_r_pjanaggr3_LV_2026.csv", POPULATION, "09/04/26", "LV005,2020,256000", f"LV005,2020,{value}"
    )
    with pytest.raises(ls.DataError) as info:
        ls.read(folder)
    [p] = info.value.problems
    assert (p.code, p.file.rsplit("/", 1)[-1], p.row, p.column, p.value) == (
        "unconfirmed-revision",
        new,
        12,
        "value",
        value,
    )
    assert f"256000 in {folder.as_posix()}/{POPULATION}, row 12" in p.expected and f"gives {value}" in p.expected
    assert cause in p.expected and "does not draw it" in p.expected
    lines = p.action.split("\n", 1)[1]
    assert f"{folder.as_posix()}/confirmations.toml" in p.action and "[[confirmed]]" in lines
    assert f'file = "{new}"' in lines and 'region = "LV005"  # Latgale' in lines and f"value = {value}" in lines

    # pasted as the message gives it, checked still empty: refused with what is missing
    (folder / confirmations.FILE).write_text(lines + "\n", encoding="utf-8")
    with pytest.raises(ls.DataError) as info:
        ls.read(folder)
    assert info.value.codes == ["bad-confirmations", "unconfirmed-revision"]
    assert "checked is empty" in info.value.problems[0].expected

    # with who checked it: drawn, and the value says it was confirmed
    checked = lines.replace('checked = ""', 'checked = "INVENTED: a test, 2026-04-10, in the held-out file"')
    (folder / confirmations.FILE).write_text(checked + "\n", encoding="utf-8")
    ds = ls.read(folder)
    assert _shown(ds, "population", "LV005", "2020") == float(value)
    [o] = [o for o in ds.rows if str(o.period) == "2020" and o.region == "LV005" and o.status == Status.USED]
    assert "confirmed in confirmations.toml: INVENTED: a test" in o.note
    assert not _of(ds, "stale-confirmation")
    assert {f.path.name for f in ds.files} == {POPULATION, new}  # the confirmations are not read as data
    assert [why for path, why in ds.skipped if path.endswith("/confirmations.toml")] == [
        "values confirmed although they moved by a factor of 100 or more (read with the data)"
    ]

    # the file corrected again: the confirmation names no refused value any more
    (folder / new).write_text(_fixture(POPULATION).replace("10/01/24", "09/04/26"), encoding="utf-8", newline="")
    [w] = _of(ls.read(folder), "stale-confirmation")
    assert "[[confirmed]] number 1" in w.action and w.file.endswith("confirmations.toml")


def test_check_and_the_build_stop_with_the_lines_to_write_and_leave_the_reports(tmp_path, capsys):
    folder = _folder(tmp_path, POPULATION)
    _release(folder, "demo_r_pjanaggr3_LV_2026.csv", POPULATION, "09/04/26", "LV005,2020,256000", "LV005,2020,1300")
    assert main(["check", "--data", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "[unconfirmed-revision]" in err and 'indicator = "population"' in err
    out = tmp_path / "reports"
    assert main(["build", "--data", str(folder), "--reports", str(out), "--no-notebooks", "--quiet"]) == 1
    assert "[unconfirmed-revision]" in capsys.readouterr().err and not out.exists()


def test_a_confirmation_is_an_input_of_the_build_and_no_data_file(tmp_path):
    folder = _folder(tmp_path, POPULATION)
    before = input_hashes(folder)
    (folder / confirmations.FILE).write_text("", encoding="utf-8")
    after = input_hashes(folder)
    assert set(after) - set(before) == {f"{folder.as_posix()}/confirmations.toml"}  # adding one rebuilds
    assert not [m for m in check_origins(folder, {}) if "confirmations.toml" in m]  # needs no origin record
    assert _shown(ls.read(folder), "population", "LV005", "2020") == 256000  # an empty file confirms nothing


def test_a_confirmations_file_that_is_not_valid_is_an_error_naming_it(tmp_path):
    folder = _folder(tmp_path, POPULATION)
    (folder / confirmations.FILE).write_text('[[confirmed]]\nfile = "x.csv"\nvalue = "1300"\n', encoding="utf-8")
    with pytest.raises(ls.DataError) as info:
        ls.read(folder)
    [p] = info.value.problems
    assert p.code == "bad-confirmations" and "missing indicator, region, period, checked" in p.expected
