"""What a person sees in the workbooks: chart_data.xlsx, indicators.xlsx and the data-entry template
(headers in Latvian and English that show whole, number formats with the figures' decimals,
wrapped long text, frozen headers, print setup), and the template read back as a spreadsheet
program with Latvian settings saves it."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

import latgale_stats as ls
from conftest import RAW
from latgale_stats.cli import main
from latgale_stats.core import indicators as I
from latgale_stats.ingest import entry
from latgale_stats.outputs import files, template
from latgale_stats.outputs.sheets import print_scale
from latgale_stats.present import charts

FIX = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="module")
def indicators_book(obs):
    return load_workbook(io.BytesIO(files.indicators_workbook(obs)))


@pytest.fixture(scope="module")
def chart_book(obs):
    ids = ("gdp_pps_eu", "key_figures")
    summaries = [charts.summary(chart_id, obs, lang) for chart_id in ids for lang in ("lv", "en")]
    return load_workbook(io.BytesIO(files.chart_data_workbook(summaries)))


def rows(ws) -> list[dict]:
    values = list(ws.values)
    keys = files.column_keys(values[0])
    return [dict(zip(keys, r, strict=True)) for r in values[1:]]


def assert_readable_sheet(ws) -> None:
    """Headers in both languages and wide enough; frozen; printed landscape with type of 8 pt or more
    (fitted to one page wide where that keeps 75 %, else several pages wide with the first column
    repeated), the header on every page."""
    for cell in ws[1]:
        lines = str(cell.value).split("\n")
        assert len(lines) == 2 or cell.value == "SHA-256", cell.value  # Latvian above English
        assert cell.font.bold and cell.alignment.wrap_text
        assert ws.column_dimensions[cell.column_letter].width >= max(len(line) for line in lines), cell.value
    assert ws.row_dimensions[1].height >= 2 * files.LINE_HEIGHT
    assert ws.freeze_panes == "A2"
    setup = ws.page_setup
    assert setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    if ws.sheet_properties.pageSetUpPr.fitToPage:
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    else:
        assert int(setup.scale) == 75 and ws.print_title_cols == "$A:$A" and setup.pageOrder == "overThenDown"
    assert 11 * print_scale(ws) >= 8 - 1e-9, ws.title  # the sheet's 11 pt type prints at 8 pt or more


def test_indicators_workbook_is_readable_and_printable(indicators_book):
    for ws in indicators_book.worksheets:
        assert_readable_sheet(ws)
    assert files.header("value") == "Vērtība\nValue"


@pytest.mark.parametrize("indicator", ["gdp_per_capita", "registered_unemployment_rate", "population_index"])
def test_indicator_values_carry_the_decimals_the_figures_show(indicators_book, indicator):
    ws = indicators_book[indicator]
    column = files.column_keys(next(ws.values)).index("value") + 1
    decimals = I.get(indicator).decimals
    cells = [row[0] for row in ws.iter_rows(min_row=2, min_col=column, max_col=column)]
    assert cells and {c.number_format for c in cells if isinstance(c.value, float)} == {files.number_format(decimals)}
    assert files.number_format(0) == "#,##0" and files.number_format(1) == "#,##0.0"


def test_chart_data_values_follow_their_indicator_and_long_text_wraps(chart_book):
    for ws in chart_book.worksheets:
        assert_readable_sheet(ws)
    seen = set()
    for ws in (chart_book["key_figures"], chart_book["gdp_pps_eu"]):
        keys = files.column_keys(next(ws.values))
        for row in ws.iter_rows(min_row=2):
            indicator, value = row[keys.index("indicator")].value, row[keys.index("value")]
            if isinstance(value.value, float | int):
                assert value.number_format == files.number_format(I.get(indicator).decimals)
                seen.add(value.number_format)
    assert seen == {"#,##0", "#,##0.0"}  # % of the EU average whole, indices and rates with one decimal
    index = chart_book["figures"]
    keys = files.column_keys(next(index.values))
    for number, row in enumerate(index.iter_rows(min_row=2), 2):
        for key in ("footer", "alt_text"):
            cell = row[keys.index(key)]
            assert cell.alignment.wrap_text and cell.alignment.vertical == "top"
        alt = row[keys.index("alt_text")].value
        width = index.column_dimensions[row[keys.index("alt_text")].column_letter].width
        if len(alt) > width:  # given the height of its lines, whatever program opens it
            assert index.row_dimensions[number].height >= files.LINE_HEIGHT * 2


def test_headers_read_back_to_their_keys(chart_book):
    assert len({files.header(k) for k in files.HEADERS}) == len(files.HEADERS)  # no two columns alike
    (first, *_) = rows(chart_book["figures"])
    assert {"figure", "language", "title", "footer", "alt_text"} <= set(first)
    keys = list(first)
    assert keys.index("alt_text") == keys.index("title") + 1  # the alt text beside the title, not off-screen
    for row in rows(chart_book["figures"]):
        assert "\n" not in row["footer"] and row["footer"].startswith(("Avot", "Source"))  # plain sentences


# --- the data-entry template --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def blank():
    return load_workbook(io.BytesIO(template.template_bytes()))


def test_template_headers_show_whole_and_sheets_print(blank):
    for name in entry.SHEETS:
        ws = blank[name]
        for cell in ws[1]:
            assert ws.column_dimensions[cell.column_letter].width >= len(cell.value) + 1, (name, cell.value)
        assert ws.freeze_panes == "A2" and ws.print_title_rows == "$1:$1"
        assert ws.page_setup.orientation == "landscape" and 11 * print_scale(ws) >= 8
        # the value column stays General: only there does a spreadsheet program mark a date it read as a date
        assert ws.column_dimensions["C"].number_format == "General"


def blank_in_folder(tmp_path: Path):
    """A data folder holding only an empty template, its path and the workbook to fill."""
    folder = tmp_path / "raw"
    folder.mkdir()
    book = folder / "entry.xlsx"
    book.write_bytes(template.template_bytes())
    return folder, book, load_workbook(book)


def _listed(wb, ws, column: str) -> list[str]:
    dv = next(d for d in ws.data_validations.dataValidation if f"{column}2:{column}1000" in str(d.sqref))
    ref = dv.formula1.split("!")[1].replace("$", "")
    return [c.value for row in wb[entry.LISTS][ref] for c in row]


def test_template_unit_and_status_lists_are_in_latvian_and_english(blank):
    for name in entry.SHEETS:
        units = _listed(blank, blank[name], "D")
        assert units and I.get(name).unit in [u.split(" / ")[1] for u in units]
        for unit in units:
            lv, en = unit.split(" / ")
            assert lv != en and I.get(name).factor(en) is not None
    assert _listed(blank, blank["population"], "H") == ["apšaubāms / suspect"]


def test_picked_latvian_units_and_status_read_back_as_the_catalogue_knows_them(tmp_path):
    folder, book, wb = blank_in_folder(tmp_path)
    (unit_lv_en,) = [u for u in entry.unit_choices("gdp_total") if u.endswith("EUR billion")]
    src = "https://example.invalid/made-up"  # invented values
    wb["gdp_total"].append(["Latgales reģions", 2021, "1,5", unit_lv_en, "CSB", src, "", "", ""])
    wb["gdp_total"].append(["Latvija", 2021, 33, "milj. EUR", "CSB", src, "", "apšaubāms / suspect", "test"])
    wb.save(book)
    df = ls.load(data_dir=folder, all_rows=True)
    got = df[df["indicator"] == "gdp_total"].set_index("region")
    assert got.loc["LV005", "value"] == 1500.0 and got.loc["LV005", "unit_published"] == "EUR billion"
    assert got.loc["LV", "status"] == "suspect"


def test_template_messages_write_plain_numbers(blank, tmp_path):
    texts = [dv.error for name in entry.SHEETS for dv in blank[name].data_validations.dataValidation]
    assert not [t for t in texts if "e+" in t or "inf" in t]
    assert any("1 000 000" in t for t in texts)  # GDP per capita up to a million, not "1e+06"
    folder, book, wb = blank_in_folder(tmp_path)
    unit = next(iter(entry.unit_choices("gdp_per_capita")))
    wb["gdp_per_capita"].append(["Latvija", 2021, 5_000_000, unit, "CSB", "https://example.invalid", "", "", ""])
    wb.save(book)
    with pytest.raises(ls.DataError) as info:
        ls.read(folder)
    (problem,) = info.value.problems
    assert problem.code == "out-of-range" and "1 000 000" in str(info.value) and "e+" not in str(info.value)


@pytest.mark.parametrize("calc", ["calc_lv-LV.xlsx", "calc_en-US.xlsx"])
def test_values_typed_with_a_decimal_comma_are_read_as_calc_saves_them(tmp_path, calc):
    """LibreOffice Calc with Latvian settings saves '9,8' typed in a cell as the number 9.8; with
    other settings it keeps the text '9,8' (and '1 234,5' with a space or a no-break space). The
    cells it saved (fixtures) are put into the template as they are: both read as the same numbers."""
    typed = [row[2] for row in load_workbook(FIX / "entry" / calc).active.iter_rows(min_row=2, values_only=True)]
    assert len(typed) == 4 and (all(isinstance(v, float) for v in typed) or all(isinstance(v, str) for v in typed))
    folder, book, wb = blank_in_folder(tmp_path)
    unit = next(iter(entry.unit_choices("gdp_per_capita")))
    for year, value in zip((2020, 2021, 2022, 2023), typed, strict=True):
        wb["gdp_per_capita"].append(["Latvija", year, value, unit, "CSB", "https://example.invalid", "", "", ""])
    wb.save(book)
    df = ls.load(data_dir=folder)
    got = df[(df["indicator"] == "gdp_per_capita") & (df["kind"] == "observation")].set_index("period")["value"]
    assert got.to_dict() == {"2020": 9.8, "2021": 5.25, "2022": 1234.5, "2023": 1234.5}


def test_template_goes_into_data_raw_and_says_where(tmp_path, monkeypatch, capsys):
    project = tmp_path / "project"
    shutil.copytree(RAW, project / "data" / "raw")  # the suite's frozen data, never the user's data/raw/
    (project / "pyproject.toml").write_text("")
    monkeypatch.setenv("LATGALE_STATS_ROOT", str(project))
    monkeypatch.chdir(project)
    before = {p.name for p in project.iterdir()}
    assert main(["template"]) == 0
    assert {p.name for p in project.iterdir()} == before  # nothing loose in the project root, no reports/
    assert (project / "data" / "raw" / "entry_to_fill.xlsx").is_file()
    out = capsys.readouterr().out
    assert "Wrote data/raw/entry_to_fill.xlsx" in out and "save it where it is" in out
    assert "origins add data/raw/entry_to_fill.xlsx --publisher NVA --url" in out
    elsewhere = tmp_path / "elsewhere" / "nva.xlsx"
    assert main(["template", "--out", str(elsewhere)]) == 0
    out = capsys.readouterr().out
    assert elsewhere.is_file() and str(elsewhere) in out and "save it into data/raw/" in out


# --- entering figures in Latvian spreadsheets (issue 21, item 3) --------------------------------------------
# The workbooks below are what LibreOffice Calc saved after 9.6, 9,6, 19.8 and 3,9 were typed into the value
# cells of rows 2 to 5 of registered_unemployment_rate (tests/fixtures/README.md says how they were made).


def _calc_filled(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copyfile(FIX / "entry" / name, folder / "entry.xlsx")
    return folder


@pytest.fixture
def december(monkeypatch):
    monkeypatch.setenv("LATGALE_TODAY", "2026-12-06")


@pytest.mark.parametrize(
    ("calc", "known"),
    [
        ("calc_lv-LV_template.xlsx", ""),  # a General cell: Calc gave the date a date format
        ("calc_lv-LV_template_number_format.xlsx", " (46182 is the date 2026-06-09)"),  # the bare serial
    ],
)
def test_a_value_calc_read_as_a_date_is_refused_with_what_to_type(tmp_path, december, calc, known):
    with pytest.raises(ls.DataError) as info:
        ls.read(_calc_filled(tmp_path, calc))
    problems = info.value.problems
    assert [(p.code, p.sheet, p.row, p.column) for p in problems] == [
        ("value-is-date", "registered_unemployment_rate", row, "Vērtība / Value (C)") for row in (2, 4)
    ]
    first, second = (str(p) for p in problems)
    assert f"the spreadsheet read 9.6 as a date{known}: type 9,6" in first
    assert "entry.xlsx, sheet registered_unemployment_rate, row 2, column Vērtība / Value (C)" in first
    assert "the spreadsheet read 19.8 as a date" in second and "type 19,8" in second


def test_the_dates_retyped_with_a_decimal_comma_are_taken(tmp_path, december):
    folder = _calc_filled(tmp_path, "calc_lv-LV_template.xlsx")
    wb = load_workbook(folder / "entry.xlsx")
    for row, typed in ((2, 9.6), (4, 19.8)):  # retyped as the message says: 9,6 is saved as the number 9.6
        cell = wb["registered_unemployment_rate"].cell(row=row, column=3)
        cell.value, cell.number_format = typed, "General"
    wb.save(folder / "entry.xlsx")
    ds = ls.read(folder)
    assert sorted((o.region, str(o.period), o.value) for o in ds.rows) == [
        ("PR_LATGALE_2021", "2026-01", 9.6),
        ("PR_LATGALE_2021", "2026-02", 9.6),
        ("PR_RIGA_2021", "2026-01", 19.8),
        ("PR_RIGA_2021", "2026-02", 3.9),
    ]


def test_values_typed_with_english_settings_are_read(tmp_path, december):
    ds = ls.read(_calc_filled(tmp_path, "calc_en-US_template.xlsx"))
    got = sorted((o.cell.row, o.value) for o in ds.rows)
    assert got == [(2, 9.6), (3, 9.6), (4, 19.8), (5, 3.9)]  # 9,6 kept as text there, read all the same


def test_a_possible_value_in_a_number_cell_is_not_taken_for_a_date(tmp_path):
    folder, book, wb = blank_in_folder(tmp_path)
    unit = next(iter(entry.unit_choices("population")))
    wb["population"].append(["Latvija", 2024, 46182, unit, "CSB", "https://example.invalid", "", "", ""])
    wb.save(book)
    assert [o.value for o in ls.read(folder).rows] == [46182.0]  # a population of 46 182: nothing says date


def _allowed(dv, cell) -> bool:
    """Whether a decimal data validation lets the cell's value through, as the spreadsheet program checks it."""
    return isinstance(cell.value, int | float) and float(dv.formula1) <= cell.value <= float(dv.formula2)


@pytest.mark.parametrize(
    ("calc", "typed_as_the_instructions_say"),
    [("calc_lv-LV_template.xlsx", (3, 5)), ("calc_en-US_template.xlsx", (2, 4))],
)
def test_the_value_validation_allows_what_the_instructions_say(calc, typed_as_the_instructions_say):
    """Latvian settings: the instructions say 19,8 (rows 3 and 5 were typed 9,6 and 3,9); English settings:
    19.8 (rows 2 and 4, typed 9.6 and 19.8). Calc saved those as numbers that the template's validation, as
    Calc saved it back, lets through; what the instructions advise against (9.6 with Latvian settings, a
    date; 9,6 with English settings, text) it refuses, and its message says what to type."""
    lv, en = entry.TEXT[3]
    assert "19,8" in lv and "19.8" in lv and "datumu" in lv  # a comma, and why not a point
    assert "19,8 with Latvian settings" in en and "19.8 with English settings" in en
    ws = load_workbook(FIX / "entry" / calc)["registered_unemployment_rate"]
    (dv,) = [d for d in ws.data_validations.dataValidation if d.type == "decimal"]
    assert "C2:C1000" in str(dv.sqref) and dv.showErrorMessage and dv.showInputMessage
    for row in range(2, 6):
        assert _allowed(dv, ws.cell(row=row, column=3)) == (row in typed_as_the_instructions_say), row
    for text in (dv.error, dv.prompt):
        assert "9,8" in text and "9.8" in text and len(text) <= 255  # Excel's limit for both messages
    assert "latviešu iestatījumos 9.8 ir datums" in dv.error and "from 0 to 100" in dv.error
