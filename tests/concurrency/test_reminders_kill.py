"""A worker killed with `kill -9` in the middle of sending reminders: a second worker finishes
the batch, and every reminder due reaches the gateway exactly once.

Real processes on PostgreSQL: `rehabplan worker` plans and sends; it is killed once some of the
reminders are out; `rehabplan periodic --once` then runs as the next worker until nothing is
due. The figures are printed: due, sent, duplicates, missed, and how many were sent again after
the kill (the gateway recognised their key)."""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from rehabplan.citizens.models import Citizen, Consent, ConsentScope
from rehabplan.courses.models import Attendance, ContactType, Session, SessionKind
from rehabplan.messaging.sms.file_backend import FileSmsGateway
from rehabplan.outbox.models import Channel, MessageKind, MessageState, OutboxMessage

REMINDERS = 600
KILL_AFTER = 50

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL and processes"),
]


def _book_tomorrow(unit, count: int) -> None:
    course = unit.course("SEL86-1", received_on=datetime.date(2026, 11, 2))
    citizens = Citizen.objects.bulk_create(
        Citizen(
            municipality=unit.municipality,
            cpr=f"{1 + index % 28:02d}{1 + index // 28 % 12:02d}50{index:04d}",
            birth_date=datetime.date(1950, 1 + index // 28 % 12, 1 + index % 28),
            first_name="Borger",
            last_name=f"Nummer{index}",
            phone=f"20{123456 + index}",
        )
        for index in range(count)
    )
    Consent.objects.bulk_create(
        Consent(
            citizen=citizen,
            scope=ConsentScope.SMS_REMINDERS,
            given_on=datetime.date(2026, 1, 1),
            recorded_by=unit.visitator,
        )
        for citizen in citizens
    )
    courses = []
    for citizen in citizens:
        clone = type(course).objects.get(pk=course.pk)
        clone.pk = None
        clone.referral = None
        clone.citizen = citizen
        courses.append(clone)
    courses = type(course).objects.bulk_create(courses)
    # Within the coming day: every reminder is due at once.
    start = timezone.now() + datetime.timedelta(hours=3)
    sessions = Session.objects.bulk_create(
        Session(
            municipality=unit.municipality,
            kind=SessionKind.INDIVIDUAL,
            contact_type=ContactType.CENTRE,
            therapist=unit.pt,
            location=unit.location,
            starts_at=start + datetime.timedelta(minutes=index),
        )
        for index in range(count)
    )
    Attendance.objects.bulk_create(
        Attendance(session=session, course=course)
        for session, course in zip(sessions, courses, strict=True)
    )


def _environment(tmp_path) -> dict[str, str]:
    database = connection.settings_dict
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rehabplan.settings",
        "SECRET_KEY": "kill-test-key",
        "DATABASE_URL": (
            f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        ),
        "REHABPLAN_TASK_BACKEND": "django_tasks_db.DatabaseBackend",
        "REHABPLAN_SMS_GATEWAY": "file",
        "REHABPLAN_SMS_DIR": str(tmp_path / "sms"),
        "REHABPLAN_OUTBOX_DIR": str(tmp_path / "outbox"),
        "REHABPLAN_OUTBOX_LEASE_SECONDS": "2",
        # Whatever the hour the suite runs at: no quiet hours.
        "REHABPLAN_SMS_QUIET_FROM": "0",
        "REHABPLAN_SMS_QUIET_UNTIL": "0",
    }


def _rehabplan(*arguments: str, environment: dict[str, str], cwd) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rehabplan.cli", *arguments],
        cwd=cwd,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=(cwd / f"{arguments[0]}.log").open("ab"),
    )


def test_a_worker_killed_mid_batch_sends_no_reminder_twice_and_skips_none(demo_unit, tmp_path):
    _book_tomorrow(demo_unit, REMINDERS)
    environment = _environment(tmp_path)
    gateway = FileSmsGateway(tmp_path / "sms")
    worker = _rehabplan("worker", environment=environment, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 120
        # Half-way through a batch of 20 (the dispatcher's claim): some claimed, some sent.
        while len(list((tmp_path / "sms").glob("*.json"))) < KILL_AFTER:
            assert worker.poll() is None, (tmp_path / "worker.log").read_text()[-3000:]
            assert time.monotonic() < deadline, "the worker sent nothing"
            time.sleep(0.01)
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=10)
    sent_before_kill = len(gateway.sent())
    left_sending = OutboxMessage.objects.filter(state=MessageState.SENDING).count()
    recorded_sent = OutboxMessage.objects.filter(state=MessageState.SENT).count()
    # The kill caught the worker with messages claimed but not all recorded as sent.
    assert sent_before_kill < REMINDERS and left_sending > 0

    deadline = time.monotonic() + 180
    reminders = OutboxMessage.objects.filter(kind=MessageKind.REMINDER, channel=Channel.SMS)
    while reminders.exclude(state=MessageState.SENT).exists():
        assert time.monotonic() < deadline, "the next worker did not finish"
        time.sleep(2.1)  # the killed worker's leases run out
        _rehabplan(
            "periodic", "--once", "--job", "udbakke", environment=environment, cwd=tmp_path
        ).wait(timeout=120)

    messages = gateway.sent()
    keys = [message["key"] for message in messages]
    due = reminders.count()
    expected = {message.idempotency_key for message in reminders}
    figures = {
        "due": due,
        "sent": len(set(keys)),
        "duplicates": len(keys) - len(set(keys)),
        "missed": len(expected - set(keys)),
        "sent before the kill": sent_before_kill,
        "left sending by the killed worker": left_sending,
        "taken again after the kill": reminders.filter(attempts__gt=1).count(),
        # At the gateway but not yet recorded when the worker died: the key stopped a repeat.
        "repeats stopped by the key": sent_before_kill - recorded_sent,
    }
    print("\nReminders after kill -9:", figures)
    assert due == REMINDERS
    assert figures["duplicates"] == 0 and figures["missed"] == 0
    assert set(keys) == expected
    assert all(message["to"].startswith("+4520") for message in messages)
    assert settings.REHABPLAN_SMS_GATEWAY  # the suite's own settings are untouched
