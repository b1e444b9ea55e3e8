"""A citizen's cancellation sent many times at once (double taps, two tabs) is recorded once."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.courses.models import Attendance, AttendanceStatus
from rehabplan.selfservice.cancellation import citizen_cancel
from tests.concurrency.contenders import run_together, unexpected
from tests.course.conftest import at
from tests.selfservice.conftest import book, next_weekday

CONTENDERS = 10

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_ten_simultaneous_cancellations_record_one(demo_unit):
    today = timezone.localdate()
    karen = demo_unit.citizen("Karen", phone="20 12 34 56")
    course = demo_unit.course(
        "SEL86-1", received_on=today - datetime.timedelta(days=10), citizen=karen
    )
    attendance = book(demo_unit, course, at(next_weekday(today, 2), 12)).attendances.get()

    outcomes = run_together(
        CONTENDERS,
        lambda index: citizen_cancel(
            citizen=karen, attendance_id=attendance.pk, actor_name="Borgeren selv (engangskode)"
        ),
    )

    assert unexpected(outcomes, ValidationError) == []
    assert len([outcome for outcome in outcomes if outcome.ok]) == 1
    assert Attendance.objects.get(pk=attendance.pk).status == AttendanceStatus.CANCELLED_IN_TIME
    changes = AuditEntry.objects.filter(
        action=AuditAction.CHANGE, object_type="attendance", object_id=str(attendance.pk)
    )
    assert changes.count() == 1
