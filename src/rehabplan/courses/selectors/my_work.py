"""The therapist's own work: "Mine forløb" with what is due on each, and "Mine hold"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from rehabplan.courses import course_rules
from rehabplan.courses.due import DueItem, MeasuredOn, course_due_items
from rehabplan.courses.models import (
    OPEN_COURSE_STATUSES,
    Attendance,
    AttendanceStatus,
    Course,
    Decision,
    DecisionOutcome,
    OutcomeMeasurement,
    Session,
    SessionStatus,
)
from rehabplan.courses.selectors import REFERRAL_LARGE_FIELDS
from rehabplan.courses.selectors.citizen_page import COURSE_LARGE_FIELDS
from rehabplan.courses.selectors.counting import count_per_row
from rehabplan.courses.selectors.decisions import DECISION_LARGE_FIELDS
from rehabplan.courses.services.sessions import COUNTED_STATUSES
from rehabplan.organisation.models import TeamClass, Therapist


@dataclass(frozen=True)
class MyCourse:
    course: Course
    next_session: Session | None
    due: list[DueItem]


def my_open_course_ids(*, therapist: Therapist) -> list[int]:
    """Her open courses, by citizen name: those where she is the fixed therapist or has a
    session booked. Only the ids, read once: her caseload is what the page pages, and counting
    it and reading a page of it would each search her sessions again."""
    booked_with_her = Attendance.objects.of_municipality(therapist.municipality_id).filter(
        course=OuterRef("pk"), session__therapist=therapist
    )
    return list(
        Course.objects.of_municipality(therapist.municipality_id)
        .filter(status__in=OPEN_COURSE_STATUSES)
        .filter(Q(therapist=therapist) | Exists(booked_with_her))
        .order_by("citizen__last_name", "citizen__first_name", "pk")
        .values_list("pk", flat=True)
    )


def my_open_courses(*, therapist: Therapist, ids: list[int]) -> list[Course]:
    """The courses `ids` in that order, with what the list shows: the sessions used (`used`)
    counted in SQL and the latest granting decision prefetched."""
    municipality_id = therapist.municipality_id
    used = Attendance.objects.of_municipality(municipality_id).filter(
        course=OuterRef("pk"), status__in=COUNTED_STATUSES
    )
    decisions = (
        Decision.objects.of_municipality(municipality_id)
        .exclude(outcome=DecisionOutcome.REFUSED)
        .defer(*DECISION_LARGE_FIELDS)
        .order_by("-decided_on", "-id")
    )
    courses = (
        Course.objects.of_municipality(municipality_id)
        .filter(pk__in=ids)
        .select_related("citizen", "team_class", "municipality", "referral")
        .defer(*COURSE_LARGE_FIELDS, *(f"referral__{name}" for name in REFERRAL_LARGE_FIELDS))
        .annotate(used=count_per_row(used, "course"))
        .prefetch_related(
            Prefetch(
                "measurements",
                queryset=OutcomeMeasurement.objects.of_municipality(municipality_id).only(
                    "course_id", "phase", "measured_on"
                ),
            ),
            Prefetch("referral__decisions", queryset=decisions, to_attr="granting_decisions"),
        )
    )
    by_id = {course.pk: course for course in courses}
    return [by_id[pk] for pk in ids if pk in by_id]


def my_course_rows(
    courses: list[Course], *, therapist: Therapist, today: datetime.date
) -> list[MyCourse]:
    """The page's courses with the next session and what is due on each."""
    upcoming = _next_sessions(therapist.municipality_id, [course.pk for course in courses])
    rows = []
    for course in courses:
        decisions = getattr(course.referral, "granting_decisions", []) if course.referral else []
        extent = course_rules.granted_extent(course, decision=decisions[0] if decisions else None)
        measured = [MeasuredOn(m.phase, m.measured_on) for m in course.measurements.all()]
        due = course_due_items(
            course,
            measurements=measured,
            used=course.used,
            granted=extent.max_sessions,
            today=today,
        )
        rows.append(MyCourse(course, upcoming.get(course.pk), due))
    return rows


def my_courses(*, therapist: Therapist, today: datetime.date) -> list[MyCourse]:
    """Every open course of hers as rows (screens page them)."""
    courses = my_open_courses(therapist=therapist, ids=my_open_course_ids(therapist=therapist))
    return my_course_rows(courses, therapist=therapist, today=today)


def _next_sessions(municipality_id: int, course_ids: list[int]) -> dict[int, Session]:
    if not course_ids:
        return {}
    attendances = (
        Attendance.objects.of_municipality(municipality_id)
        .filter(course_id__in=course_ids, session__starts_at__gte=timezone.now())
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
    """Her active team classes with participants, capacity, minimum and the next session: the
    classes and their counts in one query, the next sessions in one more."""
    municipality_id = therapist.municipality_id
    participants = Course.objects.of_municipality(municipality_id).filter(
        team_class=OuterRef("pk"), status__in=OPEN_COURSE_STATUSES
    )
    next_session = (
        Session.objects.of_municipality(municipality_id)
        .filter(team_class=OuterRef("pk"), starts_at__gte=timezone.now())
        .exclude(status=SessionStatus.CANCELLED)
        .order_by("starts_at")
        .values("pk")[:1]
    )
    classes = list(
        TeamClass.objects.filter(municipality_id=municipality_id, therapist=therapist)
        .filter(active=True)
        .select_related("location", "training_package")
        .annotate(
            participants=count_per_row(participants, "team_class"),
            next_session_id=Subquery(next_session),
        )
        .order_by("weekday", "starts_at", "pk")
    )
    session_ids = [c.next_session_id for c in classes if c.next_session_id is not None]
    sessions = (
        {
            session.pk: session
            for session in Session.objects.of_municipality(municipality_id)
            .filter(pk__in=session_ids)
            .annotate(seated=Count("attendances"))
        }
        if session_ids
        else {}
    )
    rows = []
    for team_class in classes:
        session = sessions.get(team_class.next_session_id)
        rows.append(
            MyClass(team_class, team_class.participants, session, session.seated if session else 0)
        )
    return rows
