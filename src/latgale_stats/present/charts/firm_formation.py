"""Figure: new enterprises per 1000 inhabitants: the 2013 application's figures (year not stated)
beside Latvia's rate computed from Lursoft counts and Eurostat population."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...core import regions as R
from .. import formatting as N
from . import base as B
from . import theme as S
from .common import ChartUnavailable, Described, Layout, Selection, rows_for, say, used

ID = "firm_formation"
LAYOUT = Layout("full-short", left_cm=1.0, top_extra_cm=0.5, wspace=0.25)
PHRASES = {
    "title": ("Jauni uzņēmumi uz 1000 iedzīvotājiem", "New enterprises per 1000 inhabitants"),
    "subtitle": (
        "2013. gada pieteikuma skaitļi un Latvijas rādītājs {years}. gadā",
        "the 2013 application's figures and Latvia's rate in {years}",
    ),
    "stated_panel": (
        "2013. gada pieteikumā\n(Lursoft dati, gads nav norādīts)",
        "2013 application\n(Lursoft data, year not stated)",
    ),
    "computed_panel": (
        "Latvija, aprēķināts: jaunie uzņēmumi / iedzīvotāji 1. janvārī",
        "Latvia, computed: new enterprises / population on 1 January",
    ),
    "no_region": (
        "Latgales reģiona gada skaitļi nav publicēti (Lursoft publicē pašvaldību skaitļus), tāpēc Latgalei šeit nav "
        "aprēķināta vērtība pa gadiem",
        "No annual counts for the Latgale region are published (Lursoft reports municipalities), so no yearly "
        "Latgale rate is computed",
    ),
    "alt": (
        "Stabiņu diagramma: jauni uzņēmumi uz 1000 iedzīvotājiem; ",
        "Bar chart: new enterprises per 1000 inhabitants; ",
    ),
    "alt_stated": ("2013. gada pieteikumā (gads nav norādīts) ", "2013 application (year not stated) "),
    "alt_computed": ("Latvija aprēķināts: ", "Latvia computed: "),
}
ORDER = {"LV005": 0, "LV": 1}


def select(obs: pd.DataFrame, versus: str) -> Selection:
    ind = "new_enterprises_per_1000"
    stated = obs[(obs["kind"] == "statement") & (obs["indicator"] == ind)]
    computed = used(obs, ind, ("derived",))
    computed = computed[computed["region"] == "LV"].sort_values("period")
    if stated.empty and computed.empty:
        raise ChartUnavailable(ID, "no new-enterprise rates: neither statements nor counts with population")
    stated = stated.sort_values("region", key=lambda s: s.map(ORDER))
    rows = ([rows_for("2013 application (year not stated)", stated)] if len(stated) else []) + (
        [rows_for("Latvia computed", computed)] if len(computed) else []
    )
    return Selection(pd.concat(rows), {"stated": stated, "computed": computed})


def describe(sel: Selection, lang: str) -> Described:
    stated, computed = sel["stated"], sel["computed"]
    alt = say(PHRASES, "alt", lang)
    if len(stated):
        alt += say(PHRASES, "alt_stated", lang)
        alt += (
            ", ".join(
                f"{R.name(c, lang)} {N.number(v, lang, 0)}"
                for c, v in zip(stated["region"], stated["value"], strict=True)
            )
            + "; "
        )
    if len(computed):
        alt += say(PHRASES, "alt_computed", lang)
        alt += (
            ", ".join(f"{p} {N.number(v, lang, 1)}" for p, v in zip(computed["period"], computed["value"], strict=True))
            + "."
        )
    subtitle = say(PHRASES, "subtitle", lang, years=", ".join(computed["period"]))
    return Described(say(PHRASES, "title", lang), subtitle, [say(PHRASES, "no_region", lang)], alt)


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:
    ax1, ax2 = fig.subplots(1, 2, gridspec_kw={"width_ratios": [1, 2.2]})
    stated, computed = sel["stated"], sel["computed"]
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
            ax1.text(bar.get_x() + bar.get_width() / 2, v + 0.15, N.number(v, lang, 0), ha="center", fontsize=7.5)
        ax1.set_title(say(PHRASES, "stated_panel", lang), fontsize=7, fontweight="normal")
    else:
        ax1.set_axis_off()
    if len(computed):
        drawn = ax2.bar(computed["period"], computed["value"], color=S.LATVIA, width=0.6)
        for bar, v in zip(drawn, computed["value"], strict=True):
            ax2.text(bar.get_x() + bar.get_width() / 2, v + 0.15, N.number(v, lang, 1), ha="center", fontsize=7)
        ax2.set_title(say(PHRASES, "computed_panel", lang), fontsize=7, fontweight="normal")
    top = max([*stated["value"], *computed["value"]]) * 1.2
    for ax in (ax1, ax2):
        ax.set_ylim(0, top)
        ax.grid(axis="x", visible=False)
        B.fmt_axis(ax, lang, 0)
