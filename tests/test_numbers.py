"""Number formatting per CLDR (Babel), never the machine's locale."""

from __future__ import annotations

import locale

import pytest

from latgale_stats.present import formatting as N

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (8800, "lv", 0, f"8{NBSP}800"),
        (1234.5, "lv", 1, f"1{NBSP}234,5"),
        (2001468, "lv", 0, f"2{NBSP}001{NBSP}468"),
        (56.818, "lv", 1, "56,8"),
        (8800, "en", 0, "8,800"),
        (1234.5, "en", 1, "1,234.5"),
        (56.818, "en", 1, "56.8"),
        (0.05, "lv", 1, "0,1"),
        (100, "lv", 1, "100,0"),
    ],
)
def test_numbers(value, lang, decimals, expected):
    assert N.number(value, lang, decimals) == expected


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (19.8, "lv", 1, "19,8%"),
        (8.3, "en", 1, "8.3%"),
        (10.1, "lv", 1, "10,1%"),
        (75, "lv", 0, "75%"),
        (5.0, "en", 1, "5.0%"),
    ],
)
def test_percentages(value, lang, decimals, expected):
    assert N.percent(value, lang, decimals) == expected


def test_signs():
    assert N.signed(6.4, "lv") == "+6,4"
    assert N.signed(-1.25, "en", 2) == "-1.25"


def test_the_machine_locale_does_not_matter():
    before = locale.setlocale(locale.LC_NUMERIC)
    try:
        for name in ("en_US.UTF-8", "C.UTF-8", "C"):
            try:
                locale.setlocale(locale.LC_NUMERIC, name)
            except locale.Error:
                continue
            assert N.number(1234.5, "lv", 1) == f"1{NBSP}234,5"
    finally:
        locale.setlocale(locale.LC_NUMERIC, before)
