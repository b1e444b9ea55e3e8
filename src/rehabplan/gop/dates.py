"""Dates and times as GOP messages write them, and dates found in free text."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

COPENHAGEN = ZoneInfo("Europe/Copenhagen")

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_TIME = re.compile(r"^(\d{2}):?(\d{2})(?::?(\d{2}))?$")

_MONTHS = {
    "januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6, "juli": 7,
    "august": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})[-./](\d{1,2})[-./](\d{4})(?!\d)")
_ISO_IN_TEXT = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_WORDED_DATE = re.compile(r"(?<!\d)(\d{1,2})\.?\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})", re.I)


def parse_iso_date(text: str) -> dt.date:
    """A GOP date, "YYYY-MM-DD"; raise ValueError with a Danish message."""
    match = _ISO_DATE.match(text.strip())
    if match is None:
        raise ValueError(f"'{text}' er ikke en dato på formen ÅÅÅÅ-MM-DD.")
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValueError(f"'{text}' er ikke en gyldig dato.") from None


def parse_time(text: str) -> dt.time:
    """A GOP time, "TT:MM", "TT:MM:SS" or "TTMM"; raise ValueError with a Danish message."""
    match = _TIME.match(text.strip())
    if match is None:
        raise ValueError(f"'{text}' er ikke et klokkeslæt på formen TT:MM.")
    hour, minute, second = (int(part) if part else 0 for part in match.groups())
    try:
        return dt.time(hour, minute, second)
    except ValueError:
        raise ValueError(f"'{text}' er ikke et gyldigt klokkeslæt.") from None


def combine(date: dt.date, time: dt.time | None) -> dt.datetime:
    """An aware datetime in Danish time; a missing time means midnight."""
    return dt.datetime.combine(date, time or dt.time(0, 0), tzinfo=COPENHAGEN)


def find_unambiguous_date(text: str) -> dt.date | None:
    """The single date a free text names ("15-12-2026", "15.12.2026", "15. december 2026").

    Returns None when the text names no valid date or more than one different date: the
    visitator confirms or enters the date, so guessing would only mislead.
    """
    found: set[dt.date] = set()
    candidates: list[tuple[int, int, int]] = []
    for match in _NUMERIC_DATE.finditer(text):
        day, month, year = (int(part) for part in match.groups())
        candidates.append((year, month, day))
    for match in _ISO_IN_TEXT.finditer(text):
        year, month, day = (int(part) for part in match.groups())
        candidates.append((year, month, day))
    for match in _WORDED_DATE.finditer(text):
        day, month_name, year = match.groups()
        candidates.append((int(year), _MONTHS[month_name.lower()], int(day)))
    for year, month, day in candidates:
        try:
            found.add(dt.date(year, month, day))
        except ValueError:
            return None
    return found.pop() if len(found) == 1 else None
