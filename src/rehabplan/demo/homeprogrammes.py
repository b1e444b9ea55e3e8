"""Home training programmes for the demo: citizens in training with a programme from a template,
some adjusted since (one after a re-test), weeks trained at home recorded by the therapist and
by the citizen, and a closed course whose programme was handed over at the closing talk."""

from __future__ import annotations

import datetime
from dataclasses import replace

from django.db import transaction

from rehabplan.accounts.models import User
from rehabplan.courses.models import Course, CourseStatus
from rehabplan.exercises.dosage import Dosage
from rehabplan.exercises.templates import default_templates
from rehabplan.homeprogrammes.models import VersionReason
from rehabplan.homeprogrammes.services import (
    ProgrammeLine,
    adherence_record,
    programme_create_version,
    programme_from_template,
    programme_hand_over,
)
from rehabplan.organisation.models import Municipality
from rehabplan.planning.calendar import monday_of

# How many of the running courses get a programme.
COURSES_WITH_PROGRAMME = 8


def _template_key(number: int) -> str:
    keys = [template.key for template in default_templates()]
    return keys[number % len(keys)]


def give_programme(*, course: Course, user: User, today: datetime.date, number: int = 0) -> None:
    """A first programme from a template (and for some a second version), with weeks trained."""
    if course.start_on is None or course.start_on > today:
        return
    first_start = max(course.start_on, today - datetime.timedelta(weeks=5))
    first = programme_from_template(
        course=course,
        user=user,
        template_key=_template_key(number),
        start_on=first_start,
    )
    second_start = max(first_start, monday_of(today) - datetime.timedelta(weeks=1))
    if number % 3 == 0 and second_start > first_start:
        lines = [
            ProgrammeLine(row.exercise_key, _harder(row.dosage), row.note)
            for row in first.exercises.all()
        ]
        programme_create_version(
            course=course,
            user=user,
            lines=lines,
            start_on=second_start,
            per_week=first.per_week,
            note=first.note,
            reason=VersionReason.RETEST,
            reason_text="Retesten viser fremgang; flere gentagelser.",
            source_label=first.source_label,
        )
    elif number % 3 == 1 and second_start > first_start:
        programme_from_template(
            course=course,
            user=user,
            template_key=_template_key(number + 1),
            start_on=second_start,
            reason=VersionReason.ADJUSTED,
            reason_text="Borgeren ønsker øvelser, der kan laves ved køkkenbordet.",
        )
    _record_weeks(course=course, user=user, start=first_start, today=today, number=number)


def _harder(dosage: Dosage) -> Dosage:
    """Two repetitions more, as after a re-test that shows progress."""
    if not dosage.repetitions:
        return dosage
    return replace(dosage, repetitions=dosage.repetitions + 2)


def _record_weeks(
    *, course: Course, user: User, start: datetime.date, today: datetime.date, number: int
) -> None:
    week = monday_of(start)
    last = monday_of(today) - datetime.timedelta(weeks=1)
    index = 0
    while week <= last:
        done = (number + index * 2) % 6
        if index % 2:
            adherence_record(course=course, week_start=week, sessions_done=done, by_citizen=True)
        else:
            adherence_record(course=course, week_start=week, sessions_done=done, by_user=user)
        week += datetime.timedelta(weeks=1)
        index += 1


def _hand_over_at_closing(*, course: Course, user: User) -> None:
    """A closed course's programme as it was made while open and handed over at the end."""
    ended_on = course.ended_on
    course.status = CourseStatus.ACTIVE
    course.save(update_fields=["status"])
    programme_from_template(
        course=course,
        user=user,
        template_key=_template_key(0),
        start_on=max(course.start_on, ended_on - datetime.timedelta(weeks=4)),
    )
    programme_from_template(
        course=course,
        user=user,
        template_key=_template_key(1),
        start_on=ended_on,
        reason=VersionReason.CLOSING,
        reason_text="Programmet borgeren træner videre med.",
    )
    programme_hand_over(course=course, user=user, on=ended_on)
    course.status = CourseStatus.CLOSED
    course.save(update_fields=["status"])


@transaction.atomic
def seed_home_programmes(*, municipality: Municipality, user: User, today: datetime.date) -> None:
    running = Course.objects.of_municipality(municipality).filter(
        status=CourseStatus.ACTIVE, start_on__lte=today, home_programmes__isnull=True
    )
    for number, course in enumerate(running.order_by("pk")[:COURSES_WITH_PROGRAMME]):
        give_programme(course=course, user=user, today=today, number=number)
    closed = (
        Course.objects.of_municipality(municipality)
        .filter(status=CourseStatus.CLOSED, ended_on__lte=today, start_on__isnull=False)
        .filter(home_programmes__isnull=True)
        .order_by("-ended_on", "pk")
        .first()
    )
    if closed is not None:
        _hand_over_at_closing(course=closed, user=user)
