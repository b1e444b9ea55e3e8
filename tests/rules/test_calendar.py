"""The Danish working-day calendar."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rehabplan.rules.calendar import (
    add_months,
    add_working_days,
    is_public_holiday,
    is_working_day,
    public_holidays,
)

D = dt.date


@pytest.mark.parametrize(
    "day, holiday",
    [
        (D(2023, 5, 5), True),  # Store Bededag 2023, the last year it was a holiday
        (D(2024, 4, 26), False),  # Store Bededag abolished from 2024
        (D(2026, 4, 2), True),  # Skærtorsdag
        (D(2026, 4, 3), True),  # Langfredag
        (D(2026, 4, 6), True),  # 2. påskedag
        (D(2026, 5, 14), True),  # Kristi himmelfartsdag
        (D(2026, 5, 25), True),  # 2. pinsedag
        (D(2026, 5, 15), False),  # the Friday after Ascension is a normal working day
        (D(2026, 6, 5), False),  # Grundlovsdag: customary day off, not a public holiday
        (D(2026, 12, 24), False),  # juleaftensdag: customary, not a public holiday
        (D(2026, 12, 31), False),  # nytårsaftensdag: customary, not a public holiday
        (D(2026, 5, 1), False),  # 1. maj is not an official holiday
        (D(2026, 12, 25), True),
        (D(2026, 12, 26), True),
        (D(2027, 1, 1), True),
    ],
)
def test_public_holidays_are_the_official_ones_only(day, holiday):
    assert is_public_holiday(day) is holiday


def test_holiday_names_are_danish():
    assert public_holidays(2026)[D(2026, 5, 14)] == "Kristi himmelfartsdag"


@pytest.mark.parametrize(
    "event, count, due",
    [
        (D(2023, 5, 4), 1, D(2023, 5, 8)),  # skips Store Bededag (Fri) and the weekend
        (D(2024, 4, 25), 1, D(2024, 4, 26)),  # the same Friday is a working day in 2024
        (D(2026, 4, 1), 1, D(2026, 4, 7)),  # Easter: Thu, Fri, Mon are holidays
        (D(2026, 5, 13), 1, D(2026, 5, 15)),  # Ascension Thursday skipped
        (D(2026, 5, 22), 1, D(2026, 5, 26)),  # Whit Monday skipped
        (D(2026, 12, 23), 1, D(2026, 12, 24)),  # 24 December counts as a working day
        (D(2026, 12, 31), 1, D(2027, 1, 4)),  # New Year's Day and the weekend skipped
        (D(2026, 3, 6), 0, D(2026, 3, 6)),  # day 0 is the event day
    ],
)
def test_add_working_days(event, count, due):
    assert add_working_days(event, count) == due


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (D(2025, 12, 1), 12, D(2026, 12, 1)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


dates = st.dates(min_value=D(2018, 1, 1), max_value=D(2032, 12, 31))


@given(event=dates, count=st.integers(min_value=1, max_value=40))
def test_working_day_deadline_lands_on_a_working_day_after_the_event(event, count):
    due = add_working_days(event, count)
    assert due > event
    assert is_working_day(due)
    assert due.weekday() < 5 and not is_public_holiday(due)


@given(first=dates, second=dates, count=st.integers(min_value=0, max_value=30))
def test_later_event_never_gives_an_earlier_working_day_deadline(first, second, count):
    early, late = sorted((first, second))
    assert add_working_days(early, count) <= add_working_days(late, count)
