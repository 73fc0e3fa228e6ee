"""The Word annex, read back as a grant writer's Word would see it."""

from __future__ import annotations

import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from latgale_stats.core import declarations as D
from latgale_stats.outputs import annex as A
from latgale_stats.outputs.files import column_keys
from latgale_stats.present import citations
from latgale_stats.present import text as T

NBSP = "\u00a0"


@pytest.fixture(scope="module", params=["lv", "en"])
def annex(request, built):
    return request.param, Document(str(built / f"annex_{request.param}.docx"))


def _index(built) -> list[dict]:
    rows = list(load_workbook(built / "chart_data.xlsx")["figures"].values)
    return [dict(zip(column_keys(rows[0]), r, strict=True)) for r in rows[1:]]


def _alt_texts(built, lang):
    return {r["figure"]: r["alt_text"] for r in _index(built) if r["language"] == lang}


def test_pictures_captions_and_alt_text_in_order(annex, built):
    lang, doc = annex
    shapes = doc.inline_shapes
    assert len(shapes) == len(D.ANNEX_FIGURES)
    for shape in shapes:
        assert abs(shape.width.cm - 16.0) < 0.01
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert len(captions) == len(D.ANNEX_FIGURES)
    for i, caption in enumerate(captions, 1):
        assert caption.startswith(f"{i}. attēls. " if lang == "lv" else f"Figure {i}. ")
    alts = _alt_texts(built, lang)
    for shape, chart_id in zip(shapes, D.ANNEX_FIGURES, strict=True):
        doc_pr = shape._inline.docPr
        assert doc_pr.get("descr") == alts[chart_id] and len(doc_pr.get("descr")) > 40
        assert doc_pr.get("title")
    # each caption's number is a Word SEQ field, so Word renumbers moved figures
    instr = [el.text for el in doc.element.body.iter(qn("w:instrText"))]
    assert len(instr) == len(D.ANNEX_FIGURES) and all("SEQ" in t for t in instr)


def test_each_figure_sits_with_its_caption_and_source(annex):
    lang, doc = annex
    paragraphs = doc.paragraphs
    for i, p in enumerate(paragraphs):
        if p.style.name == "Caption":
            before, after = paragraphs[i - 1], paragraphs[i + 1]
            assert before._p.xpath(".//pic:pic") and before.paragraph_format.keep_with_next
            assert p.paragraph_format.keep_with_next
            assert after.text.startswith(("Avots", "Avoti", "Source", "Sources"))


def test_the_paragraph_is_the_justification_of_the_current_data(annex, obs):
    lang, doc = annex
    texts = [p.text for p in doc.paragraphs]
    assert T.justification(obs, lang).text in texts


def test_facts_table_from_project_toml(annex):
    lang, doc = annex
    cells = [c.text for row in doc.tables[0].rows for c in row.cells]
    facts = A.project_facts()
    assert facts["school"][f"name_{lang}"] in cells
    assert (f"21{NBSP}032,00 EUR" if lang == "lv" else "EUR 21,032.00") in cells
    assert facts["host"][lang] in cells and facts["target_group"][lang] in cells


def test_sources_grouped_by_publisher_with_links_and_the_build_date(annex):
    lang, doc = annex
    paragraphs = [p.text for p in doc.paragraphs]
    start = len(paragraphs) - 1 - paragraphs[::-1].index("Avoti" if lang == "lv" else "Sources")
    listed = paragraphs[start + 1 :]
    heads = [p.text for p in doc.paragraphs[start + 1 :] if p.style.name != "List Bullet" and p.runs and p.runs[0].bold]
    # the only CSB-credited value shown was the 2022 PPS press figure, which the article says is Eurostat's
    assert heads[:3] == ["Eurostat", "NVA", "Lursoft"] and not {"CSP", "CSB"} & set(heads)
    eurostat = listed[: listed.index("NVA")]
    press = "preses ziņa par oficiāliem datiem" if lang == "lv" else "press report of official data"
    assert any(p.startswith(f"{press}: ERR") for p in eurostat)
    assert heads[-1] == ("Autoru aprēķins" if lang == "lv" else "Authors' calculation")  # a heading, capitalised
    release = "publicēts 10.02.2026" if lang == "lv" else "release of 10 Feb 2026"
    assert (
        f"nama_10r_3gdp, {release}: https://ec.europa.eu/eurostat/databrowser/view/nama_10r_3gdp/default/table"
        in listed
    )
    # the births TSV holds no date: 12.01.2024 is only the day the copy was made, never called a release
    copy = "lejupielādēts 12.01.2024" if lang == "lv" else "downloaded 12 Jan 2024"
    assert f"bd_size_r3, {copy}: https://ec.europa.eu/eurostat/databrowser/view/bd_size_r3/default/table" in listed
    text = " ".join(p.text for p in doc.paragraphs)
    assert "12.01.2024" not in text.replace("lejupielādēts 12.01.2024", "")
    assert "12 Jan 2024" not in text.replace("downloaded 12 Jan 2024", "")
    press = "preses ziņa par oficiāliem datiem" if lang == "lv" else "press report of official data"
    assert any(p.startswith(press) and "http" in p for p in listed)
    # the addresses are links an evaluator can click
    links = doc.element.body.findall(".//" + qn("w:hyperlink"))
    targets = {doc.part.rels[link.get(qn("r:id"))].target_ref for link in links}
    assert "https://ec.europa.eu/eurostat/databrowser/view/nama_10r_3gdp/default/table" in targets
    assert len(links) > 20
    last = doc.paragraphs[-1].text
    assert ("26.11.2025" if lang == "lv" else "26 Nov 2025") in last
    assert doc.core_properties.created.date().isoformat() == "2025-11-26"


def test_the_annex_names_no_source_whose_values_it_does_not_show(annex, built, dataset, obs):
    """The source list and the vintages line name only the files whose values a figure of the annex plots
    (chart_data.xlsx) or a sentence states; a file read but shown nowhere (the 2022 population release,
    wholly superseded) is not listed."""
    lang, doc = annex
    text = "\n".join(p.text for p in doc.paragraphs)
    book = load_workbook(built / "chart_data.xlsx")
    shown: set[str] = set()
    for chart_id in D.ANNEX_FIGURES:
        rows = list(book[chart_id].values)
        column = column_keys(rows[0]).index("file")
        shown |= {f for r in rows[1:] if r[column] for f in str(r[column]).split("; ")}
    for sentence in T.justification(obs, lang).sentences:
        shown |= {s.cell.file for c in sentence.cites for s in c["sources"] if s.cell is not None}
    dated = [f for f in dataset.files if f.vintage]
    assert any(f.shown not in shown for f in dated)  # the test has something to leave out
    for f in dated:
        assert (f.path.name in text) == (f.shown in shown), f.shown
    assert "demo_r_pjanaggr3_LV_2022-06-02.csv" not in text and "2022-06-02" not in text
    assert ("02.06.2022" if lang == "lv" else "2 Jun 2022") not in text


def test_document_properties_describe_the_annex_not_the_library(annex, built):
    lang, doc = annex
    props = doc.core_properties
    facts = A.project_facts()
    assert (props.title, props.subject) == (A.WORDS[lang]["title"], A.WORDS[lang]["subtitle"])
    assert props.author == props.last_modified_by == facts["school"][f"name_{lang}"]
    assert props.comments and props.keywords and props.category
    assert props.created == props.modified  # the build date, so the same inputs give the same bytes
    app = zipfile.ZipFile(built / f"annex_{lang}.docx").read("docProps/app.xml").decode()
    fields = [props.title, props.subject, props.author, props.comments, props.keywords, props.category, app]
    assert not [f for f in fields if "python-docx" in f or "Macintosh" in f]
    assert "<Application>latgale-stats" in app


def test_captions_say_what_the_figure_shows_without_repeating_its_title(annex, built):
    lang, doc = annex
    titles = {r["figure"]: r["title"] for r in _index(built) if r["language"] == lang}
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert set(D.ANNEX_FIGURES) <= set(A.CAPTIONS)  # a figure the annex shows has its own caption
    for chart_id, caption in zip(D.ANNEX_FIGURES, captions, strict=True):
        text = caption.split(". ", 2)[-1] if lang == "lv" else caption.split(". ", 1)[-1]
        assert titles[chart_id] not in caption and text.startswith(A.CAPTIONS[chart_id][lang == "en"])


def test_latvian_annex_is_tagged_lv_and_never_says_csb(annex):
    lang, doc = annex
    tag = "lv-LV" if lang == "lv" else "en-GB"
    assert doc.core_properties.language == tag
    langs = {el.get(qn("w:val")) for el in doc.element.body.iter(qn("w:lang"))}
    assert langs == {tag}  # every run
    styles = {el.get(qn("w:val")) for el in doc.styles.element.iter(qn("w:lang"))}
    assert styles == {tag}  # every style and the defaults
    text = " ".join(p.text for p in doc.paragraphs)
    if lang == "lv":
        assert "CSB" not in text and citations.publisher("CSB", "lv") == "CSP"


def test_no_refused_outlet_and_no_workbook_cited(built):
    """Nothing the build writes carries the address of a refused outlet; no caption or footer points to
    a workbook or names the software as a source."""
    import io
    import zipfile

    refused = ("news-pravda", "sputnik", "archyde", "wikipedia.org")
    for path in built.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        texts = [data]
        if data[:4] == b"PK\x03\x04":
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                texts = [z.read(n) for n in z.namelist()]
        for blob in texts:
            assert not any(r.encode() in blob for r in refused), path
    for lang in ("lv", "en"):
        doc = Document(str(built / f"annex_{lang}.docx"))
        captions = [p.text for p in doc.paragraphs if p.text.startswith(("Avot", "Source"))]
        assert captions and not [c for c in captions if "chart_data" in c or "latgale-stats" in c]


def test_editing_project_toml_changes_the_annex_only_there():
    facts = A.project_facts()
    facts["host"]["en"] = "Another Host, Somewhere"
    data = A.annex_bytes("en", facts, "Paragraph.", [], [], [], "0", A.build_date())
    import io

    doc = Document(io.BytesIO(data))
    assert "Another Host, Somewhere" in [c.text for row in doc.tables[0].rows for c in row.cells]


def test_annex_converts_to_pdf_with_libreoffice(built, tmp_path):
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed on this machine (apt-get install libreoffice-writer-nogui)")
    for lang in ("lv", "en"):
        shutil.copy(built / f"annex_{lang}.docx", tmp_path)
    result = subprocess.run(
        [
            office,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "annex_lv.docx"),
            str(tmp_path / "annex_en.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for lang in ("lv", "en"):
        pdf = (tmp_path / f"annex_{lang}.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") + pdf.count(b"/Type/Page") >= 4
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "annex_lv.pdf"), "-"], capture_output=True, text=True).stdout
        assert "1. attēls." in text and "7. attēls." in text and "10,1%" in text


def test_missing_or_broken_project_facts_are_named(tmp_path):
    import latgale_stats as ls

    with pytest.raises(ls.DataError) as info:
        A.project_facts(tmp_path / "project.toml")
    assert info.value.codes == ["bad-project-facts"]
    (tmp_path / "project.toml").write_text('[school]\nname_lv = "Daugavpils Valsts tehnikums\n', encoding="utf-8")
    with pytest.raises(ls.DataError) as info:
        A.project_facts(tmp_path / "project.toml")
    assert info.value.codes == ["bad-project-facts"]
    (tmp_path / "project.toml").write_text('[school]\nname_lv = "X"\n', encoding="utf-8")
    with pytest.raises(ls.DataError) as info:
        A.project_facts(tmp_path / "project.toml")
    assert "[host] lv" in {p.column for p in info.value.problems}


def test_build_warns_when_the_project_facts_are_left_over_from_an_earlier_application():
    import datetime

    from latgale_stats.outputs.annex import fact_warnings, project_facts

    today = datetime.date(2026, 11, 26)
    old = fact_warnings(project_facts(), today)  # the bundled facts are the 2013 application's
    assert any("lies in the past" in w for w in old) and any("call year 2013" in w for w in old)
    current = {"period": {"start": "2027-02", "end": "2027-04", "en": "x"}, "call": {"year": 2026}}
    assert fact_warnings(current, today) == []
    assert fact_warnings({**current, "call": {"year": 2027}}, today) == []  # next year's call
    early = {"period": {"start": "2025-02", "end": "2027-04"}, "call": {"year": 2026}}
    assert any("before the call year" in w for w in fact_warnings(early, today))
    bare = fact_warnings({"period": {"en": "spring"}}, today)
    assert any("[period] has no start" in w for w in bare) and any("[call] has no year" in w for w in bare)


def test_the_build_says_so_before_it_starts(capsys, tmp_path):
    from latgale_stats.cli import main

    main(["build", "--reports", str(tmp_path / "r"), "--no-notebooks", "--quiet"])
    said = capsys.readouterr().out
    assert "Note: project.toml: the mobility period" in said and "lies in the past" in said


def test_annex_figures_leave_the_source_line_to_their_caption(built, obs):
    """In the annex the caption's source line is not repeated in the figure's footer: the annex shows
    the figure's copy with its notes only; the stand-alone PNG keeps its sources."""

    from latgale_stats.present import charts
    from latgale_stats.present.charts.common import without_sources

    for lang in ("lv", "en"):
        doc = Document(str(built / f"annex_{lang}.docx"))
        embedded = {rel.target_part.blob for rel in doc.part.rels.values() if "image" in rel.reltype}
        for chart_id in D.ANNEX_FIGURES:
            copy = (built / "figures" / f"{chart_id}_{lang}.annex.png").read_bytes()
            assert copy in embedded and (built / "figures" / f"{chart_id}_{lang}.png").read_bytes() not in embedded
        fig = charts.draw("unemployment_trend", obs, lang)
        notes_only = without_sources(fig.footer, lang)
        label = "Avoti:" if lang == "lv" else "Sources:"
        assert fig.footer.startswith(label) and label not in notes_only and notes_only in fig.footer
        assert notes_only.startswith("Piezīmes:" if lang == "lv" else "Notes:")
        from latgale_stats.outputs.files import figure_bytes

        before = figure_bytes(fig, "png")
        assert figure_bytes(fig, "annex.png") != before and figure_bytes(fig, "png") == before  # the figure is restored
