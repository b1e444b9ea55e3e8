"""Letters and SMS leave the outbox: through their channel, once, retried with growing waits and
then shown as failed; a Digital Post letter is received when it is in the mailbox, and the
complaint deadline runs from that day."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from django.utils import timezone

from rehabplan.courses.models import DecisionOutcome
from rehabplan.courses.selectors.decisions import DecisionAnswers
from rehabplan.courses.services.decisions import decision_make
from rehabplan.outbox.dispatch import dispatcher
from rehabplan.outbox.dispatch.dispatcher import MAX_ATTEMPTS, dispatch_outbox, retry_failed
from rehabplan.outbox.dispatch.senders import ChannelOutcome
from rehabplan.outbox.models import Channel, MessageKind, MessageState, OutboxMessage
from tests.course.conftest import at
from tests.messaging.conftest import D

pytestmark = pytest.mark.django_db


@pytest.fixture
def folders(settings, tmp_path) -> Path:
    settings.REHABPLAN_OUTBOX_DIR = str(tmp_path / "outbox")
    settings.REHABPLAN_SMS_GATEWAY = "file"
    settings.REHABPLAN_SMS_DIR = str(tmp_path / "sms")
    settings.REHABPLAN_OUTBOX_SENDERS = {}
    return tmp_path


def _refusal(naestved, staff, make_citizen, make_referral, **citizen_fields):
    visitator, _therapist = staff(naestved)
    citizen = make_citizen(visitator, **citizen_fields)
    referral = make_referral(visitator, citizen, "SEL86-1", D(2026, 11, 2))
    return decision_make(
        user=visitator,
        referral=referral,
        outcome=DecisionOutcome.REFUSED,
        decided_on=D(2026, 11, 10),
        answers=DecisionAnswers(motivated=True, can_train_alone=True),
        refusal_reason="Du kan træne på egen hånd med det program, du har fået.",
    )


def test_a_decision_letter_goes_by_digital_post_and_its_receipt_starts_the_complaint_time(
    folders,
    naestved,
    staff,
    make_citizen,
    make_referral,
):
    decision = _refusal(naestved, staff, make_citizen, make_referral)
    assert decision.letter.state == MessageState.QUEUED
    summary = dispatch_outbox()
    assert summary.sent == 1
    letter = OutboxMessage.objects.get(pk=decision.letter_id)
    today = timezone.localdate()
    assert (letter.state, letter.received_on) == (MessageState.DELIVERED, today)
    assert letter.sent_at is not None and letter.attempts == 1
    decision.refresh_from_db()
    assert decision.letter_received_on == today
    assert decision.complaint_deadline == today + datetime.timedelta(weeks=4)
    folder = folders / "outbox" / Channel.DIGITAL_POST
    description = json.loads((folder / f"{letter.idempotency_key}.json").read_text())
    assert description["subject"] == letter.subject and description["cpr"] == "0101501234"
    assert (folder / description["document"]).read_bytes() == bytes(letter.document)
    # Sent once: a second run finds nothing due.
    assert dispatch_outbox().sent == 0


def test_a_citizen_exempt_from_digital_post_gets_printed_post(
    folders,
    naestved,
    staff,
    make_citizen,
    make_referral,
):
    decision = _refusal(naestved, staff, make_citizen, make_referral, digital_post_exempt=True)
    assert decision.letter.channel == Channel.PRINT
    dispatch_outbox()
    letter = OutboxMessage.objects.get(pk=decision.letter_id)
    # Handed to the post: staff record the day it arrived.
    assert (letter.state, letter.received_on) == (MessageState.SENT, None)
    decision.refresh_from_db()
    assert decision.letter_received_on is None
    assert (folders / "outbox" / Channel.PRINT / f"{letter.idempotency_key}.pdf").exists()


class _Failing:
    def __init__(self, channel):
        pass

    def send(self, message):
        return ChannelOutcome(accepted=False, retryable=True, error="HTTP 503")


def test_a_failure_is_tried_again_later_each_time_and_then_given_up(
    folders,
    settings,
    naestved,
    staff,
    make_citizen,
    make_referral,
    monkeypatch,
):
    monkeypatch.setattr(dispatcher, "sender_for", lambda channel: _Failing(channel))
    decision = _refusal(naestved, staff, make_citizen, make_referral)
    letter = decision.letter
    waits = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        summary = dispatch_outbox()
        letter.refresh_from_db()
        assert letter.attempts == attempt
        if attempt < MAX_ATTEMPTS:
            assert (summary.retried, letter.state) == (1, MessageState.QUEUED)
            waits.append(letter.next_attempt_at - timezone.now())
            # Not due before its wait is over.
            assert dispatch_outbox().retried == 0
            OutboxMessage.objects.filter(pk=letter.pk).update(next_attempt_at=timezone.now())
    assert (letter.state, letter.error) == (MessageState.FAILED, "HTTP 503")
    assert waits == sorted(waits) and waits[0] > datetime.timedelta(seconds=50)
    monkeypatch.undo()
    retry_failed(letter)
    assert dispatch_outbox().sent == 1


def test_a_message_left_sending_by_a_dead_worker_is_sent_once(
    folders,
    naestved,
    staff,
    make_citizen,
    make_referral,
):
    decision = _refusal(naestved, staff, make_citizen, make_referral)
    letter = decision.letter
    # A worker claimed it, wrote the file and died before recording.
    dispatcher.sender_for(letter.channel).send(letter)
    OutboxMessage.objects.filter(pk=letter.pk).update(
        state=MessageState.SENDING,
        attempts=1,
        lease_until=timezone.now() + datetime.timedelta(minutes=5),
    )
    assert dispatch_outbox().sent == 0  # still held
    OutboxMessage.objects.filter(pk=letter.pk).update(lease_until=timezone.now())
    assert dispatch_outbox().sent == 1
    letter.refresh_from_db()
    assert (letter.state, letter.attempts) == (MessageState.DELIVERED, 2)
    folder = folders / "outbox" / Channel.DIGITAL_POST
    assert len(list(folder.glob("*.json"))) == 1 and len(list(folder.glob("*.pdf"))) == 1


def test_a_late_outcome_of_a_lost_claim_is_not_recorded(
    folders,
    naestved,
    staff,
    make_citizen,
    make_referral,
    monkeypatch,
):
    decision = _refusal(naestved, staff, make_citizen, make_referral)
    claimed = dispatcher._claim(1)[0]
    # Its lease runs out and another worker takes it (the attempt count moves on).
    OutboxMessage.objects.filter(pk=claimed.pk).update(attempts=2)
    dispatcher._send(claimed, dispatcher.DispatchSummary())
    letter = OutboxMessage.objects.get(pk=decision.letter_id)
    assert (letter.state, letter.sent_at) == (MessageState.SENDING, None)


def test_no_sms_in_the_quiet_hours(folders, naestved, staff, make_citizen):
    visitator, _therapist = staff(naestved)
    citizen = make_citizen(visitator)
    message = OutboxMessage.objects.create(
        municipality=naestved,
        citizen=citizen,
        kind=MessageKind.REMINDER,
        channel=Channel.SMS,
        recipient_kind="citizen",
        recipient_name="Åse",
        recipient_address="+4520123456",
        subject="SMS",
        body_text="Påmindelse",
    )
    night, morning = at(D(2026, 12, 2), 22), at(D(2026, 12, 3), 8)
    assert not dispatcher.due_messages(night).filter(pk=message.pk).exists()
    assert dispatcher.due_messages(morning).filter(pk=message.pk).exists()
    assert dispatch_outbox().sent in (0, 1)  # depends on the hour the suite runs
