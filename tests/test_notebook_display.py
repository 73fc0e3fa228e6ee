"""What notebooks show: tables as the language writes numbers, gaps empty, the justification as text."""

from __future__ import annotations


def test_notebook_tables_write_numbers_as_the_language_does_and_leave_gaps_empty(obs):
    from latgale_stats import notebook as nb

    lv = nb.series_table(obs, "gdp_per_capita_index", nb.STATISTICAL_2021, "lv")
    en = nb.series_table(obs, "gdp_per_capita_index", nb.STATISTICAL_2021, "en")
    assert lv.shape == en.shape and lv.isna().sum().sum() == 0
    numbers = [v for v in lv.to_numpy().ravel() if v]
    assert numbers and all("," in v and "." not in v for v in numbers)  # 50,0 not 50.0
    assert all("." in v and "," not in v for v in en.to_numpy().ravel() if v and len(v) < 6)
    assert "" in set(lv.to_numpy().ravel())  # a year a region lacks stays empty
    sources = nb.sources_table(obs, "gdp_per_capita", "lv")
    assert "18\u00a0400" in set(sources["value"])  # grouped as CLDR groups Latvian numbers
    assert all(r.isdigit() or r == "" for r in sources["row"])  # a row number is not grouped
    for table in (
        lv,
        sources,
        nb.gap_table(obs, "lv"),
        nb.statements(obs, "lv"),
        nb.coverage(obs, "lv"),
        nb.sentences(obs, "lv"),
    ):
        html = table.to_html()
        assert "NaN" not in html and ">nan<" not in html and "<NA>" not in html


def test_the_justification_is_shown_as_text_never_as_a_markdown_list(obs, monkeypatch):
    """'2020. gadā …' at the start of a line is an ordered list item in Markdown ('20. gadā')."""
    from html.parser import HTMLParser
    from types import SimpleNamespace

    import IPython.display

    from latgale_stats import notebook as nb

    text = "2020. gadā Latgalē bija 4,1 jauns uzņēmums uz 1000 iedzīvotājiem (Eurostat).\n1. piezīme."
    monkeypatch.setattr(nb, "_justification", lambda *a, **k: SimpleNamespace(text=text, length=len(text)))
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.extend((o, kw) for o in objs))
    nb.justification(obs, "lv", max_chars=1000)
    (bundle, kwargs), *_ = shown
    assert kwargs.get("raw") and set(bundle) == {"text/plain", "text/html"}  # no text/markdown
    assert bundle["text/plain"].startswith(text)

    class Read(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags: list[str] = []
            self.data = ""

        def handle_starttag(self, tag, attrs):
            self.tags.append(tag)

        def handle_data(self, data):
            self.data += data

    read = Read()
    read.feed(bundle["text/html"])
    assert "ol" not in read.tags and "li" not in read.tags
    assert read.data.startswith(text) and f"{len(text)} / 1000 rakstzīmes" in read.data


def test_the_built_notebooks_show_no_nan_and_latvian_decimals(built):
    import re

    from latgale_stats.core.declarations import notebook_ids

    for name in notebook_ids(None):
        html = (built / "notebooks" / f"{name}.html").read_text(encoding="utf-8")
        cells = re.findall(r"<td>(.*?)</td>", html)
        assert cells and not [c for c in cells if c.strip() in ("NaN", "nan", "<NA>", "None")], name
    gdp = (built / "notebooks" / "02-gdp-per-capita.html").read_text(encoding="utf-8")
    assert re.search(r"<td>\d+,\d</td>", gdp) and not re.search(r"<td>\d+\.\d</td>", gdp)
