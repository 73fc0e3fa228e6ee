"""Sentences for the application, in Latvian and English, generated from observations.

Every sentence cites the observations whose numbers it states (``cites``), names its source in
brackets, and knows its length in characters (application forms count characters). Latvian grammar:
nouns and adjectives agree with numerals (1, 21, 31 … 101 take the singular, 11 and 111 the plural),
months take the case the phrase asks for, numbers come from the one CLDR formatter (decimal comma).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ..core import declarations
from ..core import regions as R
from ..core.focus import Focus, scope
from ..pipeline.select import comparison_period, for_output
from . import citations
from . import formatting as N
from .focus_text import BUILDERS as FOCUS_BUILDERS
from .wording import (  # re-exported: the grammar helpers have always been reached as text.lv_count etc.
    _MARK,
    _NUMBERED,
    _PART,
    LOCATIVE_EXCEPTIONS,
    Sentence,
    _cite,
    _cited,
    en_count,
    en_date,
    en_month_end,
    lv_count,
    lv_date,
    lv_locative,
    lv_month_end,
    lv_singular,
)

__all__ = [
    "LOCATIVE_EXCEPTIONS",
    "Paragraph",
    "Sentence",
    "en_count",
    "en_date",
    "en_month_end",
    "justification",
    "lv_count",
    "lv_date",
    "lv_locative",
    "lv_month_end",
    "lv_singular",
    "sentences",
]

# --- sentences ---------------------------------------------------------------------------------------

# Importance, for a 2026 evaluator: the current comparisons first (unemployment level, rank and gap; GDP index;
# firm formation with its year), then context; a statement without a year after every dated figure, and what the
# 2013 application said against today's data last of all. Under a character budget the least important goes first.
UNDATED = 90
REVISION = 99


def _pick(obs, indicator: str, region: str, period: str | None = None, kinds=("observation", "derived")):
    sel = obs[
        (obs["indicator"] == indicator) & (obs["region"] == region) & (obs["kind"].isin(kinds)) & (obs["status"] == "")
    ]
    if period is not None:
        sel = sel[sel["period"] == period]
    return sel.sort_values("period")


def _latest_common(obs, indicator: str, codes, kinds=("observation", "derived"), source_kind=None):
    sel = obs[
        (obs["indicator"] == indicator) & (obs["kind"].isin(kinds)) & (obs["status"] == "") & obs["region"].isin(codes)
    ]
    if source_kind:
        sel = sel[sel["source_kind"] == source_kind]
    have = sel.groupby("period")["region"].nunique()
    both = have[have == len(set(codes))]
    return both.index.max() if len(both) else None


def lv_years(years: list[str]) -> str:
    """'2015., 2017. un 2021.' (a Latvian list of years takes its dots)."""
    return citations.join([f"{y}." for y in years], "lv")


def _name(code: str, lang: str, locative: bool = False) -> str:
    name = R.name(code, lang)
    return lv_locative(name) if (lang == "lv" and locative) else name


def unemployment(obs, lang: str, versus: str = R.DEFAULT_VERSUS) -> Sentence | None:
    other = f"PR_{versus}_2021"
    period = comparison_period(obs)  # the one latest of the comparison, as the figures
    if period is None or period < "2021-07":
        return None
    lat = _pick(obs, "registered_unemployment_rate", "PR_LATGALE_2021", period).iloc[0]
    riga = _pick(obs, "registered_unemployment_rate", other, period).iloc[0]
    a, b = N.percent(lat["value"], lang, 1), N.percent(riga["value"], lang, 1)
    if lang == "lv":
        text = (
            f"{lv_month_end(period)} reģistrētā bezdarba līmenis {_name(lat['region'], lang, True)} bija {a}, "
            f"{_name(riga['region'], lang, True)} – {b} {_cited([lat, riga], lang)}."
        )
        text = text[0].upper() + text[1:]
    else:
        text = (
            f"{en_month_end(period)[0].upper()}{en_month_end(period)[1:]} the registered unemployment rate "
            f"was {a} in the {_name(lat['region'], lang)} and {b} in the {_name(riga['region'], lang)} "
            f"{_cited([lat, riga], lang)}."
        )
    return Sentence(
        "unemployment", lang, text, "registered_unemployment_rate", period, "NVA", 1, [_cite(lat, 1), _cite(riga, 1)]
    )


def unemployment_rank(obs, lang: str, versus: str = R.DEFAULT_VERSUS) -> Sentence | None:
    """Latgale's rank among the planning regions in the latest month with all of them (computed)."""
    period = comparison_period(obs)
    if period is None or period < "2021-07":
        return None
    rows = obs[
        (obs["indicator"] == "registered_unemployment_rate")
        & (obs["period"] == period)
        & obs["region"].isin(R.PLANNING_2021)
        & (obs["status"] == "")
    ]
    top = rows.loc[rows["value"].idxmax()]
    if top["region"] != "PR_LATGALE_2021":
        return None
    gap = _pick(obs, "unemployment_gap_pp", "PR_LATGALE_2021", period, ("derived",))
    gap = gap[gap["versus"] == f"PR_{versus}_2021"]
    if gap.empty:
        return None
    g = gap.iloc[0]
    pp = N.number(g["value"], lang, 1)
    # the month is said again only when it is not the month of the sentence before (the level in two regions)
    same = True  # both sentences state the comparison period
    if lang == "lv":
        when = "Tas bija" if same else f"{lv_month_end(period)} bezdarbs Latgales reģionā bija"
        text = (
            f"{when} augstākais starp pieciem plānošanas reģioniem – par {pp} procentpunktiem augstāks nekā "
            f"{_name(g['versus'], lang, True)} {_cited([g], lang)}."
        )
    else:
        when = "This was" if same else f"{en_month_end(period)} unemployment in the Latgale region was"
        text = (
            f"{when} the highest of the five planning regions, {pp} percentage points above the "
            f"{_name(g['versus'], lang)} {_cited([g], lang)}."
        )
    text = text[0].upper() + text[1:]
    return Sentence("unemployment_rank", lang, text, "unemployment_gap_pp", period, "NVA", 2, [_cite(g, 1)])


def gdp_index(obs, lang: str, versus: str = R.DEFAULT_VERSUS) -> Sentence | None:  # noqa: ARG001
    d = _pick(obs, "gdp_per_capita_index", "LV005", kinds=("derived",))
    if d.empty:
        return None
    row = d.iloc[-1]
    v = N.number(row["value"], lang, 1)
    if lang == "lv":
        text = (
            f"{row['period']}. gadā IKP uz vienu iedzīvotāju Latgalē bija tikai {v}% no Latvijas vidējā "
            f"līmeņa {_cited([row], lang)}."
        )
    else:
        text = (
            f"In {row['period']} GDP per capita in Latgale was only {v}% of the Latvian average {_cited([row], lang)}."
        )
    source = "; ".join(citations.cite(row["sources"], lang))  # each file's date, a copy date said to be one
    return Sentence("gdp_index", lang, text, "gdp_per_capita_index", row["period"], source, 3, [_cite(row, 1)])


def gdp_pps(obs, lang: str, versus: str = R.DEFAULT_VERSUS) -> Sentence | None:  # noqa: ARG001
    period = _latest_common(obs, "gdp_per_capita_pps_eu", ("LV005", "LV"), source_kind="publisher file")
    if period is None:
        return None
    lat = _pick(obs, "gdp_per_capita_pps_eu", "LV005", period).iloc[0]
    lv = _pick(obs, "gdp_per_capita_pps_eu", "LV", period).iloc[0]
    a, b = N.percent(lat["value"], lang, 0), N.percent(lv["value"], lang, 0)
    below = lat["value"] < 75
    if lang == "lv":
        text = (
            f"Pēc pirktspējas standarta Latgales IKP uz vienu iedzīvotāju {period}. gadā bija {a} no ES-27 "
            f"vidējā, Latvijā – {b}"
            + (", zem kohēzijas politikas 75% sliekšņa" if below else "")
            + f" {_cited([lat, lv], lang)}."
        )
    else:
        text = (
            f"In purchasing power standards, GDP per capita in {period} was {a} of the EU-27 average in "
            f"Latgale and {b} in Latvia"
            + (", below the 75% threshold of cohesion policy" if below else "")
            + f" {_cited([lat, lv], lang)}."
        )
    return Sentence(
        "gdp_pps", lang, text, "gdp_per_capita_pps_eu", period, "Eurostat", 5, [_cite(lat, 0), _cite(lv, 0)]
    )


def firm_statement(obs, lang: str, versus: str = R.DEFAULT_VERSUS) -> Sentence | None:  # noqa: ARG001
    st = obs[(obs["kind"] == "statement") & (obs["indicator"] == "new_enterprises_per_1000")]
    lat, lv = st[st["region"] == "LV005"], st[st["region"] == "LV"]
    if lat.empty or lv.empty:
        return None
    a, b = lat.iloc[0], lv.iloc[0]
    if lang == "lv":
        text = (
            f"Saskaņā ar Lursoft datiem, kas minēti 2013. gada pieteikumā (gads nav norādīts), Latgalē bija "
            f"{lv_count(a['value'], 'jauns uzņēmums', 'jauni uzņēmumi')} uz 1000 iedzīvotājiem, Latvijā vidēji "
            f"– {N.number(b['value'], lang, 0)} (Lursoft dati, kā minēts 2013. gada pieteikumā)."
        )
    else:
        text = (
            f"According to Lursoft data quoted in the 2013 application (year not stated), Latgale had "
            f"{en_count(a['value'], 'new enterprise', 'new enterprises')} per 1000 inhabitants against "
            f"{N.number(b['value'], lang, 0)} in Latvia as a whole (Lursoft data, as quoted in the 2013 application)."
        )
    return Sentence(
        "firm_statement",
        lang,
        text,
        "new_enterprises_per_1000",
        "",
        "Lursoft (2013 application)",
        UNDATED,
        [_cite(a, 0), _cite(b, 0)],
    )


def firm_latest(obs, lang: str, versus: str = R.DEFAULT_VERSUS) -> Sentence | None:  # noqa: ARG001
    rate = _pick(obs, "new_enterprises_per_1000", "LV", kinds=("derived",))
    if rate.empty:
        return None
    r = rate.iloc[-1]
    count = _pick(obs, "new_enterprises", "LV", r["period"], ("observation",))
    if count.empty:
        return None
    c = count.iloc[0]
    if lang == "lv":
        verb = "tika reģistrēts" if lv_singular(c["value"]) else "tika reģistrēti"
        text = (
            f"{r['period']}. gadā Latvijā {verb} {lv_count(c['value'], 'jauns uzņēmums', 'jauni uzņēmumi')} "
            f"jeb {lv_count(r['value'], 'jauns uzņēmums', 'jauni uzņēmumi', decimals=1)} uz 1000 iedzīvotājiem "
            f"{_cited([c, r], lang)}."
        )
    else:
        text = (
            f"In {r['period']}, {en_count(c['value'], 'new enterprise was', 'new enterprises were')} registered "
            f"in Latvia, or {N.number(r['value'], lang, 1)} per 1000 inhabitants {_cited([c, r], lang)}."
        )
    return Sentence(
        "firm_latest", lang, text, "new_enterprises_per_1000", r["period"], "Lursoft", 7, [_cite(c, 0), _cite(r, 1)]
    )


def gdp_revision(obs, lang: str, versus: str = R.DEFAULT_VERSUS) -> Sentence | None:  # noqa: ARG001
    """What the 2013 application said of the GDP index against every value held for that year:
    from Eurostat's per-inhabitant values (rounded to EUR 100) and from GDP totals (unrounded)."""
    st = obs[(obs["kind"] == "statement") & (obs["indicator"] == "gdp_per_capita_index") & (obs["region"] == "LV005")]
    if st.empty:
        return None
    s = st.iloc[0]
    now = _pick(obs, "gdp_per_capita_index", "LV005", s["period"], ("derived",))
    if now.empty:
        return None
    n = now.iloc[0]
    totals = _pick(obs, "gdp_index_from_totals", "LV005", s["period"], ("derived",))
    stated, rounded = N.number(s["value"], lang, 0), N.number(n["value"], lang, 1)
    unrounded = N.number(totals.iloc[0]["value"], lang, 1) if len(totals) else None
    if lang == "lv":
        extra = f", no IKP kopsummām un iedzīvotāju skaita – {unrounded}%" if unrounded else ""
        text = (
            f"2013. gada pieteikumā minētais {s['period']}. gada rādītājs ({stated}%) Eurostat datos ir "
            f"{rounded}%{extra} {_cited([n, *totals.to_dict('records')], lang)}."
        )
    else:
        extra = f", {unrounded}% from GDP totals and population" if unrounded else ""
        text = (
            f"The {s['period']} figure quoted in the 2013 application ({stated}%) is {rounded}% in Eurostat's data"
            f"{extra} {_cited([n, *totals.to_dict('records')], lang)}."
        )
    cites = [_cite(s, 0), _cite(n, 1)] + [_cite(t, 1) for _, t in totals.iterrows()]
    return Sentence("gdp_revision", lang, text, "gdp_per_capita_index", s["period"], "Eurostat", REVISION, cites)


def _latgale_and_latvia(obs, indicator: str):
    """The latest year a derived rate is held for both Latgale and Latvia, with both rows (None: no such year)."""
    period = _latest_common(obs, indicator, ("LV005", "LV"), ("derived",))
    if period is None:
        return None
    return (
        period,
        _pick(obs, indicator, "LV005", period, ("derived",)).iloc[0],
        _pick(obs, indicator, "LV", period, ("derived",)).iloc[0],
    )


def firm_births(obs, lang: str, versus: str = R.DEFAULT_VERSUS) -> Sentence | None:  # noqa: ARG001
    """Eurostat's enterprise births per 1000 inhabitants, Latgale against Latvia, latest common year."""
    pair = _latgale_and_latvia(obs, "enterprise_births_per_1000")
    if pair is None:
        return None
    period, lat, lv = pair
    a, b = N.number(lat["value"], lang, 1), N.number(lv["value"], lang, 1)
    if lang == "lv":
        started = lv_count(lat["value"], "jauns uzņēmums", "jauni uzņēmumi", decimals=1)
        text = (
            f"{period}. gadā Latgalē uz 1000 iedzīvotājiem darbību sāka {started} (Eurostat: uzņēmumu dzimstība), "
            f"Latvijā – {b} {_cited([lat, lv], lang)}."
        )
    else:
        text = (
            f"In {period} Latgale had {a} enterprise births (newly active enterprises) per 1000 inhabitants, "
            f"Latvia {b} {_cited([lat, lv], lang)}."
        )
    return Sentence(
        "firm_births", lang, text, "enterprise_births_per_1000", period, "Eurostat", 4, [_cite(lat, 1), _cite(lv, 1)]
    )


def firm_register(obs, lang: str, versus: str = R.DEFAULT_VERSUS) -> Sentence | None:  # noqa: ARG001
    """New registrations in the Register of Enterprises per 1000 inhabitants, Latgale against Latvia,
    the latest full year held for both."""
    pair = _latgale_and_latvia(obs, "registrations_per_1000")
    if pair is None:
        return None
    period, lat, lv = pair
    a, b = N.number(lat["value"], lang, 1), N.number(lv["value"], lang, 1)
    if lang == "lv":
        text = (
            f"{period}. gadā Uzņēmumu reģistrā uz 1000 iedzīvotājiem reģistrēja {a} jaunus uzņēmumus ar juridisko "
            f"adresi Latgalē, Latvijā – {b} {_cited([lat, lv], lang)}."
        )
    else:
        text = (
            f"In {period} the Register of Enterprises registered {a} new companies per 1000 inhabitants with a legal "
            f"address in Latgale, against {b} in Latvia {_cited([lat, lv], lang)}."
        )
    return Sentence(
        "firm_register",
        lang,
        text,
        "registrations_per_1000",
        period,
        "Register of Enterprises",
        3,
        [_cite(lat, 1), _cite(lv, 1)],
    )


def population(obs, lang: str, versus: str = R.DEFAULT_VERSUS) -> Sentence | None:  # noqa: ARG001
    """Latgale's population change since the base year against Latvia's."""
    lat = _pick(obs, "population_index", "LV005", kinds=("derived",))
    lv = _pick(obs, "population_index", "LV", kinds=("derived",))
    if lat.empty or lv.empty:
        return None
    a, b = lat.iloc[-1], lv[lv["period"] == lat.iloc[-1]["period"]]
    if b.empty:
        return None
    b = b.iloc[0]
    base = lat.iloc[0]["period"]
    share_a, share_b = N.number(a["value"], lang, 1), N.number(b["value"], lang, 1)  # as the figure states them
    people = _pick(obs, "population", "LV005", a["period"])
    count = people.iloc[0] if len(people) else None
    size = (
        f" ({N.number(count['value'], lang, 0)} {'iedzīvotāji' if lang == 'lv' else 'people'})"
        if count is not None
        else ""
    )
    if lang == "lv":
        text = (
            f"Latgales iedzīvotāju skaits {a['period']}. gada 1. janvārī bija {share_a}% no {base}. gada līmeņa"
            f"{size}, Latvijā – {share_b}% {_cited([a, b], lang)}."
        )
    else:
        text = (
            f"Latgale's population on 1 January {a['period']} was {share_a}% of its {base} level{size}, Latvia's "
            f"{share_b}% {_cited([a, b], lang)}."
        )
    cites = [_cite(a, 1), _cite(b, 1)] + ([_cite(count, 0)] if count is not None else [])
    return Sentence("population", lang, text, "population_index", a["period"], "Eurostat", 6, cites)


BUILDERS = {
    "gdp_index": gdp_index,
    "gdp_revision": gdp_revision,
    "gdp_pps": gdp_pps,
    "unemployment": unemployment,
    "unemployment_rank": unemployment_rank,
    "firm_statement": firm_statement,
    "firm_births": firm_births,
    "firm_register": firm_register,
    "population": population,
    "firm_latest": firm_latest,
}
assert set(BUILDERS) == {s.id for s in declarations.SENTENCES}, "every declared sentence has a builder"


def sentences(obs, lang: str = "lv", versus: str = R.DEFAULT_VERSUS, focus: Focus | None = None) -> list[Sentence]:
    """Every sentence the data supports, in the paragraph's order: Latgale's (the default focus), or with
    ``focus`` another territory's (``present.focus_text``)."""
    out = []
    if focus is not None and not focus.is_default:
        for sid in declarations.sentence_ids(*scope(focus)):
            sentence = FOCUS_BUILDERS[sid](for_output(obs, sid), lang, focus)
            if sentence is not None:
                out.append(sentence)
        return out
    for decl in declarations.SENTENCES:
        sentence = BUILDERS[decl.id](for_output(obs, decl.id), lang, versus)
        if sentence is not None:
            out.append(sentence)
    return out


@dataclass
class Paragraph:
    lang: str
    sentences: list[Sentence]
    left_out: list[Sentence]
    max_chars: int | None
    minimum: int = 0  # the shortest paragraph there can be: the most important sentence alone
    sources: list[str] = field(default_factory=list)  # with numbered citations: '1. Eurostat, …', in order

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def length(self) -> int:
        return len(self.text)


class UnknownSentence(ValueError):
    """--sentences or --skip names a sentence id that does not exist."""


def sentence_ids(focus: Focus | None = None) -> list[str]:
    if scope(focus)[0] is not None:
        return list(declarations.sentence_ids(*scope(focus)))
    return [d.id for d in declarations.SENTENCES]


def _numbered(chosen: list[Sentence]) -> tuple[list[Sentence], list[str]]:
    """The sentences with their citation marks as '[1]', '[1, 2]' (sources numbered in the order they are
    first cited), and the numbered source list."""
    numbers: dict[str, int] = {}
    out = []
    for sentence in chosen:
        pieces = sentence.text.split(_MARK)
        for i in range(1, len(pieces), 2):
            refs = []
            for part in pieces[i].split(_PART):
                refs.append(numbers.setdefault(part, len(numbers) + 1))
            pieces[i] = "[" + ", ".join(str(n) for n in sorted(set(refs))) + "]"
        out.append(dataclasses.replace(sentence, text="".join(pieces)))
    return out, [f"{n}. {part}" for part, n in numbers.items()]


def justification(
    obs,
    lang: str = "lv",
    max_chars: int | None = None,
    versus: str = R.DEFAULT_VERSUS,
    only: list[str] | None = None,
    skip: list[str] | None = None,
    cite: str = "brackets",
    focus: Focus | None = None,
) -> Paragraph:
    """The justification paragraph; with ``max_chars``, the least important sentences are left out
    (never cut) until it fits. ``only``/``skip``: sentence ids to keep or to leave out (in the
    paragraph's order); ``cite="numbered"``: sources as '[1]' in the text and a numbered list after it,
    so that the paragraph's characters go to the argument."""
    unknown = [i for i in (*(only or ()), *(skip or ())) if i not in sentence_ids(focus)]
    if unknown:
        raise UnknownSentence(
            f"no sentence {', '.join(map(repr, unknown))}; the sentences are {', '.join(sentence_ids(focus))}"
        )
    mark = _NUMBERED.set(cite == "numbered")
    try:
        every = sentences(obs, lang, versus, focus)
    finally:
        _NUMBERED.reset(mark)
    every = [s for s in every if (only is None or s.id in only) and s.id not in (skip or ())]

    def render(chosen: list[Sentence]) -> tuple[list[Sentence], list[str]]:
        return _numbered(chosen) if cite == "numbered" else (chosen, [])

    by_importance = sorted(every, key=lambda s: s.importance)  # stable: ties keep the paragraph's order
    keep = list(by_importance)
    while (
        keep
        and max_chars is not None
        and len(" ".join(s.text for s in render([s for s in every if s in keep])[0])) > max_chars
    ):
        keep.pop()  # the least important goes first
    ordered, listed = render([s for s in every if s in keep])
    minimum = render(by_importance[:1])[0][0].length if by_importance else 0
    left_out = render([s for s in every if s not in keep])[0]
    return Paragraph(lang, ordered, left_out, max_chars, minimum, listed)


def markdown_escape(text: str) -> str:
    """Text that Markdown shows as written: '2020. gadā' at a line start is not a numbered list, '*' and '_'
    are not emphasis, '[' is not a link."""
    text = re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)
    return re.sub(r"(?m)^(\s*\d+)([.)])", r"\1\\\2", text)
