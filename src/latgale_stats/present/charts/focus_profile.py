"""Figure for any focus: its key figures beside what it is compared with (a municipality: its planning region
and Latvia; a region: Latvia and the Rīga region), one panel an indicator held for the focus: GDP per capita
(Latvia = 100), registered unemployment, new registrations (else Lursoft's new enterprises) per 1000
inhabitants, and the population's change in the year. Each panel is of the latest period the focus and Latvia
both have; a municipality's place among the municipalities with data is in the panel's title. A panel with no
value for the focus is left out, and the note says where to get it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ...core import focus as F
from .. import focus as X
from .. import formatting as N
from ..phrases import period_short
from . import theme as S
from .common import ChartUnavailable, Described, Layout, Selection, rows_for, say, used

ID = "focus_profile"
ANY_FOCUS = True
LAYOUT = Layout("full", left_cm=0.5, top_extra_cm=1.6, wspace=0.35, xaxis_cm=0.3)
PHRASES = {
    "title": ("{name}: galvenie rādītāji", "{name}: key figures"),
    "subtitle": (
        "salīdzināmās teritorijas: {others}; jaunākie pieejamie dati katram rādītājam",
        "compared with: {others}; the latest data available for each indicator",
    ),
    "gdp_panel": ("IKP uz 1 iedz.,\nLatvija = 100 ({period})", "GDP per capita,\nLatvia = 100 ({period})"),
    "una_panel": ("Reģistrētais bezdarbs, %\n({period})", "Registered unemployment, %\n({period})"),
    "register_panel": (
        "Jaunreģistrētie uzņēmumi\nuz 1000 iedz. ({period})",
        "New registrations\nper 1000 inh. ({period})",
    ),
    "lursoft_panel": ("Jauni uzņēmumi\nuz 1000 iedz. ({period})", "New enterprises\nper 1000 inh. ({period})"),
    "pop_panel": ("Iedzīvotāju skaits,\npārmaiņas {period}. gadā, %", "Population,\nchange in {period}, %"),
    "rank": ("{place}. vieta no {of}", "rank {place} of {of}"),
    "rank_note": (
        "Vieta: {name} vieta starp pašvaldībām, par kurām ir dati (1. – augstākā vērtība)",
        "Rank: {name}'s place among the municipalities with data (1 = the highest value)",
    ),
    "pop_note": (
        "Iedzīvotāju skaita pārmaiņas: iedzīvotāji nākamā gada 1. janvārī pret gada 1. janvāri, viena laidiena "
        "dati (autoru aprēķins)",
        "Population change: population on 1 January of the next year against 1 January of the year, from one "
        "release (authors' calculation)",
    ),
    "per_1000_note": (
        "Uz 1000 iedzīvotājiem: skaits gadā / iedzīvotāji gada 1. janvārī x 1000 (autoru aprēķins)",
        "Per 1000 inhabitants: the count in the year / population on 1 January x 1000 (authors' calculation)",
    ),
    "gdp_note": (
        "IKP uz 1 iedz., Latvija = 100: teritorijas IKP uz vienu iedzīvotāju pret Latvijas, viena laidiena dati "
        "(autoru aprēķins)",
        "GDP per capita, Latvia = 100: the territory's GDP per capita against Latvia's, from one release "
        "(authors' calculation)",
    ),
    "alt": ("{count}: {parts}.", "{count}: {parts}."),
    "no_data": ("Nav datu", "No data"),
    "alt_rank": (" ({rank})", " ({rank})"),
}
COUNTS = {
    "lv": (
        "Viena stabiņu diagramma",
        "Divas stabiņu diagrammas",
        "Trīs stabiņu diagrammas",
        "Četras stabiņu diagrammas",
    ),
    "en": ("One bar chart", "Two bar charts", "Three bar charts", "Four bar charts"),
}
# (kind, indicator, kinds used, decimals, percent, Latvia implicitly 100)
PANELS = (
    ("gdp", "gdp_per_capita_index", ("derived",), 1, False, True),
    ("una", "registered_unemployment_rate", ("observation",), 1, True, False),
    ("register", "registrations_per_1000", ("derived",), 1, False, False),
    ("lursoft", "new_enterprises_per_1000", ("derived",), 1, False, False),
    ("pop", "population_change_pct", ("derived",), 1, False, False),
)
# where to get an indicator a focus has no value of: said in the build summary and in `check`
WHERE = {
    "gdp": "CSP IKR060 (latgale-stats update --only csp)",
    "una": "NVA in the CSP's tables NVA010m/NVA011m (latgale-stats update --only nva), or NVA's figures entered "
    "with their source",
    "register": "the Register of Enterprises (latgale-stats update --only register) and CSP IRS031 for the "
    "population (latgale-stats update --only csp)",
    "pop": "CSP IRS031 (latgale-stats update --only csp)",
}


@dataclass
class Panel:
    kind: str
    period: str
    values: list[tuple[str, float]]  # (member, value) in the order drawn
    decimals: int
    percent: bool
    rank: X.Rank | None


def missing(obs: pd.DataFrame, focus: F.Focus) -> list[str]:
    """The indicators of the figure the focus has no value of, each with where to get it."""
    compared = X.Compared.of(focus)
    codes = compared.codes(compared.focus)
    out = []
    for kind, indicator, kinds, *_ in PANELS:
        if kind == "lursoft":
            continue
        held = used(obs, indicator, kinds)
        if kind == "register":
            held = pd.concat([held, used(obs, "new_enterprises_per_1000", ("derived",))])
        if not held["region"].isin(codes).any():
            out.append(f"{indicator}: {WHERE[kind]}")
    return out


def select(obs: pd.DataFrame, focus: F.Focus) -> Selection:
    compared = X.Compared.of(focus)
    panels: list[Panel] = []
    rows: list[pd.DataFrame] = []
    notes: list[tuple[list[str], set[str], str]] = []
    for kind, indicator, kinds, decimals, percent, implicit in PANELS:
        if kind == "lursoft" and any(p.kind == "register" for p in panels):
            continue  # the register's own counts, where held, before Lursoft's press figures
        d = used(obs, indicator, kinds)
        period = X.comparison_period(d, compared, ("LV",) if implicit else ())
        if period is None:
            continue
        found = X.value_rows(d, compared, period)
        values = [(m, float(r["value"])) for m, r in found]
        if implicit and not any(m == "LV" for m, _ in values):
            values.append(("LV", 100.0))
            values.sort(key=lambda mv: compared.members.index(mv[0]) if mv[0] in compared.members else 99)
        panels.append(Panel(kind, str(period), values, decimals, percent, X.rank(d, compared, period)))
        rows.append(rows_for(indicator, pd.DataFrame([r for _, r in found])))
        held = {m for m, _ in values}
        notes.append(([m for m in compared.members], held, str(period)))
    if not panels:
        raise ChartUnavailable(
            ID,
            f"no indicator has a value for {X.name(compared.focus, 'en')} and a territory it is compared with: "
            + "; ".join(missing(obs, focus)),
        )
    return Selection(pd.concat(rows), {"panels": panels, "compared": compared, "missing": notes})


def label(panel: Panel, lang: str) -> str:
    period = period_short(panel.period, lang) if panel.kind == "una" else panel.period
    text = say(PHRASES, f"{panel.kind}_panel", lang, period=period)
    if panel.rank is not None:
        text += f"\n{say(PHRASES, 'rank', lang, place=panel.rank.place, of=panel.rank.of)}"
    return text


def _shown(panel: Panel, member: str, value: float, lang: str) -> str:
    if panel.percent:
        return N.percent(value, lang, panel.decimals)
    if panel.kind == "gdp" and member == "LV":
        return N.number(value, lang, 0)
    if panel.kind == "pop":
        return N.signed(value, lang, panel.decimals)
    return N.number(value, lang, panel.decimals)


def describe(sel: Selection, lang: str) -> Described:
    compared: X.Compared = sel["compared"]
    notes: list[str] = []
    parts = []
    for panel in sel["panels"]:
        values = ", ".join(f"{X.name(m, lang)} {_shown(panel, m, v, lang)}" for m, v in panel.values)
        head = label(panel, lang).split("\n")
        part = f"{' '.join(head[:2])} – {values}".replace(",\n", ", ")
        if panel.rank is not None:
            part += say(PHRASES, "alt_rank", lang, rank=head[-1])
        parts.append(part)
    for members, held, period in sel["missing"]:
        absent = [X.name(m, lang) for m in members if m not in held]
        if absent:
            when = period_short(period, lang) if len(period) == 7 else period
            notes.append(f"{say(PHRASES, 'no_data', lang)} ({when}): {', '.join(absent)}")
    kinds = {p.kind for p in sel["panels"]}
    if "gdp" in kinds:
        notes.append(say(PHRASES, "gdp_note", lang))
    if kinds & {"register", "lursoft"}:
        notes.append(say(PHRASES, "per_1000_note", lang))
    if "pop" in kinds:
        notes.append(say(PHRASES, "pop_note", lang))
    if any(p.rank is not None for p in sel["panels"]):
        notes.append(say(PHRASES, "rank_note", lang, name=X.name(compared.focus, lang, "genitive")))
    alt = say(PHRASES, "alt", lang, count=COUNTS[lang][len(parts) - 1], parts="; ".join(parts))
    title = say(PHRASES, "title", lang, name=X.name(compared.focus, lang))
    others = ", ".join(X.name(m, lang, "locative" if lang == "en" else "nominative") for m in compared.members[1:])
    return Described(title, say(PHRASES, "subtitle", lang, others=others), notes, alt)


def _colour(compared: X.Compared, member: str) -> str:
    if member == compared.focus:
        return S.LATGALE  # the focus colour (vermillion)
    if member == "LV":
        return S.LATVIA
    if member == compared.planning:
        return S.COMPARISON
    return S.MUTED


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:  # noqa: ARG001
    from matplotlib.patches import Patch

    panels = sel["panels"]
    compared: X.Compared = sel["compared"]
    axes = fig.subplots(1, len(panels), squeeze=False)[0]  # one panel an indicator held: never an empty one
    for ax, panel in zip(axes, panels, strict=True):
        values = [v for _, v in panel.values]
        slots = [compared.members.index(m) if m in compared.members else len(compared.members) for m, _ in panel.values]
        drawn = ax.bar(slots, values, color=[_colour(compared, m) for m, _ in panel.values], width=0.7)
        top, low = max(max(values), 0.0), min(min(values), 0.0)
        span = (top - low) or 1.0
        for bar, (member, value) in zip(drawn, panel.values, strict=True):
            y = value + span * 0.03 if value >= 0 else value - span * 0.03
            ax.text(
                bar.get_x() + bar.get_width() / 2,
                y,
                _shown(panel, member, value, lang),
                ha="center",
                va="bottom" if value >= 0 else "top",
                fontsize=7.5,
            )
        ax.set_ylim(low - span * 0.2 if low < 0 else 0, top + span * 0.25 if top > 0 else span * 0.1)
        if low < 0:
            ax.axhline(0, color="#333333", lw=0.6)
        ax.set_title(label(panel, lang), fontsize=7, fontweight="normal")
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.grid(False)
        ax.set_xticks([])
        ax.set_xlim(-0.6, len(compared.members) - 0.4)
    # one legend for every panel, under the subtitle: the territories by colour, the focus first
    members = [*compared.members, *(["LV"] if "LV" not in compared.members else [])]
    handles = [Patch(color=_colour(compared, m), label=X.name(m, lang)) for m in members]
    w_cm, h_cm = S.SIZES_CM[LAYOUT.preset]
    fig.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(0.3 / w_cm, 1 - 1.2 / h_cm),
        ncol=len(handles),
        frameon=False,
        fontsize=S.SMALL_PT + 0.5,
        handlelength=1.2,
        columnspacing=1.4,
    )
