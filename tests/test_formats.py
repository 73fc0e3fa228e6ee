"""Publisher downloads as publishers make them (fixtures: invented values, see fixtures/README.md)."""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

import latgale_stats as ls
from conftest import RAW
from latgale_stats.cli import main
from latgale_stats.core import indicators as I
from latgale_stats.core.corrections import corrections, for_file, parse
from latgale_stats.ingest import entry
from latgale_stats.outputs import template
from latgale_stats.present import charts

FIX = Path(__file__).parent / "fixtures"
CELL = ["indicator", "region", "period", "value"]


def load_one(tmp_path: Path, source: Path, name: str | None = None, data: bytes | None = None):
    folder = tmp_path / "raw"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / (name or source.name)
    target.write_bytes(data if data is not None else source.read_bytes())
    ds = ls.read(folder)
    return ds, ds.observations()


def cells(df):
    obs = df[df["kind"] == "observation"]
    return sorted(map(tuple, obs[CELL].astype(str).values.tolist()))


@pytest.mark.parametrize(
    "name",
    [
        "csb_api_v1_csv2_long_texts.csv",
        "csb_api_v1_csv3_long_codes.csv",
        "csb_api_v1_response_json_format_bom.json",
        "csb_table_example.px",
    ],
)
def test_csb_formats_give_the_same_observations_as_json_stat2(tmp_path, name):
    _, reference = load_one(tmp_path / "a", FIX / "csb_api_v1_response.json-stat2.json")
    _, other = load_one(tmp_path / "b", FIX / name)
    assert cells(other) == cells(reference)
    assert set(reference["region"]) == {"LV", "LV00A", "LV006", "LV007"}  # both 2024 vintages side by side


def test_latvian_and_english_csv_downloads_agree(tmp_path):
    _, en = load_one(tmp_path / "en", FIX / "csb_pxweb_en_semicolon_with_heading.csv")
    _, lv = load_one(tmp_path / "lv", FIX / "csb_pxweb_lv_semicolon_with_heading.csv")
    assert cells(en) == cells(lv)
    assert {"LV00A", "LV00B", "LV00C", "LV006", "LV007", "LV005", "LV009", "LV"} == set(en["region"])


def test_two_heading_variables_and_symbols(tmp_path):
    ds, df = load_one(tmp_path, FIX / "csb_pxweb_en_comma_two_heading_vars.csv")
    obs = df[df["kind"] == "observation"].set_index(["indicator", "region", "period"])["value"]
    assert obs[("gdp_total", "LV00A", "2022")] == 25000  # thousand euro -> EUR million
    assert obs[("gdp_per_capita", "LV005", "2021")] == 8800
    assert ("gdp_per_capita", "LV005", "2022") not in obs  # '…' is not available: no observation
    assert obs[("gdp_share", "LV005", "2022")] == 0  # '-' is magnitude zero
    assert "not available" in ds.files[0].notes[0]


def test_xlsx_downloads_both_layouts(tmp_path):
    ds1, a = load_one(tmp_path / "a", FIX / "csb_pxweb_export_en.xlsx")
    ds2, b = load_one(tmp_path / "b", FIX / "csb_pxweb_export_en_code_and_text.xlsx")
    assert cells(a) == cells(b) and len(cells(a)) == 8
    assert ds1.files[0].vintage == ds2.files[0].vintage == "2024-10-09"
    assert "Live births" in ds1.files[0].notes[0]  # rows of indicators the catalogue does not use
    row = a[(a["region"] == "LV00C") & (a["period"] == "2024")].iloc[0]
    assert row.value == 276000 and row.row == 12 and row.dataset == "IRS030"


def test_vintage_and_table_from_the_api_answer(tmp_path):
    _, df = load_one(tmp_path, FIX / "csb_api_v1_response.json-stat2.json")
    assert set(df["vintage"]) == {"2024-10-09"} and set(df["dataset"]) == {"IRS030"}
    assert df["url"].iloc[0].endswith("/IRS030")


def test_a_date_in_the_content_is_a_release_one_in_the_name_a_copy(tmp_path):
    """A date the file holds is the publisher's release; the download time in a CSP file name or the date
    in a TSV's name is only the day the copy was made, and every row says which it carries."""
    ds, df = load_one(tmp_path / "a", FIX / "csb_api_v1_response.json-stat2.json")
    assert set(zip(df["vintage"], df["vintage_from"], strict=True)) == {("2024-10-09", "release")}
    assert ds.files[0].vintage_from == "release"
    assert {s.vintage_from for refs in df["sources"] for s in refs} == {"release"}
    ds, df = load_one(
        tmp_path / "b", FIX / "csb_pxweb_lv_semicolon_with_heading.csv", name="IRS030_20231109-185354.csv"
    )
    assert set(zip(df["vintage"], df["vintage_from"], strict=True)) == {("2023-11-09", "copy")}
    ds, df = load_one(tmp_path / "c", RAW / "bd_size_r3_LV_2024-01-12.tsv")
    assert (ds.files[0].vintage, ds.files[0].vintage_from) == ("2024-01-12", "copy")
    assert set(df.loc[df["kind"] == "observation", "vintage_from"]) == {"copy"}
    ds, df = load_one(tmp_path / "d", RAW / "nama_10r_3gdp_LV_2023-02-21.csv")
    assert set(df.loc[df["kind"] == "observation", "vintage_from"]) == {"release"}


@pytest.mark.parametrize(("date_from", "expected"), [("copy", "copy"), ("metadata", "release")])
def test_the_origin_record_says_whether_its_date_is_a_release(tmp_path, date_from, expected):
    source = RAW / "bd_size_r3_LV_2024-01-12.tsv"
    sha = hashlib.sha256(source.read_bytes()).hexdigest()
    record = (
        '[files."births.tsv"]\npublisher = "Eurostat"\nkind = "publisher file"\ndataset = "bd_size_r3"\n'
        f'title = "t"\nlicence = "l"\nsha256 = "{sha}"\nrelease_date = "2023-12-01"\n'
        f'release_date_from = "{date_from}"\n'
    )
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "origins.toml").write_text(record, encoding="utf-8")
    ds, df = load_one(tmp_path, source, name="births.tsv")
    assert not ds.warnings
    assert (ds.files[0].vintage, ds.files[0].vintage_from) == ("2023-12-01", expected)
    assert set(zip(df["vintage"], df["vintage_from"], strict=True)) == {("2023-12-01", expected)}


def test_format_is_read_from_the_content_not_the_name(tmp_path):
    _, a = load_one(tmp_path / "a", FIX / "csb_pxweb_en_semicolon_with_heading.csv", name="download.dat")
    _, b = load_one(tmp_path / "b", RAW / "demo_r_pjanaggr3_LV_2022-06-02.csv", name="population.dat")
    assert len(a) and set(b.loc[b["kind"] == "observation", "indicator"]) == {"population"}


def _tsv_from_sdmx(sdmx: Path, header: str, change: dict | None = None) -> str:
    """The same data as Eurostat's TSV (made from the real SDMX-CSV; ``change`` alters values)."""
    table: dict[tuple, dict[str, str]] = {}
    periods: set[str] = set()
    for r in csv.DictReader(io.StringIO(sdmx.read_text(encoding="utf-8"), newline="")):
        dims = (r["freq"], r["unit"], r["geo"]) if header == "freq" else (r["unit"], r["geo"])
        value = change.get((r["unit"], r["geo"], r["TIME_PERIOD"]), r["OBS_VALUE"]) if change else r["OBS_VALUE"]
        table.setdefault(dims, {})[r["TIME_PERIOD"]] = f"{value} {r['OBS_FLAG']}".rstrip() + " "
        periods.add(r["TIME_PERIOD"])
    cols = sorted(periods, reverse=True)
    first = "freq,unit,geo\\TIME_PERIOD" if header == "freq" else "unit,geo\\time"
    lines = ["\t".join([first, *(f"{p} " for p in cols)])]
    for dims, values in sorted(table.items()):
        lines.append("\t".join([",".join(dims), *(values.get(p, ": ") for p in cols)]))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("header", ["freq", "old"])
def test_eurostat_tsv_and_sdmx_csv_give_identical_observations(tmp_path, header):
    sdmx = RAW / "nama_10r_3gdp_LV_2023-02-21.csv"
    _, a = load_one(tmp_path / "a", sdmx)
    tsv = _tsv_from_sdmx(sdmx, header).encode()
    ds, b = load_one(tmp_path / "b", sdmx, name="nama_10r_3gdp_LV_2023-02-21.tsv", data=tsv)
    assert ds.files[0].format == "Eurostat TSV"
    cols = [*CELL, "flag", "vintage", "dataset", "unit", "publisher"]
    assert a[cols].sort_values(CELL).values.tolist() == b[cols].sort_values(CELL).values.tolist()


def _with_conf_status(sdmx: Path, status: dict[tuple[str, str, str], tuple[str, str]] | None = None) -> bytes:
    """The real SDMX-CSV with the ``CONF_STATUS`` column current answers carry after ``OBS_FLAG``
    (FORMATS.md §10), empty; ``status`` sets (value, status) of some (unit, geo, period) cells."""
    rows = list(csv.reader(io.StringIO(sdmx.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    assert header[-1] == "OBS_FLAG"
    at = {h: i for i, h in enumerate(header)}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*header, "CONF_STATUS"])
    for row in rows[1:]:
        value, conf = (status or {}).get((row[at["unit"]], row[at["geo"]], row[at["TIME_PERIOD"]]), (None, ""))
        if value is not None:
            row[at["OBS_VALUE"]] = value
        writer.writerow([*row, conf])
    return out.getvalue().encode("utf-8")


def test_eurostat_sdmx_csv_with_conf_status_gives_identical_observations(tmp_path):
    sdmx = RAW / "nama_10r_3gdp_LV_2023-02-21.csv"
    without, a = load_one(tmp_path / "a", sdmx)
    data = _with_conf_status(sdmx)
    assert data.splitlines()[0].endswith(b",OBS_FLAG,CONF_STATUS") and data.splitlines()[1].endswith(b",")
    with_, b = load_one(tmp_path / "b", sdmx, data=data)
    assert with_.files[0].format == "Eurostat SDMX-CSV" and with_.warnings == without.warnings
    cols = [*CELL, "flag", "vintage", "dataset", "unit", "publisher", "note", "status"]
    assert len(a) > 100
    assert a[cols].sort_values(CELL).values.tolist() == b[cols].sort_values(CELL).values.tolist()
    assert with_.files[0].notes == without.files[0].notes


def test_eurostat_confidential_cell_is_not_available_and_a_status_is_noted(tmp_path):
    sdmx = RAW / "nama_10r_3gdp_LV_2023-02-21.csv"
    status = {("EUR_HAB", "LV005", "2019"): ("", "C"), ("EUR_HAB", "LV005", "2018"): ("7300", "F")}  # invented
    ds, df = load_one(tmp_path, sdmx, data=_with_conf_status(sdmx, status))
    per_head = values(df, "gdp_per_capita")
    assert ("LV005", "2019") not in per_head  # confidential without a value: not available, never 0
    assert per_head[("LV005", "2018")] == 7300 and per_head[("LV005", "2020")] > 0
    obs = df[(df["kind"] == "observation") & (df["indicator"] == "gdp_per_capita") & (df["region"] == "LV005")]
    notes = dict(zip(obs["period"].astype(str), obs["note"], strict=True))
    assert notes["2018"] == "Eurostat confidentiality status (CONF_STATUS): F" and notes["2020"] == ""
    assert "confidential, no value (CONF_STATUS C) (1)" in ds.files[0].notes[0]


def test_older_vintage_beside_the_bundled_one_and_diff(tmp_path, capsys):
    """An older Eurostat release (TSV; values changed for the test, so invented) read beside the
    bundled 2023-02-21 SDMX-CSV: the newest is used, check says so, diff lists the revisions."""
    data = tmp_path / "raw"
    data.mkdir()
    sdmx = RAW / "nama_10r_3gdp_LV_2023-02-21.csv"
    revised = {
        ("EUR_HAB", "LV005", "2019"): "7900",
        ("EUR_HAB", "LV006", "2019"): "25800",
        ("MIO_EUR", "LV", "2019"): "30605.71",
    }
    (data / "nama_10r_3gdp_LV_2022-04-20.tsv").write_text(_tsv_from_sdmx(sdmx, "old", revised), encoding="utf-8")
    out = tmp_path / "reports"
    assert main(["build", "--data", str(data), "--reports", str(out), "--quiet", "--no-notebooks"]) == 0
    summary = [line for line in capsys.readouterr().out.splitlines() if "annex" in line or "Wrote" in line]
    assert "annex_en.docx" in summary[0] and "annex_lv.docx" in summary[0]  # the annexes named first
    shutil.copy(sdmx, data / sdmx.name)
    assert main(["check", "--data", str(data), "--verbose"]) == 0
    checked = capsys.readouterr().out
    assert "nama_10r_3gdp: vintage 2023-02-21" in checked and "3 of them revised" in checked
    assert main(["diff", "--data", str(data), "--reports", str(out)]) == 0
    said = capsys.readouterr().out
    assert "5 revised" in said  # three cells, and the two Latvia = 100 indices computed from them
    assert (
        "IKP uz vienu iedzīvotāju, Latgale, 2019: revised 7\u00a0900 → 7\u00a0800 EUR uz vienu iedzīvotāju "
        "(Eurostat 2022-04-20 → Eurostat 2023-02-21)" in said
    )
    assert "figures: gdp_index_latest, gdp_index_trend, key_figures" in said
    assert "Iekšzemes kopprodukts, Latvija, 2019: revised" in said


@pytest.mark.parametrize(
    ("indicator", "old", "new", "expected"),
    [
        ("gdp_total", 17363.2, 17363.4, "17\u00a0363,2 → 17\u00a0363,4 milj. EUR"),  # never '17 363 → 17 363'
        ("gdp_total", 17363.0, 17400.0, "17\u00a0363 → 17\u00a0400 milj. EUR"),
        ("registered_unemployment_rate", 10.14, 10.11, "10,14 → 10,11%"),
        ("gdp_per_capita_index", 56.8, 56.5, "56,8 → 56,5 (Latvija = 100)"),
    ],
)
def test_diff_shows_units_and_the_decimals_a_revision_needs(indicator, old, new, expected):
    from latgale_stats.outputs.diff import describe

    changes = pd.DataFrame(
        [
            {
                "change": "revised",
                "indicator": indicator,
                "region": "LV",
                "region_name": "Latvija",
                "period": "2019",
                "old": old,
                "new": new,
                "old_source": "a",
                "new_source": "b",
                "figures": "",
                "sentences": "",
            }
        ]
    )
    assert f"revised {expected} (a → b)" in describe(changes)[0]


# --- bad publisher files -------------------------------------------------------------------------------


def _one_problem(tmp_path, name: str, data: bytes, good: bool = True):
    folder = tmp_path / "raw"
    folder.mkdir(parents=True)
    (folder / name).write_bytes(data)
    if good:  # a curated file with an error of its own: both are reported, nothing is ignored
        (folder / "entered.csv").write_text(
            "indicator,region,period,value,unit,publisher,url,quote,status,note\n"
            "new_enterprises,Latvija,2021,many,enterprises,Lursoft,https://example.invalid,q,,\n",
            encoding="utf-8",
        )
    with pytest.raises(ls.DataError) as info:
        ls.read(folder)
    problems = {p.file.rsplit("/", 1)[-1]: p for p in info.value.problems}
    if good:
        assert problems["entered.csv"].column == "value"
    return problems[name]


def test_truncated_workbook(tmp_path):
    data = (FIX / "csb_pxweb_export_en.xlsx").read_bytes()
    p = _one_problem(tmp_path, "IRS030.xlsx", data[: len(data) // 2])
    assert p.code == "damaged-file" and p.file.endswith("IRS030.xlsx")


def test_password_protected_workbook(tmp_path):
    fake = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 50
    p = _one_problem(tmp_path, "protected.xlsx", fake)
    assert p.code == "unsupported-format" and "password" in p.expected


def test_spreadsheetml_and_html_saved_as_xls(tmp_path):
    xml = b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>'
    assert _one_problem(tmp_path / "a", "table.xls", xml).code == "unsupported-format"
    html = b"<html><body><table><tr><td>Latvija</td><td>1</td></tr></table></body></html>"
    assert _one_problem(tmp_path / "b", "lursoft.xls", html).code == "unsupported-format"


def test_unknown_format(tmp_path):
    p = _one_problem(tmp_path, "notes.dat", b"some,thing\n1,2\n")
    assert (p.code, p.row, p.column) == ("unsupported-format", None, "")


def test_csb_table_with_an_unexpected_dimension(tmp_path):
    text = (
        '"Territorial unit";"Sex";"Indicator";"2023"\r\n"Latvia";"Males";"Population at the beginning of year";'
        '900000\r\n"Latvia";"Females";"Population at the beginning of year";990000\r\n'
    )
    p = _one_problem(tmp_path, "IRS030_sex.csv", text.encode("utf-8-sig"))
    assert (p.code, p.column) == ("unexpected-dimension", "Sex")


def test_csb_table_the_catalogue_does_not_know(tmp_path):
    text = '"Territorial unit";"Indicator";"2023"\r\n"Latvia";"Live births";14000\r\n'
    p = _one_problem(tmp_path, "IRS031.csv", text.encode("utf-8-sig"))
    assert p.code == "unknown-dataset" and "Live births" in p.value


# --- the data-entry workbook ---------------------------------------------------------------------------


def _fill(path: Path, rows: list[list], sheet: str = "registered_unemployment_rate") -> None:
    wb = load_workbook(path)
    ws = wb[sheet]
    for r in rows:
        ws.append(r)
    wb.save(path)


def test_template_has_lists_checks_and_instructions(tmp_path, capsys):
    out = tmp_path / "entry.xlsx"
    assert main(["template", "--out", str(out)]) == 0
    assert main(["template", "--out", str(out)]) == 2  # never overwrites by accident
    wb = load_workbook(out)
    assert wb.sheetnames[0] == entry.INSTRUCTIONS and "registered_unemployment_rate" in wb.sheetnames
    ws = wb["registered_unemployment_rate"]
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert {"list", "decimal", "textLength"} <= kinds
    region_list = next(dv for dv in ws.data_validations.dataValidation if "A2:A1000" in str(dv.sqref))
    lists = wb[entry.LISTS]
    ref = region_list.formula1.split("!")[1].replace("$", "")
    names = [c.value for row in lists[ref] for c in row]
    assert "Latgales reģions" in names and "Rīgas reģions" in names
    assert "Zemgale" not in " ".join(str(v) for v in wb[entry.INSTRUCTIONS]["A"] if v is not None)
    assert (tmp_path / "entry.xlsx").read_bytes() == template.template_bytes()


def test_filled_workbook_with_a_new_month_updates_figures_and_sentences(tmp_path):
    data = tmp_path / "raw"
    shutil.copytree(RAW, data)
    book = data / "nva_2026-01.xlsx"
    book.write_bytes(template.template_bytes())
    unit = "% of economically active population"
    src = "https://example.invalid/nva-2026-01"  # made-up values for the test
    _fill(
        book,
        [
            [name, "2026-01", value, unit, "NVA", src, "", "", ""]
            for name, value in (
                ("Latgales reģions", "9,8"),
                ("Rīgas reģions", 3.9),
                ("Kurzemes reģions", "5,6"),
                ("Vidzemes reģions", 4.8),
                ("Zemgales reģions", 5.0),
                ("Latvija", "5,2"),
            )
        ],
    )
    df = ls.load(data_dir=data)
    new = df[(df["period"] == "2026-01") & (df["indicator"] == "registered_unemployment_rate")]
    assert new.set_index("region")["value"].to_dict()["PR_LATGALE_2021"] == 9.8
    assert set(new["file"]) == {str(book)} and set(new["url"]) == {src}
    from latgale_stats.present import charts, text

    sentence = text.unemployment(df, "lv").text
    assert "2026. gada janvāra beigās" in sentence and "9,8%" in sentence
    assert charts.draw("unemployment_latest", df, "lv").subtitle == "2026. gada janvāra beigas"


def test_workbook_rows_without_a_source_or_with_a_typo_are_named_with_sheet_and_row(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    book = folder / "entry.xlsx"
    book.write_bytes(template.template_bytes())
    unit = "% of economically active population"
    _fill(
        book,
        [
            ["Latgales reģions", "2026-01", "9,8", unit, "NVA", "", "", "", ""],
            ["Latgles reģions", "2026-01", 9.8, unit, "NVA", "https://example.invalid", "", "", ""],
        ],
    )
    _fill(
        book,
        [["Latvija", 2024, 50, "enterprises", "Lursoft", "https://example.invalid", "", "", ""]],
        sheet="new_enterprises",
    )
    with pytest.raises(ls.DataError) as info:
        ls.read(folder)
    problems = sorted((p.sheet, p.row, p.code, p.column.split(" (")[0]) for p in info.value.problems)
    assert problems == [
        ("registered_unemployment_rate", 2, "missing-source", "Avota adrese / Source URL"),
        ("registered_unemployment_rate", 3, "unknown-region", "Reģions / Region"),
    ]
    assert "sheet registered_unemployment_rate, row 3" in str(info.value)


# --- the Eurostat data browser's spreadsheet export and business demography ----------------------------

SHEET = RAW / "nama_10r_3gdp_MIO_EUR_spreadsheet_2026-02-10.csv"


def values(df, indicator: str) -> dict[tuple[str, str], float]:
    obs = df[(df["kind"] == "observation") & (df["indicator"] == indicator)]
    return {(r, p): v for r, p, v in zip(obs["region"], obs["period"], obs["value"], strict=True)}


def test_spreadsheet_export_is_read_with_its_release_date_flags_and_missing_values(tmp_path):
    ds, df = load_one(tmp_path, SHEET, name="download.csv")  # the name says nothing: the content does
    (f,) = ds.files
    assert (f.format, f.vintage) == ("Eurostat spreadsheet CSV", "2026-02-10")
    gdp = values(df, "gdp_total")
    assert gdp[("LV005", "2011")] == pytest.approx(1446.25) and gdp[("EU27_2020", "2011")] == pytest.approx(11407286.7)
    assert ("LV005", "2024") not in gdp and gdp[("EU27_2020", "2024")] == pytest.approx(18016189.9)  # ":" is missing
    assert gdp[("LVZZZ", "2023")] == pytest.approx(58.59)  # extra-regio kept for Latvia's sum
    lat = df[(df["region"] == "LV005") & (df["period"] == "2011") & (df["kind"] == "observation")].iloc[0]
    assert (lat.row, lat.value_published, lat.unit_published) == (11, "1446.25", "MIO_EUR")


def _sheet_lines() -> list[str]:
    return SHEET.read_text(encoding="utf-8-sig").splitlines()


def _bad_sheet(tmp_path, lines: list[str]):
    folder = tmp_path / "raw"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "gdp.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")  # made-up damage to a real file
    with pytest.raises(ls.DataError) as info:
        ls.read(folder)
    return info.value.problems


def test_spreadsheet_without_its_last_updated_line(tmp_path):
    (p,) = _bad_sheet(tmp_path, [ln for ln in _sheet_lines() if not ln.startswith("Last updated")])
    assert (p.code, p.column) == ("missing-release-date", "Last updated")


def test_spreadsheet_with_a_shifted_value_and_flag_pair(tmp_path):
    lines = _sheet_lines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("LV005,"))
    cells = next(csv.reader([lines[at]]))
    cells[2:4] = ["", cells[2]]  # the 2011 value moved into its flag column
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    lines[at] = out.getvalue()
    problems = _bad_sheet(tmp_path, lines)
    assert [(p.code, p.row, p.column) for p in problems] == [("row-width", at + 1, "2011 flag (D)")]


def test_spreadsheet_with_text_in_a_value_cell_and_an_unknown_geo_code(tmp_path):
    lines = _sheet_lines()
    at = next(i for i, ln in enumerate(lines) if ln.startswith("LV009,"))
    lines[at] = lines[at].replace('"1,507.63"', "n/a", 1)
    geo = next(i for i, ln in enumerate(lines) if ln.startswith("LV00C,"))
    lines[geo] = "LV00X" + lines[geo][5:]
    problems = _bad_sheet(tmp_path, lines)
    found = {(p.code, p.row, p.column) for p in problems}
    assert ("not-a-number", at + 1, "2011 (C)") in found
    assert ("unknown-region", geo + 1, "geo") in {(c, r, col) for c, r, col in found}


def test_business_demography_births_and_birth_rate(tmp_path):
    ds, df = load_one(tmp_path, RAW / "bd_size_r3_LV_2024-01-12.tsv")
    births = values(df, "enterprise_births")
    assert births[("LV005", "2020")] == 1395 and births[("LV", "2016")] == 26866
    rate = values(df, "enterprise_birth_rate")
    assert rate[("LV005", "2020")] == pytest.approx(12.63)
    assert ds.files[0].vintage == "2024-01-12"  # from the file name (no origins.toml in this folder)


def test_business_demography_as_sdmx_csv(tmp_path):
    text = (
        "DATAFLOW,LAST UPDATE,freq,indic_sb,sizeclas,nace_r2,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\r\n"
        "ESTAT:BD_SIZE_R3(1.0),12/01/24 23:00:00,A,V11920,TOTAL,B-S_X_K642,LV005,2020,1395,\r\n"
        "ESTAT:BD_SIZE_R3(1.0),12/01/24 23:00:00,A,V11920,0,B-S_X_K642,LV005,2020,700,\r\n"
    )  # rows as the real TSV gives them, in Eurostat's SDMX-CSV layout
    _, df = load_one(tmp_path, RAW / "bd_size_r3_LV_2024-01-12.tsv", name="bd.csv", data=text.encode())
    assert values(df, "enterprise_births") == {("LV005", "2020"): 1395}


def test_a_row_read_on_a_refused_outlet_is_rejected_with_the_reason(curated_dir_formats):
    folder = curated_dir_formats(
        "gdp_per_capita_pps_eu,Latvija,2024,71,% of EU average (PPS per inhabitant),CSB,"
        "https://deutsch.news-pravda.com/eu/2025/03/28/336145.html,made-up quote,,",
        "registered_unemployment_rate,Latgales reģions,2025-12,10.1,% of economically active population,NVA,"
        "https://example.org/somewhere,made-up quote,,",
    )
    with pytest.raises(ls.DataError) as info:
        ls.read(folder)
    (p,) = info.value.problems
    assert (p.code, p.row, p.column, p.value) == ("refused-outlet", 2, "url", "deutsch.news-pravda.com")
    assert "propaganda" in p.expected


def test_an_unknown_outlet_is_accepted_with_a_warning(curated_dir_formats):
    folder = curated_dir_formats(
        "registered_unemployment_rate,Latgales reģions,2025-12,10.1,% of economically active population,NVA,"
        "https://example.org/somewhere,made-up quote,,"
    )
    ds = ls.read(folder)
    assert [(w.code, w.row, w.value) for w in ds.warnings] == [("unknown-outlet", 2, "example.org")]


PPS_2022 = (
    "gdp_per_capita_pps_pct_eu,Latvija,2022,71,% of EU average (PPS per inhabitant),CSB,"
    "https://news.err.ee/0000000000/made-up,made-up quote,,made-up: a press report citing Eurostat"
)


def test_a_declared_correction_credits_the_publisher_the_press_report_names(curated_dir):
    """The curated GDP file gives CSB for Latvia's 2022 GDP per capita in PPS, though the article cites
    Eurostat: core/corrections.toml credits it to Eurostat (the file is not edited), check names the file and
    row, and the figure's source line credits Eurostat. Entries matching no row are named as stale."""
    folder = curated_dir(
        "gdp_per_capita,Latvija,2022,15000,EUR per inhabitant,CSB,https://news.err.ee/1/made-up,made-up quote,,",
        PPS_2022,
        name="regional_gdp_press.csv",
    )
    ds = ls.read(folder)
    df = ds.observations()
    pps = df[df["indicator"] == "gdp_per_capita_pps_eu"].iloc[0]
    assert (pps["publisher"], pps["row"]) == ("Eurostat", 3)
    assert [s.publisher for s in pps["sources"]] == ["Eurostat"]
    assert "the file says CSB; credited to Eurostat" in pps["note"]
    assert df.loc[df["indicator"] == "gdp_per_capita", "publisher"].tolist() == ["CSB"]  # no other row touched
    (fixed,) = [w for w in ds.warnings if w.code == "publisher-corrected"]
    assert (fixed.row, fixed.column, fixed.value) == (3, "publisher", "CSB")
    assert fixed.file.endswith("/regional_gdp_press.csv") and "ERR News 2023-12-20" in fixed.expected
    stale = [w for w in ds.warnings if w.code == "stale-correction"]
    assert len(stale) == len(for_file("regional_gdp_press.csv")) - 1  # the other years are not in this file
    assert not [w for w in ds.warnings if w.code == "unexpected-publisher"]
    footer = charts.summary("gdp_pps_eu", df, "en").footer.replace("\n", " ")
    assert "Eurostat data as published by ERR" in footer and "CSB" not in footer


def test_a_press_figure_credited_to_a_publisher_the_catalogue_does_not_list_is_flagged(curated_dir):
    """Only a declared correction changes a credit: the same row in another file keeps CSB, with a warning."""
    ds = ls.read(curated_dir(PPS_2022, name="entered.csv"))
    assert ds.observations()["publisher"].tolist() == ["CSB"]
    (w,) = [w for w in ds.warnings if w.code != "unknown-outlet"]
    assert (w.code, w.row, w.column, w.value) == ("unexpected-publisher", 2, "publisher", "CSB")
    assert "Eurostat" in w.expected and "corrections.toml" in w.action


def test_every_correction_credits_a_publisher_of_its_indicator():
    assert corrections()
    for c in corrections():
        indicator = I.find(c.indicator)
        assert indicator is not None and c.publisher in indicator.publishers, c
        assert c.written != c.publisher and c.reason, c
    with pytest.raises(ValueError, match="correction 1"):
        parse('[[correction]]\nfile = "a.csv"\n')


@pytest.fixture
def curated_dir_formats(tmp_path):
    def make(*rows: str) -> Path:
        folder = tmp_path / "raw"
        folder.mkdir(exist_ok=True)
        (folder / "entered.csv").write_text(
            "indicator,region,period,value,unit,publisher,url,quote,status,note\n" + "".join(r + "\n" for r in rows),
            encoding="utf-8",
        )
        return folder

    return make
