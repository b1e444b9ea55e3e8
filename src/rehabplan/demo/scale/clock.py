"""Days and moments of the history: the unit's working days and times on its local clock."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from rehabplan import rules

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def local_moment(day: datetime.date, minute_of_day: int) -> datetime.datetime:
    """The moment `minute_of_day` minutes after midnight on `day`, Danish time."""
    hour, minute = divmod(minute_of_day, 60)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=COPENHAGEN)


class WorkingDays:
    """Weekdays that are neither public holidays nor the unit's closed days."""

    def __init__(self, closed_days: frozenset[datetime.date]) -> None:
        self.closed_days = closed_days
        self._known: dict[datetime.date, bool] = {}

    def is_open(self, day: datetime.date) -> bool:
        known = self._known.get(day)
        if known is None:
            known = rules.is_working_day(day) and day not in self.closed_days
            self._known[day] = known
        return known

    def on_or_after(self, day: datetime.date) -> datetime.date:
        while not self.is_open(day):
            day += datetime.timedelta(days=1)
        return day
