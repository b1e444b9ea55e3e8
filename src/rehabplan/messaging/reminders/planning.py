"""The reminder job: for every booked place, one reminder SMS in the outbox, due the hours before
the start that the course's quality standard sets (`sms_reminder_hours`; 24 when it names
none), moved out of the quiet hours; and a reminder whose place was cancelled or whose session
moved before it went out is cancelled.

Each reminder has a key of its place and start (`dedupe_key`), unique in the database, so the
job can run in every worker at once and a place is reminded once per start time.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from rehabplan.courses.course_rules import attendance_rules
from rehabplan.courses.models import Attendance, AttendanceStatus, Course, SessionStatus
from rehabplan.messaging.reminders.recipients import (
    citizen_sms,
    sms_consenting_ids,
    sms_number,
)
from rehabplan.messaging.reminders.texts import reminder_subject, reminder_text
from rehabplan.outbox.dispatch.quiet_hours import last_allowed_before, next_allowed
from rehabplan.outbox.models import Channel, MessageKind, MessageState, OutboxMessage

logger = logging.getLogger(__name__)

# When the standard names no time: the day before.
DEFAULT_AHEAD = datetime.timedelta(hours=24)
# The places read each run reach this far ahead; a standard asking for more hours gets its
# reminder as soon as the session comes within reach.
LONGEST_AHEAD = datetime.timedelta(hours=72)
# Places are looked at a little before they are due, so a reminder is in the outbox in time.
LOOKAHEAD = datetime.timedelta(hours=2)


@dataclass(frozen=True)
class ReminderSummary:
    created: int
    cancelled: int


def reminder_key(place: Attendance) -> str:
    return f"reminder:{place.pk}:{place.session.starts_at.astimezone(datetime.UTC):%Y%m%dT%H%M}"


def reminder_due(
    starts_at: datetime.datetime, now: datetime.datetime, ahead: datetime.timedelta = DEFAULT_AHEAD
) -> datetime.datetime | None:
    """When to send: `ahead` of the start, or the evening before the quiet hours that moment
    falls in; if that has passed, now (or the morning after the quiet hours) while it is before
    the start; None when there is no time left."""
    due = last_allowed_before(starts_at - ahead)
    if due < now:
        due = next_allowed(now)
    return due if due < starts_at else None


def plan_reminders(*, now: datetime.datetime | None = None) -> ReminderSummary:
    now = now or timezone.now()
    return ReminderSummary(created=_create_due(now), cancelled=_cancel_stale())


def _create_due(now: datetime.datetime) -> int:
    places = (
        Attendance.objects.filter(
            status=AttendanceStatus.BOOKED,
            session__status=SessionStatus.PLANNED,
            session__starts_at__gt=now,
            session__starts_at__lte=now + LONGEST_AHEAD + LOOKAHEAD,
        )
        .select_related(
            "session__location",
            "session__municipality",
            "course__citizen",
            "course__municipality",
            "course__referral",
        )
        .order_by()
    )
    hours = _ReminderHours()
    # Places whose reminder is due within the look-ahead, by the hours their standard sets.
    due_soon = {
        reminder_key(place): place
        for place in places
        if place.session.starts_at - hours.ahead(place.course) <= now + LOOKAHEAD
    }
    existing = set(
        OutboxMessage.objects.filter(dedupe_key__in=list(due_soon)).values_list(
            "dedupe_key", flat=True
        )
    )
    waiting = {key: place for key, place in due_soon.items() if key not in existing}
    if not waiting:
        return 0
    consenting = sms_consenting_ids(
        [place.course.citizen_id for place in waiting.values()], timezone.localdate(now)
    )
    reminders = []
    for key, place in waiting.items():
        number = sms_number(place.course.citizen, consenting=consenting)
        due = reminder_due(place.session.starts_at, now, hours.ahead(place.course))
        if number is None or due is None:
            continue
        reminders.append(
            citizen_sms(
                citizen=place.course.citizen,
                number=number,
                session=place.session,
                kind=MessageKind.REMINDER,
                subject=reminder_subject(place.session),
                text=reminder_text(place.session),
                dedupe_key=key,
                send_after=due,
            )
        )
    # One another worker makes at the same moment is left as it is: the key is unique.
    OutboxMessage.objects.bulk_create(reminders, ignore_conflicts=True)
    return len(reminders)


class _ReminderHours:
    """How long before a session its reminder goes: the hours the quality standard of the
    course sets (`sms_reminder_hours` in its attendance rule), read once per standard."""

    def __init__(self) -> None:
        self._known: dict[tuple, datetime.timedelta] = {}

    def ahead(self, course: Course) -> datetime.timedelta:
        key = (course.municipality_id, course.service_code, course.standard_date)
        if key not in self._known:
            hours = attendance_rules(course).sms_reminder_hours
            self._known[key] = datetime.timedelta(hours=hours) if hours else DEFAULT_AHEAD
        return self._known[key]


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
