"""The Danish working-day calendar: weekends and official public holidays (helligdage).

Only the `public` category of the `holidays` package counts; its optional days
(5 June, 24 and 31 December) are customary days off, not holidays, and never stretch
a working-day deadline.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=256)
def public_holidays(year: int) -> dict[dt.date, str]:
    """Official Danish public holidays of one year, with their Danish names."""
    calendar = holidays.country_holidays("DK", years=year, language="da")
    return dict(calendar.items())


def holiday_name(day: dt.date) -> str | None:
    return public_holidays(day.year).get(day)


def is_public_holiday(day: dt.date) -> bool:
    return day in public_holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    """A hverdag: Monday to Friday and not a public holiday."""
    return day.weekday() < 5 and day not in public_holidays(day.year)


@lru_cache(maxsize=65536)
def add_working_days(event: dt.date, count: int) -> dt.date:
    """The day that is `count` working days after `event` (the event day is day 0)."""
    day = event
    remaining = count
    one_day = dt.timedelta(days=1)
    while remaining > 0:
        day += one_day
        if is_working_day(day):
            remaining -= 1
    return day


def add_calendar_days(event: dt.date, count: int) -> dt.date:
    return event + dt.timedelta(days=count)


def add_weeks(event: dt.date, count: int) -> dt.date:
    return event + dt.timedelta(weeks=count)


def next_working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def previous_working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day of month `months` later, clamped to the month's end (31 Jan + 1 -> 28/29 Feb)."""
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")
