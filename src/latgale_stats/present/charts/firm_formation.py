"""Figure: firm formation per 1000 inhabitants. Eurostat's enterprise births (Latgale, Latvia) over
time beside Latvia's new registrations (Lursoft); the 2013 application's figures, whose year is not
stated, drawn apart from the time axis."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...core import regions as R
from .. import formatting as N
from . import base as B
from . import theme as S
from .common import ChartUnavailable, Described, Layout, Selection, rows_for, say, segments, used

ID = "firm_formation"
LAYOUT = Layout("full-short", left_cm=1.0, top_extra_cm=0.8, wspace=0.3)
PHRASES = {
    "title": ("Jauni uzņēmumi uz 1000 iedzīvotājiem", "New enterprises per 1000 inhabitants"),
    "subtitle": (
        "uzņēmumu dzimšanas (Eurostat) {births}; jaunreģistrētie uzņēmumi Latvijā (Lursoft) {registered}",
        "enterprise births (Eurostat) {births}; newly registered enterprises in Latvia (Lursoft) {registered}",
    ),
    "stated_panel": (
        "2013. gada pieteikumā\n(Lursoft dati, gads nav norādīts)",
        "2013 application\n(Lursoft data, year not stated)",
    ),
    "trend_panel": ("pa gadiem", "by year"),
    "births": ("{region}: uzņēmumu dzimšanas", "{region}: enterprise births"),
    "registered": ("Latvija: jaunreģistrētie (Lursoft)", "Latvia: newly registered (Lursoft)"),
    "definitions": (
        "Uzņēmumu dzimšanas – jauni ekonomiski aktīvi uzņēmumi (Eurostat uzņēmumu demogrāfija, bd_size_r3); "
        "jaunreģistrētie – visi Uzņēmumu reģistrā ierakstītie uzņēmumi (Lursoft), arī tie, kas darbību nesāk; "
        "abi uz 1000 iedzīvotājiem 1. janvārī (autoru aprēķins)",
        "Enterprise births: newly active enterprises (Eurostat business demography, bd_size_r3); newly registered: "
        "every enterprise entered in the Register of Enterprises (Lursoft), also those that never become active; "
        "both per 1000 inhabitants on 1 January (authors' calculation)",
    ),
    "gaps": ("Gadi bez datu punkta: skaitlis nav publicēts", "Years without a point: no figure published"),
    "alt": ("Diagramma: jauni uzņēmumi uz 1000 iedzīvotājiem; ", "Chart: new enterprises per 1000 inhabitants; "),
    "alt_births": ("uzņēmumu dzimšanas {period}. gadā: {values}; ", "enterprise births in {period}: {values}; "),
    "alt_registered": ("Latvijā jaunreģistrētie: {values}; ", "newly registered in Latvia: {values}; "),
    "alt_stated": (
        "2013. gada pieteikumā (gads nav norādīts): {values}.",
        "2013 application (year not stated): {values}.",
    ),
}
REGIONS = ("LV005", "LV")


def _years(frame: pd.DataFrame) -> str:
    years = sorted(frame["year"].dropna().astype(int))
    return f"{years[0]}–{years[-1]}" if years else "–"


def select(obs: pd.DataFrame, versus: str) -> Selection:
    stated = obs[(obs["kind"] == "statement") & (obs["indicator"] == "new_enterprises_per_1000")]
    stated = stated.sort_values("region", key=lambda s: s.map({"LV005": 0, "LV": 1}))
    births = used(obs, "enterprise_births_per_1000", ("derived",))
    births = births[births["region"].isin(REGIONS)].sort_values(["region", "period"])
    registered = used(obs, "new_enterprises_per_1000", ("derived",))
    registered = registered[registered["region"] == "LV"].sort_values("period")
    if stated.empty and births.empty and registered.empty:
        raise ChartUnavailable(ID, "no new-enterprise rates: neither births, registrations nor statements")
    parts = [
        ("enterprise births per 1000", births),
        ("Latvia newly registered (Lursoft)", registered),
        ("2013 application (year not stated)", stated),
    ]
    rows = [rows_for(name, frame) for name, frame in parts if len(frame)]
    return Selection(pd.concat(rows), {"stated": stated, "births": births, "registered": registered})


def describe(sel: Selection, lang: str) -> Described:
    births, registered, stated = sel["births"], sel["registered"], sel["stated"]
    subtitle = say(PHRASES, "subtitle", lang, births=_years(births), registered=_years(registered))
    alt = say(PHRASES, "alt", lang)
    if len(births):
        last = births["period"].max()
        latest = births[births["period"] == last].sort_values("region", key=lambda r: r.map({"LV005": 0, "LV": 1}))
        alt += say(
            PHRASES,
            "alt_births",
            lang,
            period=last,
            values=", ".join(
                f"{R.name(c, lang)} {N.number(v, lang, 1)}"
                for c, v in zip(latest["region"], latest["value"], strict=True)
            ),
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
            values=", ".join(
                f"{R.name(c, lang)} {N.number(v, lang, 0)}"
                for c, v in zip(stated["region"], stated["value"], strict=True)
            ),
        )
    notes = [say(PHRASES, "definitions", lang)]
    years = sorted({*births["year"].dropna().astype(int), *registered["year"].dropna().astype(int)})
    if years and len(years) != years[-1] - years[0] + 1:
        notes.append(say(PHRASES, "gaps", lang))
    return Described(
        say(PHRASES, "title", lang), subtitle, notes, alt.rstrip("; ") + ("" if alt.endswith(".") else ".")
    )


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:
    stated, births, registered = sel["stated"], sel["births"], sel["registered"]
    ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 2.6]})
    top = max([0.0, *stated["value"], *births["value"], *registered["value"]]) * 1.25
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
        ax1.set_title(say(PHRASES, "stated_panel", lang), fontsize=7, fontweight="normal")
        ax1.grid(axis="x", visible=False)
    else:
        ax1.set_axis_off()
    handles = []
    for code in REGIONS:
        part = births[births["region"] == code]
        for n, run in enumerate(segments(list(zip(part["period"], part["value"], strict=True)))):
            (line,) = ax2.plot(
                [int(p) for p, _ in run],
                [v for _, v in run],
                color=B.color(code),
                marker="o",
                ms=3.2 if code == "LV005" else 2.6,
                lw=1.8 if code == "LV005" else 1.2,
                label=say(PHRASES, "births", lang, region=R.name(code, lang)) if n == 0 else None,
            )
            if n == 0:
                handles.append(line)
    for n, run in enumerate(segments(list(zip(registered["period"], registered["value"], strict=True)))):
        (line,) = ax2.plot(
            [int(p) for p, _ in run],
            [v for _, v in run],
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
    years = sorted({*births["year"].dropna().astype(int), *registered["year"].dropna().astype(int)})
    if years:
        B.year_axis(ax2, years[0], years[-1])
        ax2.set_xlim(years[0] - 0.6, years[-1] + 0.6)
    ax2.set_title(say(PHRASES, "trend_panel", lang), fontsize=7, fontweight="normal")
    ax2.legend(handles=handles, loc="upper right", fontsize=S.SMALL_PT, handlelength=1.8)
    for ax in (ax1, ax2):
        ax.set_ylim(0, top or 1)
        B.fmt_axis(ax, lang, 0)
