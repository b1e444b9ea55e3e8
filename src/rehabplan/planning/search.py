"""Finding the earliest exact placement of one course: the step every method ends with."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from rehabplan.planning.calendar import iso_week
from rehabplan.planning.ledger import Ledger
from rehabplan.planning.placement import (
    compatible_classes,
    compatible_therapists,
    place_individual,
    place_team,
)
from rehabplan.planning.problem import CourseRequest, Mode
from rehabplan.planning.result import Session


@dataclass(frozen=True)
class Placement:
    course_id: str
    start: date
    therapist_id: str
    class_id: str | None
    sessions: tuple[Session, ...]


def place_on(
    ledger: Ledger,
    course: CourseRequest,
    resource_id: str,
    start: date,
    on_class: bool | None = None,
    pattern: tuple[int, ...] | None = None,
) -> Placement | None:
    """Place `course` on one class (`on_class`; by default for a team course) or one
    therapist from exactly `start` (with `pattern`'s weekdays first), without committing."""
    problem = ledger.problem
    if on_class is None:
        on_class = course.mode is Mode.TEAM
    if on_class:
        team = problem.team_class(resource_id)
        sessions = place_team(ledger, course, team, start)
        therapist_id, class_id = team.therapist_id, team.id
    else:
        therapist = problem.therapist(resource_id)
        sessions = place_individual(ledger, course, therapist, start, pattern)
        therapist_id, class_id = therapist.id, None
    if sessions is None:
        return None
    return Placement(course.id, start, therapist_id, class_id, sessions)


Resource = tuple[str, bool]  # (class or therapist id, whether it is a class)


def candidate_resources(ledger: Ledger, course: CourseRequest, day: date) -> list[Resource]:
    """Suitable classes first (a free seat is cheaper than a therapist's hours), then
    therapists with the preferred one first and then the least booked that week."""
    problem = ledger.problem
    key = ("classes", course.id)
    classes = ledger.compatible.get(key)
    if classes is None:
        classes = compatible_classes(problem, course)
        ledger.compatible[key] = classes
    therapists = ledger.compatible.get(course.id)
    if therapists is None:
        therapists = compatible_therapists(problem, course)
        ledger.compatible[course.id] = therapists
    return [(team.id, True) for team in classes] + [
        (therapist_id, False) for therapist_id in _by_load(ledger, course, therapists, day)
    ]


def _by_load(ledger: Ledger, course: CourseRequest, therapists, day: date) -> list[str]:
    therapists = list(therapists)
    week = iso_week(day)
    therapists.sort(
        key=lambda therapist: (
            therapist.id != course.preferred_therapist_id,
            ledger.week_sessions.get((therapist.id, week), 0)
            / max(1, therapist.max_sessions_per_week),
            therapist.id,
        )
    )
    return [therapist.id for therapist in therapists]


def earliest_placement(
    ledger: Ledger,
    course: CourseRequest,
    first: date,
    last: date,
    resources: Iterable[Resource] | None = None,
) -> Placement | None:
    """The first day from `first` to `last` on which some resource can take the course.

    A day on which no suitable resource could take a course is remembered for courses alike
    (`_alike`): the calendar only fills up, so they will not fit that day either. With a
    backlog of two thousand courses this saves most of the search."""
    fixed = list(resources) if resources is not None else None
    no_room = ledger.__dict__.setdefault("_no_room", set()) if fixed is None else None
    alike = _alike(ledger, course) if no_room is not None else None
    day = max(first, course.earliest_start)
    while day <= last:
        if day not in ledger.problem.closed_days and day.weekday() not in course.blocked_weekdays:
            if alike is not None and (alike, day) in no_room:
                day += timedelta(days=1)
                continue
            candidates = fixed if fixed is not None else candidate_resources(ledger, course, day)
            for resource_id, on_class in candidates:
                placement = place_on(ledger, course, resource_id, day, on_class)
                if placement is not None:
                    return placement
            if alike is not None:
                no_room.add((alike, day))
        day += timedelta(days=1)
    return None


def _alike(ledger: Ledger, course: CourseRequest) -> tuple | None:
    """What decides whether a course fits anywhere on a day: everything but who the citizen
    is and which therapist they prefer (the search tries every suitable one). None for a
    citizen with appointments of their own: their days are their own."""
    if course.citizen_id in ledger.citizens_with_time:
        return None
    return (
        course.mode,
        course.level,
        course.profession,
        course.district,
        course.sessions_per_week,
        course.session_count,
        course.blocked_weekdays,
        course.joins_classes,
    )
