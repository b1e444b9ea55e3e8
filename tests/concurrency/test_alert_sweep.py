"""Every worker runs the alert sweep: several sweeps at once make each alert once and e-mail each
alert once, held apart by the unique constraint and by rows locked with SKIP LOCKED."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from rehabplan.alerts.models import DeadlineAlert
from rehabplan.alerts.services.staff import alert_preference_set
from rehabplan.alerts.services.sweep import alerts_sweep
from rehabplan.audit.models import AuditEntry
from tests.alerts.conftest import open_deadline
from tests.concurrency.contenders import run_together, unexpected

CONTENDERS = 6
DEADLINES = 12
MONDAY = dt.date(2026, 5, 18)
FRIDAY = dt.date(2026, 5, 15)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_simultaneous_sweeps_make_and_send_each_alert_once(demo_unit, mailoutbox):
    therapist = demo_unit.therapist_user
    therapist.email = "pia@demo.example"
    therapist.save()
    alert_preference_set(user=therapist, by_email=True)
    deadlines = [open_deadline(demo_unit, "start", MONDAY) for _ in range(DEADLINES)]

    outcomes = run_together(CONTENDERS, lambda index: alerts_sweep(today=FRIDAY))

    assert unexpected(outcomes, Exception) == [] and all(outcome.ok for outcome in outcomes)
    assert sum(outcome.result.created for outcome in outcomes) == DEADLINES
    assert DeadlineAlert.objects.count() == DEADLINES
    assert set(DeadlineAlert.objects.values_list("deadline", flat=True)) == {
        deadline.pk for deadline in deadlines
    }
    assert AuditEntry.objects.filter(object_type="deadlinealert").count() == DEADLINES
    # Each alert is in exactly one e-mail.
    mailed = sum(mail.body.count("for en borger") for mail in mailoutbox)
    assert mailed == DEADLINES
    assert sum(outcome.result.emailed for outcome in outcomes) == len(mailoutbox)
    assert not DeadlineAlert.objects.filter(emailed_at__isnull=True).exists()
