"""Figure: three panels, Latgale beside Latvia (and the comparison region): GDP per capita index,
registered unemployment, new enterprises per 1000 inhabitants (new registrations in the Register of
Enterprises where a register file is held, else Eurostat's enterprise births)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ...core import regions as R
from ...pipeline.select import comparison_period
from .. import formatting as N
from ..phrases import period_short
from . import base as B
from . import theme as S
from .common import (
    ChartUnavailable,
    Described,
    Layout,
    Selection,
    latest_complete,
    missing_note,
    rows_for,
    say,
    used,
)

ID = "key_figures"
LAYOUT = Layout("full-short", left_cm=0.5, top_extra_cm=0.6, wspace=0.35, xaxis_cm=1.1)
PHRASES = {
    "title": ("Latgale salīdzinājumā ar Latviju: galvenie rādītāji", "Latgale compared with Latvia: key figures"),
    "subtitle": ("jaunākie pieejamie dati katram rādītājam", "the latest data available for each indicator"),
    "gdp_panel": ("IKP uz 1 iedzīvotāju,\nLatvija = 100 ({period})", "GDP per capita,\nLatvia = 100 ({period})"),
    "gdp_alt": (
        "IKP uz vienu iedzīvotāju {period}. gadā Latgalē {value} (Latvija = 100)",
        "GDP per capita {period} Latgale {value} (Latvia = 100)",
    ),
    "una_panel": ("Reģistrētais bezdarbs, %\n({period})", "Registered unemployment, %\n({period})"),
    "una_alt": ("reģistrētais bezdarbs {period} ", "registered unemployment {period} "),
    "firms_panel": (
        "Uzņēmumu dzimstība\nuz 1000 iedz. ({period})",
        "Enterprise births\nper 1000 inh. ({period})",
    ),
    "firms_note": (
        "Uzņēmumu dzimstība: jauni ekonomiski aktīvi uzņēmumi (Eurostat uzņēmumu demogrāfija), uz 1000 "
        "iedzīvotājiem 1. janvārī (autoru aprēķins)",
        "Enterprise births: newly active enterprises (Eurostat business demography), per 1000 inhabitants on "
        "1 January (authors' calculation)",
    ),
    "register_panel": (
        "Jaunreģistrētie uzņēmumi\nuz 1000 iedz. ({period})",
        "New registrations\nper 1000 inh. ({period})",
    ),
    "register_note": (
        "Jaunreģistrētie: Uzņēmumu reģistrā ierakstītās komercsabiedrības, individuālie komersanti, zemnieku "
        "saimniecības, individuālie uzņēmumi un kooperatīvi pēc pašreizējās juridiskās adreses, uz 1000 "
        "iedzīvotājiem 1. janvārī (autoru aprēķins)",
        "New registrations: companies, sole traders, farms, individual enterprises and cooperatives entered in the "
        "Register of Enterprises, by their legal address today, per 1000 inhabitants on 1 January (authors' "
        "calculation)",
    ),
    "register_alt": (
        "jaunreģistrētie uzņēmumi uz 1000 iedzīvotājiem {period}. gadā ",
        "new registrations per 1000 inhabitants in {period} ",
    ),
    "gdp_note": (
        "IKP uz vienu iedzīvotāju: IKP / vidējais iedzīvotāju skaits; Latvija – reģionu un ārpusreģionu summa "
        "(autoru aprēķins)",
        "GDP per capita: GDP / average population; Latvia: the sum of the regions and extra-regio (authors' "
        "calculation)",
    ),
    "firms_alt": (
        "uzņēmumu dzimstība uz 1000 iedzīvotājiem {period}. gadā ",
        "enterprise births per 1000 inhabitants in {period} ",
    ),
    "alt": ("Trīs stabiņu diagrammas: {parts}.", "Three bar charts: {parts}."),
}


@dataclass
class Panel:
    kind: str  # "gdp", "una", "firms" (Eurostat births) or "register" (Register of Enterprises)
    period: str | None
    values: list[tuple[str, float]]  # (region code, value) in the order drawn
    decimals: int
    percent: bool


def select(obs: pd.DataFrame, versus: str) -> Selection:
    gdp = used(obs, "gdp_per_capita_index", ("derived",))
    una = used(obs, "registered_unemployment_rate", ("observation",))
    births = used(obs, "enterprise_births_per_1000", ("derived",))
    if gdp.empty and una.empty and births.empty:
        raise ChartUnavailable(ID, "none of the three indicators has data")
    panels, rows, missing = [], [], []
    lat_gdp = gdp[gdp["region"] == "LV005"]
    if len(lat_gdp):
        period = lat_gdp["period"].max()
        lat = lat_gdp[lat_gdp["period"] == period]
        panels.append(Panel("gdp", period, [("LV005", float(lat["value"].iloc[0])), ("LV", 100.0)], 1, False))
        rows.append(rows_for("GDP index", lat))
    if len(una):
        # the one latest of the regional comparison (the planning regions and Latvia), as the bars and sentences
        period = comparison_period(una) or latest_complete(una, ("PR_LATGALE_2021", f"PR_{versus}_2021", "LV"))
        period = period or una["period"].max()
        codes = [R.planning_code("LATGALE", period), R.planning_code(versus, period), "LV"]
        sel = una[(una["period"] == period) & (una["region"].isin(codes))]
        sel = sel.sort_values("region", key=lambda s: s.map({c: i for i, c in enumerate(codes)}))
        panels.append(Panel("una", period, list(zip(sel["region"], sel["value"], strict=True)), 1, True))
        rows.append(rows_for("registered unemployment", sel))
        missing.append((codes, list(sel["region"]), period))
    register = used(obs, "registrations_per_1000", ("derived",))
    period = latest_complete(register, ("LV005", "LV"))
    if period is not None:  # the Register of Enterprises, more recent than Eurostat's births, where it is held
        sel = register[(register["period"] == period) & register["region"].isin(["LV005", "LV"])]
        sel = sel.sort_values("region", key=lambda s: s.map({"LV005": 0, "LV": 1}))
        panels.append(Panel("register", period, list(zip(sel["region"], sel["value"], strict=True)), 1, False))
        rows.append(rows_for("new registrations per 1000 (Register of Enterprises)", sel))
    period = latest_complete(births, ("LV005", "LV")) if not any(p.kind == "register" for p in panels) else None
    if period is not None:
        sel = births[(births["period"] == period) & births["region"].isin(["LV005", "LV"])]
        sel = sel.sort_values("region", key=lambda s: s.map({"LV005": 0, "LV": 1}))
        panels.append(Panel("firms", period, list(zip(sel["region"], sel["value"], strict=True)), 1, False))
        rows.append(rows_for("enterprise births per 1000", sel))
    return Selection(pd.concat(rows), {"panels": panels, "missing": missing})


def label(panel: Panel, lang: str) -> str:
    if panel.kind == "gdp":
        return say(PHRASES, "gdp_panel", lang, period=panel.period)
    if panel.kind == "una":
        return say(PHRASES, "una_panel", lang, period=period_short(panel.period, lang))
    return say(PHRASES, f"{panel.kind}_panel", lang, period=panel.period)


def describe(sel: Selection, lang: str) -> Described:
    notes: list[str] = []
    parts = []
    for panel in sel["panels"]:
        if panel.kind == "gdp" and panel.values[0][0] == "LV005":
            parts.append(
                say(PHRASES, "gdp_alt", lang, period=panel.period, value=N.number(panel.values[0][1], lang, 1))
            )
        elif panel.kind == "una":
            parts.append(
                say(PHRASES, "una_alt", lang, period=period_short(panel.period, lang))
                + ", ".join(f"{R.name(c, lang)} {N.percent(v, lang, 1)}" for c, v in panel.values)
            )
        elif panel.kind in ("firms", "register"):
            parts.append(
                say(PHRASES, f"{panel.kind}_alt", lang, period=panel.period)
                + ", ".join(f"{R.name(c, lang)} {N.number(v, lang, panel.decimals)}" for c, v in panel.values)
            )
    if sel.rows["inputs"].map(lambda refs: any(i.cell is None for i in refs)).any():  # GDP from totals
        notes.append(say(PHRASES, "gdp_note", lang))
    for codes, present, period in sel["missing"]:
        notes.extend(missing_note(codes, present, period, lang))
    for kind in ("firms", "register"):
        if any(p.kind == kind for p in sel["panels"]):
            notes.append(say(PHRASES, f"{kind}_note", lang))
    alt = say(PHRASES, "alt", lang, parts="; ".join(parts))
    return Described(say(PHRASES, "title", lang), say(PHRASES, "subtitle", lang), notes, alt)


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:
    axes = fig.subplots(1, 3)
    panels = sel["panels"]
    for ax in axes[len(panels) :]:
        ax.set_axis_off()
    for ax, panel in zip(axes, panels, strict=False):
        names = [R.name(c, lang).replace(" ", "\n", 1) for c, _ in panel.values]
        drawn = ax.bar(
            names,
            [v for _, v in panel.values],
            color=[B.color(c, R.planning_codes(versus)) for c, _ in panel.values],
            width=0.62,
        )
        top = max(v for _, v in panel.values)
        for bar, (code, value) in zip(drawn, panel.values, strict=True):
            if panel.percent:
                text = N.percent(value, lang, panel.decimals)
            else:
                text = N.number(value, lang, 0 if code == "LV" and value == 100 else panel.decimals)
            ax.text(bar.get_x() + bar.get_width() / 2, value + top * 0.03, text, ha="center", fontsize=8.5)
        ax.set_ylim(0, top * 1.25)
        ax.set_title(label(panel, lang), fontsize=7, fontweight="normal")
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.grid(False)
        ax.tick_params(axis="x", labelsize=S.SMALL_PT, length=0)
        for lbl in ax.get_xticklabels():
            lbl.set_rotation(0)
