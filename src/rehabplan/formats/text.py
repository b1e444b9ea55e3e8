"""Dates and times in running text, the one way the UI writes them (see da/formats.py).

For Python code that builds a message; templates use the `date` and `time` filters, which read
the same formats.
"""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.formats import date_format, time_format


def day_text(day: datetime.date) -> str:
    """ "2. december 2026"."""
    return date_format(day, "DATE_FORMAT")


def moment_text(moment: datetime.datetime) -> str:
    """ "2. december 2026 kl. 09.30", in the municipality's time zone."""
    return date_format(_local(moment), "DATETIME_FORMAT")


def clock_text(moment: datetime.datetime | datetime.time) -> str:
    """ "09.30", for text that already says which day (and writes "kl." before it)."""
    value = _local(moment) if isinstance(moment, datetime.datetime) else moment
    return time_format(value, "TIME_FORMAT")


def _local(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment) if timezone.is_aware(moment) else moment


def week_text(monday: datetime.date) -> str:
    """ "uge 50 (7.-13. december 2026)": the ISO week of `monday` as staff say it."""
    sunday = monday + datetime.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        first = f"{monday.day}."
    elif monday.year == sunday.year:
        first = date_format(monday, "j. F")
    else:
        first = day_text(monday)
    return f"uge {monday.isocalendar()[1]} ({first}–{day_text(sunday)})"
