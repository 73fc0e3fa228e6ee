"""One declaration per output: which indicators each figure, sentence, notebook and workbook reads.

Build planning (which outputs to render again after a change), incremental keys, ``diff`` ("what a
change touches"), the annex and the workbooks all read this table and nothing else. Derived
indicators declare their inputs in the catalogue (``indicators.Indicator.inputs``); :func:`reads`
expands them. Outputs are handed only the observations they declare (``pipeline.select.for_output``),
and a test draws every output from the declared rows alone, so an undeclared read cannot go unseen.

To add a figure: one entry in ``FIGURES`` below, plus its module in ``present/charts/``.

Two sets of figures and sentences, by the focus of the application (``core.focus``): ``FIGURES`` and
``SENTENCES`` speak of the Latgale region as a whole (the default focus, and what the 2013 application argued),
``FOCUS_FIGURES`` and ``FOCUS_SENTENCES`` of any territory, a municipality as well as a region, beside what it is
compared with. :func:`figure_ids` and :func:`sentence_ids` give the set of a focus; each output declares the
territory levels it supports in ``levels``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .indicators import CATALOGUE, fed_by, with_inputs


class OutputKind(StrEnum):
    FIGURE = "figure"
    SENTENCE = "sentence"
    NOTEBOOK = "notebook"
    WORKBOOK = "workbook"
    DOCUMENT = "document"


@dataclass(frozen=True)
class Output:
    id: str
    kind: OutputKind
    indicators: frozenset[str] | None  # None: every indicator of the catalogue
    shows: tuple[str, ...] = ()  # other outputs it includes (a notebook's figures, the annex's figures)
    levels: tuple[str, ...] = ("latgale",)  # the focuses it speaks of: "latgale" (the default), or any
    # territory of the levels named ("region", "municipality")


def _out(
    id_: str,
    kind: OutputKind,
    indicators: Iterable[str] | None,
    shows: Iterable[str] = (),
    levels: tuple[str, ...] = ("latgale",),
) -> Output:
    return Output(id_, kind, None if indicators is None else frozenset(indicators), tuple(shows), levels)


ANY = ("region", "municipality")  # the levels of the focus set: any territory a focus can be


F, S, N, W, D = OutputKind.FIGURE, OutputKind.SENTENCE, OutputKind.NOTEBOOK, OutputKind.WORKBOOK, OutputKind.DOCUMENT

# Figures, in the order they are rendered and listed in chart_data.xlsx.
FIGURES: tuple[Output, ...] = (
    _out("gdp_index_latest", F, {"gdp_per_capita_index"}),
    _out("gdp_index_trend", F, {"gdp_per_capita_index", "gdp_index_from_totals"}),
    _out("gdp_pps_eu", F, {"gdp_per_capita_pps_eu"}),
    _out("unemployment_latest", F, {"registered_unemployment_rate"}),
    _out("unemployment_trend", F, {"registered_unemployment_rate"}),
    _out(
        "firm_formation",
        F,
        {"enterprise_births_per_1000", "new_enterprises_per_1000", "registrations_per_1000", "registrations"},
    ),
    _out("population_change", F, {"population_index"}),
    _out(
        "key_figures",
        F,
        {
            "gdp_per_capita_index",
            "registered_unemployment_rate",
            "enterprise_births_per_1000",
            "registrations_per_1000",
        },
    ),
)
# Figures for any focus (a municipality or a region) beside its comparisons.
FOCUS_FIGURES: tuple[Output, ...] = (
    _out(
        "focus_profile",
        F,
        {
            "gdp_per_capita_index",
            "registered_unemployment_rate",
            "registrations_per_1000",
            "new_enterprises_per_1000",
            "population_change_pct",
        },
        levels=ANY,
    ),
    _out(
        "focus_ranking",
        F,
        {"gdp_per_capita_index", "registrations_per_1000", "population_average_change"},
        levels=("municipality",),
    ),
)
# The annex shows the key figures first.
FIGURE_FORMATS = ("png", "svg", "pdf")
# the copy of an annex figure that the Word annex shows: its footer without the source line, which the
# annex's caption gives (figures/<id>_<lang>.annex.png)
ANNEX_FORMAT = "annex.png"


def formats_of(chart_id: str) -> tuple[str, ...]:
    """The files a figure is rendered to: PNG, SVG and PDF, and the annex's copy for an annex figure."""
    return (*FIGURE_FORMATS, ANNEX_FORMAT) if chart_id in (*ANNEX_FIGURES, *FOCUS_ANNEX_FIGURES) else FIGURE_FORMATS


ANNEX_FIGURES = (
    "key_figures",
    "gdp_index_latest",
    "gdp_index_trend",
    "gdp_pps_eu",
    "unemployment_latest",
    "unemployment_trend",
    "firm_formation",
    "population_change",
)
FOCUS_ANNEX_FIGURES = ("focus_profile", "focus_ranking")  # the annex for another focus than Latgale

# Sentences of the justification paragraph, in the paragraph's order.
SENTENCES: tuple[Output, ...] = (
    _out("unemployment", S, {"registered_unemployment_rate"}),
    _out("unemployment_rank", S, {"registered_unemployment_rate", "unemployment_gap_pp"}),
    _out("gdp_index", S, {"gdp_per_capita_index"}),
    _out("firm_births", S, {"enterprise_births_per_1000"}),
    _out("firm_register", S, {"registrations_per_1000"}),
    _out("gdp_pps", S, {"gdp_per_capita_pps_eu"}),
    _out("population", S, {"population_index"}),
    _out("firm_latest", S, {"new_enterprises", "new_enterprises_per_1000"}),
    _out("firm_statement", S, {"new_enterprises_per_1000"}),
    _out("gdp_revision", S, {"gdp_per_capita_index", "gdp_index_from_totals"}),
)

FOCUS_SENTENCES: tuple[Output, ...] = (
    _out("focus_gdp", S, {"gdp_per_capita_index"}, levels=ANY),
    _out("focus_unemployment", S, {"registered_unemployment_rate"}, levels=ANY),
    _out("focus_firms", S, {"registrations_per_1000", "new_enterprises_per_1000"}, levels=ANY),
    _out("focus_population", S, {"population_change_pct", "population_average_change"}, levels=ANY),
    _out("focus_enterprises", S, {"new_enterprises", "liquidated_enterprises"}, levels=ANY),  # counts: context
)

NOTEBOOKS: tuple[Output, ...] = (
    _out("01-data-overview", N, None),
    _out(
        "02-gdp-per-capita",
        N,
        {"gdp_per_capita", "gdp_per_capita_index", "gdp_per_capita_pps_eu"},
        ("gdp_index_latest", "gdp_index_trend", "gdp_pps_eu"),
    ),
    _out(
        "03-unemployment",
        N,
        {"registered_unemployment_rate", "unemployment_gap_pp"},
        ("unemployment_latest", "unemployment_trend"),
    ),
    _out(
        "04-firm-formation",
        N,
        {
            "new_enterprises",
            "liquidated_enterprises",
            "new_enterprises_per_1000",
            "enterprise_births",
            "enterprise_births_per_1000",
            "enterprise_birth_rate",
            "population_index",
        },
        ("firm_formation", "population_change"),
    ),
    _out("05-application-figures", N, set(), (*(f.id for f in FIGURES), *(s.id for s in SENTENCES))),
    _out(
        "06-focus-profile",
        N,
        set(),
        (*(f.id for f in FOCUS_FIGURES), *(s.id for s in FOCUS_SENTENCES)),
        levels=ANY,
    ),
)

DOCUMENTS: tuple[Output, ...] = (
    _out("indicators.xlsx", W, None),
    _out("chart_data.xlsx", W, set(), tuple(f.id for f in (*FIGURES, *FOCUS_FIGURES))),
    *(
        _out(
            f"annex_{lang}.docx",
            D,
            set(),
            (*ANNEX_FIGURES, *FOCUS_ANNEX_FIGURES, *(s.id for s in (*SENTENCES, *FOCUS_SENTENCES))),
        )
        for lang in ("lv", "en")
    ),
)

ALL: dict[str, Output] = {
    o.id: o for o in (*FIGURES, *FOCUS_FIGURES, *SENTENCES, *FOCUS_SENTENCES, *NOTEBOOKS, *DOCUMENTS)
}
FIGURE_IDS: tuple[str, ...] = tuple(f.id for f in FIGURES)
FOCUS_FIGURE_IDS: tuple[str, ...] = tuple(f.id for f in FOCUS_FIGURES)
EVERY_FIGURE_ID: tuple[str, ...] = (*FIGURE_IDS, *FOCUS_FIGURE_IDS)
NOTEBOOK_IDS: tuple[str, ...] = tuple(n.id for n in NOTEBOOKS)


def is_default(territory: str | None) -> bool:
    """Whether a focus is the default one (Latgale, ``PR_LATGALE_2021``), whose set is ``FIGURES``/``SENTENCES``."""
    return territory in (None, "PR_LATGALE_2021")


def supports(output_id: str, territory: str | None, level: str) -> bool:
    """Whether an output speaks of a focus: the Latgale set of the default focus, or the focus set of a
    territory of one of its levels (``level``: "region" or "municipality")."""
    levels = get(output_id).levels
    return "latgale" in levels if is_default(territory) else level in levels


def figure_ids(territory: str | None = None, level: str = "region") -> tuple[str, ...]:
    """The figures of a focus (None: the default), in the order they are rendered."""
    return tuple(f for f in EVERY_FIGURE_ID if supports(f, territory, level))


def sentence_ids(territory: str | None = None, level: str = "region") -> tuple[str, ...]:
    return tuple(s.id for s in (*SENTENCES, *FOCUS_SENTENCES) if supports(s.id, territory, level))


def notebook_ids(territory: str | None = None, level: str = "region") -> tuple[str, ...]:
    """The notebooks a build runs for a focus: 01–05 for the default, 01 and 06 for any other (01 is the data
    overview, which speaks of no focus; 02–05 speak of Latgale)."""
    if is_default(territory):
        return tuple(n for n in NOTEBOOK_IDS if "latgale" in get(n).levels)
    return tuple(n for n in NOTEBOOK_IDS if n == "01-data-overview" or level in get(n).levels)


def get(output_id: str) -> Output:
    try:
        return ALL[output_id]
    except KeyError:
        raise KeyError(f"no output {output_id!r} is declared; known: {', '.join(ALL)}") from None


def reads(output_id: str) -> frozenset[str] | None:
    """Every indicator an output reads: its own, those of the outputs it shows, and the inputs of
    derived ones. None: every indicator."""
    out = get(output_id)
    if out.indicators is None:
        return None
    found = set(out.indicators)
    for shown in out.shows:
        inner = reads(shown)
        if inner is None:
            return None
        found |= inner
    return with_inputs(found)


def touched_by(indicators: Iterable[str]) -> list[str]:
    """The outputs a change to these indicators touches (figures, sentences, notebooks, documents),
    in declaration order."""
    changed = fed_by(indicators)
    touched = []
    for out in ALL.values():
        used = reads(out.id)
        if used is None or used & changed:
            touched.append(out.id)
    return touched


def check() -> list[str]:
    """Declarations that name an unknown indicator or output (a test asserts there are none)."""
    known = {i.id for i in CATALOGUE}
    bad = []
    for out in ALL.values():
        for ind in out.indicators or ():
            if ind not in known:
                bad.append(f"{out.id}: unknown indicator {ind}")
        for shown in out.shows:
            if shown not in ALL:
                bad.append(f"{out.id}: unknown output {shown}")
    return bad
