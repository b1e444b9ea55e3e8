"""The SMS a citizen gets when the therapist cancels an appointment: the old time and, when a
replacement was booked, the new one. Queued in the same transaction as the cancellation, so it
goes out exactly when the cancellation holds."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from rehabplan.courses.models import Attendance, Session
from rehabplan.messaging.reminders.recipients import (
    citizen_sms,
    sms_consenting_ids,
    sms_number,
)
from rehabplan.messaging.reminders.texts import cancelled_text, change_subject
from rehabplan.outbox.models import MessageKind, OutboxMessage


def queue_cancellation_messages(
    *, session: Session, places: Iterable[Attendance], replacement: Session | None
) -> list[OutboxMessage]:
    places = list(places)
    if not places or session.starts_at <= timezone.now():
        return []
    consenting = sms_consenting_ids(
        [place.course.citizen_id for place in places], timezone.localdate()
    )
    messages = []
    for place in places:
        citizen = place.course.citizen
        number = sms_number(citizen, consenting=consenting)
        if number is None:
            continue
        messages.append(
            citizen_sms(
                citizen=citizen,
                number=number,
                session=replacement or session,
                kind=MessageKind.NOTICE,
                subject=change_subject(session),
                text=cancelled_text(session, replacement),
                dedupe_key=f"cancelled:{place.pk}",
            )
        )
    return OutboxMessage.objects.bulk_create(messages, ignore_conflicts=True)
