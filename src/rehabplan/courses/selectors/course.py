"""Reading a course for the therapist's screens: goals, tests and their change, sessions, notes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record, audit_views_of_each
from rehabplan.courses.models import (
    AssessmentPhase,
    Attendance,
    AttendanceStatus,
    ClinicalNote,
    Course,
    CourseStatus,
    Goal,
    MeasurementPhase,
    OutcomeMeasurement,
    Session,
)
from rehabplan.courses.services.sessions import COUNTED_STATUSES
from rehabplan.outbox.models import MessageKind, OutboxMessage
from rehabplan.reference.outcome_tests import OutcomeTest, describe_change, get_outcome_test

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.citizens.models import Citizen


def courses_visible_to(user: User) -> QuerySet[Course]:
    return Course.objects.for_user(user).select_related(
        "citizen", "referral", "therapist", "team_class", "municipality"
    )


def course_get(*, user: User, course_id: int, purpose: str = "") -> Course:
    """One course of the user's municipality, the view audited; 404 for any other."""
    try:
        course = courses_visible_to(user).get(pk=course_id)
    except Course.DoesNotExist:
        raise Http404(_("Forløbet findes ikke.")) from None
    if purpose:
        audit_record(
            user=user,
            action=AuditAction.VIEW,
            citizen=course.citizen,
            target=course,
            summary=purpose,
        )
    return course


def session_get(*, user: User, session_id: int, purpose: str = "") -> Session:
    try:
        session = (
            Session.objects.for_user(user)
            .select_related("team_class", "location", "therapist")
            .get(pk=session_id)
        )
    except Session.DoesNotExist:
        raise Http404(_("Aftalen findes ikke.")) from None
    if purpose:
        session_view_record(user=user, session=session, summary=purpose)
    return session


def session_view_record(*, user: User, session: Session, summary: str) -> None:
    """A session page shows every participant: one view entry for each of them."""
    audit_views_of_each(
        user=user,
        citizens=[
            attendance.course.citizen
            for attendance in session.attendances.select_related("course__citizen")
        ],
        target=session,
        summary=summary,
    )


def note_get(*, user: User, note_id: int) -> ClinicalNote:
    try:
        return (
            ClinicalNote.objects.for_user(user)
            .select_related("citizen", "course", "session")
            .get(pk=note_id)
        )
    except ClinicalNote.DoesNotExist:
        raise Http404(_("Notatet findes ikke.")) from None


def goal_get(*, user: User, goal_id: int) -> Goal:
    try:
        return Goal.objects.for_user(user).select_related("course__citizen").get(pk=goal_id)
    except Goal.DoesNotExist:
        raise Http404(_("Målet findes ikke.")) from None


def status_reports_for(course: Course) -> QuerySet[OutboxMessage]:
    return OutboxMessage.objects.of_municipality(course.municipality_id).filter(
        citizen_id=course.citizen_id, kind=MessageKind.STATUS_REPORT
    )


def status_report_export(*, user: User, message_id: int) -> OutboxMessage:
    """A status report of the user's municipality for download; the export is audited."""
    try:
        message = (
            OutboxMessage.objects.for_user(user)
            .select_related("citizen")
            .get(pk=message_id, kind=MessageKind.STATUS_REPORT)
        )
    except OutboxMessage.DoesNotExist:
        raise Http404(_("Brevet findes ikke.")) from None
    audit_record(
        user=user,
        action=AuditAction.EXPORT,
        citizen=message.citizen,
        target=message,
        summary=_("Statusbeskrivelse hentet som PDF"),
    )
    return message


def open_course_of_citizen(citizen: Citizen) -> Course | None:
    """The citizen's newest course that is neither closed nor cancelled."""
    return (
        Course.objects.of_municipality(citizen.municipality_id)
        .filter(citizen=citizen)
        .exclude(status__in=(CourseStatus.CLOSED, CourseStatus.CANCELLED))
        .order_by("-created_at")
        .first()
    )


def attendance_get(*, user: User, attendance_id: int) -> Attendance:
    try:
        return (
            Attendance.objects.for_user(user)
            .select_related("session", "course__citizen")
            .get(pk=attendance_id)
        )
    except Attendance.DoesNotExist:
        raise Http404(_("Aftalen findes ikke.")) from None


# When a value was measured, as the sentence about it says it: a value saved as "Undervejs"
# is never described as measured at the start.
PHASE_WORDS = {
    MeasurementPhase.START: gettext_lazy("ved start"),
    MeasurementPhase.DURING: gettext_lazy("undervejs"),
    MeasurementPhase.END: gettext_lazy("ved slut"),
}


@dataclass(frozen=True)
class TestChange:
    test: OutcomeTest
    start: OutcomeMeasurement
    latest: OutcomeMeasurement | None
    text: str  # Danish sentence: improved / declined / unchanged, in words
    improved: bool | None
    final: bool  # the latest value is an end value


def measurement_changes(course: Course) -> list[TestChange]:
    """Per test: the first start value against the end value (or the latest so far)."""
    by_code: dict[str, list[OutcomeMeasurement]] = {}
    for measurement in course.measurements.order_by("measured_on", "id"):
        by_code.setdefault(measurement.test_code, []).append(measurement)
    changes = []
    for code, values in by_code.items():
        try:
            test = get_outcome_test(code)
        except KeyError:
            continue
        starts = [m for m in values if m.phase == MeasurementPhase.START] or values[:1]
        start = starts[0]
        ends = [m for m in values if m.phase == MeasurementPhase.END]
        later = [m for m in values if m.pk != start.pk and m.measured_on >= start.measured_on]
        latest = ends[-1] if ends else (later[-1] if later else None)
        if latest is None:
            text = _("%(test)s: %(value)s %(when)s; endnu ingen senere måling.") % {
                "test": test.name,
                "value": test.format_value(float(start.value)),
                "when": PHASE_WORDS.get(start.phase, PHASE_WORDS[MeasurementPhase.DURING]),
            }
            changes.append(TestChange(test, start, None, text, None, False))
            continue
        change = describe_change(code, float(start.value), float(latest.value))
        text = change.text if ends else _("Foreløbig: %s") % change.text
        changes.append(TestChange(test, start, latest, text, change.improved, bool(ends)))
    return changes


@dataclass(frozen=True)
class MeasurementRow:
    measurement: OutcomeMeasurement
    test_name: str
    value_text: str  # in the test's precision and unit, Danish decimal comma


def measurement_rows(measurements: Any) -> list[MeasurementRow]:
    rows = []
    for measurement in measurements:
        try:
            test = get_outcome_test(measurement.test_code)
        except KeyError:
            rows.append(
                MeasurementRow(
                    measurement, measurement.test_code, f"{measurement.value} {measurement.unit}"
                )
            )
            continue
        rows.append(
            MeasurementRow(measurement, test.name, test.format_value(float(measurement.value)))
        )
    return rows


def course_notes(course: Course) -> QuerySet[ClinicalNote]:
    """The course's notes, newest first; `is_corrected` says whether a later note corrects one
    (one EXISTS in the same query, not a query per note)."""
    corrections = ClinicalNote.objects.of_municipality(course.municipality_id).filter(
        corrects=OuterRef("pk")
    )
    return (
        course.notes.select_related("author", "corrects", "session")
        .defer("corrects__text")
        .annotate(is_corrected=Exists(corrections))
        .order_by("-written_at", "-id")
    )


def course_sessions(course: Course) -> QuerySet[Attendance]:
    """The course's sessions in time order; `has_replacement` says whether a session the
    therapist cancelled has been booked again."""
    replacements = Session.objects.of_municipality(course.municipality_id).filter(
        replaces=OuterRef("session_id")
    )
    return (
        course.attendances.select_related(
            "session__therapist", "session__location", "session__team_class", "session__replaces"
        )
        .annotate(has_replacement=Exists(replacements))
        .order_by("session__starts_at", "id")
    )


def attendance_counts(course: Course) -> dict[str, int]:
    """Sessions used or booked, and absences by kind: one aggregate query."""
    counts = course.attendances.aggregate(
        used=Count("pk", filter=Q(status__in=COUNTED_STATUSES)),
        no_show=Count("pk", filter=Q(status=AttendanceStatus.NO_SHOW)),
        late=Count("pk", filter=Q(status=AttendanceStatus.CANCELLED_LATE)),
        in_time=Count("pk", filter=Q(status=AttendanceStatus.CANCELLED_IN_TIME)),
    )
    return {name: value or 0 for name, value in counts.items()}


def record_view(*, user: User, citizen: Citizen, target: Model, summary: str) -> None:
    """A page about to show a citizen's data (a form opened, or shown again with its errors)
    is a view of the record."""
    audit_record(
        user=user,
        action=AuditAction.VIEW,
        citizen=citizen,
        target=target,
        summary=summary,
    )


def course_goals(course: Course) -> QuerySet[Goal]:
    return course.goals.all()


def course_page(course: Course) -> dict[str, Any]:
    """What the course page shows besides its forms: goals, tests, sessions, notes, absences.
    Sessions and notes are querysets, for the page to read one page of each."""
    counts = attendance_counts(course)
    return {
        "goals": course.goals.prefetch_related("evaluations"),
        "changes": measurement_changes(course),
        "measurements": measurement_rows(course.measurements.order_by("-measured_on", "-id")),
        "attendances": course_sessions(course),
        "notes": course_notes(course),
        "used": counts.pop("used"),
        "absences": counts,
    }


@dataclass(frozen=True)
class SessionPage:
    """A session's participants (by name), the notes written on it and its test results."""

    attendances: list[Attendance]
    notes: dict[int, list[ClinicalNote]]  # attendance id -> the participant's notes
    measurements: list[MeasurementRow]


def session_page(session: Session) -> SessionPage:
    attendances = list(
        session.attendances.select_related("course__citizen").order_by(
            "course__citizen__last_name", "course__citizen__first_name"
        )
    )
    by_course: dict[int, list[ClinicalNote]] = {}
    for note in session.notes.order_by("written_at", "id"):
        by_course.setdefault(note.course_id, []).append(note)
    notes = {a.pk: by_course.get(a.course_id, []) for a in attendances}
    measurements = measurement_rows(session.measurements.select_related("course__citizen"))
    return SessionPage(attendances, notes, measurements)


@dataclass(frozen=True)
class ClosingChoices:
    """What the closing form offers: the tests the course used and the FSIII levels to
    score again."""

    tests: list[OutcomeTest]
    fsiii: list[tuple[str, str, int]]  # (code, label, level) of the latest assessment


def closing_choices(course: Course) -> ClosingChoices:
    codes = list(dict.fromkeys(course.measurements.values_list("test_code", flat=True)))
    tests = []
    for code in codes:
        try:
            tests.append(get_outcome_test(code))
        except KeyError:
            continue
    assessment = course.citizen.assessments.exclude(phase=AssessmentPhase.CLOSING).first()
    fsiii = (
        [(item.code, item.label, item.level) for item in assessment.items.all()]
        if assessment
        else []
    )
    return ClosingChoices(tests, fsiii)
