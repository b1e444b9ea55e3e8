"""The courses a research export holds and the figures of each, read in a few queries.

A course belongs to the export when it started in the period (its start date from and with
`period_from` to and with `period_to`) and its citizen has a research consent that is valid on
the day of the export: given on or before that day and not withdrawn by then. Consent is asked
for at export time because a withdrawal stops any further export, whenever the course ran.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from rehabplan.citizens.models import Consent, ConsentScope
from rehabplan.courses.course_rules import termination_label
from rehabplan.courses.models import (
    AttendanceStatus,
    Course,
    MeasurementPhase,
    OutcomeMeasurement,
)
from rehabplan.organisation.models import Municipality
from rehabplan.reference.outcome_tests import all_outcome_tests
from rehabplan.reporting.research.demographics import age_band, sex_from_cpr
from rehabplan.reporting.research.diagnoses import (
    diagnosis_codes,
    icd10_groups,
    joined_blocks,
    joined_chapters,
)
from rehabplan.reporting.research.pseudonym import pseudonym


@dataclass(frozen=True)
class ExportPeriod:
    first_day: datetime.date
    last_day: datetime.date


def research_consent_valid(on: datetime.date) -> Exists:
    """True for a course whose citizen holds a research consent valid on `on`."""
    return Exists(
        Consent.objects.filter(
            citizen_id=OuterRef("citizen_id"),
            scope=ConsentScope.RESEARCH,
            given_on__lte=on,
        ).filter(Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on))
    )


def research_courses(
    *, municipality: Municipality, period: ExportPeriod, today: datetime.date
) -> QuerySet[Course]:
    """The municipality's courses that started in the period, of consenting citizens."""
    return (
        Course.objects.of_municipality(municipality)
        .filter(start_on__gte=period.first_day, start_on__lte=period.last_day)
        .filter(research_consent_valid(today))
        .order_by("start_on", "id")
    )


def research_course_count(
    *, municipality: Municipality, period: ExportPeriod, today: datetime.date
) -> int:
    return research_courses(municipality=municipality, period=period, today=today).count()


def _with_figures(courses: QuerySet[Course]) -> QuerySet[Course]:
    return courses.select_related("citizen", "referral", "municipality").annotate(
        sessions_attended=Count(
            "attendances", filter=Q(attendances__status=AttendanceStatus.ATTENDED)
        ),
        no_shows=Count("attendances", filter=Q(attendances__status=AttendanceStatus.NO_SHOW)),
    )


def _start_and_end_tests(
    municipality: Municipality, course_ids: list[int]
) -> dict[int, dict[str, dict[str, Any]]]:
    """{course id: {test code: {"start": value, "end": value, "unit": unit}}}: the first test
    at the start and the last at the end."""
    found: dict[int, dict[str, dict[str, Any]]] = {}
    measurements = (
        OutcomeMeasurement.objects.of_municipality(municipality)
        .filter(course_id__in=course_ids)
        .filter(phase__in=[MeasurementPhase.START, MeasurementPhase.END])
        .order_by("measured_on", "id")
        .values_list("course_id", "test_code", "phase", "value", "unit")
    )
    for course_id, code, phase, value, unit in measurements:
        test = found.setdefault(course_id, {}).setdefault(code, {"unit": unit})
        if phase == MeasurementPhase.START and "start" in test:
            continue
        test[phase] = float(value)
    return found


def _month(day: datetime.date | None) -> str:
    return f"{day:%Y-%m}" if day else ""


def _row(course: Course, tests: dict[str, dict[str, Any]], key: bytes) -> dict[str, Any]:
    referral = course.referral
    groups = icd10_groups(
        diagnosis_codes(
            gop_content=referral.gop_content if referral else None,
            diagnosis_text=referral.diagnosis_text if referral else "",
        )
    )
    citizen = course.citizen
    row: dict[str, Any] = {
        "pseudonym": pseudonym(cpr=citizen.cpr, key=key),
        "age_band": age_band(citizen.birth_date, course.start_on),
        "sex": sex_from_cpr(citizen.cpr),
        "service_code": course.service_code,
        "service_name": course.service_name,
        "delivery_type": course.delivery_type,
        "diagnosis_chapters": joined_chapters(groups),
        "diagnosis_blocks": joined_blocks(groups),
        "start_month": _month(course.start_on),
        "end_month": _month(course.ended_on),
        "status": course.status,
        "end_reason": course.end_reason,
        "end_reason_name": termination_label(course, course.end_reason)
        if course.end_reason
        else "",
        "sessions_attended": course.sessions_attended,
        "no_shows": course.no_shows,
    }
    for test in all_outcome_tests():
        measured = tests.get(test.code, {})
        row[f"{test.code}_start"] = measured.get("start")
        row[f"{test.code}_end"] = measured.get("end")
        row[f"{test.code}_unit"] = measured.get("unit", "") if measured else ""
    return row


def research_rows(
    *, municipality: Municipality, period: ExportPeriod, today: datetime.date, key: bytes
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(citizen id, row) per course; the row is keyed by the export's column names. The
    citizen id never goes into the file: it names the citizens in the audit entry."""
    courses = list(
        _with_figures(research_courses(municipality=municipality, period=period, today=today))
    )
    tests = _start_and_end_tests(municipality, [course.pk for course in courses])
    found = [(course.citizen_id, _row(course, tests.get(course.pk, {}), key)) for course in courses]
    # By month and pseudonym: the order of the rows tells nothing finer than the start month.
    found.sort(key=lambda item: (item[1]["start_month"], item[1]["pseudonym"]))
    yield from found


__all__ = [
    "ExportPeriod",
    "research_course_count",
    "research_courses",
    "research_rows",
]
