"""Sessions (træningsgange): a course's sessions, booking, cancelling and documenting attendance.

Every change goes through the same services as the web's booking and documentation screens, so
the standard's caps, the class's seats and the calendar locks apply alike."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field, field_validator

from rehabplan.api.auth import require
from rehabplan.api.errors import Conflict, fields_named
from rehabplan.api.moments import Moment, local
from rehabplan.api.pagination import PageParams
from rehabplan.api.problems import problem_responses
from rehabplan.api.schemas import Day, In, ObjectId, PathId
from rehabplan.api.v1.course_pages import course_page
from rehabplan.api.v1.references import (
    LocationRef,
    TeamClassRef,
    TherapistRef,
    named_ref,
    therapist_ref,
)
from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    ContactType,
    MeasurementPhase,
    Session,
    SessionKind,
    SessionStatus,
)
from rehabplan.courses.models.notes import NOTE_MAX_LENGTH
from rehabplan.courses.selectors.course import (
    attendance_get,
    course_get,
    course_sessions,
    session_get,
)
from rehabplan.courses.services.sessions import (
    DOCUMENTED_STATUSES,
    BookingNeedsConfirmation,
    ParticipantEntry,
    attendance_cancel_by_citizen,
    session_book,
    session_cancel_by_therapist,
    session_document,
)
from rehabplan.organisation.selectors import (
    active_locations,
    active_team_classes,
    active_therapists,
)

router = Router()
VIEW = "courses.view_course"
DOCUMENT = "courses.document_course"
# A team session has at most a class's seats; no documentation has more rows than this.
MAX_ENTRIES = 200
# Outcome test values are stored with 8 digits, 2 of them decimals.
MAX_TEST_VALUE = 999_999


class SessionBrief(Schema):
    id: int
    kind: SessionKind
    contact_type: ContactType
    status: SessionStatus
    starts_at: datetime.datetime = Field(description="Starttidspunkt i dansk tid med forskydning")
    duration_minutes: int
    therapist: TherapistRef
    location: LocationRef | None
    team_class: TeamClassRef | None
    replaces_session_id: int | None = Field(description="Den aflyste aftale, denne erstatter")


class CourseSession(Schema):
    """The course's place in one session and what became of it."""

    attendance_id: int = Field(description="Borgerens plads på aftalen (til afbud og fremmøde)")
    attendance_status: AttendanceStatus
    has_replacement: bool = Field(description="Sand når en aflyst aftale er booket igen")
    session: SessionBrief


class CourseSessionPage(Schema):
    items: list[CourseSession]
    next_cursor: str | None


class Participant(Schema):
    attendance_id: int
    course_id: int
    citizen_id: int
    citizen_name: str
    status: AttendanceStatus


class SessionOut(SessionBrief):
    participants: list[Participant]


class BookingIn(In):
    kind: SessionKind
    starts_at: Moment = Field(
        description="Tidspunkt med tidszone; ved holdtræning bruges holdets tid den dag"
    )
    duration_minutes: int = Field(45, ge=15, le=240)
    therapist_id: ObjectId | None = Field(None, description="Tom: forløbets faste terapeut")
    team_class_id: ObjectId | None = Field(None, description="Tom: forløbets hold")
    location_id: ObjectId | None = None
    replaces_session_id: ObjectId | None = Field(
        None, description="Den aflyste aftale, bookingen erstatter"
    )
    confirm: bool = Field(
        False,
        description="Book trods standardens advarsler (svar 409 viser dem, send så igen med true)",
    )


class TherapistCancellationIn(In):
    reason: str = Field(min_length=1, max_length=300, description="Hvorfor aftalen aflyses")
    replacement_starts_at: Moment | None = Field(
        None, description="Book erstatningstiden med det samme for alle berørte deltagere"
    )


class CancellationOut(Schema):
    session: SessionBrief
    replacement: SessionBrief | None
    replacement_required: bool = Field(description="Standarden lover en erstatningstid")
    affected_attendance_ids: list[int]
    rule_text: str = Field(description="Standardens regel for aflysning, i ord")


class CitizenCancellationIn(In):
    cancelled_at: Moment | None = Field(
        None, description="Hvornår afbuddet kom; tom: nu. Rettidigt eller for sent følger heraf"
    )


class AttendanceOut(Schema):
    id: int
    session_id: int
    course_id: int
    status: AttendanceStatus
    recorded_at: datetime.datetime | None


DocumentedStatus = Literal[tuple(str(status) for status in DOCUMENTED_STATUSES)]  # type: ignore[valid-type]


class EntryIn(In):
    attendance_id: ObjectId
    status: DocumentedStatus = Field(  # type: ignore[valid-type]
        description="Fremmøde; cancelled_by_citizen kræver cancelled_at og giver rettidigt "
        "eller for sent afbud efter standarden"
    )
    note: str = Field("", max_length=NOTE_MAX_LENGTH, description="Kort træningsnotat")
    test_value: float | None = Field(
        None,
        ge=-MAX_TEST_VALUE,
        le=MAX_TEST_VALUE,
        allow_inf_nan=False,
        description="Resultat af testen i test_code, i testens enhed",
    )
    cancelled_at: Moment | None = None


class DocumentationIn(In):
    entries: list[EntryIn] = Field(min_length=1, max_length=MAX_ENTRIES)
    test_code: str = Field("", max_length=40, description="Testen, resultaterne gælder")
    phase: MeasurementPhase = MeasurementPhase.DURING
    measured_on: Day | None = Field(None, description="Testdato; tom: aftalens dag")

    @field_validator("entries")
    @classmethod
    def _each_participant_once(cls, entries: list[EntryIn]) -> list[EntryIn]:
        ids = [entry.attendance_id for entry in entries]
        if len(ids) != len(set(ids)):
            raise ValueError("Hver deltager må kun stå én gang.")
        return entries


class DocumentationOut(Schema):
    session_id: int
    session_status: SessionStatus
    changed_attendance_ids: list[int]
    note_ids: list[int]
    measurement_ids: list[int]
    proposed_for_ending_course_ids: list[int] = Field(
        description="Forløb, der er foreslået afsluttet efter standardens regel om udeblivelser"
    )


def session_brief(session: Session) -> dict[str, Any]:
    return {
        "id": session.pk,
        "kind": session.kind,
        "contact_type": session.contact_type,
        "status": session.status,
        "starts_at": local(session.starts_at),
        "duration_minutes": session.duration_minutes,
        "therapist": therapist_ref(session.therapist),
        "location": named_ref(session.location),
        "team_class": named_ref(session.team_class),
        "replaces_session_id": session.replaces_id,
    }


def course_session(attendance: Attendance, *, has_replacement: bool = False) -> dict[str, Any]:
    return {
        "attendance_id": attendance.pk,
        "attendance_status": attendance.status,
        "has_replacement": getattr(attendance, "has_replacement", has_replacement),
        "session": session_brief(attendance.session),
    }


# The service's names for what a booking names by id.
BOOKING_FIELDS = {
    "therapist": "therapist_id",
    "team_class": "team_class_id",
    "location": "location_id",
    "replaces": "replaces_session_id",
}


def _chosen(queryset: QuerySet, pk: int | None, field: str) -> Model | None:
    """An id from the body among the choices the booking form offers, else a Danish 422."""
    if pk is None:
        return None
    found = queryset.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [_("Vælg en gyldig mulighed fra kommunens egne.")]})
    return found


@router.get(
    "/courses/{course_id}/sessions",
    response={200: CourseSessionPage, **problem_responses(400, 401, 403, 404, 422, 429)},
    summary="Forløbets aftaler, side for side",
    description="Aftalerne i den rækkefølge, de er booket. Visningen logges på borgeren.",
)
def list_course_sessions(request: HttpRequest, course_id: PathId, page: PageParams):
    return course_page(
        request,
        course_id,
        page,
        listing="sessions",
        rows=course_sessions,
        item=course_session,
        summary=_("Forløbets aftaler vist via API"),
    )


@router.post(
    "/courses/{course_id}/sessions",
    response={201: CourseSession, **problem_responses(400, 401, 403, 404, 409, 422, 429)},
    summary="Book en aftale i forløbet",
    description="Standardens loft og bevillingen afviser (422); standardens advarsler giver 409, "
    "indtil bookingen sendes igen med `confirm: true`. En holdtræning tager en plads på holdets "
    "træning den dag.",
)
def book_session(request: HttpRequest, course_id: PathId, booking: BookingIn):
    user = require(request, DOCUMENT)
    course = course_get(user=user, course_id=course_id)
    municipality = course.municipality_id
    replaces = None
    if booking.replaces_session_id is not None:
        replaces = session_get(user=user, session_id=booking.replaces_session_id)
    try:
        with fields_named(BOOKING_FIELDS):
            session = session_book(
                user=user,
                course=course,
                kind=booking.kind,
                starts_at=booking.starts_at,
                therapist=_chosen(
                    active_therapists(municipality), booking.therapist_id, "therapist_id"
                ),
                location=_chosen(
                    active_locations(municipality), booking.location_id, "location_id"
                ),
                duration_minutes=booking.duration_minutes,
                team_class=_chosen(
                    active_team_classes(municipality), booking.team_class_id, "team_class_id"
                ),
                replaces=replaces,
                confirmed=booking.confirm,
            )
    except BookingNeedsConfirmation as warning:
        raise Conflict(
            _("Bookingen skal bekræftes: %(warnings)s Send igen med confirm: true.")
            % {"warnings": " ".join(warning.messages)}
        ) from None
    attendance = course.attendances.select_related(
        "session__therapist", "session__location", "session__team_class"
    ).get(session=session)
    return Status(201, course_session(attendance))


@router.get(
    "/sessions/{session_id}",
    response={200: SessionOut, **problem_responses(401, 403, 404, 422, 429)},
    summary="Én aftale med deltagere",
    description="Deltagerne med deres plads (attendance_id) til dokumentation af fremmøde. "
    "Visningen logges på hver deltager.",
)
def get_session(request: HttpRequest, session_id: PathId):
    user = require(request, VIEW)
    session = session_get(user=user, session_id=session_id, purpose=_("Aftale vist via API"))
    attendances = session.attendances.select_related("course__citizen").order_by("id")
    return {
        **session_brief(session),
        "participants": [
            {
                "attendance_id": attendance.pk,
                "course_id": attendance.course_id,
                "citizen_id": attendance.course.citizen_id,
                "citizen_name": attendance.course.citizen.full_name,
                "status": attendance.status,
            }
            for attendance in attendances
        ],
    }


@router.post(
    "/sessions/{session_id}/cancel",
    response={200: CancellationOut, **problem_responses(400, 401, 403, 404, 422, 429)},
    summary="Aflys aftalen (terapeutens aflysning)",
    description="Alle bookede deltagere får aflysningen; en erstatningstid kan bookes med det "
    "samme.",
)
def cancel_session(request: HttpRequest, session_id: PathId, cancellation: TherapistCancellationIn):
    user = require(request, DOCUMENT)
    session = session_get(user=user, session_id=session_id)
    # A refusal of the replacement (the therapist busy, the citizen booked) is about its time.
    with fields_named({"therapist": "replacement_starts_at", "starts_at": "replacement_starts_at"}):
        result = session_cancel_by_therapist(
            user=user,
            session=session,
            reason=cancellation.reason,
            replacement_starts_at=cancellation.replacement_starts_at,
        )
    return {
        "session": session_brief(result.session),
        "replacement": session_brief(result.replacement) if result.replacement else None,
        "replacement_required": result.replacement_required,
        "affected_attendance_ids": [attendance.pk for attendance in result.affected],
        "rule_text": result.rule_text,
    }


@router.post(
    "/attendances/{attendance_id}/cancel",
    response={200: AttendanceOut, **problem_responses(400, 401, 403, 404, 422, 429)},
    summary="Registrér borgerens afbud",
    description="Rettidigt eller for sent afgøres af kvalitetsstandardens afbudsregel.",
)
def cancel_attendance(
    request: HttpRequest, attendance_id: PathId, cancellation: CitizenCancellationIn
):
    user = require(request, DOCUMENT)
    attendance = attendance_get(user=user, attendance_id=attendance_id)
    attendance_cancel_by_citizen(
        user=user,
        attendance=attendance,
        cancelled_at=cancellation.cancelled_at or timezone.now(),
    )
    return attendance_out(attendance)


def attendance_out(attendance: Attendance) -> dict[str, Any]:
    return {
        "id": attendance.pk,
        "session_id": attendance.session_id,
        "course_id": attendance.course_id,
        "status": attendance.status,
        "recorded_at": local(attendance.recorded_at) if attendance.recorded_at else None,
    }


@router.post(
    "/sessions/{session_id}/documentation",
    response={200: DocumentationOut, **problem_responses(400, 401, 403, 404, 422, 429)},
    summary="Dokumentér fremmøde, notater og testresultater for aftalen",
    description="Som webbens dokumentationsskærm: én række pr. deltager, gemt samlet. Mødt og "
    "udeblevet kan først registreres fra aftalens start.",
)
def document_session(request: HttpRequest, session_id: PathId, documentation: DocumentationIn):
    user = require(request, DOCUMENT)
    session = session_get(user=user, session_id=session_id)
    result = session_document(
        user=user,
        session=session,
        entries=[ParticipantEntry(**entry.dict()) for entry in documentation.entries],
        test_code=documentation.test_code,
        phase=documentation.phase,
        measured_on=documentation.measured_on,
    )
    return {
        "session_id": session.pk,
        "session_status": result.session.status,
        "changed_attendance_ids": [attendance.pk for attendance in result.changed],
        "note_ids": [note.pk for note in result.notes],
        "measurement_ids": [measurement.pk for measurement in result.measurements],
        "proposed_for_ending_course_ids": [course.pk for course in result.proposed_for_ending],
    }
