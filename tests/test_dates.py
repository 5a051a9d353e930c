"""dates.py: users type dates three ways; documents show '6 januari 2025'."""

import datetime as dt

import pytest

from notawriter.dates import format_date, parse_date


@pytest.mark.parametrize("text", ["6-1-2025", "06-01-2025", "2025-01-06", "6 januari 2025", "6 Januari 2025", "6 jan 2025", "6/1/2025"])
def test_accepted_forms(text: str) -> None:
    assert parse_date(text) == dt.date(2025, 1, 6)


@pytest.mark.parametrize("text", ["31-2-2025", "2025-13-01", "30 februari 2024"])
def test_impossible_dates_are_refused_with_a_hint(text: str) -> None:
    with pytest.raises(ValueError, match="bestaat niet als datum.*6-1-2025"):
        parse_date(text)


@pytest.mark.parametrize("text", ["morgen", "6 smarch 2025", "2025"])
def test_unreadable_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="6-1-2025"):
        parse_date(text)


def test_dutch_long_format() -> None:
    assert format_date(dt.date(2025, 1, 6)) == "6 januari 2025"
    assert format_date(dt.date(2024, 11, 11)) == "11 november 2024"
    assert format_date(None) == ""
