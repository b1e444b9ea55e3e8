"""Exact placement of one course on one resource from one start date.

A team course joins a class and attends its next meetings. An individual or home course gets a
weekly pattern: the start date's weekday plus further weekdays spread over the week. Each
weekday keeps one fixed time when a time is free on every date it needs; otherwise each date gets
its first free time (the citizen's letter lists every time). Both return the sessions or None.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

from rehabplan.planning.calendar import (
    TICK_MINUTES,
    class_dates,
    clock_of,
    mask,
    meeting_dates,
    minute_of,
)
from rehabplan.planning.ledger import Ledger
from rehabplan.planning.problem import (
    SLOT_STEP_MINUTES,
    CourseRequest,
    Mode,
    PlanningProblem,
    TeamClass,
    Therapist,
)
from rehabplan.planning.result import Session

DAY_TICKS = 24 * 60 // TICK_MINUTES


def compatible_classes(problem: PlanningProblem, course: CourseRequest) -> list[TeamClass]:
    """Classes the course may join: same level, district and profession, meeting on no day
    the citizen cannot train, and never more often a week than the course's frequency."""
    if not course.joins_classes:
        return []
    return [team for team in problem.classes if class_suits(problem, team, course)]


def class_suits(problem: PlanningProblem, team: TeamClass, course: CourseRequest) -> bool:
    return (
        team.level == course.level
        and _same_district(team.district, course)
        and len(team.weekdays) <= course.sessions_per_week
        and problem.therapist(team.therapist_id).profession is course.profession
        and not set(team.weekdays) & course.blocked_weekdays
    )


def compatible_therapists(problem: PlanningProblem, course: CourseRequest) -> list[Therapist]:
    if course.mode is Mode.TEAM:
        return []
    return [
        therapist
        for therapist in problem.therapists
        if therapist.profession is course.profession
        and _same_district(therapist.district, course)
        and len(open_weekdays(therapist, course)) >= course.sessions_per_week
    ]


def _same_district(district: str, course: CourseRequest) -> bool:
    return not course.district or district in ("", course.district)


def open_weekdays(therapist: Therapist, course: CourseRequest) -> list[int]:
    return sorted(
        hours.weekday
        for hours in therapist.working_hours
        if hours.weekday not in course.blocked_weekdays
    )


def place_team(
    ledger: Ledger, course: CourseRequest, team: TeamClass, start: date
) -> tuple[Session, ...] | None:
    problem = ledger.problem
    if start < course.earliest_start or start.weekday() not in team.weekdays:
        return None
    if start in problem.closed_days:
        return None
    days = class_dates(problem, team, start, course.session_count)
    if len(days) < course.session_count:
        return None
    wanted = mask(team.start_minute, team.minutes)
    for day in days:
        if ledger.seats_free(team.id, day) < 1 or not ledger.citizen_free(
            course.citizen_id, day, wanted
        ):
            return None
    return tuple(Session(day, team.start, team.minutes, team.therapist_id, team.id) for day in days)


def place_individual(
    ledger: Ledger,
    course: CourseRequest,
    therapist: Therapist,
    start: date,
    pattern: tuple[int, ...] | None = None,
) -> tuple[Session, ...] | None:
    """The course's sessions with the therapist from `start` (None if none fit): `pattern`
    first when given (the weekdays an optimiser chose), then the others, best spread first."""
    problem = ledger.problem
    if start < course.earliest_start or start in problem.closed_days:
        return None
    if therapist.is_absent(start) or start.weekday() in course.blocked_weekdays:
        return None
    if therapist.hours_on(start.weekday()) is None:
        return None
    if not _has_free_slot(ledger, course, therapist, start):
        return None
    fit = ledger.fit_index()
    patterns = weekly_patterns(open_weekdays(therapist, course), start.weekday(), course)
    if pattern is not None and pattern in patterns:
        patterns = [pattern, *(other for other in patterns if other != pattern)]
    for pattern in patterns:
        if fit.pattern_days(course, therapist, start, pattern) is None:
            continue  # it did not fit even before anything was placed
        sessions = _fit_pattern(ledger, course, therapist, start, pattern)
        if sessions is not None:
            return sessions
    return None


def weekly_patterns(
    open_days: list[int], first: int, course: CourseRequest
) -> list[tuple[int, ...]]:
    """Weekday sets containing the start weekday, best spread over the week first."""
    others = [day for day in open_days if day != first]
    patterns = [
        tuple(sorted((first, *extra)))
        for extra in combinations(others, course.sessions_per_week - 1)
    ]
    return sorted(patterns, key=lambda pattern: (-_spread(pattern), pattern))


def _spread(pattern: tuple[int, ...]) -> int:
    if len(pattern) < 2:
        return 7
    gaps = [(pattern[(i + 1) % len(pattern)] - pattern[i]) % 7 for i in range(len(pattern))]
    return min(gaps)


def slot_starts(therapist: Therapist, weekday: int, minutes: int) -> list[int]:
    """Start minutes on the grid within the therapist's hours. Kept on the therapist, not in a
    module-level cache, so it goes with the problem when a run ends."""
    cache = therapist.__dict__.setdefault("_slot_starts", {})
    found = cache.get((weekday, minutes))
    if found is None:
        hours = therapist.hours_on(weekday)
        found = []
        if hours is not None:
            first, last = minute_of(hours.start), minute_of(hours.end) - minutes
            found = list(range(first, last + 1, SLOT_STEP_MINUTES))
        cache[weekday, minutes] = found
    return found


def _has_free_slot(ledger: Ledger, course: CourseRequest, therapist: Therapist, day: date) -> bool:
    if ledger.sessions_left(therapist, day) < 1:
        return False
    return _common_free_minute(ledger, course, therapist, day.weekday(), [day]) is not None


def _fit_pattern(
    ledger: Ledger,
    course: CourseRequest,
    therapist: Therapist,
    start: date,
    pattern: tuple[int, ...],
) -> tuple[Session, ...] | None:
    days = meeting_dates(ledger.problem, pattern, start, course.session_count, therapist)
    if len(days) < course.session_count or days[0] != start:
        return None
    if _common_free_minute(ledger, course, therapist, start.weekday(), days[:1]) is None:
        return None
    weekly: dict[date, int] = {}
    for day in days:
        monday = day - timedelta(days=day.weekday())
        weekly[monday] = weekly.get(monday, 0) + 1
    for monday, count in weekly.items():
        if ledger.sessions_left(therapist, monday) < count:
            return None
    sessions: list[Session] = []
    for weekday in pattern:
        its_days = [day for day in days if day.weekday() == weekday]
        minute = _common_free_minute(ledger, course, therapist, weekday, its_days)
        if minute is not None:
            sessions.extend(
                Session(day, clock_of(minute), course.session_minutes, therapist.id)
                for day in its_days
            )
            continue
        # No time is free on every such weekday: take each date's first free time instead.
        for day in its_days:
            minute = _common_free_minute(ledger, course, therapist, weekday, [day])
            if minute is None:
                return None
            sessions.append(Session(day, clock_of(minute), course.session_minutes, therapist.id))
    return tuple(sorted(sessions, key=lambda session: session.day))


def _common_free_minute(
    ledger: Ledger,
    course: CourseRequest,
    therapist: Therapist,
    weekday: int,
    days: list[date],
) -> int | None:
    """A grid time free on every one of `days`, or None. Of several, the one in the shortest
    free stretch (then the earliest): an hour's session goes into a gap of its own size
    before it would cut a two-hour stretch a home visit needs, so a day holds as many
    sessions as its free time allows."""
    blocked = ledger.therapist_blocked(therapist, days) | ledger.citizen_blocked(
        course.citizen_id, days
    )
    minutes = course.session_minutes
    free = [
        minute
        for minute in slot_starts(therapist, weekday, minutes)
        if not mask(minute, minutes) & blocked
    ]
    if len(free) <= 1:
        return free[0] if free else None
    return min(free, key=lambda minute: (_free_stretch(blocked, minute), minute))


def _free_stretch(blocked: int, minute: int) -> int:
    """Free ticks in a row around the tick at `minute` in a blocked mask."""
    tick = minute // TICK_MINUTES
    left = tick
    while left > 0 and not blocked >> (left - 1) & 1:
        left -= 1
    right = tick
    while right < DAY_TICKS and not blocked >> right & 1:
        right += 1
    return right - left
