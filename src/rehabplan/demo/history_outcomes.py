"""What the demo's finished cases need for the leader's key figures beyond their sessions: end
reasons as the standard words them, test results at start and end, late cancellations, and a
therapist's holiday, so every figure on the Fremmøde, Hold og terapeuter and Resultater pages
has something to show.

A random generator of its own (seeded by the municipality) draws these, so the rest of the demo
(drawn from the seed's generator) comes out exactly as before.
"""

from __future__ import annotations

import datetime
import random
from typing import TYPE_CHECKING

from rehabplan import rules
from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    Course,
    MeasurementPhase,
    OutcomeMeasurement,
)
from rehabplan.organisation.models import Absence
from rehabplan.organisation.standards import installation_registry
from rehabplan.reference.outcome_tests import get_outcome_test

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.organisation.models import Municipality, Therapist

# Services whose citizens train strength and walking: their courses are tested at both ends.
TESTED_SERVICES = frozenset({"SUL140", "SEL86-1", "SEL86-2", "SUL140a"})
# Share of tested courses that improve, stay about the same, or decline.
CHANGE_WEIGHTS = (70, 20, 10)
LATE_SHARE = 0.25  # of the history's citizen cancellations, those that came too late


def seed_history_outcomes(
    *,
    municipality: Municipality,
    courses: list[Course],
    therapists: list[Therapist],
    recorded_by: User,
    today: datetime.date,
) -> None:
    rng = random.Random(f"demo-history-outcomes-{municipality.slug}")
    _end_reasons(rng, municipality, courses)
    _measurements(rng, courses, recorded_by)
    _late_cancellations(rng, courses)
    if therapists:
        # Two weeks of holiday in the summer: her available hours drop, her load shows it.
        first = _monday_before(today - datetime.timedelta(days=150))
        Absence.objects.create(
            therapist=therapists[-1],
            first_day=first,
            last_day=first + datetime.timedelta(days=11),
            reason="Ferie",
        )


def _monday_before(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _end_reasons(rng: random.Random, municipality: Municipality, courses: list[Course]) -> None:
    """Most courses end with their goals reached; the rest with the standard's other reasons."""
    registry = installation_registry()
    for course in courses:
        if course.ended_on is None or rng.random() < 0.65:
            continue
        try:
            reasons = rules.termination_reasons(
                registry, municipality.slug, course.service_code, on=course.ended_on
            ).reasons
        except rules.RulesError:
            continue
        others = [reason.code for reason in reasons if reason.code != course.end_reason]
        if others:
            course.end_reason = rng.choice(others)
    Course.objects.bulk_update(courses, ["end_reason"])


def _measurements(rng: random.Random, courses: list[Course], recorded_by: User) -> None:
    rows = []
    for course in courses:
        if course.service_code not in TESTED_SERVICES or not course.start_on or not course.ended_on:
            continue
        if rng.random() < 0.2:  # some courses were never tested at the end
            continue
        trend = rng.choices((1, 0, -1), weights=CHANGE_WEIGHTS)[0]
        chair_start = rng.randint(4, 12)
        chair_end = max(0, chair_start + trend * rng.randint(1, 5))
        tug_start = round(rng.uniform(10.0, 22.0), 1)
        tug_end = round(max(5.0, tug_start - trend * rng.uniform(0.3, 4.0)), 1)
        for code, start, end in (
            ("chair_stand_30s", chair_start, chair_end),
            ("timed_up_and_go", tug_start, tug_end),
        ):
            unit = get_outcome_test(code).unit
            for phase, value, day in (
                (MeasurementPhase.START, start, course.start_on),
                (MeasurementPhase.END, end, course.ended_on),
            ):
                rows.append(
                    OutcomeMeasurement(
                        course=course,
                        test_code=code,
                        value=value,
                        unit=unit,
                        phase=phase,
                        measured_on=day,
                        recorded_by=recorded_by,
                    )
                )
    OutcomeMeasurement.objects.bulk_create(rows)


def _late_cancellations(rng: random.Random, courses: list[Course]) -> None:
    """A quarter of the citizens' cancellations in the history came after the standard's
    notice: recorded as late, as the service would have judged them."""
    cancelled = list(
        Attendance.objects.filter(
            course__in=courses, status=AttendanceStatus.CANCELLED_IN_TIME
        ).values_list("pk", flat=True)
    )
    late = [pk for pk in cancelled if rng.random() < LATE_SHARE]
    Attendance.objects.filter(pk__in=late).update(status=AttendanceStatus.CANCELLED_LATE)
