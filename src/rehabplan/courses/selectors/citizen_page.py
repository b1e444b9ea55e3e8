"""Reading for the citizen page: referrals, courses and the timeline, each a page of rows.

Every list is cut in SQL and the number of queries does not depend on how long the citizen's
history is. The timeline is one `UNION ALL` of the events each table holds (referrals received
and decided, courses started and ended, sessions, letters, notes), sorted and paged by the
database.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import CharField, DateField, DateTimeField, F, Prefetch, QuerySet, Value
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    ClinicalNote,
    Course,
    NoteKind,
    Referral,
    ReferralSource,
    ReferralStatus,
    SessionKind,
    StoredDeadline,
)
from rehabplan.courses.selectors import REFERRAL_LARGE_FIELDS
from rehabplan.courses.standard_services import service_name
from rehabplan.formats.text import clock_text
from rehabplan.outbox.models import Channel, MessageState, OutboxMessage

if TYPE_CHECKING:
    from rehabplan.citizens.models import Citizen

# Course fields the citizen page never shows.
COURSE_LARGE_FIELDS = (
    "plan_text",
    "end_reason_note",
    "self_training_programme",
    "continue_training_at",
)


def citizen_referrals(citizen: Citizen) -> QuerySet[Referral]:
    """The citizen's referrals, newest first, with their deadlines and their course (if any)."""
    return (
        Referral.objects.of_municipality(citizen.municipality_id)
        .filter(citizen=citizen)
        .select_related("municipality", "course")
        .defer(*REFERRAL_LARGE_FIELDS, *(f"course__{name}" for name in COURSE_LARGE_FIELDS))
        .prefetch_related(
            Prefetch(
                "deadlines",
                queryset=StoredDeadline.objects.of_municipality(citizen.municipality_id),
            )
        )
        .order_by("-received_on", "-id")
    )


def citizen_courses(citizen: Citizen) -> QuerySet[Course]:
    """The citizen's courses, newest first, with what the list shows of each."""
    return (
        Course.objects.of_municipality(citizen.municipality_id)
        .filter(citizen=citizen)
        .select_related("municipality", "referral", "therapist", "team_class")
        .defer(*COURSE_LARGE_FIELDS, *(f"referral__{name}" for name in REFERRAL_LARGE_FIELDS))
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class TimelineEvent:
    when: datetime.date
    kind: str
    title: str
    detail: str = ""


def _text(value: str = "") -> Value:
    return Value(value, output_field=CharField())


def _event(
    rows: QuerySet[Any],
    *,
    when: Any,
    kind: str,
    code: Any = None,
    label: Any = None,
    text: Any = None,
    moment: Any = None,
    standard_on: Any = None,
) -> QuerySet[Any]:
    """One table's events in the timeline's common columns (a part of the UNION); every column
    is an expression, so each part lists them in the same order."""
    return rows.order_by().values(
        event_on=when,
        event_kind=_text(kind),
        event_code=code if code is not None else _text(),
        event_label=label if label is not None else _text(),
        event_text=text if text is not None else _text(),
        event_moment=moment if moment is not None else Cast(Value(None), DateTimeField()),
        event_standard_on=standard_on
        if standard_on is not None
        else Cast(Value(None), DateField()),
    )


def timeline_events(citizen: Citizen) -> QuerySet[Any]:
    """Every event of the citizen's history as rows of (date, kind, code, label, text, moment,
    standard date), newest first; a queryset, so a page of it is read with LIMIT."""
    municipality_id = citizen.municipality_id
    local = timezone.get_default_timezone()
    referrals = Referral.objects.of_municipality(municipality_id).filter(citizen=citizen)
    standard_on = Coalesce("discharge_on", "received_on")
    courses = Course.objects.of_municipality(municipality_id).filter(citizen=citizen)
    parts = [
        _event(
            referrals,
            when=F("received_on"),
            kind="referral",
            code=F("service_code"),
            label=F("source"),
            standard_on=standard_on,
        ),
        _event(
            referrals.filter(decided_on__isnull=False),
            when=F("decided_on"),
            kind="decision",
            label=F("status"),
        ),
        _event(courses.filter(start_on__isnull=False), when=F("start_on"), kind="course_start"),
        _event(courses.filter(ended_on__isnull=False), when=F("ended_on"), kind="course_end"),
        _event(
            Attendance.objects.of_municipality(municipality_id).filter(course__citizen=citizen),
            when=TruncDate("session__starts_at", tzinfo=local),
            kind="session",
            code=F("session__kind"),
            label=F("status"),
            moment=F("session__starts_at"),
        ),
        _event(
            OutboxMessage.objects.of_municipality(municipality_id).filter(citizen=citizen),
            when=TruncDate("created_at", tzinfo=local),
            kind="letter",
            code=F("channel"),
            label=F("state"),
            text=F("subject"),
        ),
        _event(
            ClinicalNote.objects.of_municipality(municipality_id).filter(citizen=citizen),
            when=TruncDate("written_at", tzinfo=local),
            kind="note",
            code=F("kind"),
            moment=F("written_at"),
        ),
    ]
    first, *rest = parts
    return first.union(*rest, all=True).order_by(
        F("event_on").desc(), F("event_moment").desc(nulls_last=True), "event_kind"
    )


def _labels(choices: Any) -> dict[str, str]:
    return {str(value): str(label) for value, label in choices.choices}


@dataclass(frozen=True)
class _Labels:
    """Every choice's label, looked up once for a page of events."""

    municipality: Any
    sources: dict[str, str]
    statuses: dict[str, str]
    session_kinds: dict[str, str]
    attendance: dict[str, str]
    channels: dict[str, str]
    states: dict[str, str]
    note_kinds: dict[str, str]


def _referral_event(row: dict[str, Any], labels: _Labels) -> TimelineEvent:
    name = service_name(labels.municipality, row["event_code"], row["event_standard_on"])
    title = _("%(service)s modtaget") % {"service": name}
    return TimelineEvent(
        row["event_on"], "referral", title, labels.sources.get(row["event_label"], "")
    )


def _decision_event(row: dict[str, Any], labels: _Labels) -> TimelineEvent:
    status = labels.statuses.get(row["event_label"], row["event_label"])
    return TimelineEvent(
        row["event_on"], "decision", _("Afgørelse: %(status)s") % {"status": status}
    )


def _course_start_event(row: dict[str, Any], labels: _Labels) -> TimelineEvent:
    return TimelineEvent(row["event_on"], "course", _("Forløb startet"))


def _course_end_event(row: dict[str, Any], labels: _Labels) -> TimelineEvent:
    return TimelineEvent(row["event_on"], "course", _("Forløb afsluttet"))


def _session_event(row: dict[str, Any], labels: _Labels) -> TimelineEvent:
    title = _("%(kind)s kl. %(time)s") % {
        "kind": labels.session_kinds.get(row["event_code"], row["event_code"]),
        "time": clock_text(row["event_moment"]),
    }
    status = labels.attendance.get(row["event_label"], row["event_label"])
    return TimelineEvent(row["event_on"], "session", title, status)


def _letter_event(row: dict[str, Any], labels: _Labels) -> TimelineEvent:
    channel = labels.channels.get(row["event_code"], "")
    detail = f"{channel} · {labels.states.get(row['event_label'], '')}"
    return TimelineEvent(row["event_on"], "letter", row["event_text"], detail)


def _note_event(row: dict[str, Any], labels: _Labels) -> TimelineEvent:
    return TimelineEvent(
        row["event_on"], "note", labels.note_kinds.get(row["event_code"], row["event_code"])
    )


_EVENTS = {
    "referral": _referral_event,
    "decision": _decision_event,
    "course_start": _course_start_event,
    "course_end": _course_end_event,
    "session": _session_event,
    "letter": _letter_event,
    "note": _note_event,
}


def _labels(choices: Any) -> dict[str, str]:
    return {str(value): str(label) for value, label in choices.choices}


def timeline_rows(rows: list[dict[str, Any]], citizen: Citizen) -> list[TimelineEvent]:
    """The page's rows as events in Danish."""
    labels = _Labels(
        municipality=citizen.municipality,
        sources=_labels(ReferralSource),
        statuses=_labels(ReferralStatus),
        session_kinds=_labels(SessionKind),
        attendance=_labels(AttendanceStatus),
        channels=_labels(Channel),
        states=_labels(MessageState),
        note_kinds=_labels(NoteKind),
    )
    return [_EVENTS[row["event_kind"]](row, labels) for row in rows]
