"""Two staff saving a home programme at once get versions n and n+1; two records of the same
week at once leave one row, each audit entry naming the count it really replaced."""

from __future__ import annotations

import datetime
import time

import pytest
from django.db import connection
from django.utils import timezone

from rehabplan.audit.models import AuditEntry
from rehabplan.exercises.dosage import Dosage
from rehabplan.homeprogrammes import services
from rehabplan.homeprogrammes.models import AdherenceWeek, HomeProgramme
from tests.concurrency.contenders import run_together, unexpected

CONTENDERS = 6

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def _monday(weeks_ago: int) -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday(), weeks=weeks_ago)


def _slow_audit(monkeypatch):
    audit = services.audit_record

    def audit_slowly(**arguments):
        time.sleep(0.2)  # inside the transaction: the others must wait for the lock
        return audit(**arguments)

    monkeypatch.setattr(services, "audit_record", audit_slowly)


def test_simultaneous_saves_get_one_version_each(demo_unit, monkeypatch):
    course = demo_unit.course("SEL86-1", received_on=_monday(3))
    _slow_audit(monkeypatch)
    users = [demo_unit.therapist_user, demo_unit.visitator]

    outcomes = run_together(
        CONTENDERS,
        lambda index: services.programme_create_version(
            course=course,
            user=users[index % 2],
            lines=[services.ProgrammeLine("sit_to_stand", Dosage(sets=2, repetitions=5 + index))],
            start_on=_monday(2),
            per_week=3,
            note="",
            reason="first" if index == 0 else "adjusted",
        ),
    )

    assert unexpected(outcomes, Exception) == [] and all(outcome.ok for outcome in outcomes)
    versions = sorted(HomeProgramme.objects.filter(course=course).values_list("version", flat=True))
    assert versions == list(range(1, CONTENDERS + 1))


def test_simultaneous_records_of_one_week_leave_one_row(demo_unit, monkeypatch):
    course = demo_unit.course("SEL86-1", received_on=_monday(3))
    services.programme_from_template(
        course=course,
        user=demo_unit.therapist_user,
        template_key="balance_falls",
        start_on=_monday(2),
    )
    _slow_audit(monkeypatch)

    outcomes = run_together(
        CONTENDERS,
        lambda index: services.adherence_record(
            course=course,
            week_start=_monday(1),
            sessions_done=index + 1,
            **({"by_citizen": True} if index % 2 else {"by_user": demo_unit.therapist_user}),
        ),
    )

    assert unexpected(outcomes, Exception) == [] and all(outcome.ok for outcome in outcomes)
    weeks = list(AdherenceWeek.objects.filter(course=course))
    assert len(weeks) == 1
    entries = AuditEntry.objects.filter(object_type="adherenceweek").order_by("id")
    previous = None
    for entry in entries:
        before, after = entry.changes["sessions_done"]
        assert before == previous
        previous = after
    assert weeks[0].sessions_done == previous
