"""Figure: GDP per capita of the statistical regions over time, Latvia = 100, with the 2013
application's statement beside the current value. Every year's lines come from one release, so each is
indexed to the same Latvia; a line passing from one release to the next is broken there, with a note."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...core import regions as R
from ...core.model import VintageFrom
from .. import citations
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
    one_release_a_period,
    ranges,
    release_changes,
    release_notes,
    rows_for,
    runs,
    say,
    used,
)

ID = "gdp_index_trend"
LAYOUT = Layout("full", left_cm=1.2)
LAYOUT_RELEASES = Layout("full-tall", left_cm=1.2)  # lines from two releases: the notes need the room


def layout(sel: Selection) -> Layout:
    return LAYOUT_RELEASES if release_changes(_lines(sel["index"], "en")) else LAYOUT


PHRASES = {
    "title": (
        "Latgale atpaliek: IKP uz vienu iedzīvotāju, Latvija = 100",
        "Latgale lags behind: GDP per capita, Latvia = 100",
    ),
    "subtitle": (
        "{first}–{last}; statistiskie reģioni (Latgale un Zemgale nemainīgās robežās, pārējie – robežās līdz 2023. "
        "gadam)",
        "{first}–{last}; statistical regions (Latgale and Zemgale unchanged, the others within their boundaries "
        "until 2023)",
    ),
    "releases": ("Latgale: {parts}", "Latgale: {parts}"),
    "release": ("{first}–{last} Eurostat laidiens {date}", "{first}–{last} Eurostat release of {date}"),
    "copy": ("{first}–{last} Eurostat dati, lejupielādēti {date}", "{first}–{last} Eurostat data downloaded {date}"),
    "from_totals": (
        "No {first}. gada IKP uz vienu iedzīvotāju aprēķināts no IKP un vidējā iedzīvotāju skaita (autoru aprēķins)",
        "From {first}, GDP per capita computed from GDP and average population (authors' calculation)",
    ),
    "left_out": (
        "{names}: {years} nav attēloti, jo šo gadu laidienā to nav šajās robežās (vecākā laidiena vērtības tur ir "
        "attiecībā pret citu Latviju)",
        "{names}: {years} not shown, as the release of those years does not give them within these boundaries "
        "(the older release's values there are relative to another Latvia)",
    ),
    "reference": ("Latvija = 100", "Latvia = 100"),
    "stated": ("2013. gada pieteikumā: {value}", "2013 application: {value}"),
    "now": ("Eurostat ({vintage}): {value}", "Eurostat ({vintage}): {value}"),
    "diamond": (
        "Rombs: 2013. gada pieteikumā minētais skaitlis ({period}. gads: {stated}); Eurostat datos {now}{totals}",
        "Diamond: the figure stated in the 2013 application ({period}: {stated}); Eurostat's data give {now}{totals}",
    ),
    "totals": ("; no IKP kopsummām {value}", "; {value} from GDP totals"),
    "alt": (
        "Līniju diagramma: IKP uz vienu iedzīvotāju, Latvija = 100, ",
        "Line chart: GDP per capita, Latvia = 100, ",
    ),
    "alt_latgale": (
        "Latgale {first}. gadā {v_first}, {last}. gadā {v_last}; ",
        "Latgale {v_first} in {first}, {v_last} in {last}; ",
    ),
    "alt_end": ("pārējie reģioni pelēkā krāsā.", "other regions in grey."),
}


def select(obs: pd.DataFrame, versus: str) -> Selection:
    d = used(obs, "gdp_per_capita_index", ("derived",))
    d = d[d["region"].isin(R.STATISTICAL_2021)]
    if d.empty:
        raise ChartUnavailable(ID, "no GDP per capita index could be computed")
    d, left_out = one_release_a_period(d, "LV005")  # each year's lines against one Latvia
    stated = obs[
        (obs["kind"] == "statement") & (obs["indicator"] == "gdp_per_capita_index") & (obs["region"] == "LV005")
    ]
    totals = used(obs, "gdp_index_from_totals", ("derived",))
    totals = totals[(totals["region"] == "LV005") & totals["period"].isin(stated["period"])]
    rows = [rows_for("index", d)] + [rows_for("2013 application", stated.loc[[i]]) for i in stated.index]
    return Selection(pd.concat(rows), {"index": d, "stated": stated, "totals": totals, "left_out": left_out})


def _lines(d: pd.DataFrame, lang: str) -> dict[str, pd.DataFrame]:
    """Each region's line by its name, Latgale first, then west to east."""
    order = ["LV005", *(c for c in R.STATISTICAL_2021 if c != "LV005")]
    return {R.name(c, lang): d[d["region"] == c] for c in order if (d["region"] == c).any()}


def _single_release(d: pd.DataFrame, lang: str) -> str:
    """'Latgale: 2003–2020 Eurostat release of 15 Jan 2024', for a figure drawn from one release."""
    lat = d[d["region"] == "LV005"]
    if lat.empty:
        return ""
    row = lat.sort_values("period").iloc[0]
    phrase = "copy" if row["vintage_from"] == VintageFrom.COPY else "release"  # a copy date is never called a release
    date = N.date(str(row["vintage"]), lang)
    part = say(PHRASES, phrase, lang, first=lat["period"].min(), last=lat["period"].max(), date=date)
    return say(PHRASES, "releases", lang, parts=part)


def _from_totals(d: pd.DataFrame, lang: str) -> list[str]:
    """Where GDP per capita was computed from GDP totals (a release with no per-inhabitant values)."""
    computed = d[d["inputs"].map(lambda refs: any(i.cell is None for i in refs))]
    return [say(PHRASES, "from_totals", lang, first=computed["period"].min())] if len(computed) else []


def _left_out(left: pd.DataFrame, lang: str) -> list[str]:
    """The regions whose values of some years are left out, being from another release than the year's."""
    if left.empty:
        return []
    names = [R.name(c, lang) for c in R.STATISTICAL_2021 if (left["region"] == c).any()]
    years = ranges(int(p) for p in left["period"].unique())
    return [say(PHRASES, "left_out", lang, names=citations.join(names, lang), years=years)]


def describe(sel: Selection, lang: str) -> Described:
    d = sel["index"]
    first, last = int(d["year"].min()), int(d["year"].max())
    lat = d[d["region"] == "LV005"].sort_values("period")
    notes = []
    for st in sel["stated"].itertuples():
        now = lat[lat["period"] == st.period]
        totals = sel["totals"][sel["totals"]["period"] == st.period]
        notes.append(
            say(
                PHRASES,
                "diamond",
                lang,
                period=st.period,
                stated=N.number(st.value, lang, 0),
                now=N.number(now["value"].iloc[0], lang, 1) if len(now) else "–",
                totals=say(PHRASES, "totals", lang, value=N.number(totals["value"].iloc[0], lang, 1))
                if len(totals)
                else "",
            )
        )
    lines = _lines(d, lang)
    notes += [n for n in release_notes(lines, lang) or [_single_release(d, lang)] if n]
    notes += _from_totals(d, lang) + _left_out(sel["left_out"], lang) + break_notes(d, lines, lang)
    alt = say(PHRASES, "alt", lang)
    if len(lat):
        alt += say(
            PHRASES,
            "alt_latgale",
            lang,
            first=lat["year"].min(),
            last=lat["year"].max(),
            v_first=N.number(lat["value"].iloc[0], lang, 1),
            v_last=N.number(lat["value"].iloc[-1], lang, 1),
        )
    alt += say(PHRASES, "alt_end", lang)
    broken = break_alt(d, lines, lang)
    alt += f" {broken}" if broken else ""
    return Described(say(PHRASES, "title", lang), say(PHRASES, "subtitle", lang, first=first, last=last), notes, alt)


def draw(fig: Any, sel: Selection, lang: str, versus: str) -> None:
    ax = fig.subplots(1, 1)
    d = sel["index"]
    starts, ends = [], []
    for code in [c for c in R.STATISTICAL_2021 if c != "LV005"] + ["LV005"]:
        part = d[d["region"] == code]
        pts = sorted(zip(part["period"], part["value"], strict=True))
        highlight = code == "LV005"
        for run in runs(part):
            ax.plot(
                [int(p) for p in run["period"]],
                list(run["value"]),
                color=B.color(code),
                lw=2.0 if highlight else 0.9,
                marker="o",
                ms=2.6 if highlight else 1.6,
                zorder=3 if highlight else 2,
            )
        if not pts:
            continue
        # the grey lines are named where they start (left of every line when all start in the first year, so no
        # label sits at another line's end), and where they end too if broken by a change of release; Latgale
        # where it ends, right of every line
        label = (R.name(code, lang), S.LATGALE if highlight else "#666666", highlight)
        if highlight or release_changes({code: part}):
            ends.append((int(pts[-1][0]), pts[-1][1], *label))
        if not highlight:
            starts.append((int(pts[0][0]), pts[0][1], *label))
    first, last = int(d["year"].min()), int(d["year"].max())
    low = float(min(d["value"].min(), sel["stated"]["value"].min() if len(sel["stated"]) else 100))
    ax.set_ylim(max(0.0, low - 28), float(d["value"].max()) * 1.06)
    marks = [(int(c.before.period) + int(c.after.period)) / 2 for c in release_changes(_lines(d, lang))]
    ax.axhline(100, color=S.LATVIA, lw=0.8, ls="--")
    ax.text(float(first), 101, say(PHRASES, "reference", lang), fontsize=S.SMALL_PT, va="bottom")
    for st in sel["stated"].itertuples():
        # said below every line, under its year, marked with the diamond's symbol: no leader to cross a line
        now = d[(d["region"] == "LV005") & (d["period"] == st.period)]
        x = int(st.period)
        ax.plot([x], [st.value], marker="D", ms=5, mfc="white", mec=S.STATEMENT, mew=1.0, ls="none", zorder=5)
        lines = ["\u25c7 " + say(PHRASES, "stated", lang, value=N.number(st.value, lang, 0))]
        if len(now):
            v = float(now["value"].iloc[0])
            vintage = citations.dated(str(now["vintage"].iloc[0]), VintageFrom(now["vintage_from"].iloc[0]), lang)
            lines.append(say(PHRASES, "now", lang, vintage=vintage, value=N.number(v, lang, 1)))
        # beside, not across, a break where the release changes
        near = [b for b in marks if abs(b - x) < 4]
        ha, at = ("center", x) if not near else ("right", near[0] - 0.2) if near[0] > x else ("left", near[0] + 0.2)
        ax.text(at, low - 6, "\n".join(lines), fontsize=S.SMALL_PT, ha=ha, va="top")
    B.year_axis(ax, first, last)
    ax.set_xlim(first - 3.2, last + 2.6)
    colors = {R.name(c, lang): B.color(c) for c in R.STATISTICAL_2021}
    B.mark_breaks(ax, d, _lines(d, lang), lang, lambda p: float(int(p)), top=True, colors=colors)
    for start in sorted({e[0] for e in starts}):  # each beside its own line's start, apart at each start year
        B.end_labels(ax, start - 0.3, [e[1:] for e in starts if e[0] == start], ha="right")
    B.end_labels(ax, last + 0.3, [e[1:] for e in ends])
    B.fmt_axis(ax, lang, 0)
