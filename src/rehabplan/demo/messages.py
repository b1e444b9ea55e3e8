"""Messages the demo starts with beyond those its cases queue: one SMS reminder the gateway
refused after every try, so the leader's list of messages that could not be sent has something
to act on."""

from __future__ import annotations

import datetime

from django.utils import timezone

from rehabplan.citizens.models import ConsentScope
from rehabplan.courses.models import Session
from rehabplan.messaging.reminders.texts import reminder_subject, reminder_text
from rehabplan.organisation.models import Municipality
from rehabplan.outbox.dispatch.dispatcher import MAX_ATTEMPTS
from rehabplan.outbox.models import Channel, MessageKind, MessageState, OutboxMessage


def seed_failed_sms(*, municipality: Municipality) -> OutboxMessage | None:
    citizen = (
        municipality.citizens.filter(consents__scope=ConsentScope.SMS_REMINDERS)
        .order_by("pk")
        .first()
    )
    session = (
        Session.objects.filter(attendances__course__citizen=citizen, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
        if citizen
        else None
    )
    if citizen is None or session is None:
        return None
    yesterday = timezone.now() - datetime.timedelta(days=1)
    return OutboxMessage.objects.create(
        municipality=municipality,
        citizen=citizen,
        session=session,
        kind=MessageKind.REMINDER,
        channel=Channel.SMS,
        recipient_kind="citizen",
        recipient_name=citizen.full_name,
        # A number that was right once: the gateway now answers that it does not exist.
        recipient_address="+4520000001",
        subject=reminder_subject(session),
        body_text=reminder_text(session),
        state=MessageState.FAILED,
        attempts=MAX_ATTEMPTS,
        sent_at=None,
        error="HTTP 400",
        send_after=yesterday,
    )
