"""Reading for the citizen page: referrals, courses and the timeline, each a page of rows.

Every list is cut in SQL and the number of queries does not depend on how long the citizen's
history is. The timeline is one `UNION ALL` of the events each table holds (referrals received
and decided, courses started and ended, sessions, letters, notes), sorted and paged by the
database.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rehabplan.courses.models import (
    AttendanceStatus,
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
from rehabplan.outbox.models import Channel, MessageState

if TYPE_CHECKING:
    from rehabplan.citizens.models import Citizen

# Course fields the citizen page never shows.
COURSE_LARGE_FIELDS = (
    "plan_text",
    "end_reason_note",
    "self_training_programme",
    "continue_training_at",
)


# Of a referral's course the page needs only whether there is one.
_COURSE_BEYOND_ID = tuple(
    f"course__{field.name}" for field in Course._meta.concrete_fields if not field.primary_key
)
# What the course list shows: the service (code, the referral's dates), status, therapist,
# team and period.
_COURSE_LIST_FIELDS = (
    "municipality_id",
    "citizen_id",
    "referral__discharge_on",
    "referral__received_on",
    "service_code",
    "status",
    "ending_proposed_reason",
    "therapist__name",
    "team_class__name",
    "start_on",
    "ended_on",
    "created_at",
)


def with_municipality(rows: list[Any], citizen: Citizen) -> list[Any]:
    """`rows` (referrals, courses) of the citizen's municipality, given the municipality already
    read: joining it into every list's query cost more than the lists themselves."""
    municipality = citizen.municipality
    for row in rows:
        row.municipality = municipality
    return rows


def citizen_referrals(citizen: Citizen) -> QuerySet[Referral]:
    """The citizen's referrals, newest first, with their deadlines and whether they have a
    course; `with_municipality` gives a page of them their municipality."""
    return (
        Referral.objects.of_municipality(citizen.municipality_id)
        .filter(citizen=citizen)
        .select_related("course")
        .defer(*REFERRAL_LARGE_FIELDS, *_COURSE_BEYOND_ID)
        .prefetch_related(
            Prefetch(
                "deadlines",
                queryset=StoredDeadline.objects.of_municipality(citizen.municipality_id),
            )
        )
        .order_by("-received_on", "-id")
    )


def citizen_courses(citizen: Citizen) -> QuerySet[Course]:
    """The citizen's courses, newest first, with what the list shows of each;
    `with_municipality` gives a page of them their municipality."""
    return (
        Course.objects.of_municipality(citizen.municipality_id)
        .filter(citizen=citizen)
        .select_related("referral", "therapist", "team_class")
        .only(*_COURSE_LIST_FIELDS)
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class TimelineEvent:
    when: datetime.date
    kind: str
    title: str
    detail: str = ""


# The timeline's parts, one per kind of event, in the common columns (date, kind, code, label,
# text, moment, standard date). Written by hand: the ORM's compilation of a seven-part UNION
# cost more CPU than the rest of the citizen page's queries together. `{on}` is the event's
# date where it is a moment (cast to the local date by the database backend's own SQL); every
# part is filtered by the municipality and the citizen, in that order.
_NO_MOMENT = "CAST(NULL AS TIMESTAMP WITH TIME ZONE)"
_NO_DATE = "CAST(NULL AS DATE)"
_TIMELINE_PARTS: tuple[tuple[str, str | None], ...] = (
    (
        "SELECT r.received_on, 'referral', r.service_code, r.source, '', "
        f"{_NO_MOMENT}, COALESCE(r.discharge_on, r.received_on) "
        "FROM courses_referral r WHERE r.municipality_id = %s AND r.citizen_id = %s",
        None,
    ),
    (
        f"SELECT r.decided_on, 'decision', '', r.status, '', {_NO_MOMENT}, {_NO_DATE} "
        "FROM courses_referral r WHERE r.municipality_id = %s AND r.citizen_id = %s "
        "AND r.decided_on IS NOT NULL",
        None,
    ),
    (
        f"SELECT c.start_on, 'course_start', '', '', '', {_NO_MOMENT}, {_NO_DATE} "
        "FROM courses_course c WHERE c.municipality_id = %s AND c.citizen_id = %s "
        "AND c.start_on IS NOT NULL",
        None,
    ),
    (
        f"SELECT c.ended_on, 'course_end', '', '', '', {_NO_MOMENT}, {_NO_DATE} "
        "FROM courses_course c WHERE c.municipality_id = %s AND c.citizen_id = %s "
        "AND c.ended_on IS NOT NULL",
        None,
    ),
    (
        f"SELECT {{on}}, 'session', s.kind, a.status, '', s.starts_at, {_NO_DATE} "
        "FROM courses_attendance a "
        "INNER JOIN courses_course c ON a.course_id = c.id "
        "INNER JOIN courses_session s ON a.session_id = s.id "
        "WHERE c.municipality_id = %s AND c.citizen_id = %s",
        "s.starts_at",
    ),
    (
        f"SELECT {{on}}, 'letter', m.channel, m.state, m.subject, {_NO_MOMENT}, {_NO_DATE} "
        "FROM outbox_outboxmessage m WHERE m.municipality_id = %s AND m.citizen_id = %s",
        "m.created_at",
    ),
    (
        f"SELECT {{on}}, 'note', n.kind, '', '', n.written_at, {_NO_DATE} "
        "FROM courses_clinicalnote n "
        "INNER JOIN citizens_citizen z ON n.citizen_id = z.id "
        "WHERE z.municipality_id = %s AND n.citizen_id = %s",
        "n.written_at",
    ),
)
_TIMELINE_COLUMNS = (
    "event_on",
    "event_kind",
    "event_code",
    "event_label",
    "event_text",
    "event_moment",
    "event_standard_on",
)


def _timeline_union(municipality_id: int, citizen_id: int) -> tuple[str, list[Any]]:
    """The UNION ALL of every part, with its parameters, in the connection's SQL dialect."""
    tzname = timezone.get_default_timezone_name()
    sql_parts, params = [], []
    for template, moment in _TIMELINE_PARTS:
        if moment is None:
            sql_parts.append(template)
        else:
            on, on_params = connection.ops.datetime_cast_date_sql(moment, (), tzname)
            sql_parts.append(template.replace("{on}", on))
            params.extend(on_params)
        params.extend((municipality_id, citizen_id))
    return " UNION ALL ".join(sql_parts), params


def _local_date(value: Any) -> datetime.date | None:
    """A date as the database gives it (SQLite: ISO text)."""
    return datetime.date.fromisoformat(value[:10]) if isinstance(value, str) else value


def _moment(value: Any) -> datetime.datetime | None:
    """A moment as the database gives it (SQLite: naive UTC text)."""
    if isinstance(value, str):
        return datetime.datetime.fromisoformat(value).replace(tzinfo=datetime.UTC)
    return value


class TimelineEvents:
    """Every event of the citizen's history as rows of (date, kind, code, label, text, moment,
    standard date), newest first. Paged like an ordered queryset: `count()` counts in SQL and a
    slice reads that page with LIMIT/OFFSET."""

    ordered = True

    def __init__(self, citizen: Citizen) -> None:
        self.municipality_id = citizen.municipality_id
        self.citizen_id = citizen.pk

    def count(self) -> int:
        union, params = _timeline_union(self.municipality_id, self.citizen_id)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({union}) events", params)
            return int(cursor.fetchone()[0])

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, rows: slice) -> list[dict[str, Any]]:
        start = rows.start or 0
        union, params = _timeline_union(self.municipality_id, self.citizen_id)
        sql = f"{union} ORDER BY 1 DESC, 6 DESC NULLS LAST, 2 ASC LIMIT %s OFFSET %s"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, rows.stop - start, start])
            found = cursor.fetchall()
        events = [dict(zip(_TIMELINE_COLUMNS, row, strict=True)) for row in found]
        for event in events:
            event["event_on"] = _local_date(event["event_on"])
            event["event_standard_on"] = _local_date(event["event_standard_on"])
            event["event_moment"] = _moment(event["event_moment"])
        return events


def timeline_events(citizen: Citizen) -> TimelineEvents:
    """Every event of the citizen's history, newest first, to be paged."""
    return TimelineEvents(citizen)


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


@functools.lru_cache(maxsize=8)
def _choice_labels(language: str | None) -> dict[str, dict[str, str]]:
    """Every choice's label in `language`; the labels are fixed, so they are looked up once per
    language rather than on every page."""
    return {
        "sources": _labels(ReferralSource),
        "statuses": _labels(ReferralStatus),
        "session_kinds": _labels(SessionKind),
        "attendance": _labels(AttendanceStatus),
        "channels": _labels(Channel),
        "states": _labels(MessageState),
        "note_kinds": _labels(NoteKind),
    }


def timeline_rows(rows: list[dict[str, Any]], citizen: Citizen) -> list[TimelineEvent]:
    """The page's rows as events in Danish."""
    labels = _Labels(
        municipality=citizen.municipality, **_choice_labels(translation.get_language())
    )
    return [_EVENTS[row["event_kind"]](row, labels) for row in rows]
