"""The justification figures. Each function takes observations (``latgale_stats.load()``) and a
language and returns a :class:`ChartFigure`; saving is ``export``'s job.

Only observations are drawn: a missing value stays missing (and is named in the note), a line joins
only consecutive periods from the same source, and the 2013 application's statements are drawn
as statements, beside the current vintage, never as part of a series.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.ticker import FuncFormatter

from ...core import regions as R
from .. import formatting as N
from ..phrases import period_label, period_short
from . import theme as S
from .base import (
    ChartUnavailable,
    finish,
    latest_complete,
    missing_note,
    month_x,
    new_figure,
    rows_for,
    segments,
)


def _t(lang: str, lv: str, en: str) -> str:
    return lv if lang == "lv" else en


def _used(obs, indicator: str, kinds=("observation", "derived")):
    return obs[(obs["indicator"] == indicator) & (obs["kind"].isin(kinds)) & (obs["status"] == "")]


def _fmt_axis(ax, lang: str, decimals: int = 0, percent: bool = False, axis: str = "y") -> None:
    def f(v, _pos):
        return N.percent(v, lang, decimals) if percent else N.number(v, lang, decimals)

    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(FuncFormatter(f))


def _year_axis(ax, first: float, last: float) -> None:
    """Year ticks every 2 (or 5) years, only where there are data."""
    step = 2 if last - first <= 24 else 5
    start = int(first) + (-int(first)) % step
    ax.set_xticks(list(range(start, int(last) + 1, step)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{int(v)}"))


def _end_labels(ax, x: float, items: list[tuple[float, str, str, bool]], min_gap_frac: float = 0.045) -> None:
    """Labels at the right end of lines, pushed apart so that none overlaps (y, text, colour, larger)."""
    lo, hi = ax.get_ylim()
    gap = (hi - lo) * min_gap_frac
    placed: list[float] = []
    for y, text, color, bold in sorted(items):  # "bold": the highlighted label, set larger
        y_text = max(y, placed[-1] + gap) if placed else y
        placed.append(y_text)
        ax.text(x, y_text, text, fontsize=7.4 if bold else 6.8, va="center", color=color)


def _color(code: str, comparison: tuple[str, ...] = ()) -> str:
    if code in R.LATGALE_CODES:
        return S.LATGALE
    if code == "LV":
        return S.LATVIA
    if code in comparison:
        return S.COMPARISON
    return S.MUTED


def _bars(ax, frame, lang: str, decimals: int, percent: bool, comparison=()) -> None:
    """Horizontal bars, largest on top, Latgale highlighted, value at each bar's end."""
    frame = frame.sort_values("value")
    labels = [R.name(c, lang) for c in frame["region"]]
    colors = [_color(c, comparison) for c in frame["region"]]
    bars = ax.barh(labels, frame["value"], color=colors, height=0.62)
    top = float(frame["value"].max())
    for bar, value, code in zip(bars, frame["value"], frame["region"], strict=True):
        text = N.percent(value, lang, decimals) if percent else N.number(value, lang, decimals)
        ax.text(
            bar.get_width() + top * 0.012,
            bar.get_y() + bar.get_height() / 2,
            text,
            va="center",
            fontsize=7.4 if code in R.LATGALE_CODES else 7,
            color=S.LATGALE if code in R.LATGALE_CODES else "#111111",
        )
    for label in ax.get_yticklabels():
        if label.get_text() in (R.name(c, lang) for c in R.LATGALE_CODES):
            label.set_color(S.LATGALE)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, top * 1.15)
    ax.tick_params(axis="y", length=0)


def _alt_list(frame, lang: str, decimals: int, percent: bool) -> str:
    frame = frame.sort_values("value", ascending=False)
    fmt = (lambda v: N.percent(v, lang, decimals)) if percent else (lambda v: N.number(v, lang, decimals))
    return ", ".join(f"{R.name(c, lang)} {fmt(v)}" for c, v in zip(frame["region"], frame["value"], strict=True))


# --- 1. GDP per capita index, latest year --------------------------------------------------------


def gdp_index_latest(obs, lang: str = "lv", versus: str = R.DEFAULT_VERSUS):  # noqa: ARG001
    codes = R.STATISTICAL_2021
    d = _used(obs, "gdp_per_capita_index", ("derived",))
    d = d[d["region"].isin(codes)]
    if d.empty:
        raise ChartUnavailable("gdp_index_latest", "no GDP per capita for Latvia and its regions in one publisher file")
    period = latest_complete(d, codes) or d["period"].max()
    sel = d[d["period"] == period]
    notes = missing_note(codes, sel["region"], period, lang)
    notes.append(
        _t(
            lang,
            "Statistiskie reģioni robežās, kas bija spēkā līdz 2023. gadam",
            "Statistical regions as bounded until 2023",
        )
    )
    fig, ax = new_figure("gdp_index_latest", lang, "full-short")
    _bars(ax, sel, lang, 1, False)
    ax.axvline(100, color=S.LATVIA, lw=0.8, ls="--")
    ax.text(
        100,
        1.0,
        _t(lang, " Latvija = 100", " Latvia = 100"),
        transform=ax.get_xaxis_transform(),
        fontsize=7,
        va="bottom",
        ha="left",
    )
    _fmt_axis(ax, lang, 0, axis="x")
    title = _t(
        lang,
        "IKP uz vienu iedzīvotāju statistiskajos reģionos, Latvija = 100",
        "GDP per capita in the statistical regions, Latvia = 100",
    )
    alt = (
        _t(
            lang,
            f"Joslu diagramma: IKP uz vienu iedzīvotāju {period}. gadā, Latvija = 100: ",
            f"Bar chart: GDP per capita in {period}, Latvia = 100: ",
        )
        + _alt_list(sel, lang, 1, False)
        + "."
    )
    return finish(fig, title, period_label(period, lang), rows_for("index", sel), notes, alt, left_cm=2.2)


# --- 2. GDP per capita index over time -----------------------------------------------------------


def gdp_index_trend(obs, lang: str = "lv", versus: str = R.DEFAULT_VERSUS):  # noqa: ARG001
    d = _used(obs, "gdp_per_capita_index", ("derived",))
    d = d[d["region"].isin(R.STATISTICAL_2021)]
    if d.empty:
        raise ChartUnavailable("gdp_index_trend", "no GDP per capita index could be computed")
    fig, ax = new_figure("gdp_index_trend", lang, "full")
    ends = []
    for code in [c for c in R.STATISTICAL_2021 if c != "LV005"] + ["LV005"]:
        pts = [
            (p, v)
            for p, v in zip(d.loc[d["region"] == code, "period"], d.loc[d["region"] == code, "value"], strict=True)
        ]
        highlight = code == "LV005"
        for run in segments(pts):
            xs = [int(p) for p, _ in run]
            ax.plot(
                xs,
                [v for _, v in run],
                color=_color(code),
                lw=2.0 if highlight else 0.9,
                marker="o",
                ms=2.6 if highlight else 1.6,
                zorder=3 if highlight else 2,
            )
        if pts:
            last_p, last_v = sorted(pts)[-1]
            ends.append((last_v, R.name(code, lang), S.LATGALE if highlight else "#666666", highlight))
    ax.axhline(100, color=S.LATVIA, lw=0.8, ls="--")
    ax.text(float(d["year"].min()), 101, _t(lang, "Latvija = 100", "Latvia = 100"), fontsize=6.8, va="bottom")
    data = [rows_for("index", d)]
    notes = []
    stated = obs[
        (obs["kind"] == "statement") & (obs["indicator"] == "gdp_per_capita_index") & (obs["region"] == "LV005")
    ]
    for st in stated.itertuples():
        now = d[(d["region"] == "LV005") & (d["period"] == st.period)]
        x = int(st.period)
        ax.plot([x], [st.value], marker="D", ms=5, mfc="white", mec=S.STATEMENT, mew=1.0, ls="none", zorder=5)
        ax.annotate(
            _t(
                lang,
                f"2013. gada pieteikumā: {N.number(st.value, lang, 0)}",
                f"2013 application: {N.number(st.value, lang, 0)}",
            ),
            (x, st.value),
            xytext=(x + 1.2, st.value - 14),
            fontsize=6.8,
            arrowprops={"arrowstyle": "-", "color": "#333333", "lw": 0.6},
        )
        if len(now):
            v = float(now["value"].iloc[0])
            vintage = now["vintage"].iloc[0]
            ax.annotate(
                _t(
                    lang,
                    f"Eurostat ({vintage}): {N.number(v, lang, 1)}",
                    f"Eurostat ({vintage}): {N.number(v, lang, 1)}",
                ),
                (x, v),
                xytext=(x - 6.5, v + 14),
                fontsize=6.8,
                color=S.LATGALE,
                arrowprops={"arrowstyle": "-", "color": S.LATGALE, "lw": 0.6},
            )
        data.append(rows_for("2013 application", obs.loc[[st.Index]]))
        notes.append(
            _t(
                lang,
                f"Rombs: skaitlis no 2013. gada pieteikuma ({st.period}. gads); "
                "pašreizējā vērtība ir no vēlākas datu versijas",
                f"Diamond: the figure stated in the 2013 application ({st.period}); the current value "
                "comes from a later data vintage",
            )
        )
    first, last = int(d["year"].min()), int(d["year"].max())
    _year_axis(ax, first, last)
    ax.set_xlim(first - 0.5, last + 2.6)
    _end_labels(ax, last + 0.3, ends)
    _fmt_axis(ax, lang, 0)
    title = _t(
        lang,
        "Latgale atpaliek: IKP uz vienu iedzīvotāju, Latvija = 100",
        "Latgale lags behind: GDP per capita, Latvia = 100",
    )
    sub = _t(
        lang,
        f"{first}–{last}; statistiskie reģioni (robežas līdz 2023. gadam)",
        f"{first}–{last}; statistical regions (boundaries until 2023)",
    )
    lat = d[d["region"] == "LV005"].sort_values("period")
    alt = _t(
        lang,
        "Līniju diagramma: IKP uz vienu iedzīvotāju, Latvija = 100, ",
        "Line chart: GDP per capita, Latvia = 100, ",
    )
    if len(lat):
        alt += _t(
            lang,
            f"Latgale {first}. gadā {N.number(lat['value'].iloc[0], lang, 1)}, "
            f"{last}. gadā {N.number(lat['value'].iloc[-1], lang, 1)}; ",
            f"Latgale {N.number(lat['value'].iloc[0], lang, 1)} in {first}, "
            f"{N.number(lat['value'].iloc[-1], lang, 1)} in {last}; ",
        )
    alt += _t(lang, "pārējie reģioni pelēkā krāsā.", "other regions in grey.")
    return finish(fig, title, sub, pd.concat(data), notes, alt, left_cm=1.2)


# --- 3. GDP per capita in PPS, % of EU27 ----------------------------------------------------------


def gdp_pps_eu(obs, lang: str = "lv", versus: str = R.DEFAULT_VERSUS):  # noqa: ARG001
    d = _used(obs, "gdp_per_capita_pps_eu")
    d = d[d["region"].isin(["LV005", "LV"])]
    if d.empty:
        raise ChartUnavailable("gdp_pps_eu", "no GDP per capita in PPS for Latgale or Latvia")
    fig, ax = new_figure("gdp_pps_eu", lang, "full")
    notes = []
    for code in ("LV", "LV005"):
        part = d[d["region"] == code]
        color = _color(code)
        for source_kind, g in part.groupby("source_kind"):
            pts = list(zip(g["period"], g["value"], strict=True))
            press = source_kind != "publisher file"
            for run in segments(pts):
                ax.plot(
                    [int(p) for p, _ in run],
                    [v for _, v in run],
                    color=color,
                    lw=0 if press else 1.6,
                    marker="o",
                    ms=4 if press else 2.4,
                    mfc="white" if press else color,
                    mec=color,
                    ls="none" if press else "-",
                )
        if len(part):
            last = part.sort_values("period").iloc[-1]
            ax.text(
                int(last["period"]) + 0.4,
                last["value"],
                R.name(code, lang),
                color=color,
                va="center",
                fontsize=7.4 if code == "LV005" else 7,
            )
    if (d["source_kind"] != "publisher file").any():
        notes.append(
            _t(
                lang,
                "Tukšie apļi: skaitļi no preses ziņām (nav Eurostat datu failā); to bāze var atšķirties",
                "Hollow circles: figures from the press (not in the Eurostat file); their basis may differ",
            )
        )
    ax.axhline(75, color="#333333", lw=0.8, ls="--")
    ax.text(
        float(d["year"].min()),
        76.5,
        _t(lang, "75% – kohēzijas politikas slieksnis", "75% – cohesion policy threshold"),
        fontsize=6.8,
        va="bottom",
    )
    _year_axis(ax, float(d["year"].min()), float(d["year"].max()))
    ax.set_xlim(float(d["year"].min()) - 0.5, float(d["year"].max()) + 2.2)
    ax.set_ylim(0, max(100.0, float(d["value"].max()) + 10))
    _fmt_axis(ax, lang, 0, percent=True)
    first, last = int(d["year"].min()), int(d["year"].max())
    title = _t(
        lang,
        "IKP uz vienu iedzīvotāju pēc pirktspējas, % no ES-27 vidējā",
        "GDP per capita in purchasing power standards, % of the EU27 average",
    )
    sub = _t(lang, f"Latgale un Latvija, {first}–{last}", f"Latgale and Latvia, {first}–{last}")
    alt = _t(
        lang,
        "Līniju diagramma: IKP uz vienu iedzīvotāju pēc PPS, % no ES-27 vidējā; ",
        "Line chart: GDP per capita in PPS, % of the EU27 average; ",
    )
    for code in ("LV005", "LV"):
        part = d[(d["region"] == code)].sort_values("period")
        if len(part):
            alt += (
                f"{R.name(code, lang)} {period_short(part['period'].iloc[-1], lang)}: "
                f"{N.percent(part['value'].iloc[-1], lang, 0)}; "
            )
    alt += _t(lang, "slieksnis 75%.", "threshold 75%.")
    return finish(fig, title, sub, rows_for("PPS % EU27", d), notes, alt, left_cm=1.2)


# --- 4. Registered unemployment, latest month ------------------------------------------------------


def _planning_codes(period: str) -> tuple[str, ...]:
    return R.PLANNING_2021 if R.planning_vintage(period) == "2021" else R.PLANNING_2006


def unemployment_latest(obs, lang: str = "lv", versus: str = R.DEFAULT_VERSUS):
    d = _used(obs, "registered_unemployment_rate", ("observation",))
    if d.empty:
        raise ChartUnavailable("unemployment_latest", "no registered unemployment figures")
    period = latest_complete(d, R.PLANNING_2021) or latest_complete(d, R.PLANNING_2006) or d["period"].max()
    codes = _planning_codes(period)
    sel = d[(d["period"] == period) & (d["region"].isin([*codes, "LV"]))]
    notes = missing_note([*codes, "LV"], sel["region"], period, lang)
    notes.append(
        _t(
            lang,
            "NVA reģistrētais bezdarbs: % no ekonomiski aktīvajiem iedzīvotājiem; plānošanas reģioni",
            "NVA registered unemployment: % of the economically active population; planning regions",
        )
    )
    fig, ax = new_figure("unemployment_latest", lang, "full-short")
    _bars(ax, sel, lang, 1, True, comparison=R.planning_codes(versus))
    _fmt_axis(ax, lang, 0, percent=True, axis="x")
    title = _t(lang, "Reģistrētā bezdarba līmenis reģionos", "Registered unemployment rate by region")
    alt = _t(
        lang,
        f"Joslu diagramma: reģistrētā bezdarba līmenis, {period_label(period, lang)}: ",
        f"Bar chart: registered unemployment rate, {period_label(period, lang)}: ",
    )
    alt += _alt_list(sel, lang, 1, True) + "."
    return finish(fig, title, period_label(period, lang), rows_for("rate", sel), notes, alt, left_cm=3.0)


# --- 5. Registered unemployment over time -----------------------------------------------------------


def unemployment_trend(obs, lang: str = "lv", versus: str = R.DEFAULT_VERSUS):
    d = _used(obs, "registered_unemployment_rate", ("observation",))
    keep = [*R.PLANNING_2006, *R.PLANNING_2021, "LV"]
    d = d[d["region"].isin(keep)]
    if d.empty:
        raise ChartUnavailable("unemployment_trend", "no registered unemployment figures for the planning regions")
    fig, ax = new_figure("unemployment_trend", lang, "full-tall")
    other = R.planning_codes(versus)
    order = sorted(keep, key=lambda c: (c in R.LATGALE_CODES, c in other, c == "LV"))
    for code in order:
        part = d[d["region"] == code]
        if part.empty:
            continue
        color = _color(code, other)
        big = color != S.MUTED
        for run in segments(list(zip(part["period"], part["value"], strict=True))):
            ax.plot(
                [month_x(p) for p, _ in run],
                [v for _, v in run],
                color=color,
                lw=1.4 if big else 0.7,
                marker="o",
                ms=2.8 if big else 1.8,
                zorder=3 if big else 2,
            )
    ax.axvline(2021.5, color="#333333", lw=0.7, ls=":")
    ax.text(
        2021.6,
        0.02,
        _t(
            lang, "plānošanas reģionu\nrobežas mainītas\n01.07.2021", "planning-region\nboundaries changed\n1 July 2021"
        ),
        transform=ax.get_xaxis_transform(),
        fontsize=6.3,
        va="bottom",
        color="#333333",
    )
    data = [rows_for("rate", d)]
    notes = [
        _t(
            lang,
            "Punkti tikai tur, kur NVA skaitlis ir publicēts; līnija savieno tikai blakus mēnešus",
            "Points only where NVA published a figure; lines join consecutive months only",
        )
    ]
    st = obs[(obs["kind"] == "statement") & (obs["indicator"] == "registered_unemployment_rate")]
    for row in st.itertuples():
        x = month_x(row.period)
        ax.plot([x], [row.value], marker="D", ms=5, mfc="white", mec=S.STATEMENT, mew=1.0, ls="none", zorder=5)
        ax.annotate(
            f"{N.percent(row.value, lang, 1)}", (x, row.value), xytext=(4, 3), textcoords="offset points", fontsize=6.8
        )
        data.append(rows_for("2013 application", obs.loc[[row.Index]]))
    if len(st):
        notes.append(
            _t(
                lang,
                "Rombi: 2013. gada pieteikumā minētais 2011. gada beigu bezdarbs (NVA dati) Latgales un Rīgas reģionā",
                "Diamonds: end-2011 registered unemployment in Latgale and the Rīga region as stated in the "
                "2013 application (NVA data)",
            )
        )
    handles = [
        Line2D([], [], color=c, marker="o", ms=3, lw=1.2, label=lbl)
        for c, lbl in (
            (S.LATGALE, R.name("PR_LATGALE_2021", lang)),
            (S.COMPARISON, R.name(other[-1], lang)),
            (S.LATVIA, R.name("LV", lang)),
            (S.MUTED, _t(lang, "pārējie plānošanas reģioni", "other planning regions")),
        )
    ]
    if len(st):
        handles.append(
            Line2D(
                [],
                [],
                color=S.STATEMENT,
                marker="D",
                mfc="white",
                ms=4,
                lw=0,
                label=_t(lang, "2013. gada pieteikums", "2013 application"),
            )
        )
    ax.legend(handles=handles, loc="upper right", ncol=1, handlelength=1.5)
    _year_axis(ax, month_x(d["period"].min()), month_x(d["period"].max()))
    _fmt_axis(ax, lang, 0, percent=True)
    ax.set_ylim(0, float(max(d["value"].max(), st["value"].max() if len(st) else 0)) * 1.12)
    first, last = d["period"].min(), d["period"].max()
    title = _t(
        lang,
        "Reģistrētā bezdarba līmenis: Latgale un citi reģioni",
        "Registered unemployment rate: Latgale and the other regions",
    )
    sub = _t(
        lang,
        f"mēneša beigās, {period_short(first, lang)}–{period_short(last, lang)}",
        f"end of month, {period_short(first, lang)}–{period_short(last, lang)}",
    )
    lat = d[d["region"].isin(R.LATGALE_CODES)].sort_values("period")
    alt = _t(
        lang,
        "Punktu un līniju diagramma: reģistrētā bezdarba līmenis plānošanas reģionos; ",
        "Dot and line chart: registered unemployment rate in the planning regions; ",
    )
    highest = _highest_every_month(d, R.LATGALE_CODES)
    if len(lat):
        v0, v1 = N.percent(lat["value"].iloc[0], lang), N.percent(lat["value"].iloc[-1], lang)
        p0, p1 = period_short(lat["period"].iloc[0], lang), period_short(lat["period"].iloc[-1], lang)
        alt += _t(
            lang,
            f"Latgalē no {v0} ({p0}) līdz {v1} ({p1})" + (", augstākais visos mēnešos ar datiem." if highest else "."),
            f"Latgale from {v0} ({p0}) to {v1} ({p1})"
            + (", the highest in every month with data." if highest else "."),
        )
    return finish(fig, title, sub, pd.concat(data), notes, alt, left_cm=1.2)


def _highest_every_month(d, codes) -> bool:
    """True when the region is the highest of the planning regions in every month it has data."""
    regions = d[d["region"] != "LV"]
    for _period, g in regions.groupby("period"):
        top = g.loc[g["value"].idxmax(), "region"]
        if g["region"].isin(codes).any() and top not in codes:
            return False
    return True


# --- 6. Firm formation ----------------------------------------------------------------------------


def firm_formation(obs, lang: str = "lv", versus: str = R.DEFAULT_VERSUS):  # noqa: ARG001
    ind = "new_enterprises_per_1000"
    stated = obs[(obs["kind"] == "statement") & (obs["indicator"] == ind)]
    computed = _used(obs, ind, ("derived",))
    computed = computed[computed["region"] == "LV"].sort_values("period")
    if stated.empty and computed.empty:
        raise ChartUnavailable(
            "firm_formation", "no new-enterprise rates: neither statements nor counts with population"
        )
    fig, (ax1, ax2) = new_figure("firm_formation", lang, "full-short", ncols=2, gridspec_kw={"width_ratios": [1, 2.2]})
    data = []
    if len(stated):
        st = stated.sort_values("region", key=lambda s: s.map({"LV005": 0, "LV": 1}))
        labels = [R.name(c, lang) for c in st["region"]]
        bars = ax1.bar(
            labels,
            st["value"],
            color=[_color(c) for c in st["region"]],
            width=0.6,
            hatch="///",
            edgecolor="white",
            lw=0,
        )
        for bar, v in zip(bars, st["value"], strict=True):
            ax1.text(bar.get_x() + bar.get_width() / 2, v + 0.15, N.number(v, lang, 0), ha="center", fontsize=7.5)
        ax1.set_title(
            _t(
                lang,
                "2013. gada pieteikumā\n(Lursoft dati, gads nav norādīts)",
                "2013 application\n(Lursoft data, year not stated)",
            ),
            fontsize=7,
            fontweight="normal",
        )
        data.append(rows_for("2013 application (year not stated)", st))
    else:
        ax1.set_axis_off()
    if len(computed):
        bars = ax2.bar(computed["period"], computed["value"], color=S.LATVIA, width=0.6)
        for bar, v in zip(bars, computed["value"], strict=True):
            ax2.text(bar.get_x() + bar.get_width() / 2, v + 0.15, N.number(v, lang, 1), ha="center", fontsize=7)
        ax2.set_title(
            _t(
                lang,
                "Latvija, aprēķināts: jaunie uzņēmumi / iedzīvotāji 1. janvārī",
                "Latvia, computed: new enterprises / population on 1 January",
            ),
            fontsize=7,
            fontweight="normal",
        )
        data.append(rows_for("Latvia computed", computed))
    top = max([*stated["value"], *computed["value"]]) * 1.2
    for ax in (ax1, ax2):
        ax.set_ylim(0, top)
        ax.grid(axis="x", visible=False)
        _fmt_axis(ax, lang, 0)
    notes = [
        _t(
            lang,
            "Latgales reģiona gada skaitļi nav publicēti (Lursoft publicē pašvaldību skaitļus), "
            "tāpēc Latgalei šeit nav aprēķināta vērtība pa gadiem",
            "No annual counts for the Latgale region are published (Lursoft reports municipalities), "
            "so no yearly Latgale rate is computed",
        )
    ]
    title = _t(lang, "Jauni uzņēmumi uz 1000 iedzīvotājiem", "New enterprises per 1000 inhabitants")
    years = ", ".join(computed["period"])
    sub = _t(
        lang,
        f"2013. gada pieteikuma skaitļi un Latvijas rādītājs {years}. gadā",
        f"the 2013 application's figures and Latvia's rate in {years}",
    )
    alt = _t(
        lang,
        "Stabiņu diagramma: jauni uzņēmumi uz 1000 iedzīvotājiem; ",
        "Bar chart: new enterprises per 1000 inhabitants; ",
    )
    if len(stated):
        alt += _t(lang, "2013. gada pieteikumā (gads nav norādīts) ", "2013 application (year not stated) ")
        alt += (
            ", ".join(
                f"{R.name(c, lang)} {N.number(v, lang, 0)}"
                for c, v in zip(stated["region"], stated["value"], strict=True)
            )
            + "; "
        )
    if len(computed):
        alt += _t(lang, "Latvija aprēķināts: ", "Latvia computed: ")
        alt += (
            ", ".join(f"{p} {N.number(v, lang, 1)}" for p, v in zip(computed["period"], computed["value"], strict=True))
            + "."
        )
    return finish(fig, title, sub, pd.concat(data), notes, alt, left_cm=1.0, top_extra_cm=0.5, wspace=0.25)


# --- 7. Key figures ---------------------------------------------------------------------------------


def key_figures(obs, lang: str = "lv", versus: str = R.DEFAULT_VERSUS):
    fig, axes = new_figure("key_figures", lang, "full-short", ncols=3)
    data, notes, alt_parts = [], [], []
    # GDP per capita index
    gdp = _used(obs, "gdp_per_capita_index", ("derived",))
    gdp = gdp[gdp["region"].isin(R.STATISTICAL_2021)]
    una = _used(obs, "registered_unemployment_rate", ("observation",))
    firms = obs[(obs["kind"] == "statement") & (obs["indicator"] == "new_enterprises_per_1000")]
    if gdp.empty and una.empty and firms.empty:
        raise ChartUnavailable("key_figures", "none of the three indicators has data")
    panels = []
    if len(gdp):
        period = latest_complete(gdp, R.STATISTICAL_2021) or gdp["period"].max()
        lat = gdp[(gdp["period"] == period) & (gdp["region"] == "LV005")]
        values = [("LV005", float(lat["value"].iloc[0]))] if len(lat) else []
        values.append(("LV", 100.0))
        panels.append(
            (
                _t(
                    lang,
                    f"IKP uz 1 iedzīvotāju,\nLatvija = 100 ({period})",
                    f"GDP per capita,\nLatvia = 100 ({period})",
                ),
                values,
                1,
                False,
            )
        )
        data.append(rows_for("GDP index", lat))
        if len(lat):
            v = N.number(lat["value"].iloc[0], lang, 1)
            alt_parts.append(
                _t(
                    lang,
                    f"IKP uz vienu iedzīvotāju {period}. gadā Latgalē {v} (Latvija = 100)",
                    f"GDP per capita {period} Latgale {v} (Latvia = 100)",
                )
            )
    if len(una):
        period = latest_complete(una, R.PLANNING_2021) or una["period"].max()
        latgale, other = R.planning_code("LATGALE", period), R.planning_code(versus, period)
        sel = una[(una["period"] == period) & (una["region"].isin([latgale, other, "LV"]))]
        order = {latgale: 0, other: 1, "LV": 2}
        sel = sel.sort_values("region", key=lambda s: s.map(order))
        panels.append(
            (
                _t(
                    lang,
                    f"Reģistrētais bezdarbs, %\n({period_short(period, lang)})",
                    f"Registered unemployment, %\n({period_short(period, lang)})",
                ),
                list(zip(sel["region"], sel["value"], strict=True)),
                1,
                True,
            )
        )
        data.append(rows_for("registered unemployment", sel))
        alt_parts.append(
            _t(lang, "reģistrētais bezdarbs ", "registered unemployment ")
            + ", ".join(
                f"{R.name(c, lang)} {N.percent(v, lang, 1)}" for c, v in zip(sel["region"], sel["value"], strict=True)
            )
        )
        notes.extend(missing_note([latgale, other, "LV"], sel["region"], period, lang))
    if len(firms):
        f = firms.sort_values("region", key=lambda s: s.map({"LV005": 0, "LV": 1}))
        panels.append(
            (
                _t(
                    lang,
                    "Jauni uzņēmumi uz 1000 iedz.\n(2013. g. pieteikums*)",
                    "New enterprises per 1000 inh.\n(2013 application*)",
                ),
                list(zip(f["region"], f["value"], strict=True)),
                0,
                False,
            )
        )
        data.append(rows_for("new enterprises per 1000 (2013 application)", f))
        notes.append(
            _t(
                lang,
                "* Lursoft dati, kā norādīts 2013. gada pieteikumā; gads nav norādīts",
                "* Lursoft data as stated in the 2013 application; the year is not stated",
            )
        )
        alt_parts.append(
            _t(
                lang,
                "jauni uzņēmumi uz 1000 iedzīvotājiem (2013. gada pieteikums) ",
                "new enterprises per 1000 inhabitants (2013 application) ",
            )
            + ", ".join(
                f"{R.name(c, lang)} {N.number(v, lang, 0)}" for c, v in zip(f["region"], f["value"], strict=True)
            )
        )
    for ax in axes[len(panels) :]:
        ax.set_axis_off()
    for ax, (label, values, decimals, percent) in zip(axes, panels, strict=False):
        names = [R.name(c, lang).replace(" ", "\n", 1) for c, _ in values]
        bars = ax.bar(
            names,
            [v for _, v in values],
            color=[_color(c, R.planning_codes(versus)) for c, _ in values],
            width=0.62,
        )
        top = max(v for _, v in values)
        for bar, (code, value) in zip(bars, values, strict=True):
            text = (
                N.percent(value, lang, decimals)
                if percent
                else N.number(value, lang, 0 if code == "LV" and value == 100 else decimals)
            )
            ax.text(bar.get_x() + bar.get_width() / 2, value + top * 0.03, text, ha="center", fontsize=8.5)
        ax.set_ylim(0, top * 1.25)
        ax.set_title(label, fontsize=7, fontweight="normal")
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.grid(False)
        ax.tick_params(axis="x", labelsize=6.5, length=0)
        for lbl in ax.get_xticklabels():
            lbl.set_rotation(0)
    title = _t(lang, "Latgale salīdzinājumā ar Latviju: galvenie rādītāji", "Latgale compared with Latvia: key figures")
    sub = _t(lang, "jaunākie pieejamie dati", "latest available data")
    alt = _t(lang, "Trīs stabiņu diagrammas: ", "Three bar charts: ") + "; ".join(alt_parts) + "."
    return finish(
        fig, title, sub, pd.concat(data), notes, alt, left_cm=0.5, top_extra_cm=0.6, wspace=0.35, xaxis_cm=1.1
    )


FIGURES = {
    "gdp_index_latest": gdp_index_latest,
    "gdp_index_trend": gdp_index_trend,
    "gdp_pps_eu": gdp_pps_eu,
    "unemployment_latest": unemployment_latest,
    "unemployment_trend": unemployment_trend,
    "firm_formation": firm_formation,
    "key_figures": key_figures,
}
