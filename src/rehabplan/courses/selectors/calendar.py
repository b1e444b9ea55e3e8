"""The therapists' calendars: a day or a week of sessions, intake talks, closed days and
absences with the working hours, and the load of every therapist in a week.

Everything is read in Europe/Copenhagen days; one query per kind of row for all the therapists
asked about, so the leader's week of every therapist costs the same handful of queries.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.courses.models import Course, CourseStatus, Session, SessionKind, SessionStatus
from rehabplan.courses.selectors.availability import day_working_minutes
from rehabplan.organisation.models import Absence, ClosedDay, Municipality, Therapist, WorkingHours
from rehabplan.organisation.selectors import active_therapists

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


WORKING_DAYS = 5


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def local_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min), timezone.get_default_timezone()
    )


@dataclass(frozen=True)
class CalendarEntry:
    """One thing in the calendar: a session, or an intake talk (a day, no time)."""

    title: str
    starts_at: datetime.datetime | None = None
    minutes: int = 0
    session: Session | None = None
    course: Course | None = None
    place: str = ""
    people: str = ""
    cancelled: bool = False

    @property
    def ends_at(self) -> datetime.datetime | None:
        if self.starts_at is None:
            return None
        return self.starts_at + datetime.timedelta(minutes=self.minutes)


@dataclass
class CalendarDay:
    day: datetime.date
    hours: tuple[datetime.time, datetime.time] | None = None
    closed: str = ""  # the closed day's reason
    absent: str = ""  # the absence's reason, or "Fravær"
    entries: list[CalendarEntry] = field(default_factory=list)

    @property
    def is_weekend(self) -> bool:
        return self.day.weekday() >= WORKING_DAYS

    @property
    def working_minutes(self) -> int:
        return day_working_minutes(self.hours, closed=bool(self.closed), absent=bool(self.absent))

    @cached_property
    def sessions(self) -> list[CalendarEntry]:
        return [e for e in self.entries if e.session is not None and not e.cancelled]

    @property
    def booked_minutes(self) -> int:
        return sum(entry.minutes for entry in self.sessions)

    @property
    def shown(self) -> bool:
        """Weekends are shown only when something is on them."""
        return not self.is_weekend or bool(self.entries or self.closed)


@dataclass
class TherapistCalendar:
    therapist: Therapist
    days: list[CalendarDay]

    @property
    def shown_days(self) -> list[CalendarDay]:
        return [day for day in self.days if day.shown]

    @property
    def session_count(self) -> int:
        return sum(len(day.sessions) for day in self.days)

    @property
    def booked_hours(self) -> float:
        return sum(day.booked_minutes for day in self.days) / 60

    @property
    def working_hours(self) -> float:
        return sum(day.working_minutes for day in self.days) / 60

    @property
    def over_limit(self) -> bool:
        return self.session_count > self.therapist.max_sessions_per_week

    @property
    def citizen_ids(self) -> set[int]:
        ids = set()
        for day in self.days:
            for entry in day.entries:
                if entry.course is not None:
                    ids.add(entry.course.citizen_id)
                if entry.session is not None:
                    ids |= {a.course.citizen_id for a in entry.session.attendances.all()}
        return ids


def days_shown(calendars: list[TherapistCalendar]) -> list[datetime.date]:
    """The days to show side by side: weekdays, and a weekend day when anyone has it busy."""
    if not calendars:
        return []
    return [
        day.day
        for index, day in enumerate(calendars[0].days)
        if any(calendar.days[index].shown for calendar in calendars)
    ]


def therapists_of(municipality: Municipality | int | None) -> list[Therapist]:
    return list(active_therapists(municipality))


def therapist_calendar(
    *, therapist: Therapist, first_day: datetime.date, days: int
) -> TherapistCalendar:
    """`days` days of one therapist's calendar from `first_day`."""
    return therapist_calendars(therapists=[therapist], first_day=first_day, days=days)[0]


def therapist_calendars(
    *,
    therapists: list[Therapist],
    first_day: datetime.date,
    days: int,
    with_people: bool = True,
) -> list[TherapistCalendar]:
    """The calendars of therapists of one municipality, in the order given. Without people the
    entries name no citizen and the participants are only counted: the leader's overview of every
    therapist shows load, and reading every session's citizens would cost a query row per place."""
    if not therapists:
        return []
    municipality_id = therapists[0].municipality_id
    dates = [first_day + datetime.timedelta(days=n) for n in range(days)]
    last_day = dates[-1]
    closed = dict(
        ClosedDay.objects.filter(
            municipality_id=municipality_id, day__gte=first_day, day__lte=last_day
        ).values_list("day", "reason")
    )
    hours = _working_hours(therapists)
    absences = _absences(therapists, first_day, last_day)
    entries = _entries(municipality_id, therapists, first_day, last_day, with_people=with_people)
    calendars = []
    for therapist in therapists:
        calendar_days = []
        for day in dates:
            calendar_days.append(
                CalendarDay(
                    day=day,
                    hours=hours.get((therapist.pk, day.weekday())),
                    closed=closed.get(day, ""),
                    absent=_absent_on(absences.get(therapist.pk, []), day),
                    entries=sorted(entries.get((therapist.pk, day), []), key=_entry_order),
                )
            )
        calendars.append(TherapistCalendar(therapist, calendar_days))
    return calendars


def _entry_order(entry: CalendarEntry) -> tuple[int, datetime.datetime]:
    # The day's intake talks (no time) first, then the sessions by time.
    if entry.starts_at is None:
        return (0, local_start(datetime.date.min))
    return (1, entry.starts_at)


def _working_hours(
    therapists: list[Therapist],
) -> dict[tuple[int, int], tuple[datetime.time, datetime.time]]:
    rows = WorkingHours.objects.filter(therapist__in=therapists)
    return {(row.therapist_id, row.weekday): (row.starts_at, row.ends_at) for row in rows}


def _absences(
    therapists: list[Therapist], first_day: datetime.date, last_day: datetime.date
) -> dict[int, list[Absence]]:
    found: dict[int, list[Absence]] = defaultdict(list)
    for absence in Absence.objects.filter(
        therapist__in=therapists, first_day__lte=last_day, last_day__gte=first_day
    ):
        found[absence.therapist_id].append(absence)
    return found


def _absent_on(absences: Iterable[Absence], day: datetime.date) -> str:
    for absence in absences:
        if absence.first_day <= day <= absence.last_day:
            return absence.reason or _("Fravær")
    return ""


# What the overview of every therapist's week shows of a session: a week of a large unit is a
# thousand sessions, and each field not read is work not done a thousand times.
OVERVIEW_SESSION_FIELDS = (
    "municipality_id",
    "therapist_id",
    "starts_at",
    "duration_minutes",
    "kind",
    "status",
    "team_class__name",
    "team_class__capacity",
    "location__name",
)


def _entries(
    municipality_id: int,
    therapists: list[Therapist],
    first_day: datetime.date,
    last_day: datetime.date,
    *,
    with_people: bool,
) -> dict[tuple[int, datetime.date], list[CalendarEntry]]:
    found: dict[tuple[int, datetime.date], list[CalendarEntry]] = defaultdict(list)
    sessions = (
        Session.objects.of_municipality(municipality_id)
        .filter(
            therapist__in=therapists,
            starts_at__gte=local_start(first_day),
            starts_at__lt=local_start(last_day + datetime.timedelta(days=1)),
        )
        .select_related("team_class", "location")
        .order_by("starts_at")
    )
    if with_people:
        sessions = sessions.prefetch_related("attendances__course__citizen")
    else:
        sessions = sessions.annotate(participant_count=Count("attendances")).only(
            *OVERVIEW_SESSION_FIELDS
        )
    for session in sessions:
        local = timezone.localtime(session.starts_at)
        found[(session.therapist_id, local.date())].append(_session_entry(session, local))
    talks = (
        Course.objects.of_municipality(municipality_id)
        .filter(therapist__in=therapists)
        .filter(
            Q(status=CourseStatus.AWAITING_START, start_on__gte=first_day, start_on__lte=last_day)
            | Q(intake_on__gte=first_day, intake_on__lte=last_day)
        )
    )
    if with_people:
        talks = talks.select_related("citizen")
    for course in talks:
        day = course.intake_on or course.start_on
        found[(course.therapist_id, day)].append(_intake_entry(course, with_people=with_people))
    return found


def _session_place(session: Session) -> str:
    if session.kind == SessionKind.HOME:
        return _("I borgerens hjem")
    if session.kind == SessionKind.VIDEO:
        return _("Video")
    return session.location.name if session.location else ""


def _session_entry(session: Session, local: datetime.datetime) -> CalendarEntry:
    counted = getattr(session, "participant_count", None)
    attendances = list(session.attendances.all()) if counted is None else []
    if session.kind == SessionKind.TEAM:
        title = _("Hold: %(name)s") % {"name": session.team_class.name}
        people = _("%(count)d af %(capacity)d pladser") % {
            "count": len(attendances) if counted is None else counted,
            "capacity": session.team_class.capacity,
        }
    else:
        # The label as a plain string: `get_kind_display` per session costs more than the rest
        # of the entry in a week of a hundred therapists.
        title = str(SessionKind(session.kind).label)
        people = ", ".join(a.course.citizen.full_name for a in attendances)
    return CalendarEntry(
        title=title,
        starts_at=local,
        minutes=session.duration_minutes,
        session=session,
        place=_session_place(session),
        people=people,
        cancelled=session.status == SessionStatus.CANCELLED,
    )


def _intake_entry(course: Course, *, with_people: bool) -> CalendarEntry:
    held = course.intake_on is not None
    title = _("Opstartssamtale (holdt)") if held else _("Opstartssamtale (planlagt)")
    people = course.citizen.full_name if with_people else ""
    return CalendarEntry(title=title, course=course, people=people)


def calendar_therapist_for(*, user: User, therapist_id: int | None) -> Therapist:
    """Whose calendar the user may see: a leader (who plans) any active therapist of her
    municipality, a therapist only her own."""
    own = getattr(user, "therapist", None)
    may_choose = user.has_perm("courses.plan_courses")
    if therapist_id is None or (own is not None and therapist_id == own.pk):
        if own is not None and own.municipality_id == user.municipality_id:
            return own
        if not may_choose:
            raise PermissionDenied(_("Din bruger er ikke knyttet til en terapeut."))
        first = next(iter(therapists_of(user.municipality_id)), None)
        if first is None:
            raise Http404(_("Kommunen har ingen aktive terapeuter."))
        return first
    if not may_choose:
        raise PermissionDenied(_("Du kan kun se din egen kalender."))
    try:
        return Therapist.objects.get(pk=therapist_id, municipality_id=user.municipality_id)
    except Therapist.DoesNotExist:
        raise Http404(_("Terapeuten findes ikke.")) from None
