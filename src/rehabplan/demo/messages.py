"""Messages the demo starts with beyond those its cases queue: one SMS reminder the gateway
refused after every try, so the leader's list of messages that could not be sent has something
to act on."""

from __future__ import annotations

import datetime

from django.utils import timezone

from rehabplan.citizens.models import ConsentScope
from rehabplan.courses.models import Attendance
from rehabplan.messaging.reminders.recipients import citizen_sms
from rehabplan.messaging.reminders.texts import reminder_subject, reminder_text
from rehabplan.organisation.models import Municipality
from rehabplan.outbox.dispatch.dispatcher import MAX_ATTEMPTS
from rehabplan.outbox.models import MessageKind, MessageState, OutboxMessage


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
    message = citizen_sms(
        citizen=citizen,
        # A number that was right once: the gateway now answers that it does not exist.
        number="+4520000001",
        session=session,
        kind=MessageKind.REMINDER,
        subject=reminder_subject(session),
        text=reminder_text(session),
        dedupe_key=f"demo-refused:{place.pk}",
        send_after=timezone.now() - datetime.timedelta(days=1),
    )
    message.state = MessageState.FAILED
    message.attempts = MAX_ATTEMPTS
    message.error = "HTTP 400"
    message.save()
    return message
