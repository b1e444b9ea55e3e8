"""The reminder job: for every booked place in a session that starts within the next day, one
reminder SMS in the outbox, due 24 hours before the start (moved out of the quiet hours); and a
reminder whose place was cancelled or whose session moved before it went out is cancelled.

Each reminder has a key of its place and start (`dedupe_key`), unique in the database, so the
job can run in every worker at once and a place is reminded once per start time.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from rehabplan.courses.models import Attendance, AttendanceStatus, SessionStatus
from rehabplan.messaging.reminders.recipients import sms_consenting_ids, sms_number
from rehabplan.messaging.reminders.texts import reminder_subject, reminder_text
from rehabplan.outbox.dispatch.quiet_hours import last_allowed_before, next_allowed
from rehabplan.outbox.models import (
    Channel,
    MessageKind,
    MessageState,
    OutboxMessage,
    RecipientKind,
)

logger = logging.getLogger(__name__)

AHEAD = datetime.timedelta(hours=24)
# Places are looked at a little before they are due, so a reminder is in the outbox in time.
LOOKAHEAD = datetime.timedelta(hours=2)


@dataclass(frozen=True)
class ReminderSummary:
    created: int
    cancelled: int


def reminder_key(place: Attendance) -> str:
    return f"reminder:{place.pk}:{place.session.starts_at.astimezone(datetime.UTC):%Y%m%dT%H%M}"


def reminder_due(starts_at: datetime.datetime, now: datetime.datetime) -> datetime.datetime | None:
    """When to send: 24 hours before, or the evening before the quiet hours that moment falls
    in; if that has passed, now (or the morning after the quiet hours) while it is before the
    start; None when there is no time left."""
    due = last_allowed_before(starts_at - AHEAD)
    if due < now:
        due = next_allowed(now)
    return due if due < starts_at else None


def plan_reminders(*, now: datetime.datetime | None = None) -> ReminderSummary:
    now = now or timezone.now()
    return ReminderSummary(created=_create_due(now), cancelled=_cancel_stale())


def _create_due(now: datetime.datetime) -> int:
    places = list(
        Attendance.objects.filter(
            status=AttendanceStatus.BOOKED,
            session__status=SessionStatus.PLANNED,
            session__starts_at__gt=now,
            session__starts_at__lte=now + AHEAD + LOOKAHEAD,
        ).select_related("session__location", "session__municipality", "course__citizen")
    )
    if not places:
        return 0
    consenting = sms_consenting_ids(
        [place.course.citizen_id for place in places], timezone.localdate(now)
    )
    reminders = []
    for place in places:
        citizen = place.course.citizen
        number = sms_number(citizen, consenting=consenting)
        due = reminder_due(place.session.starts_at, now)
        if number is None or due is None:
            continue
        reminders.append(
            OutboxMessage(
                municipality_id=place.session.municipality_id,
                citizen=citizen,
                session=place.session,
                kind=MessageKind.REMINDER,
                channel=Channel.SMS,
                recipient_kind=RecipientKind.CITIZEN,
                recipient_name=citizen.full_name[:200],
                recipient_address=number,
                subject=reminder_subject(place.session),
                body_text=reminder_text(place.session),
                send_after=due,
                dedupe_key=reminder_key(place),
            )
        )
    existing = set(
        OutboxMessage.objects.filter(
            dedupe_key__in=[reminder.dedupe_key for reminder in reminders]
        ).values_list("dedupe_key", flat=True)
    )
    new = [reminder for reminder in reminders if reminder.dedupe_key not in existing]
    # One another worker makes at the same moment is left as it is: the key is unique.
    OutboxMessage.objects.bulk_create(new, ignore_conflicts=True)
    return len(new)


def _place_id(key: str | None) -> int | None:
    return int(key.split(":")[1]) if key and key.startswith("reminder:") else None


def _cancel_stale() -> int:
    """Queued reminders for a place no longer booked, or a session cancelled or moved."""
    queued = list(
        OutboxMessage.objects.filter(
            kind=MessageKind.REMINDER, channel=Channel.SMS, state=MessageState.QUEUED
        ).values_list("pk", "dedupe_key")
    )
    place_ids = {key: _place_id(key) for _pk, key in queued}
    places = Attendance.objects.filter(pk__in=set(place_ids.values())).select_related("session")
    places_by_id = {place.pk: place for place in places}
    stale = []
    for pk, key in queued:
        place = places_by_id.get(place_ids[key])
        if (
            place is None
            or place.status != AttendanceStatus.BOOKED
            or place.session.status != SessionStatus.PLANNED
            or reminder_key(place) != key
        ):
            stale.append(pk)
    if not stale:
        return 0
    with transaction.atomic():
        # Only those still queued: one a worker has just claimed goes out as it is.
        return OutboxMessage.objects.filter(pk__in=stale, state=MessageState.QUEUED).update(
            state=MessageState.CANCELLED
        )
