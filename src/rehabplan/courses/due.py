"""What is due on an open course: the intake talk, the test during the course, the closing.

One place for the rule, so "Mine forløb" and any other screen say the same. The test during
the course (gentest) is due once half of the planned period has passed and nothing has been
measured since the start test; closing is due when the planned end is near or every granted
session is used or booked.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rehabplan.courses.models import Course, CourseStatus, MeasurementPhase

# Closing is due from this many days before the planned end.
CLOSING_NOTICE_DAYS = 7


class DueKind:
    INTAKE = "intake"
    START_TEST = "start_test"
    RETEST = "retest"
    CLOSING = "closing"


@dataclass(frozen=True)
class DueItem:
    kind: str
    text: str  # Danish, for the screen


@dataclass(frozen=True)
class MeasuredOn:
    phase: str
    measured_on: datetime.date


def _long_date(day: datetime.date) -> str:
    return date_format(day, "j. F Y")


def intake_due(course: Course) -> DueItem | None:
    if course.status != CourseStatus.AWAITING_START:
        return None
    if course.start_on:
        text = _("Opstartssamtale, planlagt %(day)s") % {"day": _long_date(course.start_on)}
    else:
        text = _("Opstartssamtale, ikke planlagt endnu")
    return DueItem(DueKind.INTAKE, text)


def measurement_due(
    course: Course, measurements: Iterable[MeasuredOn], today: datetime.date
) -> DueItem | None:
    """The start test when there is none; the test during the course from half-way on."""
    if course.status not in (CourseStatus.ACTIVE, CourseStatus.PROPOSED_FOR_ENDING):
        return None
    measured = list(measurements)
    starts = [m.measured_on for m in measured if m.phase == MeasurementPhase.START]
    if not starts:
        return DueItem(DueKind.START_TEST, _("Test ved start mangler"))
    later = [m for m in measured if m.phase != MeasurementPhase.START]
    if later or not course.start_on or not course.planned_end_on:
        return None
    half_way = course.start_on + (course.planned_end_on - course.start_on) / 2
    if today < half_way:
        return None
    return DueItem(
        DueKind.RETEST,
        _("Gentest undervejs: halvvejs %(day)s, ingen test siden start")
        % {"day": _long_date(half_way)},
    )


def closing_due(
    course: Course, *, used: int, granted: int | None, today: datetime.date
) -> DueItem | None:
    if course.status == CourseStatus.PROPOSED_FOR_ENDING:
        return DueItem(DueKind.CLOSING, _("Afslutning: forløbet er foreslået afsluttet"))
    if course.status != CourseStatus.ACTIVE:
        return None
    if granted and used >= granted:
        return DueItem(
            DueKind.CLOSING,
            _("Afslutning: alle %(count)d bevilgede gange er brugt eller booket")
            % {"count": granted},
        )
    end = course.planned_end_on
    if end and end <= today + datetime.timedelta(days=CLOSING_NOTICE_DAYS):
        return DueItem(
            DueKind.CLOSING, _("Afslutning: planlagt slut %(day)s") % {"day": _long_date(end)}
        )
    return None


def course_due_items(
    course: Course,
    *,
    measurements: Iterable[MeasuredOn],
    used: int,
    granted: int | None,
    today: datetime.date,
) -> list[DueItem]:
    found = (
        intake_due(course),
        measurement_due(course, measurements, today),
        closing_due(course, used=used, granted=granted, today=today),
    )
    return [item for item in found if item is not None]
