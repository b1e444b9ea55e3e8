"""Reminders 24 hours before each booked place: only with consent and a Danish mobile number,
out of the quiet hours, once per place and start, cancelled when the place or session is."""

from __future__ import annotations

import datetime

import pytest

from rehabplan.courses.models import AttendanceStatus, SessionStatus
from rehabplan.messaging.reminders.planning import plan_reminders, reminder_due
from rehabplan.outbox.models import Channel, MessageKind, MessageState, OutboxMessage
from tests.course.conftest import at
from tests.messaging.conftest import NOW, D, book, consent

pytestmark = pytest.mark.django_db


def _reminders():
    return OutboxMessage.objects.filter(kind=MessageKind.REMINDER, channel=Channel.SMS)


def test_a_place_tomorrow_gets_one_reminder_due_a_day_before(demo_unit, texted):
    place = book(demo_unit, texted, at(D(2026, 12, 3), 10))
    morning = at(D(2026, 12, 2), 9)
    assert plan_reminders(now=morning).created == 1
    assert plan_reminders(now=morning).created == 0
    reminder = _reminders().get()
    assert reminder.send_after == at(D(2026, 12, 2), 10)
    assert reminder.recipient_address == "+4520123456"
    assert reminder.session_id == place.session_id and reminder.citizen == texted.citizen
    # Time and place; nothing about the training or the citizen's health.
    assert "torsdag 3. december kl. 10.00" in reminder.body_text
    assert "Træningscentret, Sundvej 1, 7000 Byen" in reminder.body_text
    assert "Demo Kommune" in reminder.body_text
    for private in ("genoptræning", "vedligeholdende", texted.service_code, "Hansen"):
        assert private.lower() not in reminder.body_text.lower()


def test_places_further_ahead_wait_for_their_day(demo_unit, texted):
    book(demo_unit, texted, at(D(2026, 12, 4), 10))
    assert plan_reminders(now=NOW).created == 0


@pytest.mark.parametrize(
    ("phone", "consented", "withdrawn", "reminded"),
    [
        ("20 12 34 56", True, None, True),
        ("20 12 34 56", False, None, False),
        ("20 12 34 56", True, D(2026, 12, 1), False),
        ("", True, None, False),
        ("+46 70 123 45 67", True, None, False),
        ("1234", True, None, False),
    ],
)
def test_only_with_consent_and_a_danish_number(
    demo_unit, sms_dir, phone, consented, withdrawn, reminded
):
    citizen = demo_unit.citizen(phone=phone)
    if consented:
        consent(demo_unit, citizen, withdrawn_on=withdrawn)
    course = demo_unit.course("SEL86-1", received_on=D(2026, 11, 2), citizen=citizen)
    book(demo_unit, course, at(D(2026, 12, 3), 10))
    plan_reminders(now=NOW)
    assert _reminders().exists() is reminded


@pytest.mark.parametrize(
    ("now", "starts_at", "due"),
    [
        # 24 hours before, in the day.
        (at(D(2026, 12, 2), 9), at(D(2026, 12, 3), 10), at(D(2026, 12, 2), 10)),
        # 07:30 would be reminded at 07:30 the day before, in the quiet hours: the evening
        # before them instead.
        (at(D(2026, 12, 1), 12), at(D(2026, 12, 3), 7, 30), at(D(2026, 12, 1), 20, 59)),
        # Booked late in the evening for tomorrow 09:00: at 08:00 when the quiet hours end.
        (at(D(2026, 12, 2), 22), at(D(2026, 12, 3), 9), at(D(2026, 12, 3), 8)),
        # Booked at 15:00 for tomorrow 10:00: now.
        (at(D(2026, 12, 2), 15), at(D(2026, 12, 3), 10), at(D(2026, 12, 2), 15)),
        # Booked at 23:00 for 07:00: no time left outside the quiet hours.
        (at(D(2026, 12, 2), 23), at(D(2026, 12, 3), 7), None),
    ],
)
def test_the_reminder_keeps_out_of_the_quiet_hours(now, starts_at, due):
    assert reminder_due(starts_at, now) == due


def test_a_cancelled_place_or_session_cancels_its_reminder(demo_unit, texted):
    first = book(demo_unit, texted, at(D(2026, 12, 3), 10))
    second = book(demo_unit, texted, at(D(2026, 12, 3), 14))
    plan_reminders(now=NOW)
    first.status = AttendanceStatus.CANCELLED_IN_TIME
    first.save()
    second.session.status = SessionStatus.CANCELLED
    second.session.save()
    assert plan_reminders(now=NOW).cancelled == 2
    assert set(_reminders().values_list("state", flat=True)) == {MessageState.CANCELLED}


def test_a_session_moved_gets_a_reminder_for_its_new_time(demo_unit, texted):
    place = book(demo_unit, texted, at(D(2026, 12, 3), 10))
    plan_reminders(now=NOW)
    place.session.starts_at = at(D(2026, 12, 3), 13)
    place.session.save()
    summary = plan_reminders(now=NOW)
    assert (summary.created, summary.cancelled) == (1, 1)
    live = _reminders().exclude(state=MessageState.CANCELLED).get()
    assert "kl. 13.00" in live.body_text


def test_a_home_visit_names_no_address(demo_unit, texted):
    book(demo_unit, texted, at(D(2026, 12, 3), 10), contact_type="home")
    plan_reminders(now=NOW)
    assert "hjemme hos dig" in _reminders().get().body_text


def test_the_day_is_danish_time():
    assert NOW.utcoffset() == datetime.timedelta(hours=1)


def test_a_cancellation_by_the_therapist_texts_the_new_time(demo_unit, texted):
    from rehabplan.courses.services.sessions import session_cancel_by_therapist

    place = book(demo_unit, texted, at(D(2027, 1, 6), 10))
    silent = demo_unit.citizen(phone="20 99 88 77")  # no consent
    other_course = demo_unit.course("SEL86-1", received_on=D(2026, 11, 2), citizen=silent)
    from rehabplan.courses.models import Attendance

    Attendance.objects.create(session=place.session, course=other_course)
    session_cancel_by_therapist(
        user=demo_unit.therapist_user,
        session=place.session,
        reason="Terapeuten er syg.",
        replacement_starts_at=at(D(2027, 1, 7), 13),
    )
    notice = OutboxMessage.objects.get(kind=MessageKind.NOTICE)
    assert notice.citizen == texted.citizen and notice.recipient_address == "+4520123456"
    assert "onsdag 6. januar kl. 10.00 er aflyst" in notice.body_text
    assert "Ny tid: torsdag 7. januar kl. 13.00" in notice.body_text
    assert "syg" not in notice.body_text  # the reason is the therapist's business


def test_the_demo_standard_sets_24_hours(demo_unit, texted):
    from rehabplan.courses.course_rules import attendance_rules

    assert attendance_rules(texted).sms_reminder_hours == 24


@pytest.mark.parametrize(
    ("hours", "due"), [(48, at(D(2026, 12, 2), 10)), (None, at(D(2026, 12, 3), 10))]
)
def test_the_hours_before_come_from_the_quality_standard(
    demo_unit, texted, monkeypatch, hours, due
):
    from types import SimpleNamespace

    from rehabplan.messaging.reminders import planning

    monkeypatch.setattr(
        planning, "attendance_rules", lambda course: SimpleNamespace(sms_reminder_hours=hours)
    )
    book(demo_unit, texted, at(D(2026, 12, 4), 10))
    planning.plan_reminders(now=at(D(2026, 12, 2), 9))
    if hours is None:
        # 24 hours before: not yet within the look-ahead on 2 December.
        assert not _reminders().exists()
        planning.plan_reminders(now=at(D(2026, 12, 3), 9))
    assert _reminders().get().send_after == due
