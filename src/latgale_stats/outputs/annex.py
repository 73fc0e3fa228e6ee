"""The application annex as a Word document (python-docx), in Latvian and English.

Title; the project facts (``project.toml``); the justification paragraph; each figure at the
full 16 cm text width with a numbered caption (a Word SEQ field, so Word renumbers if figures are
moved), its source line and its alt text on the picture (the drawing's description, shown by Word's
Alt Text pane and read by screen readers); the sources of the values it shows (and of no others), with
their dates (a release, or the day a copy was made) and addresses; the build date and the vintages of
those sources. The same inputs give the same bytes, apart from the build date.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..core import clock
from ..core.declarations import EVERY_FIGURE_ID, get
from ..core.focus import Focus, scope
from ..core.io import normalise_zip
from ..core.model import CellRef, SourceKind, SourceRef, VintageFrom
from ..core.paths import display_path
from ..core.problems import DataError, Problem
from ..core.project import project_file, read_project_toml
from ..core.regions import DEFAULT_VERSUS
from ..present import citations
from ..present import focus as X
from ..present import formatting as N
from ..present.text import Paragraph, justification, markdown_escape

WORDS = {
    "lv": {
        "title": "Pielikums. Latgales reģiona sociālekonomiskā situācija",
        "subtitle": "Dati un attēli projekta pieteikuma vajadzību pamatojumam",
        "facts": "Projekta dati",
        "school": "Iestāde",
        "target_group": "Mērķa grupa",
        "host": "Uzņemošā organizācija",
        "period": "Periods",
        "budget": "Budžets",
        "aims": "Mērķi",
        "justification": "Pamatojums",
        "figures": "Attēli",
        "figure": "attēls",
        "sources": "Avoti",
        "alt": "Alternatīvais teksts",
        "built": "Sagatavots",
        "vintages": "Datu versijas",
        "application": "2013. gada projekta pieteikums (Daugavpils Valsts tehnikums)",
        "press_item": "preses ziņa par oficiāliem datiem: {outlet}",
        "page_item": "relīze publicētāja vietnē: {site}",
        "statements": "Skaitļi, ko minēja 2013. gada pieteikums",
        "description": "Projekta pieteikuma pielikums: dati, attēli un avoti (latgale-stats {version})",
        "keywords": "Latgale; IKP; bezdarbs; uzņēmumi; iedzīvotāji",
        "category": "Projekta pieteikuma pielikums",
        "calculation": "Autoru aprēķins: atvasinātie rādītāji (indekss Latvija = 100, rādītāji uz 1000 iedzīvotājiem, "
        "starpības) aprēķināti no šeit minētajiem avotiem; metode – attēlu piezīmēs",
    },
    "en": {
        "title": "Annex. The socio-economic situation of the Latgale region",
        "subtitle": "Data and figures for the needs analysis of the project application",
        "facts": "Project facts",
        "school": "School",
        "target_group": "Target group",
        "host": "Host organisation",
        "period": "Period",
        "budget": "Budget",
        "aims": "Aims",
        "justification": "Justification",
        "figures": "Figures",
        "figure": "Figure",
        "sources": "Sources",
        "alt": "Alt text",
        "built": "Prepared",
        "vintages": "Data vintages",
        "application": "2013 project application (Daugavpils State Technical School)",
        "press_item": "press report of official data: {outlet}",
        "page_item": "release on the publisher's own site: {site}",
        "statements": "Figures the 2013 application stated",
        "description": "Annex to a project application: data, figures and sources (latgale-stats {version})",
        "keywords": "Latgale; GDP; unemployment; enterprises; population",
        "category": "Project application annex",
        "calculation": "Authors' calculation: the derived values (index Latvia = 100, rates per 1000 inhabitants, "
        "gaps) are computed from the sources listed here; the method is in the figure notes",
    },
}


# The Word caption of each figure: what it shows, in other words than the title drawn in the image
# (a reader sees both, one above the other); the figure's subtitle (its period) follows in brackets.
CAPTIONS: dict[str, tuple[str, str]] = {
    "key_figures": (
        "Latgales un Latvijas galvenie sociālekonomiskie rādītāji",
        "The main socio-economic indicators of Latgale and of Latvia",
    ),
    "gdp_index_latest": (
        "Latgales IKP uz vienu iedzīvotāju salīdzinājumā ar pārējiem statistiskajiem reģioniem",
        "Latgale's GDP per capita beside that of the other statistical regions",
    ),
    "gdp_index_trend": (
        "Kā mainījies reģionu IKP uz vienu iedzīvotāju attiecībā pret Latvijas vidējo",
        "How the regions' GDP per capita moved against Latvia's average",
    ),
    "gdp_pps_eu": (
        "IKP uz vienu iedzīvotāju pēc pirktspējas salīdzinājumā ar ES vidējo",
        "GDP per capita in purchasing power, measured against the EU average",
    ),
    "unemployment_latest": (
        "Reģistrētā bezdarba līmenis Latgalē un pārējos plānošanas reģionos",
        "The registered unemployment rate in Latgale and in the other planning regions",
    ),
    "unemployment_trend": (
        "Kā mainījies reģistrētais bezdarbs Latgalē un citos reģionos",
        "How registered unemployment changed in Latgale and in the other regions",
    ),
    "firm_formation": (
        "Cik daudz jaunu uzņēmumu rodas Latgalē un Latvijā",
        "How many new enterprises start in Latgale and in Latvia",
    ),
    "population_change": (
        "Iedzīvotāju skaita pārmaiņas Latgalē un Latvijā",
        "Population change in Latgale and in Latvia",
    ),
}


# For another focus than Latgale: the title, keywords and the focus figures' captions name the focus
# ({genitive}, {nominative}; English {name}, {the}: core/territory/names.csv).
FOCUS_WORDS = {
    "lv": {
        "title": "Pielikums. {genitive} sociālekonomiskā situācija",
        "keywords": "{nominative}; IKP; bezdarbs; uzņēmumi; iedzīvotāji",
    },
    "en": {
        "title": "Annex. The socio-economic situation of {the}",
        "keywords": "{name}; GDP; unemployment; enterprises; population",
    },
}
FOCUS_CAPTIONS: dict[str, tuple[str, str]] = {
    "focus_profile": (
        "{genitive} galvenie sociālekonomiskie rādītāji un salīdzināmās teritorijas",
        "The main socio-economic indicators of {the} and of the territories it is compared with",
    ),
    "focus_ranking": ("{genitive} vieta starp pašvaldībām", "Where {the} stands among the municipalities"),
}


def focus_words(territory: str, lang: str) -> dict[str, str]:
    """The annex's words naming another focus than Latgale (its title and keywords)."""
    forms = X.forms(territory)
    return {k: v.format(**forms) for k, v in FOCUS_WORDS[lang].items()}


def caption_text(chart_id: str, title: str, subtitle: str, lang: str, territory: str | None = None) -> str:
    """A figure's caption text (after '1. attēls.' / 'Figure 1.'): its caption phrase and subtitle;
    a figure without a phrase falls back to its title."""
    pair = CAPTIONS.get(chart_id)
    if chart_id in FOCUS_CAPTIONS and territory is not None:
        pair = tuple(c.format(**X.forms(territory)) for c in FOCUS_CAPTIONS[chart_id])  # type: ignore[assignment]
    text = pair[0 if lang == "lv" else 1] if pair else title
    return f"{text} – {subtitle}" if subtitle else text  # a dash, so a subtitle's own brackets are never nested


REQUIRED_FACTS = (
    ("school", "name_lv"),
    ("school", "name_en"),
    ("target_group", "lv"),
    ("target_group", "en"),
    ("host", "lv"),
    ("host", "en"),
    ("period", "lv"),
    ("period", "en"),
    ("budget", "amount"),
    ("budget", "currency"),
    ("aims", "lv"),
    ("aims", "en"),
)


def project_facts(path: Path | None = None) -> dict:
    """The project facts (``project.toml``); a missing file, a syntax error or a missing entry is a
    DataError that says what to fix."""
    path = path or project_file()
    shown = display_path(path)
    facts, _ = read_project_toml(path)
    missing = [f"[{table}] {key}" for table, key in REQUIRED_FACTS if key not in facts.get(table, {})]
    if missing:
        raise DataError(
            [
                Problem(
                    "bad-project-facts",
                    CellRef(shown, None, m),
                    "",
                    "this entry of the project facts",
                    "add it to project.toml",
                )
                for m in missing
            ]
        )
    return facts


def _month(value: object) -> tuple[int, int] | None:
    text = str(value)
    if len(text) >= 7 and text[:4].isdigit() and text[4] == "-" and text[5:7].isdigit() and 1 <= int(text[5:7]) <= 12:
        return int(text[:4]), int(text[5:7])
    return None


def fact_warnings(facts: dict, today: date) -> list[str]:
    """What in the project facts looks left over from an earlier application: a mobility period that has
    ended, a call year that is not this year's or next year's, a period that starts before its call."""
    shown = display_path(project_file())
    out = []
    period, call = facts.get("period", {}), facts.get("call", {})
    start, end = _month(period.get("start", "")), _month(period.get("end", ""))
    if start is None or end is None:
        out.append(
            f'{shown}: [period] has no start and end month (start = "2027-02", end = "2027-04"): add them, so '
            "that the build can tell an old application's period"
        )
    elif end < (today.year, today.month):
        out.append(
            f"{shown}: the mobility period ({period.get('en', '')}, ending {end[0]}-{end[1]:02d}) lies in the past: "
            "for the next application edit [period] (start, end, lv, en) and the other facts"
        )
    year = call.get("year")
    if not isinstance(year, int):
        out.append(
            f"{shown}: [call] has no year (year = {today.year}): add the year of the call this application answers"
        )
    else:
        if year not in (today.year, today.year + 1):
            out.append(
                f"{shown}: the call year {year} is not this year's or next year's call ({today.year}, "
                f"{today.year + 1}): set [call] year to the call the application answers"
            )
        if start is not None and start[0] < year:
            out.append(
                f"{shown}: the mobility period starts in {start[0]}, before the call year {year}: check [period] "
                "and [call]"
            )
    return out


def build_date() -> date:
    """The date given by SOURCE_DATE_EPOCH (reproducible builds), else today (``core.clock``)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC).date() if epoch else clock.today()


@dataclass
class AnnexFigure:
    chart_id: str
    title: str
    subtitle: str
    sources: str  # the citation line shown under the figure
    alt_text: str
    png: bytes
    data: Any = None


@dataclass
class SourceEntry:
    """One line of the annex's source list: its text, the address it links to, and whether it is a
    press report of a publisher's figures."""

    text: str
    url: str = ""
    press: bool = False


PUBLISHER_ORDER = ("Eurostat", "CSB", "NVA", "Lursoft")


def _fact_rows(facts: dict, lang: str) -> list[tuple[str, str]]:
    w = WORDS[lang]
    budget = facts["budget"]
    amount = N.number(budget["amount"], lang, 2)
    money = f"{amount} {budget['currency']}" if lang == "lv" else f"{budget['currency']} {amount}"
    return [
        (w["school"], facts["school"][f"name_{lang}"]),
        (w["target_group"], facts["target_group"][lang]),
        (w["host"], facts["host"][lang]),
        (w["period"], facts["period"][lang]),
        (w["budget"], money),
        (w["aims"], "\n".join(f"– {a}" for a in facts["aims"][lang])),
    ]


def source_list(sources: list[SourceRef], lang: str, derived: bool = False) -> list[tuple[str, list[SourceEntry]]]:
    """The sources behind the figures and sentences, grouped by publisher: each publisher file with
    its dataset, its date ('publicēts 10.02.2026' / 'release of 10 Feb 2026' for a release, 'lejupielādēts
    12.01.2024' / 'downloaded 12 Jan 2024' for the day a copy was made) and address, then each release
    read on the publisher's own site (its page, with the release's date where known), then every page a
    press figure was read from (marked as a press report of official data, with its outlet); then the
    2013 application."""
    w = WORDS[lang]
    files: dict[str, dict[tuple[str, str, VintageFrom], str]] = {}
    releases: dict[str, set[tuple[str, str, VintageFrom, str]]] = {}
    pages: dict[str, set[tuple[str, str]]] = {}
    statement = False
    for s in sources:
        if s.kind == SourceKind.STATEMENT:
            statement = True
        elif s.kind == SourceKind.PUBLISHER_FILE:
            files.setdefault(s.publisher, {})[(s.dataset, s.vintage or "", s.vintage_from)] = s.url
        elif s.kind == SourceKind.PUBLISHER_PAGE and s.url:
            releases.setdefault(s.publisher, set()).add((citations.site(s), s.vintage or "", s.vintage_from, s.url))
        elif s.kind == SourceKind.PRESS and s.url:
            pages.setdefault(s.publisher, set()).add((citations.outlet_name(s), s.url))
    groups: list[tuple[str, list[SourceEntry]]] = []
    names = sorted(
        set(files) | set(releases) | set(pages),
        key=lambda p: (p not in PUBLISHER_ORDER, PUBLISHER_ORDER.index(p) if p in PUBLISHER_ORDER else 0, p),
    )
    for name in names:
        entries = [
            SourceEntry(
                ", ".join(
                    p
                    for p in (citations.dataset_name(dataset, lang), citations.dated(vintage, kind, lang, listed=True))
                    if p
                ),
                url,
            )
            for (dataset, vintage, kind), url in sorted(files.get(name, {}).items())
        ]
        entries += [
            SourceEntry(
                ", ".join(
                    p
                    for p in (w["page_item"].format(site=site), citations.dated(vintage, kind, lang, listed=True))
                    if p
                ),
                url,
            )
            for site, vintage, kind, url in sorted(releases.get(name, set()))
        ]
        entries += [
            SourceEntry(w["press_item"].format(outlet=outlet), url, press=True)
            for outlet, url in sorted(pages.get(name, set()))
        ]
        groups.append((citations.publisher(name, lang), entries))
    if statement:
        groups.append((w["statements"], [SourceEntry(w["application"])]))
    if derived:
        label = citations.cite([], lang, derived=True)[0]  # 'autoru aprēķins' inside a citation; a heading here
        groups.append((label[:1].upper() + label[1:], [SourceEntry(w["calculation"])]))
    return groups


def paragraph_markdown(para: Paragraph) -> str:
    """The justification paragraph as Markdown: its text escaped (a sentence starting '2020. gadā' stays
    text, not a list item), then its sources grouped by publisher with their addresses as links."""
    lang = para.lang
    sources = [s for sentence in para.sentences for c in sentence.cites for s in c["sources"]]
    derived = any(c["kind"] == "derived" for sentence in para.sentences for c in sentence.cites)
    lines = [markdown_escape(para.text), "", f"**{WORDS[lang]['sources']}**", ""]
    for name, entries in source_list(sources, lang, derived):
        for entry in entries:
            shown = markdown_escape(entry.text if entry.text.startswith(name) else f"{name}: {entry.text}")
            lines.append(f"- {shown} <{entry.url}>" if entry.url else f"- {shown}")
    return "\n".join(lines)


def _hyperlink(paragraph: Any, url: str, text: str) -> None:
    """A clickable link (an external relationship and a w:hyperlink run)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    color = OxmlElement("w:color")
    color.set(qn("w:val"), "0563C1")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(color)
    props.append(underline)
    run.append(props)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _tag_language(doc: Any, tag: str) -> None:
    """Mark the document's text as ``tag`` (lv-LV, en-GB) in the default run properties, in every
    style and in every run, so that Word's spelling and a screen reader use the right language."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def mark(r_pr: Any) -> None:
        for old in r_pr.findall(qn("w:lang")):
            r_pr.remove(old)
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), tag)
        lang.set(qn("w:eastAsia"), tag)
        lang.set(qn("w:bidi"), tag)
        r_pr.append(lang)

    def props(el: Any) -> Any:
        """The element's w:rPr, made if missing (first child of a run, after w:pPr in a style)."""
        found = el.find(qn("w:rPr"))
        if found is None:
            found = OxmlElement("w:rPr")
            if el.tag == qn("w:r"):
                el.insert(0, found)
            else:
                el.append(found)
        return found

    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr_default is not None:
        mark(props(rpr_default))
    for style in styles.findall(qn("w:style")):
        mark(props(style))
    for run in doc.element.body.iter(qn("w:r")):
        mark(props(run))


def _application(doc: Any, version: str) -> None:
    """The extended properties (docProps/app.xml) name latgale-stats as the program that wrote the
    file, not the Word for Mac that made python-docx's template."""
    import re

    for part in doc.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            text = part.blob.decode("utf-8")
            text = re.sub(
                r"<Application>[^<]*</Application>", f"<Application>latgale-stats {version}</Application>", text
            )
            part._blob = text.encode("utf-8")


def _set_alt_text(inline_shape, title: str, alt: str) -> None:
    doc_pr = inline_shape._inline.docPr
    doc_pr.set("descr", alt)
    doc_pr.set("title", title)


def _caption(doc, number: int, text: str, lang: str):
    """'1. attēls. …' / 'Figure 1. …' with the number as a Word SEQ field (Word keeps it in order)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = doc.add_paragraph(style="Caption")
    label = "Attēls" if lang == "lv" else "Figure"

    def run(text_: str | None = None, fld: str | None = None, instr: str | None = None):
        r = OxmlElement("w:r")
        if fld:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), fld)
            r.append(el)
        elif instr:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = instr
            r.append(el)
        else:
            el = OxmlElement("w:t")
            el.set(qn("xml:space"), "preserve")
            el.text = text_
            r.append(el)
        p._p.append(r)

    if lang == "en":
        run(f"{WORDS[lang]['figure']} ")
    run(fld="begin")
    run(instr=f" SEQ {label} \\* ARABIC ")
    run(fld="separate")
    run(str(number))
    run(fld="end")
    run(f". {WORDS[lang]['figure']}. {text}" if lang == "lv" else f". {text}")
    return p


def annex_bytes(
    lang: str,
    facts: dict,
    paragraph: str,
    figures: list[AnnexFigure],
    sources: list[tuple[str, list[SourceEntry]]],
    vintages: list[str],
    version: str,
    when: date,
    territory: str | None = None,
) -> bytes:
    """The annex as .docx bytes (``territory``: another focus than Latgale, named in its title)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    w = WORDS[lang] | (focus_words(territory, lang) if territory else {})
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)

    stamp = datetime(when.year, when.month, when.day, tzinfo=UTC).replace(tzinfo=None)
    props = doc.core_properties
    props.title, props.subject = w["title"], w["subtitle"]
    props.author = props.last_modified_by = facts["school"][f"name_{lang}"]
    props.language = "lv-LV" if lang == "lv" else "en-GB"
    props.created = props.modified = stamp
    props.revision = 1
    props.comments = w["description"].format(version=version)  # python-docx's template says "generated by python-docx"
    props.keywords = w["keywords"]
    props.category = w["category"]

    doc.add_heading(w["title"], level=0)
    doc.add_paragraph(f"{w['subtitle']}. {facts['school'][f'name_{lang}']}.")

    doc.add_heading(w["facts"], level=1)
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    table.autofit = False
    widths = (Cm(4.5), Cm(11.5))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for key, value in _fact_rows(facts, lang):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = key, value
        cells[0].paragraphs[0].runs[0].bold = True
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width

    doc.add_heading(w["justification"], level=1)
    doc.add_paragraph(paragraph)

    doc.add_heading(w["figures"], level=1)
    for number, fig in enumerate(figures, 1):
        doc.add_picture(io.BytesIO(fig.png), width=Cm(16))
        pic_par = doc.paragraphs[-1]
        pic_par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        pic_par.paragraph_format.keep_with_next = True
        _set_alt_text(doc.inline_shapes[-1], fig.title, fig.alt_text)
        cap = _caption(doc, number, caption_text(fig.chart_id, fig.title, fig.subtitle, lang, territory), lang)
        cap.paragraph_format.keep_with_next = True
        src = doc.add_paragraph()
        run = src.add_run(fig.sources)
        run.italic = True
        run.font.size = Pt(9)
        run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)
        src.paragraph_format.space_after = Pt(14)

    doc.add_heading(w["sources"], level=1)
    for publisher, entries in sources:
        head = doc.add_paragraph()
        head.add_run(publisher).bold = True
        head.paragraph_format.keep_with_next = True
        for entry in entries:
            item = doc.add_paragraph(style="List Bullet")
            item.add_run(entry.text + (": " if entry.url else ""))
            if entry.url:
                _hyperlink(item, entry.url, entry.url)

    end = doc.add_paragraph()
    end_run = end.add_run(
        f"{w['built']}: {N.date(when.isoformat(), lang)} (latgale-stats {version}). {w['vintages']}: "
        f"{'; '.join(vintages)}."
    )
    end_run.font.size = Pt(9)
    _tag_language(doc, "lv-LV" if lang == "lv" else "en-GB")
    _application(doc, version)

    buf = io.BytesIO()
    doc.save(buf)
    stamp_text = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    return normalise_zip(buf.getvalue(), doc_time=stamp_text)


def shown_sources(para: Paragraph, figures: list[AnnexFigure]) -> list[tuple[SourceRef, str | None]]:
    """Every source of a value the annex shows (a figure plots it or a sentence states it), with the period
    of that value; for a derived value, the sources of its inputs. Nothing else is listed as a source."""
    out = [(s, c["period"]) for sentence in para.sentences for c in sentence.cites for s in c["sources"]]
    for f in figures:
        for period, refs in zip(f.data["period"], f.data["sources"], strict=True):
            out += [(s, period if isinstance(period, str) else None) for s in refs]
    return out


def vintages_line(shown: list[tuple[SourceRef, str | None]], lang: str) -> list[str]:
    """The vintages of what the annex shows: each publisher file a shown value comes from, with its date
    ('nama_10r_3gdp_LV_2023-02-21.csv: 21.02.2023', a copy date as 'lejupielādēts 12.01.2024'), and the
    latest period of each publisher's press figures and pages shown ('NVA (pēdējais periods 2025-12)')."""
    files: dict[str, str] = {}
    latest: dict[str, str] = {}
    for s, period in shown:
        if s.kind == SourceKind.PUBLISHER_FILE and s.vintage and s.cell is not None:
            files[s.cell.file.rsplit("/", 1)[-1]] = citations.dated(s.vintage, s.vintage_from, lang)
        elif s.kind in (SourceKind.PRESS, SourceKind.PUBLISHER_PAGE) and period:
            latest[s.publisher] = max(latest.get(s.publisher, ""), period)
    word = "pēdējais periods" if lang == "lv" else "latest period"
    out = [f"{name}: {date}" for name, date in sorted(files.items())]
    out += [f"{citations.publisher(name, lang)} ({word} {period})" for name, period in sorted(latest.items())]
    return out


def build_annex(
    lang: str,
    obs: Any,
    rendered: Any,
    figures_dir: Path,
    version: str,
    facts: dict[str, Any] | None = None,
    when: date | None = None,
    versus: str = DEFAULT_VERSUS,
    focus: Focus | None = None,
) -> bytes:
    """The annex for one language from the build's figures (PNG files in ``figures_dir``), of the focus
    (None: Latgale's, as before)."""
    facts = facts or project_facts()
    by_id = {(r.chart_id, r.lang): r for r in rendered}
    figures = []
    territory = scope(focus)[0]
    for chart_id in (f for f in get(f"annex_{lang}.docx").shows if f in EVERY_FIGURE_ID):
        r = by_id.get((chart_id, lang))
        png = figures_dir / f"{chart_id}_{lang}.annex.png"  # its footer without the caption's source line
        if r is None or not png.exists():
            continue
        line = citations.source_line(
            [s for refs in r.data["sources"] for s in refs], lang, derived=bool((r.data["kind"] == "derived").any())
        )
        figures.append(AnnexFigure(chart_id, r.title, r.subtitle, line, r.alt_text, png.read_bytes(), r.data))
    para = justification(obs, lang, versus=versus, focus=focus)
    shown = shown_sources(para, figures)
    derived = any(c["kind"] == "derived" for sentence in para.sentences for c in sentence.cites) or any(
        (f.data["kind"] == "derived").any() for f in figures
    )
    return annex_bytes(
        lang,
        facts,
        para.text,
        figures,
        source_list([s for s, _ in shown], lang, derived),
        vintages_line(shown, lang),
        version,
        when or build_date(),
        territory,
    )
