"""What a logged-in citizen may read: their own appointments, letters, plans and goals.

Every read starts from the citizen's municipality and is narrowed to the citizen; a team session
is shown as the citizen's own place in it, never with the other participants.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.citizens.models import Citizen
from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    ContactType,
    Course,
    CourseStatus,
    Goal,
    SessionKind,
    SessionStatus,
)
from rehabplan.homeprogrammes.models import HomeProgramme
from rehabplan.homeprogrammes.selectors import (
    ProgrammeItem,
    WeekRow,
    adherence_weeks,
    current_programme,
    programme_items,
)
from rehabplan.homeprogrammes.services import adherence_open
from rehabplan.outbox.models import Channel, OutboxMessage, RecipientKind

# Attendances the citizen sees as coming up: booked, and the ones cancelled, so a cancellation
# just made stays in view with what it became.
UPCOMING_STATUSES = (
    AttendanceStatus.BOOKED,
    AttendanceStatus.CANCELLED_IN_TIME,
    AttendanceStatus.CANCELLED_LATE,
    AttendanceStatus.CANCELLED_BY_THERAPIST,
)
SHOWN_COURSE_STATUSES = (
    CourseStatus.AWAITING_START,
    CourseStatus.ACTIVE,
    CourseStatus.PROPOSED_FOR_ENDING,
    CourseStatus.CLOSED,
)


@dataclass(frozen=True)
class Appointment:
    """One of the citizen's appointments as the self-service shows it."""

    attendance: Attendance
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    what: str
    place: str
    therapist_first_name: str
    can_cancel: bool
    state_text: str  # what became of it, in the citizen's words; empty while booked


def citizen_attendances(citizen: Citizen) -> QuerySet[Attendance]:
    return (
        Attendance.objects.of_municipality(citizen.municipality_id)
        .filter(course__citizen=citizen)
        .select_related(
            "session__therapist",
            "session__location",
            "session__team_class__location",
            "course__municipality",
            "course__referral",
        )
    )


def upcoming_appointments(
    citizen: Citizen, now: datetime.datetime | None = None
) -> list[Appointment]:
    now = now or timezone.now()
    attendances = (
        citizen_attendances(citizen)
        .filter(session__starts_at__gte=now, status__in=UPCOMING_STATUSES)
        .order_by("session__starts_at", "pk")
    )
    return [appointment(attendance, now) for attendance in attendances]


def citizen_attendance(citizen: Citizen, attendance_id: int) -> Attendance | None:
    """One of the citizen's own attendances, or None (another citizen's, or none at all)."""
    return citizen_attendances(citizen).filter(pk=attendance_id).first()


def appointment(attendance: Attendance, now: datetime.datetime | None = None) -> Appointment:
    now = now or timezone.now()
    session = attendance.session
    return Appointment(
        attendance=attendance,
        starts_at=session.starts_at,
        ends_at=session.starts_at + datetime.timedelta(minutes=session.duration_minutes),
        what=_what(session),
        place=_place(session),
        therapist_first_name=(session.therapist.name.split() or [""])[0],
        can_cancel=is_cancellable(attendance, now),
        state_text=_state_text(attendance),
    )


def _state_text(attendance: Attendance) -> str:
    # The staff's labels ("Afbud fra borger (rettidigt)") said as to the citizen.
    if attendance.status == AttendanceStatus.CANCELLED_IN_TIME:
        return _("Du har meldt afbud i god tid.")
    if attendance.status == AttendanceStatus.CANCELLED_LATE:
        return _("Du har meldt afbud for sent. Gangen tæller som brugt.")
    if (
        attendance.status == AttendanceStatus.CANCELLED_BY_THERAPIST
        or attendance.session.status == SessionStatus.CANCELLED
    ):
        return _("Aflyst af træningsenheden.")
    return ""


def is_cancellable(attendance: Attendance, now: datetime.datetime) -> bool:
    """A citizen may cancel a booked place in a planned session that has not begun."""
    return (
        attendance.status == AttendanceStatus.BOOKED
        and attendance.session.status == SessionStatus.PLANNED
        and attendance.session.starts_at > now
    )


def _what(session) -> str:
    if session.kind == SessionKind.TEAM and session.team_class is not None:
        return _("Holdtræning: %(team)s") % {"team": session.team_class.name}
    return {
        SessionKind.INDIVIDUAL: _("Træning med din terapeut"),
        SessionKind.TEAM: _("Holdtræning"),
        SessionKind.HOME: _("Træning hjemme hos dig"),
        SessionKind.VIDEO: _("Træning over video"),
    }.get(session.kind, str(session.get_kind_display()))


def _place(session) -> str:
    location = session.location or (
        session.team_class.location if session.team_class is not None else None
    )
    if location is not None:
        return f"{location.name}, {location.address}, {location.postcode} {location.city}".strip(
            ", "
        )
    if session.contact_type == ContactType.HOME:
        return _("Hjemme hos dig")
    if session.contact_type == ContactType.VIDEO:
        return _("Over video")
    return _("Træningsenheden giver dig besked")


def citizen_letters(citizen: Citizen) -> QuerySet[OutboxMessage]:
    """Letters to the citizen themselves (not to their doctor or relatives), not text messages."""
    return (
        OutboxMessage.objects.of_municipality(citizen.municipality_id)
        .filter(citizen=citizen, recipient_kind=RecipientKind.CITIZEN)
        .exclude(channel=Channel.SMS)
        .defer("document", "body_text")
        .annotate(
            has_document=ExpressionWrapper(Q(document__isnull=False), output_field=BooleanField())
        )
        .order_by("-created_at", "-pk")
    )


def citizen_letter(citizen: Citizen, message_id: int) -> OutboxMessage | None:
    return (
        OutboxMessage.objects.of_municipality(citizen.municipality_id)
        .filter(citizen=citizen, recipient_kind=RecipientKind.CITIZEN, pk=message_id)
        .exclude(channel=Channel.SMS)
        .first()
    )


def citizen_courses(citizen: Citizen) -> list[Course]:
    """The citizen's courses with their goals, the running ones first."""
    goals = Goal.objects.of_municipality(citizen.municipality_id).prefetch_related("evaluations")
    courses = (
        Course.objects.of_municipality(citizen.municipality_id)
        .filter(citizen=citizen, status__in=SHOWN_COURSE_STATUSES)
        .select_related("therapist", "municipality", "referral")
        .prefetch_related(Prefetch("goals", queryset=goals))
        .order_by("-created_at", "-pk")
    )
    return sorted(courses, key=lambda course: course.status == CourseStatus.CLOSED)


@dataclass(frozen=True)
class CitizenProgramme:
    """A course's current home programme as the citizen sees it, with the weeks trained."""

    course: Course
    programme: HomeProgramme
    items: list[ProgrammeItem]
    weeks: list[WeekRow]
    can_record: bool


def citizen_programmes(citizen: Citizen) -> list[CitizenProgramme]:
    """The current programme of each of the citizen's courses that has one."""
    result = []
    today = timezone.localdate()
    for course in citizen_courses(citizen):
        programme = current_programme(course)
        if programme is None:
            continue
        result.append(
            CitizenProgramme(
                course=course,
                programme=programme,
                items=programme_items(programme),
                weeks=adherence_weeks(course, programme, today)[:2],
                can_record=adherence_open(course, today),
            )
        )
    return result


def citizen_programme(citizen: Citizen, programme_id: int) -> HomeProgramme | None:
    """One programme version of the citizen's own courses, or None."""
    return (
        HomeProgramme.objects.of_municipality(citizen.municipality_id)
        .filter(course__citizen=citizen, course__status__in=SHOWN_COURSE_STATUSES)
        .select_related("course__citizen", "course__municipality")
        .filter(pk=programme_id)
        .first()
    )


def citizen_course(citizen: Citizen, course_id: int) -> Course | None:
    return (
        Course.objects.of_municipality(citizen.municipality_id)
        .filter(citizen=citizen, status__in=SHOWN_COURSE_STATUSES, pk=course_id)
        .first()
    )
