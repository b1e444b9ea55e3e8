"""Days and moments of the history: the unit's working days and times on its local clock."""

from __future__ import annotations

import bisect
import datetime
from zoneinfo import ZoneInfo

from rehabplan import rules

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
ONE_DAY = datetime.timedelta(days=1)


def local_moment(day: datetime.date, minute_of_day: int) -> datetime.datetime:
    """The moment `minute_of_day` minutes after midnight on `day`, Danish time."""
    hour, minute = divmod(minute_of_day, 60)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=COPENHAGEN)


class WorkingDays:
    """Weekdays that are neither public holidays nor the unit's closed days, and the days a
    course meeting on given weekdays trains (kept sorted, so a course's days are a slice)."""

    def __init__(self, closed_days: frozenset[datetime.date]) -> None:
        self.closed_days = closed_days
        self._known: dict[datetime.date, bool] = {}
        self._meetings: dict[tuple[int, ...], list[datetime.date]] = {}

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

    def meetings(
        self, weekdays: tuple[int, ...], first: datetime.date, last: datetime.date
    ) -> list[datetime.date]:
        """The open days from `first` to `last` that fall on `weekdays`."""
        days = self._meeting_days(weekdays, last)
        return days[bisect.bisect_left(days, first) : bisect.bisect_right(days, last)]

    def nth_meeting(
        self, weekdays: tuple[int, ...], first: datetime.date, count: int
    ) -> datetime.date:
        """The `count`th open day on `weekdays` from `first` (which counts as the first)."""
        horizon = first + datetime.timedelta(days=7 * count + 60)
        days = self._meeting_days(weekdays, horizon)
        return days[bisect.bisect_left(days, first) + count - 1]

    def _meeting_days(self, weekdays: tuple[int, ...], until: datetime.date) -> list[datetime.date]:
        days = self._meetings.get(weekdays)
        if days is None or days[-1] < until:
            # Built once per weekly pattern from well before any history, grown as needed.
            day = days[-1] + ONE_DAY if days else datetime.date(2000, 1, 3)
            days = days or []
            end = max(until, day + datetime.timedelta(days=3 * 365))
            while day <= end:
                if day.weekday() in weekdays and self.is_open(day):
                    days.append(day)
                day += ONE_DAY
            self._meetings[weekdays] = days
        return days
