"""Visitators and the leader record the reason for the same missed deadline at once: the row
lock makes them take turns, so each audit entry names the value it really replaced."""

from __future__ import annotations

import datetime
import time

import pytest
from django.db import connection

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.courses.models import StoredDeadline
from rehabplan.courses.services import miss_reasons
from tests.concurrency.contenders import run_together, unexpected

CONTENDERS = 8
REASONS = ("capacity", "citizen_wish", "free_choice", "other")

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_simultaneous_reasons_are_written_one_after_the_other(demo_unit, monkeypatch):
    received = datetime.date(2026, 2, 2)
    course = demo_unit.course("SEL86-1", received_on=received)
    deadline, _created = StoredDeadline.objects.update_or_create(
        referral=course.referral,
        kind="start",
        defaults={
            "due": datetime.date(2026, 2, 10),
            "met_on": datetime.date(2026, 2, 12),
            "standard_version": "test",
        },
    )
    audit = miss_reasons.audit_record

    def audit_slowly(**arguments):
        time.sleep(0.2)  # inside the transaction: the others must wait for the lock
        return audit(**arguments)

    monkeypatch.setattr(miss_reasons, "audit_record", audit_slowly)
    users = [demo_unit.visitator, demo_unit.leader]

    outcomes = run_together(
        CONTENDERS,
        lambda index: miss_reasons.deadline_record_miss_reason(
            user=users[index % 2],
            referral=course.referral,
            kind="start",
            reason=REASONS[index % len(REASONS)],
            note=f"Bemærkning {index}",
        ),
    )

    assert unexpected(outcomes, Exception) == [] and all(outcome.ok for outcome in outcomes)
    entries = list(
        AuditEntry.objects.filter(action=AuditAction.CHANGE, object_id=str(deadline.pk)).order_by(
            "id"
        )
    )
    assert len(entries) == CONTENDERS
    # Each writer saw the note the previous one left: no two started from the same value.
    previous = ""
    for entry in entries:
        old, new = entry.changes["miss_reason_note"]
        assert old == previous
        previous = new
    deadline.refresh_from_db()
    assert deadline.miss_reason_note == previous
