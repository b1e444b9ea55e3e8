"""Several workers run the reminder planning and the outbox at the same moment: each place gets
one reminder, and each message is claimed and sent by one worker only."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from rehabplan.messaging.reminders.planning import plan_reminders
from rehabplan.messaging.sms.file_backend import FileSmsGateway
from rehabplan.outbox.dispatch.dispatcher import dispatch_outbox
from rehabplan.outbox.models import MessageState, OutboxMessage
from tests.concurrency.contenders import run_together, unexpected
from tests.messaging.conftest import book, consent

CONTENDERS = 4
PLACES = 40

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


@pytest.fixture
def places_within_a_day(demo_unit, settings, tmp_path):
    settings.REHABPLAN_SMS_GATEWAY = "file"
    settings.REHABPLAN_SMS_DIR = str(tmp_path / "sms")
    # No quiet hours, whatever the hour the suite runs at.
    settings.REHABPLAN_SMS_QUIET_FROM = settings.REHABPLAN_SMS_QUIET_UNTIL = 0
    start = timezone.now() + datetime.timedelta(hours=2)
    for index in range(PLACES):
        citizen = demo_unit.citizen(phone=f"20{123456 + index}")
        consent(demo_unit, citizen)
        course = demo_unit.course(
            "SEL86-1", received_on=datetime.date(2026, 11, 2), citizen=citizen, start=False
        )
        book(demo_unit, course, start + datetime.timedelta(minutes=index))
    return FileSmsGateway(tmp_path / "sms")


def test_simultaneous_planning_makes_one_reminder_a_place(places_within_a_day):
    outcomes = run_together(CONTENDERS, lambda index: plan_reminders())
    assert unexpected(outcomes, Exception) == [] and all(outcome.ok for outcome in outcomes)
    assert OutboxMessage.objects.count() == PLACES
    assert OutboxMessage.objects.values("dedupe_key").distinct().count() == PLACES


def test_simultaneous_dispatchers_send_each_message_once(places_within_a_day):
    plan_reminders()
    outcomes = run_together(CONTENDERS, lambda index: dispatch_outbox())
    assert unexpected(outcomes, Exception) == [] and all(outcome.ok for outcome in outcomes)
    assert sum(outcome.result.sent for outcome in outcomes) == PLACES
    assert set(OutboxMessage.objects.values_list("state", "attempts")) == {(MessageState.SENT, 1)}
    assert len(places_within_a_day.sent()) == PLACES
