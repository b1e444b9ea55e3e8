"""When an alert is due: a number of working days before its deadline.

Working days are the rules engine's hverdage (Monday to Friday, not a public holiday) that are not
also one of the unit's closed days: a warning "one working day before" must leave one day on
which the unit is open to act. Plain Python, so the dates are tested without a database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from rehabplan.rules.calendar import is_working_day

ONE_DAY = dt.timedelta(days=1)


def is_open_day(day: dt.date, closed: Collection[dt.date] = ()) -> bool:
    return is_working_day(day) and day not in closed


def alert_day(due: dt.date, lead: int, closed: Collection[dt.date] = ()) -> dt.date:
    """The day an alert about a deadline on `due` is due: the `lead`-th open day before `due`
    (the deadline's own day is not counted); with a lead of 0, the deadline's day itself."""
    day = due
    remaining = lead
    while remaining > 0:
        day -= ONE_DAY
        if is_open_day(day, closed):
            remaining -= 1
    return day


def last_due_alerted(today: dt.date, lead: int, closed: Collection[dt.date] = ()) -> dt.date:
    """The latest deadline day whose alert is due by `today`: the `lead`-th open day after today.

    A deadline on `due` is alerted by today exactly when fewer than `lead` open days lie strictly
    between today and `due`, so the sweep can select its deadlines with one date per kind."""
    day = today
    remaining = lead
    while remaining > 0:
        day += ONE_DAY
        if is_open_day(day, closed):
            remaining -= 1
    return day
