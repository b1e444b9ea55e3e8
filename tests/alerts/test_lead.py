"""The day an alert is due: N working days before its deadline, counted on the rules engine's
Danish calendar (weekends and public holidays) and the unit's closed days."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan.alerts.lead import alert_day, last_due_alerted

D = dt.date
CHRISTMAS_EVE = frozenset({D(2026, 12, 24)})
CONSTITUTION_DAY = frozenset({D(2026, 6, 5)})


@pytest.mark.parametrize(
    ("lead", "due", "closed", "expected", "why"),
    [
        (1, D(2026, 5, 12), (), D(2026, 5, 11), "Tuesday: the Monday before"),
        (2, D(2026, 5, 12), (), D(2026, 5, 8), "Tuesday: the weekend is skipped"),
        (1, D(2026, 5, 18), (), D(2026, 5, 15), "Monday: the Friday before"),
        (2, D(2026, 5, 18), (), D(2026, 5, 13), "Kristi Himmelfartsdag 14 May is skipped"),
        (1, D(2026, 5, 15), (), D(2026, 5, 13), "the Friday after Kristi Himmelfartsdag"),
        (1, D(2026, 5, 17), (), D(2026, 5, 15), "a deadline on a Sunday"),
        (0, D(2026, 5, 16), (), D(2026, 5, 16), "no lead: the deadline's own day"),
        (1, D(2026, 4, 7), (), D(2026, 4, 1), "Easter: 2, 3 and 6 April are holidays"),
        (2, D(2026, 5, 26), (), D(2026, 5, 21), "2. pinsedag 25 May is skipped"),
        (1, D(2026, 12, 28), (), D(2026, 12, 24), "24 December is a working day by law"),
        (1, D(2026, 12, 28), CHRISTMAS_EVE, D(2026, 12, 23), "... but the unit is closed"),
        (2, D(2026, 6, 8), (), D(2026, 6, 4), "5 June is no public holiday"),
        (2, D(2026, 6, 8), CONSTITUTION_DAY, D(2026, 6, 3), "... the unit's closed day is"),
        (1, D(2027, 1, 4), CHRISTMAS_EVE, D(2026, 12, 31), "over the new year"),
    ],
)
def test_alert_day(lead, due, closed, expected, why):
    assert alert_day(due, lead, closed) == expected, why


@pytest.mark.parametrize(
    ("lead", "today", "closed", "expected"),
    [
        (1, D(2026, 5, 13), (), D(2026, 5, 15)),  # Wednesday: Thursday is a holiday
        (2, D(2026, 5, 13), (), D(2026, 5, 18)),
        (1, D(2026, 5, 16), (), D(2026, 5, 18)),  # Saturday
        (0, D(2026, 5, 16), (), D(2026, 5, 16)),
        (1, D(2026, 12, 23), CHRISTMAS_EVE, D(2026, 12, 28)),
    ],
)
def test_last_deadline_day_alerted(lead, today, closed, expected):
    assert last_due_alerted(today, lead, closed) == expected


@pytest.mark.parametrize("lead", [0, 1, 2, 3, 5])
@pytest.mark.parametrize("closed", [(), CHRISTMAS_EVE | CONSTITUTION_DAY])
def test_the_sweep_s_window_selects_exactly_the_deadlines_whose_alert_day_has_come(lead, closed):
    """The sweep selects deadlines with `due <= last_due_alerted(today)`: the same deadlines as
    asking each one's alert day, for every day of a year with Easter, Whitsun and Christmas."""
    start = D(2026, 3, 20)
    days = [start + dt.timedelta(days=offset) for offset in range(0, 300, 1)]
    for today in days[::3]:
        last = last_due_alerted(today, lead, closed)
        for due in days:
            if due >= today:
                assert (alert_day(due, lead, closed) <= today) == (due <= last), (today, due)
