"""Dates and minutes: which days a course or class actually meets, and time as bit masks.

Time of day is kept as a bit mask of 5-minute ticks, so "is this therapist free from 10:00 to
11:00 on this day" is one AND of two integers. Sessions on closed days or on a therapist's
absence are not held and do not count; the course continues on its next meeting day, so a
course always receives its full extent.
"""

from __future__ import annotations

from datetime import date, time, timedelta
from functools import lru_cache

from rehabplan.planning.problem import PlanningProblem, TeamClass, Therapist

TICK_MINUTES = 5
# How far past its start a course's sessions may run: 20 sessions at one a week, plus closures.
MAX_COURSE_SPAN_DAYS = 7 * 30


def minute_of(clock: time) -> int:
    return clock.hour * 60 + clock.minute


def clock_of(minute: int) -> time:
    return time(minute // 60, minute % 60)


@lru_cache(maxsize=65536)
def mask(start_minute: int, minutes: int) -> int:
    first = start_minute // TICK_MINUTES
    last = -(-(start_minute + minutes) // TICK_MINUTES)
    return ((1 << (last - first)) - 1) << first


def iso_week(day: date) -> tuple[int, int]:
    year, week, _ = day.isocalendar()
    return year, week


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def meeting_dates(
    problem: PlanningProblem,
    weekdays: tuple[int, ...],
    first: date,
    count: int,
    therapist: Therapist | None = None,
) -> list[date]:
    """The first `count` days from `first` on the given weekdays that are open (and on which
    `therapist`, if given, is not absent). Cached per problem: every method asks the same."""
    cache = problem.__dict__.setdefault("_meeting_dates_cache", {})
    key = (weekdays, first, count, therapist.id if therapist else None)
    found = cache.get(key)
    if found is None:
        found = _meeting_dates(problem, weekdays, first, count, therapist)
        cache[key] = found
    return found


def _meeting_dates(problem, weekdays, first, count, therapist) -> list[date]:
    result: list[date] = []
    closed = problem.closed_days
    absences = therapist.absences if therapist is not None else ()
    ordered = sorted(weekdays)
    monday = first - timedelta(days=first.weekday())
    for _week in range(MAX_COURSE_SPAN_DAYS // 7):
        for weekday in ordered:
            day = monday + timedelta(days=weekday)
            if day < first or day in closed:
                continue
            if absences and therapist.is_absent(day):
                continue
            result.append(day)
            if len(result) == count:
                return result
        monday += timedelta(days=7)
    return result


def class_dates(problem: PlanningProblem, team: TeamClass, first: date, count: int) -> list[date]:
    return meeting_dates(problem, team.weekdays, first, count)


def horizon_days(problem: PlanningProblem) -> list[date]:
    return [
        problem.horizon.first_day + timedelta(days=offset)
        for offset in range(7 * problem.horizon.weeks)
    ]
