"""The one number formatter: CLDR rules from Babel, never the operating system's locale.

Latvian: decimal comma, groups of three separated by a no-break space (``8 800``, ``1 234,5``),
percent sign without a space (``19,8%``). English: ``8,800``, ``1,234.5``, ``19.8%``.
Axes, labels, annotations, tables and sentences all format numbers here.
"""

from __future__ import annotations

from functools import cache

LANGS = ("lv", "en")


@cache
def _pattern(decimals: int, group: bool) -> str:
    base = "#,##0" if group else "0"
    return base + ("." + "0" * decimals if decimals > 0 else "")


def number(value: float, lang: str = "lv", decimals: int = 0, group: bool = True) -> str:
    """``number(1234.5, 'lv', 1)`` -> '1 234,5' (no-break space); English '1,234.5'."""
    from babel.numbers import format_decimal

    return format_decimal(
        round(float(value), decimals), format=_pattern(decimals, group), locale=lang, decimal_quantization=True
    )


def percent(value: float, lang: str = "lv", decimals: int = 1) -> str:
    """A value already in percent: ``percent(19.8, 'lv')`` -> '19,8%'."""
    from babel.numbers import format_percent

    return format_percent(round(float(value), decimals) / 100, format=_pattern(decimals, True) + "%", locale=lang)


def signed(value: float, lang: str = "lv", decimals: int = 1) -> str:
    """With an explicit sign: '+6,4' / '−1,2' (CLDR minus sign)."""
    from babel.numbers import get_minus_sign_symbol, get_plus_sign_symbol

    text = number(abs(value), lang, decimals)
    sign = get_plus_sign_symbol(lang) if value >= 0 else get_minus_sign_symbol(lang)
    return sign + text


def date(iso: str, lang: str = "lv") -> str:
    """A release date as a reader writes it: Latvian '10.02.2026', English '10 Feb 2026' (CLDR month
    abbreviations). Text that is not an ISO date is returned as it is."""
    from datetime import date as _date

    from babel.dates import format_date

    try:
        day = _date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return format_date(day, "dd.MM.y", locale="lv") if lang == "lv" else format_date(day, "d MMM y", locale="en")
