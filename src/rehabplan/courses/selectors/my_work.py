"""The therapist's own work: "Mine forløb" with what is due on each, and "Mine hold"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from rehabplan.courses import course_rules
from rehabplan.courses.due import DueItem, MeasuredOn, course_due_items
from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    Course,
    CourseStatus,
    Session,
    SessionStatus,
)
from rehabplan.courses.services.sessions import sessions_used
from rehabplan.organisation.models import TeamClass, Therapist

OPEN_STATUSES = (
    CourseStatus.AWAITING_START,
    CourseStatus.ACTIVE,
    CourseStatus.PROPOSED_FOR_ENDING,
)
# Participants of a class: the courses placed in it that are running or about to start.
CLASS_PARTICIPANT_STATUSES = OPEN_STATUSES


@dataclass(frozen=True)
class MyCourse:
    course: Course
    next_session: Session | None
    due: list[DueItem]


def my_courses(*, therapist: Therapist, today: datetime.date) -> list[MyCourse]:
    """Open courses where she is the fixed therapist or has booked sessions."""
    courses = (
        Course.objects.of_municipality(therapist.municipality_id)
        .filter(status__in=OPEN_STATUSES)
        .filter(Q(therapist=therapist) | Q(attendances__session__therapist=therapist))
        .distinct()
        .select_related("citizen", "team_class", "municipality", "referral")
        .prefetch_related("measurements")
        .order_by("citizen__last_name", "citizen__first_name", "pk")
    )
    upcoming = _next_sessions(therapist.municipality_id, courses)
    rows = []
    for course in courses:
        granted = course_rules.granted_extent(course).max_sessions
        measured = [MeasuredOn(m.phase, m.measured_on) for m in course.measurements.all()]
        due = course_due_items(
            course, measurements=measured, used=sessions_used(course), granted=granted, today=today
        )
        rows.append(MyCourse(course, upcoming.get(course.pk), due))
    return rows


def _next_sessions(municipality_id: int, courses: Any) -> dict[int, Session]:
    attendances = (
        Attendance.objects.of_municipality(municipality_id)
        .filter(course__in=courses, session__starts_at__gte=timezone.now())
        .filter(status=AttendanceStatus.BOOKED)
        .exclude(session__status=SessionStatus.CANCELLED)
        .select_related("session__team_class", "session__therapist")
        .order_by("session__starts_at")
    )
    found: dict[int, Session] = {}
    for attendance in attendances:
        found.setdefault(attendance.course_id, attendance.session)
    return found


@dataclass(frozen=True)
class MyClass:
    team_class: TeamClass
    participants: int
    next_session: Session | None
    next_participants: int

    @property
    def below_minimum(self) -> bool:
        return self.participants < self.team_class.minimum_to_run


def my_classes(*, therapist: Therapist) -> list[MyClass]:
    """Her active team classes with participants, capacity, minimum and the next session."""
    classes = (
        TeamClass.objects.filter(municipality_id=therapist.municipality_id, therapist=therapist)
        .filter(active=True)
        .select_related("location")
        .annotate(
            participants=Count("courses", filter=Q(courses__status__in=CLASS_PARTICIPANT_STATUSES))
        )
    )
    rows = []
    for team_class in classes:
        session = (
            Session.objects.of_municipality(therapist.municipality_id)
            .filter(team_class=team_class, starts_at__gte=timezone.now())
            .exclude(status=SessionStatus.CANCELLED)
            .annotate(seated=Count("attendances"))
            .order_by("starts_at")
            .first()
        )
        rows.append(
            MyClass(team_class, team_class.participants, session, session.seated if session else 0)
        )
    return rows
