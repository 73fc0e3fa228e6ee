"""The Register of Enterprises' register.csv: reader, territory placement, sums, per 1000, plausibility.

Files are generated at run time (tests/register_file.py: the real header and quirks, invented rows) into
temporary folders; the two real rows are tests/fixtures/ur_register_rows_quoted.csv."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import latgale_stats as ls
from conftest import RAW
from latgale_stats.cli import main
from latgale_stats.core import territory as T
from latgale_stats.core.problems import DataError
from latgale_stats.ingest import detect, open_source, ur_register
from register_file import HEADER, generate, municipal_population

FIX = Path(__file__).parent / "fixtures"


def read_file(path: Path, release_date: str | None = None, **kw):
    src = open_source(path, path.name, release_date)
    fmt = detect(src)
    assert fmt is not None and fmt.name == ur_register.FORMAT
    return ur_register.read(src, **kw)


def yearly(result, indicator: str = "registrations") -> dict[tuple[str, int], int]:
    return {
        (r.region, int(r.period)): int(r.value)
        for r in result.records
        if r.indicator == indicator and len(r.period) == 4
    }


def test_real_rows_are_read_by_their_header(tmp_path):
    path = tmp_path / "register (1).csv"  # saved by hand: any name
    shutil.copy(FIX / "ur_register_rows_quoted.csv", path)
    result = read_file(path, release_date="2026-01-15")
    assert [p.code for p in result.problems] == []
    counts = yearly(result)
    # the sole trader of 2020 has the pre-2021 code 0050000 of Daugavpils; the association is not counted
    assert counts[("CITY_DAUGAVPILS", 2020)] == 1
    assert counts[("LV", 2020)] == 1
    assert counts[("CITY_RIGA", 2015)] == 0 and counts[("LV", 2015)] == 0
    assert result.records[0].publisher == "Register of Enterprises"


def test_generated_counts_match_the_rows(tmp_path):
    path = tmp_path / "ur_register_2026-01-15.csv"
    expected = generate(path, 4000)
    result = read_file(path)
    assert result.vintage == "2026-01-15"
    assert result.vintage_from == "copy"  # the date in the name is the day it was fetched, not a release
    assert {r.vintage_from for r in result.records} == {"copy"}
    counts = yearly(result)
    for (region, year), n in expected.items():
        if region is not None:
            assert counts[(region, year)] == n, (region, year)
    for year in range(2010, 2026):
        assert counts[("LV", year)] == sum(n for (_, y), n in expected.items() if y == year)
    months = {(r.region, r.period): int(r.value) for r in result.records if len(r.period) == 7}
    assert sum(months[("LV", f"2024-{m:02d}")] for m in range(1, 13)) == counts[("LV", 2024)]
    unplaced = [p for p in result.problems if p.code == "unplaced-address"]
    assert sum(int(p.value.split()[0]) for p in unplaced) == sum(n for (r, _), n in expected.items() if r is None)
    assert all(p.row is not None for p in unplaced)


def test_bom_and_a_name_without_a_date_read_the_same(tmp_path):
    a, b = tmp_path / "ur_register_2026-01-15.csv", tmp_path / "register.csv"
    generate(a, 1500, bom=False)
    generate(b, 1500, bom=True)
    ra, rb = read_file(a), read_file(b)
    assert (rb.vintage or "").startswith("2025-12")  # no date in the name or origin record: the last registration
    assert (ra.vintage_from, rb.vintage_from) == ("copy", "release")  # the register as of its last registration
    full_years = {k: v for k, v in yearly(ra).items() if k[1] <= 2024}
    assert full_years == {k: v for k, v in yearly(rb).items() if k[1] <= 2024}
    assert 2025 not in {y for _, y in yearly(rb)}  # the year of the last registration may be incomplete


def test_counted_legal_forms_are_configurable(tmp_path):
    path = tmp_path / "ur_register_2026-01-15.csv"
    generate(path, 1500)
    default, sia = yearly(read_file(path)), yearly(read_file(path, forms=["SIA"]))
    assert 0 < sia[("LV", 2020)] < default[("LV", 2020)]
    [note] = [n for n in read_file(path).notes if n.startswith("registrations in 2025 by legal form")]
    assert "BDR" in note and "(not counted)" in note
    counted, not_counted = T.legal_forms()
    assert (
        {"SIA", "IK", "ZEM", "IND", "KS", "KB"} <= set(counted)
        and T.legal_forms()[0]["KB"] == "Kooperatīvā sabiedrība"
        and {"BDR", "NOD"} <= set(not_counted)
    )


def test_territory_placement():
    assert T.place_code("0050000").region == "CITY_DAUGAVPILS"  # pre-2021 code, confirmed
    assert T.place_code("0090000") is None  # recalled, unconfirmed: left to the address
    assert T.place_code("0032210").region == "MUN2021_KRASLAVAS_NOVADS"  # a town: its municipality's prefix
    assert T.place_code("0055200").region == "MUN2021_MADONAS_NOVADS"  # Varakļāni before 2024
    assert T.place_address("Ilūkstes nov., Bebrenes pag.")[0].region == "MUN2021_AUGSDAUGAVAS_NOVADS"
    assert T.place_address("Rīgas iela 3")[0] is None  # a street, never Rīga
    assert T.place_address("Salas pag.") == (None, T.AMBIGUOUS_IN_ADDRESS)
    assert len(T._read_csv(T.OLD_MUNICIPALITIES)) == 110
    latgale = {m.region for m in T.municipalities().values() if m.nuts2021 == "LV005"}
    assert len(latgale) == 9 and "CITY_DAUGAVPILS" in latgale


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _with_cell(index: int, column: int, value):
    """A ``make`` for ``_bad``: the file with one cell of line ``index + 1`` written as ``value``
    (a function of the cell's text, or the text itself)."""

    def make(p, t):
        lines = t.splitlines(keepends=True)
        cells = lines[index].split(";")
        cells[column] = value(cells[column]) if callable(value) else value
        lines[index] = ";".join(cells)
        _write(p, "".join(lines))

    return make


def _bad(tmp_path: Path, make) -> DataError:
    folder = tmp_path / "raw"
    folder.mkdir()
    good = tmp_path / "good.csv"
    generate(good, 300)
    make(folder / "ur_register_2026-01-15.csv", good.read_text(encoding="utf-8"))
    with pytest.raises(DataError) as err:
        ls.read(folder)
    return err.value


def test_truncated_file_is_refused_whole(tmp_path):
    err = _bad(tmp_path, lambda p, t: _write(p, t[: len(t) - 200]))
    [p] = [p for p in err.problems if p.code == "row-width"]
    assert p.row == 301  # the last line, cut short (line 1 is the header)


def test_another_delimiter_is_named(tmp_path):
    err = _bad(tmp_path, lambda p, t: _write(p, t.replace(";", ",")))
    assert err.codes == ["unsupported-format"]


def test_renamed_column_is_named(tmp_path):
    err = _bad(tmp_path, lambda p, t: _write(p, t.replace(";registered;", ";registration_date;", 1)))
    [p] = err.problems
    assert (p.code, p.column) == ("missing-column", "registered")


def test_dates_in_another_format_name_row_and_column(tmp_path):
    err = _bad(tmp_path, _with_cell(5, 11, lambda day: ".".join(reversed(day.split("-")))))
    [p] = err.problems
    assert (p.code, p.row, p.column) == ("bad-value", 6, "registered")


def test_same_regcode_twice_is_named(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    path = folder / "ur_register_2026-01-15.csv"
    generate(path, 50)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    twin = lines[3].split(";")
    twin[11] = "2011-02-03"
    path.write_text("".join(lines) + ";".join(twin), encoding="utf-8")
    result = read_file(path)
    [p] = [p for p in result.problems if p.code == "duplicate-entity"]
    assert (p.row, p.column, p.severity) == (52, "regcode", "warning")


def _cells(result):
    return (
        sorted((r.indicator, r.region, r.period, r.value) for r in result.records),
        [(p.code, p.row, p.column, p.value, p.expected) for p in result.problems],
        result.notes,
    )


def test_halves_count_as_the_whole(tmp_path, monkeypatch):
    """A file read in two halves (one a core) gives what the whole file read at once gives: counts,
    problems with their lines (a register number repeated across the halves), notes."""
    path = tmp_path / "ur_register_2026-01-15.csv"
    generate(path, 3000)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    twin = lines[3].split(";")
    twin[11] = "2011-02-03"
    path.write_text("".join(lines) + ";".join(twin) + "\n", encoding="utf-8")
    whole = read_file(path)
    monkeypatch.setattr(ur_register, "SPLIT", 1)
    assert len(ur_register._split(open_source(path, path.name), HEADER.split(";"))) == 2
    halves = read_file(path)
    assert _cells(halves) == _cells(whole)
    assert [(p.code, p.row) for p in halves.problems if p.code == "duplicate-entity"] == [("duplicate-entity", 3002)]


def test_a_bad_cell_in_the_second_half_names_its_line(tmp_path, monkeypatch):
    monkeypatch.setattr(ur_register, "SPLIT", 1)
    err = _bad(tmp_path, _with_cell(280, 11, "2011-13-45"))
    assert [(p.code, p.row, p.column, p.value) for p in err.problems] == [
        ("bad-value", 281, "registered", "2011-13-45")
    ]


def test_a_file_cut_short_read_in_halves_is_refused_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(ur_register, "SPLIT", 1)
    err = _bad(tmp_path, lambda p, t: _write(p, t[: len(t) - 200]))
    [p] = [p for p in err.problems if p.code == "row-width"]
    assert p.row == 301


def test_closed_outside_its_values(tmp_path):
    err = _bad(tmp_path, _with_cell(2, 13, "X"))
    assert [(p.code, p.row, p.column) for p in err.problems] == [("bad-value", 3, "closed")]


def test_header_only_is_empty(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    _write(folder / "register.csv", HEADER + "\n")
    with pytest.raises(DataError) as err:
        ls.read(folder)
    assert err.value.codes == ["empty-table"]


@pytest.fixture(scope="module")
def with_register(tmp_path_factory):
    """A temporary copy of the project's data folder with a generated register file and a CSP table of
    the municipalities' population (both invented)."""
    folder = tmp_path_factory.mktemp("data") / "raw"
    shutil.copytree(RAW, folder)
    generate(folder / "ur_register_2026-01-15.csv", 6000)
    municipal_population(folder / "csp_IRS031_2025-12-15.json")
    return folder


def test_regions_are_sums_and_per_1000_uses_held_population(with_register):
    ds = ls.read(with_register)
    df = ds.observations()
    reg = df[(df["indicator"] == "registrations") & df["period"].str.len().eq(4)]
    value = {(r, p): v for r, p, v in zip(reg["region"], reg["period"], reg["value"], strict=True)}
    latgale = [m.region for m in {m.region: m for m in T.municipalities().values()}.values() if m.nuts2021 == "LV005"]
    assert value[("LV005", "2020")] == sum(value[(m, "2020")] for m in latgale)
    assert value[("PR_LATGALE_2021", "2020")] == value[("LV005", "2020")]
    assert ("LV00A", "2023") in value and ("LV006", "2023") in value
    rates = df[df["indicator"] == "registrations_per_1000"]
    per = {(r, p): v for r, p, v in zip(rates["region"], rates["period"], rates["value"], strict=True)}
    pop = df[(df["indicator"] == "population") & (df["region"] == "LV005") & (df["period"] == "2020")]["value"].iloc[0]
    assert per[("LV005", "2020")] == pytest.approx(value[("LV005", "2020")] / pop * 1000)
    # each municipality's rate on its own population (CSP's code LV0022000 is Augšdaugavas novads)
    pop = df[(df["indicator"] == "population") & (df["region"] == "MUN2021_AUGSDAUGAVAS_NOVADS")]
    pop = dict(zip(pop["period"], pop["value"], strict=True))
    assert per[("MUN2021_AUGSDAUGAVAS_NOVADS", "2023")] == pytest.approx(
        value[("MUN2021_AUGSDAUGAVAS_NOVADS", "2023")] / pop["2023"] * 1000
    )
    assert not any(r.startswith(("CITY_", "MUN2021_")) and p < "2021" for r, p in per)  # no population before
    assert not any(len(p) == 7 for _, p in per)  # rates by year only
    # generated counts are far below Lursoft's national totals: named, not hidden
    gaps = [w for w in ds.warnings if w.code == "implausible-total"]
    assert {w.row for w in gaps} == {None} and len(gaps) >= 3
    assert any(w.code == "unplaced-address" for w in ds.warnings)


def test_check_lists_unplaced_rows(with_register, capsys):
    assert main(["check", "--data", str(with_register), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert "unplaced-address" in out and "implausible-total" in out
    n = len({m.region for m in T.municipalities().values()})
    assert f"registrations per 1000 inhabitants by municipality: {n} of {n} municipalities" in " ".join(out.split())


def test_check_says_how_to_get_the_municipal_populations(tmp_path, capsys):
    folder = tmp_path / "raw"
    shutil.copytree(RAW, folder)
    generate(folder / "ur_register_2026-01-15.csv", 500)
    assert main(["check", "--data", str(folder), "--verbose"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "by municipality: 0 of" in out and "latgale-stats update --only csp" in out


def test_unknown_legal_form_is_named_and_not_counted(tmp_path):
    path = tmp_path / "ur_register_2026-01-15.csv"
    generate(path, 200)
    before = yearly(read_file(path))
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    cells = lines[1].split(";")
    year = int(cells[11][:4])
    was_counted = cells[9] in T.legal_forms()[0]
    cells[9] = "XYZ"
    lines[1] = ";".join(cells)
    path.write_text("".join(lines), encoding="utf-8")
    result = read_file(path)
    [p] = [p for p in result.problems if p.code == "unknown-legal-form"]
    assert (p.value, p.column) == ("XYZ", "type")
    assert yearly(result)[("LV", year)] == before[("LV", year)] - was_counted


FIXTURE_DATA = Path(__file__).parent / "fixtures" / "dataset"  # invented values, see its README.md


@pytest.fixture(scope="module")
def fixture_with_register(tmp_path_factory):
    """The frozen fixture dataset plus a generated register file (both invented)."""
    folder = tmp_path_factory.mktemp("fixture") / "raw"
    shutil.copytree(FIXTURE_DATA, folder)
    generate(folder / "ur_register_2026-01-15.csv", 3000)
    return ls.load(data_dir=folder)


def test_firm_formation_figure_shows_the_register_series(fixture_with_register):
    from latgale_stats.present import charts

    fig = charts.draw("firm_formation", fixture_with_register, "en")
    series = set(fig.data["series"])
    assert "Register of Enterprises new registrations per 1000" in series
    bars = fig.data[fig.data["series"].str.startswith("Latgale municipalities")]
    assert len(bars) == 9 and len(fig.axes[2].patches) == 9  # Latgale's nine municipalities
    assert sorted(p.get_width() for p in fig.axes[2].patches) == sorted(bars["value"])
    # each bar beside its own name and value: the city Rēzekne and Rēzeknes novads are two bars, never one
    names = [t.get_text() for t in fig.axes[2].get_yticklabels()]
    assert len(set(names)) == 9 and "Rēzekne" in names and "Rēzekne municipality" in names
    for patch in fig.axes[2].patches:
        y = patch.get_y() + patch.get_height() / 2
        [label] = [t for t in fig.axes[2].texts if abs(t.get_position()[1] - y) < 1e-9]
        assert label.get_text().strip() == f"{patch.get_width():,.0f}"
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    texts = [*fig.texts, *(t for ax in fig.axes for t in ax.texts)]
    texts += [t for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    for t in texts:  # the legend and the subtitle stay inside the image
        box = t.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= fig.bbox.width + 0.5, t.get_text()
    assert "Register of Enterprises" in fig.alt_text
    key = charts.draw("key_figures", fixture_with_register, "en")
    assert "new registrations per 1000 (Register of Enterprises)" in set(key.data["series"])


def test_justification_cites_the_register(fixture_with_register):
    from latgale_stats.present import text

    [s] = [s for s in text.sentences(fixture_with_register, "en") if s.id == "firm_register"]
    assert "Register of Enterprises" in s.text and s.cites[0]["region"] == "LV005"


def test_firm_formation_keeps_gaps_and_draws_statements_apart():
    """Issue 13: a year without a value is a gap in every line (no segment spans it); the 2013
    statements, without a year, are bars in their own panel, never points on the time axis."""
    from latgale_stats.present import charts

    obs = ls.load(data_dir=FIXTURE_DATA)  # enterprise births: 2019 not available (':')
    fig = charts.draw("firm_formation", obs, "en")
    stated_panel, trend = fig.axes[0], fig.axes[1]
    births = fig.data[fig.data["series"] == "enterprise births per 1000"]
    assert "2019" not in set(births["period"]) and {"2018", "2020"} <= set(births["period"])
    for line in trend.lines:
        xs = list(line.get_xdata())
        assert all(b - a == 1 for a, b in zip(xs, xs[1:], strict=False)), xs  # no line across a missing year
        assert 2019 not in xs or line.get_linestyle() == "--"  # Lursoft's own series may hold 2019
    statements = fig.data[fig.data["series"] == "2013 application (year not stated)"]
    assert len(statements) == 2
    assert sorted(p.get_height() for p in stated_panel.patches) == sorted(statements["value"])
    assert not trend.patches  # nothing of the statements on the time axis
    assert all(v not in {y for line in trend.lines for y in line.get_ydata()} for v in statements["value"])


def test_build_with_a_register_file_shows_the_series(with_register, tmp_path):
    """Done when of issue 12: a generated register file in (a copy of) the data folder gives registrations
    per 1000 by region and municipality counts in indicators.xlsx, the figures and the annex."""
    from docx import Document
    from openpyxl import load_workbook

    out = tmp_path / "reports"
    assert main(["build", "--data", str(with_register), "--reports", str(out), "--no-notebooks", "--quiet"]) == 0
    book = load_workbook(out / "indicators.xlsx", read_only=True)
    sheets = {name: [tuple(r) for r in book[name].iter_rows(values_only=True)] for name in book.sheetnames}
    rates = next(rows for name, rows in sheets.items() if name.startswith("registrations_per_1000"))
    counts = next(rows for name, rows in sheets.items() if name.startswith("registrations") and rows is not rates)
    flat_rates, flat_counts = {c for r in rates for c in r}, {c for r in counts for c in r}
    assert "LV005" in flat_rates and "LV" in flat_rates
    assert "MUN2021_AUGSDAUGAVAS_NOVADS" in flat_rates and "CITY_DAUGAVPILS" in flat_rates
    assert "MUN2021_AUGSDAUGAVAS_NOVADS" in flat_counts and "CITY_DAUGAVPILS" in flat_counts
    chart = load_workbook(out / "chart_data.xlsx", read_only=True)
    cells = {c for name in chart.sheetnames for r in chart[name].iter_rows(values_only=True) for c in r}
    assert "Register of Enterprises new registrations per 1000" in cells
    assert "Latgale municipalities, new registrations per 1000 (Register of Enterprises)" in cells
    annex = "\n".join(p.text for p in Document(str(out / "annex_en.docx")).paragraphs)
    assert "Register of Enterprises" in annex


def test_a_file_not_in_utf8_is_refused_with_its_line(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    path = folder / "register.csv"
    generate(path, 40)
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1257"))  # saved again in the Baltic Windows code page: ā ē ī are no longer UTF-8
    with pytest.raises(DataError) as err:
        ls.read(folder)
    [p] = err.value.problems
    assert (p.code, p.row) == ("damaged-file", 2)


def test_municipal_bars_are_per_1000_where_every_population_is_held(with_register):
    from latgale_stats.present import charts

    obs = ls.load(data_dir=with_register)
    fig = charts.draw("firm_formation", obs, "lv")
    bars = fig.data[fig.data["series"].str.startswith("Latgale municipalities")]
    assert set(bars["series"]) == {"Latgale municipalities, new registrations per 1000 (Register of Enterprises)"}
    rates = obs[(obs["indicator"] == "registrations_per_1000") & (obs["period"] == bars["period"].iloc[0])]
    rate = dict(zip(rates["region"], rates["value"], strict=True))
    assert len(bars) == 9 and all(
        v == pytest.approx(rate[r]) for r, v in zip(bars["region"], bars["value"], strict=True)
    )
    assert "uz 1000 iedzīvotājiem" in fig.axes[2].get_title(loc="left")
    assert all("," in t.get_text() for t in fig.axes[2].texts)  # one decimal, Latvian comma
    assert "Latgales pašvaldībās" in fig.alt_text and "uz 1000 iedzīvotājiem" in fig.alt_text


def test_firm_formation_legend_stays_above_the_lines():
    """The legend inside the time panel covers no point of its lines (the scale leaves room for it)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from latgale_stats.present import charts

    obs = ls.load(data_dir=RAW)
    for lang in ("lv", "en"):
        fig = charts.draw("firm_formation", obs, lang)
        renderer = FigureCanvasAgg(fig).get_renderer()
        fig.draw(renderer)
        trend = fig.axes[1]
        box = trend.get_legend().get_window_extent(renderer)
        for line in trend.lines:
            for x, y in trend.transData.transform(line.get_xydata()):
                assert not (box.x0 <= x <= box.x1 and box.y0 <= y <= box.y1), (lang, line.get_label())
