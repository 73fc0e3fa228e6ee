"""Figure: firm formation per 1000 inhabitants. Eurostat's enterprise births (Latgale, Latvia) over
time beside Latvia's new registrations (Lursoft) and, where a Register of Enterprises file is in the
data, its new registrations per 1000 inhabitants (Latgale, the comparison region, Latvia) and a small
bar chart of Latgale's municipalities in the latest full year (per 1000 inhabitants where every one's
population is held, else the counts). The 2013 application's figures, whose
year is not stated, are drawn apart from the time axis, never on it; a year without a value stays a
visible gap in every line."""

from __future__ import annotations

import textwrap
from typing import Any

import pandas as pd

from ...core import regions as R
from ...core import territory as T
from .. import formatting as N
from . import base as B
from . import theme as S
from .common import (
    ChartUnavailable,
    Described,
    Layout,
    Selection,
    break_alt,
    break_notes,
    release_notes,
    rows_for,
    runs,
    say,
    used,
)

ID = "firm_formation"
LAYOUT = Layout("full-short", left_cm=1.0, top_extra_cm=0.8, wspace=0.3)
# with a register file: the time panel and its legend on top, the 2013 statements and Latgale's municipalities below
LAYOUT_REGISTER = Layout("full-tall", left_cm=1.0, top_extra_cm=0.4, wspace=0.3)


def layout(sel: Selection) -> Layout:
    return LAYOUT_REGISTER if len(sel["municipal"]) else LAYOUT


PHRASES = {
    "title": ("Jauni uzņēmumi uz 1000 iedzīvotājiem", "New enterprises per 1000 inhabitants"),
    "subtitle": (
        "Eurostat uzņēmumu dzimstība {births}; Lursoft jaunreģistrētie Latvijā {registered}",
        "Eurostat enterprise births {births}; Lursoft new registrations in Latvia {registered}",
    ),
    "stated_panel": (
        "2013. gada pieteikumā\n(Lursoft dati, gads nav norādīts)",
        "2013 application\n(Lursoft data, year not stated)",
    ),
    "trend_panel": ("pa gadiem", "by year"),
    "births": ("{region}: uzņēmumu dzimstība", "{region}: enterprise births"),
    "registered": ("Latvija: jaunreģistrētie (Lursoft)", "Latvia: newly registered (Lursoft)"),
    "definitions": (
        "Uzņēmumu dzimstība – jauni ekonomiski aktīvi uzņēmumi (Eurostat uzņēmumu demogrāfija, bd_size_r3); "
        "jaunreģistrētie – visi Uzņēmumu reģistrā ierakstītie uzņēmumi (Lursoft), arī tie, kas darbību nesāk; "
        "abi uz 1000 iedzīvotājiem 1. janvārī (autoru aprēķins)",
        "Enterprise births: newly active enterprises (Eurostat business demography, bd_size_r3); newly registered: "
        "every enterprise entered in the Register of Enterprises (Lursoft), also those that never become active; "
        "both per 1000 inhabitants on 1 January (authors' calculation)",
    ),
    "register": ("{region}: Uzņēmumu reģistrs", "{region}: Register of Enterprises"),
    "register_definition": (
        "Uzņēmumu reģistrs – jaunreģistrētās komercsabiedrības, individuālie komersanti, zemnieku saimniecības, "
        "individuālie uzņēmumi un kooperatīvi pēc to pašreizējās juridiskās adreses (register.csv): uzņēmums, kas "
        "pārcēlies, skaitīts tur, kur tas ir tagad; pārreģistrētam uzņēmumam – reģistrā norādītais datums",
        "Register of Enterprises: newly registered companies, sole traders, farms, individual enterprises and "
        "cooperatives by their legal address today (register.csv): a firm that moved is counted where it is now; a "
        "re-registered one by the date the register gives",
    ),
    "municipal_panel": (
        "Latgales pašvaldības, {year}\n(jaunreģistrētie)",
        "Latgale's municipalities, {year}\n(new registrations)",
    ),
    "municipal_panel_rate": (
        "Latgales pašvaldības, {year}\n(jaunreģistrētie uz 1000 iedzīvotājiem)",
        "Latgale's municipalities, {year}\n(new registrations per 1000 inhabitants)",
    ),
    "alt_register": (
        "Uzņēmumu reģistrā {period}. gadā uz 1000 iedzīvotājiem: {values}; ",
        "Register of Enterprises, {period}, per 1000 inhabitants: {values}; ",
    ),
    "alt_municipal": (
        "Latgales pašvaldībās {period}. gadā: {values}; ",
        "Latgale's municipalities in {period}: {values}; ",
    ),
    "alt_municipal_rate": (
        "Latgales pašvaldībās {period}. gadā uz 1000 iedzīvotājiem: {values}; ",
        "Latgale's municipalities in {period}, per 1000 inhabitants: {values}; ",
    ),
    "gaps": ("Gadi bez datu punkta: skaitlis nav publicēts", "Years without a point: no figure published"),
    "alt": ("Diagramma: jauni uzņēmumi uz 1000 iedzīvotājiem; ", "Chart: new enterprises per 1000 inhabitants; "),
    "alt_births": ("uzņēmumu dzimstība {period}. gadā: {values}; ", "enterprise births in {period}: {values}; "),
    "alt_registered": ("Latvijā jaunreģistrētie: {values}; ", "newly registered in Latvia: {values}; "),
    "alt_stated": (
        "2013. gada pieteikumā (gads nav norādīts): {values}; ",
        "2013 application (year not stated): {values}; ",
    ),
    "subtitle_register": ("; Uzņēmumu reģistrs {years}", "; Register of Enterprises {years}"),
}
REGIONS = ("LV005", "LV")
VERSUS_2024 = {"RIGA": "LV00A", "KURZEME": "LV00B", "VIDZEME": "LV00C", "ZEMGALE": "LV009"}
LATGALE_MUNICIPALITIES = tuple(sorted({m.region for m in T.municipalities().values() if m.nuts2021 == "LV005"}))


def _register_regions(versus: str) -> tuple[str, ...]:
    """Latgale, the comparison region (its statistical region from 2024, whose population is held from
    2023) and Latvia."""
    other = VERSUS_2024.get(R.planning_key(versus) if versus.startswith("PR_") else versus)
    return ("LV005", *((other,) if other else ()), "LV")


def _named(frame: pd.DataFrame, lang: str, decimals: int) -> str:
    """'Latgale 5,2, Latvija 8,1': each region's name and value, in the frame's order."""
    return ", ".join(
        f"{R.name(c, lang)} {N.number(v, lang, decimals)}" for c, v in zip(frame["region"], frame["value"], strict=True)
    )


def _years(frame: pd.DataFrame) -> str:
    years = sorted(frame["year"].dropna().astype(int))
    return f"{years[0]}–{years[-1]}" if years else "–"


def _time_axis_years(sel: Selection) -> list[int]:
    """The years on the time panel: of the births, Lursoft's registrations and the register's rates."""
    frames = (sel["births"], sel["registered"], sel["register"])
    return sorted({int(y) for f in frames for y in f["year"].dropna()})


def select(obs: pd.DataFrame, versus: str) -> Selection:
    stated = obs[(obs["kind"] == "statement") & (obs["indicator"] == "new_enterprises_per_1000")]
    stated = stated.sort_values("region", key=lambda s: s.map({"LV005": 0, "LV": 1}))
    births = used(obs, "enterprise_births_per_1000", ("derived",))
    births = births[births["region"].isin(REGIONS)].sort_values(["region", "period"])
    registered = used(obs, "new_enterprises_per_1000", ("derived",))
    registered = registered[registered["region"] == "LV"].sort_values("period")
    codes = _register_regions(versus)
    register = used(obs, "registrations_per_1000", ("derived",))
    register = register[register["region"].isin(codes)].sort_values(["region", "period"])
    counts = used(obs, "registrations", ("observation",))
    counts = counts[counts["period"].str.len() == 4]
    latest = register[register["region"] == "LV005"]["period"].max() if len(register) else None
    # Latgale's municipalities: per 1000 inhabitants where every one's population is held, else the counts
    rates = used(obs, "registrations_per_1000", ("derived",))
    rates = rates[rates["region"].isin(LATGALE_MUNICIPALITIES) & (rates["period"] == latest)]
    municipal = counts[(counts["region"].isin(LATGALE_MUNICIPALITIES)) & (counts["period"] == latest)]
    if len(rates) == len(LATGALE_MUNICIPALITIES):
        municipal = rates
    municipal = municipal.sort_values("value", ascending=False)
    municipal_name = (
        "Latgale municipalities, new registrations per 1000 (Register of Enterprises)"
        if _per_1000(municipal)
        else "Latgale municipalities, new registrations (Register of Enterprises)"
    )
    if stated.empty and births.empty and registered.empty and register.empty:
        raise ChartUnavailable(ID, "no new-enterprise rates: neither births, registrations nor statements")
    parts = [
        ("enterprise births per 1000", births),
        ("Latvia newly registered (Lursoft)", registered),
        ("Register of Enterprises new registrations per 1000", register),
        (municipal_name, municipal),
        ("2013 application (year not stated)", stated),
    ]
    rows = [rows_for(name, frame) for name, frame in parts if len(frame)]
    return Selection(
        pd.concat(rows),
        {"stated": stated, "births": births, "registered": registered, "register": register, "municipal": municipal},
    )


def describe(sel: Selection, lang: str) -> Described:
    births, registered, stated = sel["births"], sel["registered"], sel["stated"]
    subtitle = say(PHRASES, "subtitle", lang, births=_years(births), registered=_years(registered))
    if len(sel["register"]):
        subtitle += say(PHRASES, "subtitle_register", lang, years=_years(sel["register"]))
    alt = say(PHRASES, "alt", lang)
    if len(births):
        last = births["period"].max()
        latest = births[births["period"] == last].sort_values("region", key=lambda r: r.map({"LV005": 0, "LV": 1}))
        alt += say(
            PHRASES,
            "alt_births",
            lang,
            period=last,
            values=_named(latest, lang, 1),
        )
    if len(registered):
        alt += say(
            PHRASES,
            "alt_registered",
            lang,
            values=", ".join(
                f"{p} {N.number(v, lang, 1)}" for p, v in zip(registered["period"], registered["value"], strict=True)
            ),
        )
    if len(stated):
        alt += say(
            PHRASES,
            "alt_stated",
            lang,
            values=_named(stated, lang, 0),
        )
    register, municipal = sel["register"], sel["municipal"]
    if len(register):
        last = register[register["region"] == "LV005"]["period"].max()
        latest = register[register["period"] == last]
        alt += say(
            PHRASES,
            "alt_register",
            lang,
            period=last,
            values=_named(latest, lang, 1),
        )
    if len(municipal):
        rate = _per_1000(municipal)
        alt += say(
            PHRASES,
            "alt_municipal_rate" if rate else "alt_municipal",
            lang,
            period=municipal["period"].iloc[0],
            values=_named(municipal, lang, 1 if rate else 0),
        )
    notes = [say(PHRASES, "definitions", lang)]
    if len(register):
        notes.append(say(PHRASES, "register_definition", lang))
    years = _time_axis_years(sel)
    if years and len(years) != years[-1] - years[0] + 1:
        notes.append(say(PHRASES, "gaps", lang))
    lines, drawn = _lines(sel, lang), pd.concat([births, registered, register])
    notes += release_notes(lines, lang) + break_notes(drawn, lines, lang)
    alt = alt.rstrip("; ") + ("" if alt.endswith(".") else ".")
    broken = break_alt(drawn, lines, lang)
    return Described(say(PHRASES, "title", lang), subtitle, notes, alt + (f" {broken}" if broken else ""))


def _lines(sel: Selection, lang: str) -> dict[str, pd.DataFrame]:
    """The lines of the time panel by their legend's name, with their rows."""
    out = {}
    for code in REGIONS:
        out[say(PHRASES, "births", lang, region=R.name(code, lang))] = sel["births"][sel["births"]["region"] == code]
    out[say(PHRASES, "registered", lang)] = sel["registered"]
    for code in sel["register"]["region"].unique():
        name = say(PHRASES, "register", lang, region=R.name(code, lang))
        out[name] = sel["register"][sel["register"]["region"] == code]
    return {name: rows for name, rows in out.items() if len(rows)}


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:
    stated, births, registered = sel["stated"], sel["births"], sel["registered"]
    register, municipal = sel["register"], sel["municipal"]
    legend_ax = None
    if len(municipal):  # axes in the order stated, time, municipalities (tests and readers rely on it)
        rows = fig.add_gridspec(2, 1, height_ratios=[1.25, 1], hspace=0.55)
        top_row = rows[0].subgridspec(1, 2, width_ratios=[2.1, 1], wspace=0.05)
        bottom_row = rows[1].subgridspec(1, 2, width_ratios=[0.8, 2.2], wspace=0.55)
        ax1 = fig.add_subplot(bottom_row[0])
        ax2 = fig.add_subplot(top_row[0])
        ax3 = fig.add_subplot(bottom_row[1])
        legend_ax = fig.add_subplot(top_row[1])
        legend_ax.set_axis_off()
        _municipal_bars(ax3, municipal, lang)
    else:
        ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 2.6]})
    room = 1.25
    top = max([0.0, *stated["value"], *births["value"], *registered["value"], *register["value"]]) * room
    if len(stated):
        labels = [R.name(c, lang) for c in stated["region"]]
        drawn = ax1.bar(
            labels,
            stated["value"],
            color=[B.color(c) for c in stated["region"]],
            width=0.6,
            hatch="///",
            edgecolor="white",
            lw=0,
        )
        for bar, v in zip(drawn, stated["value"], strict=True):
            ax1.text(bar.get_x() + bar.get_width() / 2, v + top * 0.02, N.number(v, lang, 0), ha="center", fontsize=7.5)
        ax1.set_title(say(PHRASES, "stated_panel", lang), fontsize=S.SMALL_PT, fontweight="normal")
        ax1.grid(axis="x", visible=False)
    else:
        ax1.set_axis_off()
    handles = []
    for code in REGIONS:
        part = births[births["region"] == code]
        for n, run in enumerate(runs(part)):
            (line,) = ax2.plot(
                [int(p) for p in run["period"]],
                list(run["value"]),
                color=B.color(code),
                marker="o",
                ms=3.2 if code == "LV005" else 2.6,
                lw=1.8 if code == "LV005" else 1.2,
                label=say(PHRASES, "births", lang, region=R.name(code, lang)) if n == 0 else None,
            )
            if n == 0:
                handles.append(line)
    for n, run in enumerate(runs(registered)):
        (line,) = ax2.plot(
            [int(p) for p in run["period"]],
            list(run["value"]),
            color=S.TEXT_MUTED,
            ls="--",
            marker="o",
            mfc="white",
            ms=3,
            lw=1.0,
            label=say(PHRASES, "registered", lang) if n == 0 else None,
        )
        if n == 0:
            handles.append(line)
    for code in register["region"].unique():
        part = register[register["region"] == code]
        for n, run in enumerate(runs(part)):
            (line,) = ax2.plot(
                [int(p) for p in run["period"]],
                list(run["value"]),
                color=B.color(code),
                ls=":",
                marker="s",
                ms=2.6,
                lw=1.3 if code == "LV005" else 1.0,
                label=say(PHRASES, "register", lang, region=R.name(code, lang)) if n == 0 else None,
            )
            if n == 0:
                handles.append(line)
    years = _time_axis_years(sel)
    if years:
        B.year_axis(ax2, years[0], years[-1])
        ax2.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax2.set_title(say(PHRASES, "trend_panel", lang), fontsize=7, fontweight="normal")
    B.mark_breaks(ax2, pd.concat([births, registered, register]), _lines(sel, lang), lang, lambda p: float(int(p)))
    if legend_ax is not None:  # beside the time panel, never over its lines
        for h in handles:  # the legend column is narrow: long labels on two lines
            h.set_label(textwrap.fill(h.get_label(), 26))
        legend_ax.legend(handles=handles, loc="center left", fontsize=S.SMALL_PT, handlelength=1.8, frameon=False)
    else:  # inside the time panel, above its lines: the scale leaves room for one legend row a series
        ax2.legend(handles=handles, loc="upper right", fontsize=S.SMALL_PT, handlelength=1.8)
        top *= (1 + 0.2 * len(handles)) / room if top else 1
    for ax in (ax1, ax2):
        ax.set_ylim(0, top or 1)
        B.fmt_axis(ax, lang, 0)


def _per_1000(frame: pd.DataFrame) -> bool:
    """Whether the municipalities' frame holds rates per 1000 inhabitants (else counts)."""
    return bool(len(frame)) and frame["indicator"].iloc[0] == "registrations_per_1000"


def _municipal_bars(ax: Any, municipal: pd.DataFrame, lang: str) -> None:
    """Latgale's municipalities, new registrations (per 1000 inhabitants where every population is held)
    in the latest full year: horizontal bars, largest on top."""
    rows = municipal.iloc[::-1]
    rate = _per_1000(municipal)
    # by position, with each municipality's whole name: 'Rēzekne' the city and 'Rēzeknes novads' are two bars
    names = [R.name(c, lang) for c in rows["region"]]
    ax.barh(range(len(rows)), rows["value"], color=S.LATGALE, height=0.6)
    ax.set_yticks(range(len(rows)), names)
    for y, v in enumerate(rows["value"]):
        ax.text(v, y, " " + N.number(v, lang, 1 if rate else 0), va="center", fontsize=S.SMALL_PT)
    panel = "municipal_panel_rate" if rate else "municipal_panel"
    ax.set_title(say(PHRASES, panel, lang, year=municipal["period"].iloc[0]), fontsize=7, fontweight="normal")
    ax.tick_params(axis="y", labelsize=S.SMALL_PT)
    ax.set_xlim(0, float(rows["value"].max()) * 1.3 or 1)
    ax.grid(axis="y", visible=False)
    B.fmt_axis(ax, lang, 1 if rate else 0, axis="x")
