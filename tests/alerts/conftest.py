from __future__ import annotations

import datetime

import pytest

from tests.course.conftest import demo_unit, make_unit, varde  # noqa: F401 - shared fixtures


def open_deadline(unit, kind: str, due: datetime.date, *, course: bool = True, **course_fields):
    """A case of `unit` whose only open deadline is `kind` on `due`; with a course (fixed therapist
    the unit's physiotherapist, whose user is the unit's therapist) unless `course=False`."""
    from rehabplan.courses.models import StoredDeadline
    from rehabplan.courses.services.referrals import referral_register

    received = due - datetime.timedelta(days=40)
    if course:
        made = unit.course("SEL86-1", received_on=received, start=False, **course_fields)
        referral = made.referral
    else:
        referral = referral_register(
            user=unit.visitator,
            citizen=unit.citizen(),
            service_code="SEL86-1",
            source="citizen",
            received_on=received,
        )
    StoredDeadline.objects.filter(referral=referral).update(met_on=received)
    deadline, _created = StoredDeadline.objects.update_or_create(
        referral=referral,
        kind=kind,
        defaults={"due": due, "met_on": None, "standard_version": "test"},
    )
    return deadline


@pytest.fixture
def deadline_on():
    return open_deadline
