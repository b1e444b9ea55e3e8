"""Booking sessions against the standard's extent, and documenting what became of them.

Which attendances use up the extent: booked, attended, late cancellations and no-shows. A
cancellation in time or by the therapist gives the session back, so a replacement can be booked.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rehabplan import rules
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.course_rules import (
    attendance_rules,
    engine_extent,
    granted_extent,
    standard_date,
)
from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    ClinicalNote,
    ContactType,
    Course,
    CourseStatus,
    MeasurementPhase,
    NoteKind,
    Session,
    SessionKind,
    SessionStatus,
)
from rehabplan.courses.services.booking.citizen_time import check_citizen_free
from rehabplan.courses.services.booking.locks import lock_calendar
from rehabplan.courses.services.booking.occurrences import check_seat, team_occurrence
from rehabplan.courses.services.booking.therapist_time import check_therapist_free
from rehabplan.courses.services.course_state import course_propose_ending
from rehabplan.courses.services.measurements import check_measurement, measurement_record
from rehabplan.formats.text import clock_text, moment_text
from rehabplan.messaging.reminders.changes import queue_cancellation_messages
from rehabplan.organisation.standards import installation_registry
from rehabplan.rules.danish import long_date

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.organisation.models import Location, TeamClass, Therapist

COUNTED_STATUSES = (
    AttendanceStatus.BOOKED,
    AttendanceStatus.ATTENDED,
    AttendanceStatus.CANCELLED_LATE,
    AttendanceStatus.NO_SHOW,
)
BOOKABLE_COURSE_STATUSES = (CourseStatus.AWAITING_START, CourseStatus.ACTIVE)
MODE_BY_KIND = {
    SessionKind.INDIVIDUAL: "individual",
    SessionKind.TEAM: "team",
    SessionKind.HOME: "home",
    SessionKind.VIDEO: "video",
}
CONTACT_BY_KIND = {
    SessionKind.INDIVIDUAL: ContactType.CENTRE,
    SessionKind.TEAM: ContactType.CENTRE,
    SessionKind.HOME: ContactType.HOME,
    SessionKind.VIDEO: ContactType.VIDEO,
}
PROFESSION_NAMES = {
    "PT": "fysioterapeut",
    "OT": "ergoterapeut",
    "SYG": "sygeplejerske",
    "DIAET": "diætist",
}
# A citizen's cancellation of a documented session is given with its time; the status follows.
CANCELLED_BY_CITIZEN = "cancelled_by_citizen"
DOCUMENTED_STATUSES = (
    AttendanceStatus.BOOKED,
    AttendanceStatus.ATTENDED,
    AttendanceStatus.CANCELLED_IN_TIME,
    AttendanceStatus.CANCELLED_LATE,
    AttendanceStatus.CANCELLED_BY_THERAPIST,
    AttendanceStatus.NO_SHOW,
    CANCELLED_BY_CITIZEN,
)


@dataclass(frozen=True)
class BookingCheck:
    """The engine's plan check of the course's sessions plus the new one, and the grant's."""

    blocks: tuple[str, ...]
    warnings: tuple[str, ...]
    sessions_after_booking: int
    extent_text: str
    standard_version: str

    @property
    def ok(self) -> bool:
        return not self.blocks


class BookingBlocked(ValidationError):
    """The standard or the grant forbids the booking; the messages say why."""

    def __init__(self, check: BookingCheck) -> None:
        super().__init__(list(check.blocks))
        self.check = check


class BookingNeedsConfirmation(ValidationError):
    """The booking is allowed but the standard says it is worth a second look."""

    def __init__(self, check: BookingCheck) -> None:
        super().__init__(list(check.warnings))
        self.check = check


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def counted_attendances(course: Course):
    return course.attendances.filter(status__in=COUNTED_STATUSES).select_related(
        "session__therapist"
    )


def sessions_used(course: Course) -> int:
    return counted_attendances(course).count()


def booking_check(
    *,
    course: Course,
    kind: str,
    starts_at: datetime.datetime,
    therapist: Therapist,
    team_participants: int | None = None,
) -> BookingCheck:
    """Would one more session keep the course inside the standard and the grant?
    `team_participants` is the class's size after this booking, checked against the standard."""
    existing = list(counted_attendances(course))
    days = sorted([local_day(a.session.starts_at) for a in existing] + [local_day(starts_at)])
    professions = {a.session.therapist.profession for a in existing}
    if therapist is not None:
        professions.add(therapist.profession)
    if course.therapist is not None:
        professions.add(course.therapist.profession)
    # Three sessions a week need both professions (Varde); the engine decides from this fact.
    facts = {"needs_pt_and_ot": True} if {"PT", "OT"} <= professions else {}
    start = min([*days, *([course.start_on] if course.start_on else [])])
    plan: dict[str, Any] = {
        "start": start,
        "end": max(days),
        "sessions": days,
        "mode": MODE_BY_KIND[kind],
        "professions": sorted(PROFESSION_NAMES[p] for p in professions if p in PROFESSION_NAMES),
    }
    if not existing and course.referral is not None:
        # The first session is the start: the engine checks it against the start rules.
        events = {k: v for k, v in course.referral.event_dates.items() if v is not None}
        if events:
            plan["events"] = events
    result = rules.plan_check(
        installation_registry(),
        course.municipality.slug,
        course.service_code,
        on=standard_date(course),
        facts=facts,
        plan=plan,
    )
    blocks = [v.text for v in result.violations if v.severity == "block"]
    warnings = [v.text for v in result.violations if v.severity == "warn"]
    if team_participants is not None:
        scope = engine_extent(course, facts=facts)
        if scope.team_size_max is not None and team_participants > scope.team_size_max:
            warnings.append(
                _("Holdet får %(count)d deltagere; standarden beskriver hold med %(min)d-%(max)d.")
                % {
                    "count": team_participants,
                    "min": scope.team_size_min or 1,
                    "max": scope.team_size_max,
                }
            )
    grant = granted_extent(course)
    if grant.from_decision:
        if grant.max_sessions is not None and len(days) > grant.max_sessions:
            blocks.append(
                ngettext(
                    "Bevillingen er på %(max)d gang; aftalen ville være nr. %(count)d.",
                    "Bevillingen er på %(max)d gange; aftalen ville være nr. %(count)d.",
                    grant.max_sessions,
                )
                % {"max": grant.max_sessions, "count": len(days)}
            )
        if grant.period_end is not None and local_day(starts_at) > grant.period_end:
            warnings.append(
                _("Aftalen ligger efter bevillingsperiodens slut %s.") % long_date(grant.period_end)
            )
    return BookingCheck(
        tuple(blocks), tuple(warnings), len(days), grant.text, result.standard_version
    )


@dataclass
class _Reservation:
    """The session a booking takes a place in, held under the calendar locks."""

    session: Session
    takes_therapist_time: bool
    team_participants: int | None = None


@transaction.atomic
def session_book(
    *,
    user: User,
    course: Course,
    kind: str,
    starts_at: datetime.datetime,
    therapist: Therapist | None = None,
    location: Location | None = None,
    duration_minutes: int | None = None,
    team_class: TeamClass | None = None,
    replaces: Session | None = None,
    confirmed: bool = False,
) -> Session:
    """Book one session for the course. Blocks what the standard forbids; asks for confirmation
    (BookingNeedsConfirmation) where the standard only warns, unless `confirmed`."""
    _check_bookable(course)
    therapist, team_class = _booking_parties(
        course, kind, starts_at, therapist, location, team_class
    )
    if kind == SessionKind.TEAM and team_class is not None:
        reservation = _reserve_team_seat(course, team_class, therapist, starts_at)
        starts_at = reservation.session.starts_at
    else:
        reservation = _reserve_own_session(
            course, kind, therapist, location, starts_at, duration_minutes, replaces
        )
    session = reservation.session
    _check_calendars_free(course, reservation)
    check = booking_check(
        course=course,
        kind=kind,
        starts_at=starts_at,
        therapist=therapist,
        team_participants=reservation.team_participants,
    )
    if check.blocks:
        raise BookingBlocked(check)
    if check.warnings and not confirmed:
        raise BookingNeedsConfirmation(check)
    if session.pk is None:
        session.save()
    Attendance.objects.create(session=session, course=course)
    _audit_booking(user, course, session, starts_at, check)
    return session


def _check_bookable(course: Course) -> None:
    if course.status not in BOOKABLE_COURSE_STATUSES:
        raise ValidationError(
            _("Der kan ikke bookes aftaler i et forløb med status '%s'.")
            % course.get_status_display(),
            code="course_not_open",
        )


def _booking_parties(
    course: Course,
    kind: str,
    starts_at: datetime.datetime,
    therapist: Therapist | None,
    location: Location | None,
    team_class: TeamClass | None,
) -> tuple[Therapist, TeamClass | None]:
    """The therapist (and for a team session the class) of the booking, all of the course's
    municipality; the course's own where none is chosen."""
    errors: dict[str, list[str]] = {}
    if kind not in SessionKind.values:
        errors["kind"] = [_("Vælg individuel, hold, hjemme eller video.")]
    if timezone.is_naive(starts_at):
        errors["starts_at"] = [_("Tidspunktet mangler tidszone.")]
    therapist = therapist or course.therapist
    if kind == SessionKind.TEAM:
        team_class = team_class or course.team_class
        if team_class is None:
            errors["team_class"] = [_("Vælg det hold, borgeren skal deltage på.")]
        else:
            therapist = therapist or team_class.therapist
    if therapist is None:
        errors["therapist"] = [_("Vælg terapeuten for aftalen.")]
    for name, item in (
        ("therapist", therapist),
        ("location", location),
        ("team_class", team_class),
    ):
        if item is not None and item.municipality_id != course.municipality_id:
            errors[name] = [_("Hører til en anden kommune.")]
    if errors or therapist is None:
        raise ValidationError(errors)
    return therapist, team_class


def _reserve_team_seat(
    course: Course, team_class: TeamClass, therapist: Therapist, starts_at: datetime.datetime
) -> _Reservation:
    day = local_day(starts_at)
    if day.weekday() not in team_class.weekdays:
        raise ValidationError(
            {
                "starts_at": [
                    _("Holdet %(team)s træner %(weekday)s; %(day)s er en anden ugedag.")
                    % {
                        "team": team_class.name,
                        "weekday": team_class.weekdays_display,
                        "day": long_date(day),
                    }
                ]
            }
        )
    # Lock order: the class, then the therapist, then the citizen (see booking.locks).
    lock_calendar(team_class_ids=[team_class.pk])
    session, created = team_occurrence(team_class=team_class, day=day, therapist=therapist)
    # A new occurrence takes the therapist's time; a seat in an existing one does not, so
    # joining a class waits only for the class, not for the therapist's other bookings.
    lock_calendar(
        therapist_ids=[session.therapist_id] if created else [],
        citizen_ids=[course.citizen_id],
    )
    participants = check_seat(session=session, team_class=team_class, course=course)
    return _Reservation(session, takes_therapist_time=created, team_participants=participants)


def _reserve_own_session(
    course: Course,
    kind: str,
    therapist: Therapist,
    location: Location | None,
    starts_at: datetime.datetime,
    duration_minutes: int | None,
    replaces: Session | None,
) -> _Reservation:
    lock_calendar(therapist_ids=[therapist.pk], citizen_ids=[course.citizen_id])
    session = Session(
        municipality=course.municipality,
        kind=kind,
        contact_type=CONTACT_BY_KIND[kind],
        therapist=therapist,
        location=location,
        starts_at=starts_at,
        duration_minutes=duration_minutes or 45,
        # A team booking takes a seat in the class's own occurrence instead.
        replaces=replaces,
    )
    return _Reservation(session, takes_therapist_time=True)


def _check_calendars_free(course: Course, reservation: _Reservation) -> None:
    session = reservation.session
    check_citizen_free(
        citizen_id=course.citizen_id,
        starts_at=session.starts_at,
        minutes=session.duration_minutes,
        counted_statuses=COUNTED_STATUSES,
        exclude_session_pk=session.pk,
    )
    if reservation.takes_therapist_time:
        check_therapist_free(
            therapist=session.therapist,
            starts_at=session.starts_at,
            minutes=session.duration_minutes,
            exclude_pk=session.pk,
        )


def _audit_booking(
    user: User,
    course: Course,
    session: Session,
    starts_at: datetime.datetime,
    check: BookingCheck,
) -> None:
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=course.citizen,
        target=session,
        summary=_("%(kind)s booket %(when)s (%(count)d. gang)")
        % {
            "kind": session.get_kind_display(),
            "when": moment_text(starts_at),
            "count": check.sessions_after_booking,
        },
        changes={"warnings_confirmed": list(check.warnings)} if check.warnings else None,
    )


def cancellation_status(*, course: Course, session: Session, cancelled_at: datetime.datetime):
    """In time or late, as the standard defines a citizen's cancellation; with the reason."""
    rule = attendance_rules(course)
    session_day = local_day(session.starts_at)
    if cancelled_at >= session.starts_at:
        return AttendanceStatus.CANCELLED_LATE, _("Afbuddet kom efter aftalens start.")
    if rule.citizen_cancellation == "day_before":
        if local_day(cancelled_at) < session_day:
            return AttendanceStatus.CANCELLED_IN_TIME, _(
                "Afbuddet kom senest dagen før, som standarden kræver."
            )
        return AttendanceStatus.CANCELLED_LATE, _(
            "Standarden kræver afbud senest dagen før; afbuddet kom samme dag."
        )
    return AttendanceStatus.CANCELLED_IN_TIME, _(
        "Standarden fastsætter ingen afbudsfrist; afbuddet kom før aftalen."
    )


def _set_status(
    *,
    user: User | None,
    attendance: Attendance,
    status: str,
    detail: dict[str, Any] | None = None,
    actor_name: str = "",
) -> bool:
    if attendance.status == status:
        return False
    before = attendance.status
    attendance.status = status
    attendance.recorded_by = user
    attendance.recorded_at = timezone.now()
    attendance.save(update_fields=["status", "recorded_by", "recorded_at"])
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=attendance.course.citizen,
        target=attendance,
        summary=_("Fremmøde: %s") % attendance.get_status_display(),
        changes={"status": [before, status], **(detail or {})},
        user_name=actor_name,
    )
    return True


@transaction.atomic
def attendance_cancel_by_citizen(
    *,
    user: User | None,
    attendance: Attendance,
    cancelled_at: datetime.datetime,
    actor_name: str = "",
) -> Attendance:
    """Record the citizen's cancellation; in time or late is computed from the standard.
    Staff pass themselves as `user`; the citizen's own cancellation (self-service) passes no
    user and names the citizen in `actor_name`, which the audit log keeps."""
    if attendance.status != AttendanceStatus.BOOKED:
        raise ValidationError(
            _("Kun en booket aftale kan meldes afbud til (status: %s).")
            % attendance.get_status_display()
        )
    status, reason = cancellation_status(
        course=attendance.course, session=attendance.session, cancelled_at=cancelled_at
    )
    _set_status(
        user=user,
        attendance=attendance,
        status=status,
        detail={"cancelled_at": timezone.localtime(cancelled_at).isoformat(), "reason": reason},
        actor_name=actor_name,
    )
    return attendance


def no_show_check(*, user: User, course: Course) -> bool:
    """Propose the course for ending when the standard's no-show rule is met."""
    rule = attendance_rules(course)
    if rule.no_show_limit is None or course.status != CourseStatus.ACTIVE:
        return False
    count = course.attendances.filter(status=AttendanceStatus.NO_SHOW).count()
    if count < rule.no_show_limit:
        return False
    course_propose_ending(
        user=user,
        course=course,
        reason=ngettext(
            "Borgeren er udeblevet %(count)d gang; standarden: %(text)s",
            "Borgeren er udeblevet %(count)d gange; standarden: %(text)s",
            count,
        )
        % {"count": count, "text": rule.explanation[0].text},
    )
    return True


@dataclass(frozen=True)
class SessionCancellation:
    session: Session
    replacement: Session | None
    replacement_required: bool  # the standard promises a replacement session
    affected: tuple[Attendance, ...]
    rule_text: str


@transaction.atomic
def session_cancel_by_therapist(
    *,
    user: User,
    session: Session,
    reason: str,
    replacement_starts_at: datetime.datetime | None = None,
) -> SessionCancellation:
    """Cancel a session; every participant is told and a replacement session is offered."""
    # Lock order (booking.locks): the class, the therapist, the participants; then the session.
    lock_calendar(
        team_class_ids=[session.team_class_id],
        therapist_ids=[session.therapist_id],
        citizen_ids=session.attendances.values_list("course__citizen_id", flat=True),
    )
    session.refresh_from_db(from_queryset=Session.objects.select_for_update())
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("Aftalen er allerede aflyst."))
    if not reason.strip():
        raise ValidationError({"reason": [_("Skriv hvorfor aftalen aflyses.")]})
    affected = [
        attendance
        for attendance in session.attendances.select_related("course__citizen", "course")
        if attendance.status == AttendanceStatus.BOOKED
    ]
    session.status = SessionStatus.CANCELLED
    session.save(update_fields=["status"])
    for attendance in affected:
        _set_status(
            user=user,
            attendance=attendance,
            status=AttendanceStatus.CANCELLED_BY_THERAPIST,
            detail={"reason": reason.strip()},
        )
    required = any(attendance_rules(a.course).therapist_cancellation_replacement for a in affected)
    texts = {attendance_rules(a.course).explanation[0].text for a in affected}
    replacement = None
    if replacement_starts_at is not None and affected:
        replacement = session_rebook(
            user=user, session=session, starts_at=replacement_starts_at, courses=affected
        )
    queue_cancellation_messages(session=session, places=affected, replacement=replacement)
    return SessionCancellation(
        session, replacement, required, tuple(affected), " ".join(sorted(texts))
    )


def session_rebook(
    *, user: User, session: Session, starts_at: datetime.datetime, courses: Sequence[Attendance]
) -> Session:
    """A replacement for a cancelled session, booked for the same participants. The caller
    holds the locks of the session's class, therapist and participants."""
    check_therapist_free(
        therapist=session.therapist, starts_at=starts_at, minutes=session.duration_minutes
    )
    replacement = Session.objects.create(
        municipality=session.municipality,
        kind=session.kind,
        contact_type=session.contact_type,
        team_class=session.team_class,
        therapist=session.therapist,
        location=session.location,
        starts_at=starts_at,
        duration_minutes=session.duration_minutes,
        replaces=session,
    )
    for attendance in courses:
        check = booking_check(
            course=attendance.course,
            kind=session.kind,
            starts_at=starts_at,
            therapist=session.therapist,
        )
        if check.blocks:
            raise ValidationError(
                [f"{attendance.course.citizen.full_name}: {text}" for text in check.blocks],
                code="blocked_by_standard",
            )
        Attendance.objects.create(session=replacement, course=attendance.course)
        audit_record(
            user=user,
            action=AuditAction.CREATE,
            citizen=attendance.course.citizen,
            target=replacement,
            summary=_("Erstatningstid booket %s") % moment_text(starts_at),
            changes={"replaces": session.pk, "warnings_confirmed": list(check.warnings)},
        )
    return replacement


@dataclass(frozen=True)
class ParticipantEntry:
    """One row of the documentation screen: a participant's attendance, note and test value."""

    attendance_id: int
    status: str
    note: str = ""
    test_value: Any = None
    cancelled_at: datetime.datetime | None = None


@dataclass(frozen=True)
class SessionDocumentation:
    session: Session
    notes: tuple[ClinicalNote, ...] = ()
    measurements: tuple[Any, ...] = ()
    proposed_for_ending: tuple[Course, ...] = ()
    changed: tuple[Attendance, ...] = field(default_factory=tuple)


def _row_errors(
    entries: Sequence[ParticipantEntry],
    attendances: dict[int, Attendance],
    test_code: str,
    phase: str,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for entry in entries:
        key = f"row-{entry.attendance_id}"
        attendance = attendances.get(entry.attendance_id)
        if attendance is None:
            errors[key] = [_("Deltageren er ikke tilmeldt denne aftale.")]
            continue
        name = attendance.course.citizen.full_name
        problems = []
        if entry.status not in DOCUMENTED_STATUSES:
            problems.append(_("%s: vælg fremmøde.") % name)
        if entry.status == CANCELLED_BY_CITIZEN and entry.cancelled_at is None:
            problems.append(_("%s: skriv hvornår afbuddet kom.") % name)
        has_value = entry.test_value not in (None, "")
        if has_value:
            if entry.status != AttendanceStatus.ATTENDED:
                problems.append(_("%s: et testresultat kræver, at borgeren er mødt.") % name)
            elif not test_code:
                problems.append(_("Vælg hvilken test resultaterne gælder."))
            else:
                try:
                    check_measurement(test_code=test_code, value=entry.test_value, phase=phase)
                except ValidationError as error:
                    problems.extend(f"{name}: {m}" for m in error.messages)
        if problems:
            errors[key] = problems
    return errors


# Whether a citizen came is known only once the session has started; before that a citizen
# can only cancel (afbud) and the therapist only call it off (aflysning).
KNOWN_FROM_THE_START = (AttendanceStatus.ATTENDED, AttendanceStatus.NO_SHOW)


def _before_start_errors(
    session: Session, entries: Sequence[ParticipantEntry], attendances: dict[int, Attendance]
) -> dict[str, list[str]]:
    starts = clock_text(session.starts_at)
    return {
        f"row-{entry.attendance_id}": [
            _(
                "%(name)s: mødt eller udeblevet kan først registreres fra aftalens start "
                "kl. %(time)s. Før da kan der kun registreres afbud eller aflysning."
            )
            % {"name": attendances[entry.attendance_id].course.citizen.full_name, "time": starts}
        ]
        for entry in entries
        if entry.status in KNOWN_FROM_THE_START and entry.attendance_id in attendances
    }


def _merge_errors(
    first: dict[str, list[str]], second: dict[str, list[str]]
) -> dict[str, list[str]]:
    return {key: first.get(key, []) + second.get(key, []) for key in first.keys() | second.keys()}


def _record_attendance(
    user: User, session: Session, attendance: Attendance, entry: ParticipantEntry
) -> bool:
    """Set the participant's attendance; a citizen's cancellation is in time or late as the
    standard says. True when it changed."""
    status, detail = entry.status, {}
    if status == CANCELLED_BY_CITIZEN:
        status, reason = cancellation_status(
            course=attendance.course, session=session, cancelled_at=entry.cancelled_at
        )
        detail = {
            "cancelled_at": timezone.localtime(entry.cancelled_at).isoformat(),
            "reason": reason,
        }
    return _set_status(user=user, attendance=attendance, status=status, detail=detail)


def _write_session_note(user: User, session: Session, course: Course, text: str) -> ClinicalNote:
    note = ClinicalNote.objects.create(
        citizen=course.citizen,
        course=course,
        session=session,
        kind=NoteKind.SESSION,
        text=text,
        author=user,
    )
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=course.citizen,
        target=note,
        summary=_("Træningsnotat skrevet"),
    )
    return note


@transaction.atomic
def session_document(
    *,
    user: User,
    session: Session,
    entries: Sequence[ParticipantEntry],
    test_code: str = "",
    phase: str = MeasurementPhase.DURING,
    measured_on: datetime.date | None = None,
) -> SessionDocumentation:
    """Attendance, a short note per participant and test results for the whole session at once,
    saved together so each lands in the participant's own record."""
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("Aftalen er aflyst og kan ikke dokumenteres."))
    attendances = {
        a.pk: a
        for a in session.attendances.select_related("course__citizen", "course__municipality")
    }
    errors = _row_errors(entries, attendances, test_code, phase)
    if not session.has_started:
        errors = _merge_errors(errors, _before_start_errors(session, entries, attendances))
    if errors:
        raise ValidationError(errors)
    day = measured_on or local_day(session.starts_at)
    notes: list[ClinicalNote] = []
    measurements = []
    changed = []
    no_show_courses = []
    for entry in entries:
        attendance = attendances[entry.attendance_id]
        course = attendance.course
        if _record_attendance(user, session, attendance, entry):
            changed.append(attendance)
            if attendance.status == AttendanceStatus.NO_SHOW:
                no_show_courses.append(course)
        if entry.note.strip():
            notes.append(_write_session_note(user, session, course, entry.note.strip()))
        if entry.test_value not in (None, ""):
            measurements.append(
                measurement_record(
                    user=user,
                    course=course,
                    test_code=test_code,
                    value=entry.test_value,
                    phase=phase,
                    measured_on=day,
                    session=session,
                )
            )
    attended = any(a.status == AttendanceStatus.ATTENDED for a in attendances.values())
    if attended and session.status != SessionStatus.HELD:
        session.status = SessionStatus.HELD
        session.save(update_fields=["status"])
    proposed = tuple(c for c in no_show_courses if no_show_check(user=user, course=c))
    return SessionDocumentation(
        session, tuple(notes), tuple(measurements), proposed, tuple(changed)
    )
