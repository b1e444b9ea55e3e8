"""Outcome measurements (målinger): a course's test results, and recording one.

The catalogue of tests (30 s rejse-sætte-sig, Timed Up and Go, ...) gives each test its unit,
range and precision; the service checks a value against it."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from rehabplan.api.auth import require
from rehabplan.api.pagination import PageParams
from rehabplan.api.problems import problem_responses
from rehabplan.api.schemas import Day, In, PathId
from rehabplan.api.v1.course_pages import course_page
from rehabplan.courses.models import MeasurementPhase, OutcomeMeasurement
from rehabplan.courses.selectors.course import course_get, measurement_rows
from rehabplan.courses.services.measurements import measurement_record
from rehabplan.reference.outcome_tests import all_outcome_tests

router = Router()
VIEW = "courses.view_course"
DOCUMENT = "courses.document_course"
# Values are stored with 8 digits, 2 of them decimals; no test's range comes near.
MAX_VALUE = 999_999


class MeasurementOut(Schema):
    id: int
    course_id: int
    session_id: int | None
    test_code: str
    test_name: str
    value: float
    value_text: str = Field(description="Værdien med testens præcision og enhed, dansk komma")
    unit: str
    side: str
    phase: MeasurementPhase
    measured_on: datetime.date
    protocol: str
    note: str


class MeasurementPage(Schema):
    items: list[MeasurementOut]
    next_cursor: str | None


class MeasurementIn(In):
    test_code: str = Field(min_length=1, max_length=40, description="Testens kode i kataloget")
    value: float = Field(
        ge=-MAX_VALUE, le=MAX_VALUE, allow_inf_nan=False, description="Resultat i testens enhed"
    )
    phase: MeasurementPhase
    measured_on: Day
    side: str = Field("", max_length=10, description="Fx højre eller venstre")
    note: str = Field("", max_length=300)


class OutcomeTestOut(Schema):
    code: str
    name: str
    unit: str
    protocol: str
    minimum: float
    maximum: float
    decimals: int
    higher_is_better: bool


def measurement_out(measurement: OutcomeMeasurement) -> dict[str, Any]:
    (row,) = measurement_rows([measurement])
    return {
        "id": measurement.pk,
        "course_id": measurement.course_id,
        "session_id": measurement.session_id,
        "test_code": measurement.test_code,
        "test_name": row.test_name,
        "value": float(measurement.value),
        "value_text": row.value_text,
        "unit": measurement.unit,
        "side": measurement.side,
        "phase": measurement.phase,
        "measured_on": measurement.measured_on,
        "protocol": measurement.protocol,
        "note": measurement.note,
    }


@router.get(
    "/outcome-tests",
    response={200: list[OutcomeTestOut], **problem_responses(401, 403, 429)},
    summary="Testkataloget",
    description="De tests, et resultat kan registreres med: kode, enhed, interval og præcision.",
)
def list_outcome_tests(request: HttpRequest):
    require(request, VIEW)
    return [test.__dict__ for test in all_outcome_tests()]


@router.get(
    "/courses/{course_id}/measurements",
    response={200: MeasurementPage, **problem_responses(400, 401, 403, 404, 422, 429)},
    summary="Forløbets testresultater, side for side",
    description="Resultaterne i den rækkefølge, de er registreret. Visningen logges på borgeren.",
)
def list_measurements(request: HttpRequest, course_id: PathId, page: PageParams):
    return course_page(
        request,
        course_id,
        page,
        listing="measurements",
        rows=lambda course: course.measurements.all(),
        item=measurement_out,
        summary=_("Forløbets testresultater vist via API"),
    )


@router.post(
    "/courses/{course_id}/measurements",
    response={201: MeasurementOut, **problem_responses(400, 401, 403, 404, 422, 429)},
    summary="Registrér et testresultat",
    description="Værdien kontrolleres mod testens interval og præcision i kataloget.",
)
def record_measurement(request: HttpRequest, course_id: PathId, measurement: MeasurementIn):
    user = require(request, DOCUMENT)
    course = course_get(user=user, course_id=course_id)
    recorded = measurement_record(user=user, course=course, **measurement.dict())
    return Status(201, measurement_out(recorded))
