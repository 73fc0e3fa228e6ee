"""Words the outputs need in Latvian and English: month names in the cases Latvian grammar asks
for, and period labels."""

from __future__ import annotations

MONTHS_LV_NOMINATIVE = (
    "janvāris",
    "februāris",
    "marts",
    "aprīlis",
    "maijs",
    "jūnijs",
    "jūlijs",
    "augusts",
    "septembris",
    "oktobris",
    "novembris",
    "decembris",
)
MONTHS_LV_GENITIVE = (
    "janvāra",
    "februāra",
    "marta",
    "aprīļa",
    "maija",
    "jūnija",
    "jūlija",
    "augusta",
    "septembra",
    "oktobra",
    "novembra",
    "decembra",
)
MONTHS_LV_LOCATIVE = (
    "janvārī",
    "februārī",
    "martā",
    "aprīlī",
    "maijā",
    "jūnijā",
    "jūlijā",
    "augustā",
    "septembrī",
    "oktobrī",
    "novembrī",
    "decembrī",
)
MONTHS_LV_SHORT = ("janv.", "febr.", "marts", "apr.", "maijs", "jūn.", "jūl.", "aug.", "sept.", "okt.", "nov.", "dec.")
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def period_label(period: str | None, lang: str = "lv") -> str:
    """'2025-12' -> '2025. gada decembra beigas' / 'end of December 2025'; '2020' -> '2020. gads' / '2020'."""
    if not period:
        return "gads nav norādīts" if lang == "lv" else "year not stated"
    year = int(period[:4])
    if len(period) == 4:
        return f"{year}. gads" if lang == "lv" else str(year)
    month = int(period[5:7])
    if lang == "lv":
        return f"{year}. gada {MONTHS_LV_GENITIVE[month - 1]} beigas"
    return f"end of {MONTHS_EN[month - 1]} {year}"


def period_short(period: str | None, lang: str = "lv") -> str:
    """'2025-12' -> '2025. g. dec.' / 'Dec 2025'."""
    if not period:
        return "gads nav norādīts" if lang == "lv" else "year not stated"
    if len(period) == 4:
        return period
    month = int(period[5:7])
    if lang == "lv":
        return f"{period[:4]}. g. {MONTHS_LV_SHORT[month - 1]}"
    return f"{MONTHS_EN[month - 1][:3]} {period[:4]}"
