"""Messages the demo starts with beyond those its cases queue: one SMS reminder the gateway
refused after every try, so the leader's list of messages that could not be sent has something
to act on."""

from __future__ import annotations

import datetime

from django.utils import timezone

from rehabplan.citizens.models import ConsentScope
from rehabplan.courses.models import Attendance
from rehabplan.messaging.reminders.texts import reminder_subject, reminder_text
from rehabplan.organisation.models import Municipality
from rehabplan.outbox.dispatch.dispatcher import MAX_ATTEMPTS
from rehabplan.outbox.models import Channel, MessageKind, MessageState, OutboxMessage


def seed_failed_sms(*, municipality: Municipality) -> OutboxMessage | None:
    place = (
        Attendance.objects.filter(
            session__municipality=municipality,
            session__starts_at__gt=timezone.now(),
            course__citizen__consents__scope=ConsentScope.SMS_REMINDERS,
        )
        .select_related("session__location", "session__municipality", "course__citizen")
        .order_by("session__starts_at", "pk")
        .first()
    )
    if place is None:
        return None
    citizen, session = place.course.citizen, place.session
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
        error="HTTP 400",
        send_after=timezone.now() - datetime.timedelta(days=1),
    )
