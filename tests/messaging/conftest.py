"""A unit with a citizen who has consented to SMS reminders, and sessions around a fixed now."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from rehabplan.citizens.models import Consent, ConsentScope
from rehabplan.courses.models import Attendance, ContactType, Session, SessionKind
from tests.course.conftest import at, demo_unit, make_unit, varde  # noqa: F401  (fixtures)
from tests.decisions.conftest import (  # noqa: F401  (fixtures)
    make_citizen,
    make_referral,
    naestved,
    staff,
)

D = datetime.date
# Wednesday 2 December 2026 at noon, Danish time.
NOW = at(D(2026, 12, 2), 12)


def book(unit: Any, course: Any, starts_at: datetime.datetime, **fields: Any) -> Attendance:
    session = Session.objects.create(
        municipality=unit.municipality,
        kind=SessionKind.INDIVIDUAL,
        contact_type=fields.pop("contact_type", ContactType.CENTRE),
        therapist=unit.pt,
        location=unit.location,
        starts_at=starts_at,
        **fields,
    )
    return Attendance.objects.create(session=session, course=course)


def consent(unit: Any, citizen: Any, withdrawn_on: datetime.date | None = None) -> Consent:
    return Consent.objects.create(
        citizen=citizen,
        scope=ConsentScope.SMS_REMINDERS,
        given_on=D(2026, 11, 1),
        withdrawn_on=withdrawn_on,
        recorded_by=unit.visitator,
    )


@pytest.fixture
def sms_dir(settings, tmp_path):
    settings.REHABPLAN_SMS_GATEWAY = "file"
    settings.REHABPLAN_SMS_DIR = str(tmp_path / "sms")
    settings.REHABPLAN_OUTBOX_DIR = str(tmp_path / "outbox")
    return tmp_path


@pytest.fixture
def texted(demo_unit, sms_dir):  # noqa: F811
    """A citizen with SMS consent and a mobile number, in a course."""
    citizen = demo_unit.citizen(phone="20 12 34 56")
    consent(demo_unit, citizen)
    course = demo_unit.course("SEL86-1", received_on=D(2026, 11, 2), citizen=citizen)
    return course
