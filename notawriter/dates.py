"""Dutch dates: parse what users type ("6-1-2025", "2025-01-06", "6 januari 2025"), format as "6 januari 2025"."""

from __future__ import annotations

import datetime as dt
import re

MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
DATE_HINT = "gebruik bijv. 6-1-2025, 2025-01-06 of 6 januari 2025"

_NUMERIC_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_WORDS = re.compile(r"^(\d{1,2})\s+([a-zA-Z]+)\.?\s+(\d{4})$")


def parse_date(text: str) -> dt.date:
    """Parse a date as users write it; raise ValueError with a Dutch hint otherwise."""
    value = " ".join(text.strip().split())
    if m := _ISO.match(value):
        year, month, day = (int(g) for g in m.groups())
    elif m := _NUMERIC_DMY.match(value):
        day, month, year = (int(g) for g in m.groups())
    elif m := _WORDS.match(value):
        day, year = int(m.group(1)), int(m.group(3))
        month = _month_number(m.group(2))
    else:
        raise ValueError(f"'{text}' is geen datum; {DATE_HINT}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"'{text}' bestaat niet als datum; {DATE_HINT}") from None


def _month_number(word: str) -> int:
    word = word.lower()
    for number, name in enumerate(MONTHS, start=1):
        # Accept full names and the usual abbreviations ("jan", "sept").
        if name == word or (len(word) >= 3 and name.startswith(word)):
            return number
    raise ValueError(f"'{word}' is geen maand; {DATE_HINT}")


def format_date(value: dt.date | None) -> str:
    """'6 januari 2025' — Babel's Dutch long form, the form used in notes and letters."""
    if value is None:
        return ""
    from babel.dates import format_date as babel_format  # lazy: babel is slow to import

    return babel_format(value, "d MMMM y", locale="nl")
