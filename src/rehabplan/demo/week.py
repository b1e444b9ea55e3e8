"""The demo therapist's current week, so that every screen of her day has something on it:
sessions on each working day (a home visit and a video call beside her class and her individual
sessions), start tests on her courses, one course due for the test during the course, one due
for closing and one whose intake talk is still to be held; and a colleague's absence."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from zoneinfo import ZoneInfo

from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    ContactType,
    Course,
    CourseStatus,
    MeasurementPhase,
    OutcomeMeasurement,
    Session,
    SessionKind,
    SessionStatus,
)
from rehabplan.courses.services.booking.therapist_time import overlapping_session
from rehabplan.organisation.models import Absence, ClosedDay, Therapist

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
START_TEST = "chair_stand_30s"
# Extra visits per working day: kind, contact, minutes, the hours tried in turn.
EXTRA_VISITS = (
    (SessionKind.HOME, ContactType.HOME, 60, (8, 10, 11, 12)),
    (SessionKind.VIDEO, ContactType.VIDEO, 30, (13, 14, 12, 11)),
)


def seed_therapist_week(
    *, rng: random.Random, therapists: list[Therapist], today: datetime.date
) -> None:
    therapist = therapists[0]
    courses = list(
        Course.objects.filter(therapist=therapist, status=CourseStatus.ACTIVE).order_by(
            "start_on", "pk"
        )
    )
    _tests_and_ends(rng=rng, therapist=therapist, courses=courses, today=today)
    _intake_due(therapist=therapist, today=today)
    individual = [course for course in courses if course.team_class_id is None]
    _extra_visits(therapist=therapist, courses=individual, today=today)
    colleague = therapists[-1]
    monday = today - datetime.timedelta(days=today.weekday())
    Absence.objects.create(
        therapist=colleague,
        first_day=monday + datetime.timedelta(days=7),
        last_day=monday + datetime.timedelta(days=8),
        reason="Kursus",
    )


def _tests_and_ends(
    *, rng: random.Random, therapist: Therapist, courses: list[Course], today: datetime.date
) -> None:
    """Start tests on all her running courses; the oldest is near its end (closing due), the
    next is past half-way with no test since (gentest due), the third has had that test."""
    for course in courses:
        OutcomeMeasurement.objects.create(
            course=course,
            test_code=START_TEST,
            value=Decimal(rng.randint(5, 11)),
            unit="rejsninger",
            phase=MeasurementPhase.START,
            measured_on=course.start_on,
            recorded_by=therapist.user,
        )
    if courses:
        closing = courses[0]
        closing.planned_end_on = today + datetime.timedelta(days=3)
        closing.save(update_fields=["planned_end_on"])
    if len(courses) > 1:
        retest = courses[1]
        half_way = retest.start_on + (retest.planned_end_on - retest.start_on) / 2
        if half_way > today:
            retest.planned_end_on = retest.start_on + 2 * (today - retest.start_on)
            retest.save(update_fields=["planned_end_on"])
    for course in courses[2:3]:
        OutcomeMeasurement.objects.create(
            course=course,
            test_code=START_TEST,
            value=Decimal(rng.randint(9, 14)),
            unit="rejsninger",
            phase=MeasurementPhase.DURING,
            measured_on=max(course.start_on, today - datetime.timedelta(days=7)),
            recorded_by=therapist.user,
        )


def _intake_due(*, therapist: Therapist, today: datetime.date) -> None:
    """One planned course of hers whose intake talk is still to be held."""
    waiting = Course.objects.filter(
        municipality=therapist.municipality,
        status=CourseStatus.AWAITING_START,
        start_on__isnull=False,
    )
    if waiting.filter(therapist=therapist).exists():
        return
    course = waiting.filter(team_class__isnull=True).order_by("start_on", "pk").first()
    if course is not None:
        course.therapist = therapist
        course.save(update_fields=["therapist"])


def _extra_visits(*, therapist: Therapist, courses: list[Course], today: datetime.date) -> None:
    """A home visit and a video call on each working day of this week, for her own citizens."""
    if not courses:
        return
    monday = today - datetime.timedelta(days=today.weekday())
    closed = set(
        ClosedDay.objects.filter(municipality=therapist.municipality).values_list("day", flat=True)
    )
    turn = 0
    for offset in range(5):
        day = monday + datetime.timedelta(days=offset)
        if day in closed:
            continue
        for kind, contact, minutes, hours in EXTRA_VISITS:
            starts_at = _free_time(therapist, day, minutes, hours)
            if starts_at is None:
                continue
            session = Session.objects.create(
                municipality=therapist.municipality,
                kind=kind,
                contact_type=contact,
                therapist=therapist,
                starts_at=starts_at,
                duration_minutes=minutes,
                status=SessionStatus.HELD if day < today else SessionStatus.PLANNED,
            )
            Attendance.objects.create(
                session=session,
                course=courses[turn % len(courses)],
                status=AttendanceStatus.ATTENDED if day < today else AttendanceStatus.BOOKED,
            )
            turn += 1


def _free_time(
    therapist: Therapist, day: datetime.date, minutes: int, hours: tuple[int, ...]
) -> datetime.datetime | None:
    for hour in hours:
        starts_at = datetime.datetime.combine(day, datetime.time(hour, 0), tzinfo=COPENHAGEN)
        if overlapping_session(therapist=therapist, starts_at=starts_at, minutes=minutes) is None:
            return starts_at
    return None
