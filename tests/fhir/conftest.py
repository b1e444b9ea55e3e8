"""A citizen's GOP referral with a course, a documented session, a goal and a test result, in
the test municipality and in another one, and a client that calls /fhir/ with a token."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone
from fhir.resources.R4B import get_fhir_model_class

from rehabplan.accounts.roles import THERAPIST, VISITATOR

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@dataclass
class Records:
    citizen: Any
    referral: Any
    course: Any
    session: Any
    attendance: Any
    goal: Any
    measurement: Any


def _weekday_before(day: datetime.date, days: int) -> datetime.date:
    day -= datetime.timedelta(days=days)
    while day.weekday() >= 5:
        day -= datetime.timedelta(days=1)
    return day


def build_records(*, municipality, visitator, therapist_user, citizen) -> Records:
    from rehabplan.courses.models import AttendanceStatus, ReferralStatus
    from rehabplan.courses.services.course_state import course_create, course_start
    from rehabplan.courses.services.goals import goal_create
    from rehabplan.courses.services.measurements import measurement_record
    from rehabplan.courses.services.referrals import referral_register
    from rehabplan.courses.services.sessions import (
        ParticipantEntry,
        session_book,
        session_document,
    )
    from rehabplan.organisation.models import Therapist

    today = timezone.localdate()
    therapist = Therapist.objects.create(
        municipality=municipality, user=therapist_user, name="Tove Terapeut", profession="PT"
    )
    received = _weekday_before(today, 30)
    referral = referral_register(
        user=visitator,
        citizen=citizen,
        service_code="SUL140",
        source="hospital_gop",
        received_on=received,
        discharge_on=received,
        plan_type="almen",
        gop_level="basal",
        diagnosis_text="Hoftebrud, opereret (DS720)",
        referring_unit="Sjællands Universitetshospital, Ortopædkirurgisk afdeling",
    )
    referral.status = ReferralStatus.GRANTED
    referral.decided_on = received
    referral.save()
    course = course_create(user=visitator, referral=referral, therapist=therapist)
    course_start(
        user=therapist_user,
        course=course,
        intake_on=received,
        note="Opstartssamtale.",
        plan_text="Styrke og balance.",
    )
    session = session_book(
        user=therapist_user,
        course=course,
        kind="individual",
        starts_at=datetime.datetime.combine(
            _weekday_before(today, 7), datetime.time(10), tzinfo=COPENHAGEN
        ),
        confirmed=True,
    )
    attendance = session.attendances.get()
    session_document(
        user=therapist_user,
        session=session,
        test_code="chair_stand_30s",
        entries=[ParticipantEntry(attendance.pk, AttendanceStatus.ATTENDED, "Godt.", "9")],
    )
    goal = goal_create(
        user=therapist_user, course=course, text="Jeg vil gå til købmanden", set_on=received
    )
    measurement = course.measurements.get(test_code="chair_stand_30s")
    measurement_record(
        user=therapist_user,
        course=course,
        test_code="timed_up_and_go",
        value="18.4",
        phase="start",
        measured_on=received,
    )
    attendance.refresh_from_db()
    return Records(citizen, referral, course, session, attendance, goal, measurement)


@pytest.fixture
def records(municipality, visitator, therapist_user, citizen) -> Records:
    return build_records(
        municipality=municipality,
        visitator=visitator,
        therapist_user=therapist_user,
        citizen=citizen,
    )


@pytest.fixture
def foreign(make_user, other_municipality) -> Records:
    """The same records in another municipality, for a citizen named Fremmedsen."""
    from rehabplan.citizens.services import citizen_create

    visitator = make_user("varde-visitator", VISITATOR, other_municipality)
    therapist_user = make_user("varde-terapeut", THERAPIST, other_municipality)
    citizen = citizen_create(
        user=visitator, cpr="020260-4321", first_name="Frede", last_name="Fremmedsen"
    )
    return build_records(
        municipality=other_municipality,
        visitator=visitator,
        therapist_user=therapist_user,
        citizen=citizen,
    )


@pytest.fixture
def fhir_client(make_user):
    """A function giving a client that calls with a new token of the user's own."""
    from rehabplan.accounts.roles import ADMINISTRATOR
    from rehabplan.api.tokens import api_token_create

    def make(user) -> Client:
        creator = make_user(f"nøgler-{user.pk}", ADMINISTRATOR, user.municipality)
        token = api_token_create(created_by=creator, user=user, name="FHIR-test").plain_text
        return Client(headers={"Authorization": f"Bearer {token}"})

    return make


def parsed(response) -> Any:
    """The answer as a fhir.resources object: it must be valid FHIR of its declared type."""
    assert response["Content-Type"].startswith("application/fhir+json")
    body = json.loads(response.content)
    return get_fhir_model_class(body["resourceType"]).model_validate(body)
