"""The therapist's course screens: thin views that parse a form and call one service."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from rehabplan.courses import course_rules
from rehabplan.courses.models import (
    CourseStatus,
    MeasurementPhase,
    SessionKind,
    SessionStatus,
)
from rehabplan.courses.selectors.course import (
    attendance_get,
    closing_choices,
    course_get,
    course_goals,
    course_page,
    goal_get,
    measurement_changes,
    note_get,
    record_view,
    session_get,
    session_page,
    session_view_record,
    status_report_export,
    status_reports_for,
)
from rehabplan.courses.selectors.decisions import referral_for_user
from rehabplan.courses.services import course_state
from rehabplan.courses.services.closing import (
    course_closing,
    status_report_blocked_reasons,
    status_report_send,
)
from rehabplan.courses.services.goals import goal_create, goal_evaluate
from rehabplan.courses.services.measurements import measurement_record
from rehabplan.courses.services.notes import note_correct, note_write_standalone
from rehabplan.courses.services.sessions import (
    BookingNeedsConfirmation,
    ParticipantEntry,
    attendance_cancel_by_citizen,
    session_book,
    session_cancel_by_therapist,
    session_document,
    sessions_used,
)
from rehabplan.formats.text import moment_text
from rehabplan.reference.outcome_tests import all_outcome_tests
from rehabplan.trainingpackages.selectors.assignment import course_package_section
from rehabplan.web.course.forms import (
    EQUIPMENT_VALUES,
    BlockedWeekdaysForm,
    BookingForm,
    CitizenCancellationForm,
    ClosingForm,
    CourseCreateForm,
    GoalEvaluationForm,
    GoalForm,
    IntakeForm,
    MeasurementForm,
    NoteCorrectionForm,
    NoteForm,
    PlanForm,
    ReasonForm,
    SessionDocumentForm,
    StatusReportForm,
    TherapistCancellationForm,
)
from rehabplan.web.form_errors import add_service_errors
from rehabplan.web.homeprogrammes.context import home_section
from rehabplan.web.packages.assignment.views import can_assign
from rehabplan.web.paging import paged_request
from rehabplan.web.post_only import post_only
from rehabplan.web.privacy import audited_view

if TYPE_CHECKING:
    from rehabplan.citizens.models import Citizen


VIEW = "courses.view_course"
# Sessions on the course page, a page at a time: most courses fit on the first page.
SESSION_ROWS = 50
DOCUMENT = "courses.document_course"


def _posted(request: HttpRequest) -> Any:
    """The submitted data on a POST (even an empty one), None on a GET."""
    return request.POST if request.method == "POST" else None


def _audit_shown(request: HttpRequest, *, citizen: Citizen, target: Any, summary: str) -> None:
    record_view(user=request.user, citizen=citizen, target=target, summary=summary)


def _course_context(request: HttpRequest, course: Any, **forms: Form) -> dict[str, Any]:
    today = timezone.localdate()
    forms.setdefault("intake_form", IntakeForm(initial={"intake_on": today}))
    forms.setdefault("plan_form", PlanForm(initial={"plan_text": course.plan_text}))
    forms.setdefault(
        "weekdays_form", BlockedWeekdaysForm(initial={"weekdays": course.blocked_weekdays})
    )
    forms.setdefault("goal_form", GoalForm(initial={"set_on": today}))
    package_section = course_package_section(course)
    forms.setdefault(
        "measurement_form",
        MeasurementForm(initial={"measured_on": today, **package_section.measurement_initial}),
    )
    for move in MOVES:
        forms.setdefault(REASON_FORMS[move], _reason_form(move))
    forms.setdefault("status_form", StatusReportForm())
    forms.setdefault("note_form", NoteForm())
    rules = course_rules.attendance_rules(course)
    page = course_page(course)
    return {
        "course": course,
        "citizen": course.citizen,
        "today": today,
        "end_reason_label": course_rules.termination_label(course, course.end_reason),
        **page,
        "attendances": paged_request(
            request,
            page["attendances"],
            per_page=SESSION_ROWS,
            parameter="aftaler",
            anchor="sessions-heading",
        ),
        "notes": paged_request(request, page["notes"], parameter="notater", anchor="notes-heading"),
        "extent": course_rules.granted_extent(course),
        "attendance_rules": rules,
        "standard_on": course_rules.standard_date(course),
        "tests": all_outcome_tests(),
        "status_reports": status_reports_for(course),
        "can_document": request.user.has_perm(DOCUMENT),
        "blocked": status_report_blocked_reasons(course, today),
        "is_open": course.status
        in (CourseStatus.AWAITING_START, CourseStatus.ACTIVE, CourseStatus.PROPOSED_FOR_ENDING),
        "can": {move: course_state.can_move(course, move) for move in course_state.ALLOWED_MOVES},
        **home_section(course, today),
        "package_section": package_section,
        "can_assign_package": can_assign(request.user),
        **forms,
    }


def _render_course(request: HttpRequest, course: Any, status: int = 200, **forms: Form):
    _audit_shown(request, citizen=course.citizen, target=course, summary=_("Forløb vist"))
    return render(
        request,
        "course/course_detail.html",
        _course_context(request, course, **forms),
        status=status,
    )


@audited_view
@permission_required(VIEW, raise_exception=True)
def course_detail_view(request: HttpRequest, course_id: int) -> HttpResponse:
    course = course_get(user=request.user, course_id=course_id)
    return _render_course(request, course)


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@require_http_methods(["GET", "POST"])
def course_create_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = referral_for_user(user=request.user, referral_id=referral_id)
    form = CourseCreateForm(_posted(request), municipality=referral.municipality)
    if request.method == "POST" and form.is_valid():
        try:
            course = course_state.course_create(
                user=request.user, referral=referral, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Forløbet er oprettet."))
            return redirect("course-detail", course_id=course.pk)
    _audit_shown(
        request, citizen=referral.citizen, target=referral, summary=_("Oprettelse af forløb åbnet")
    )
    return render(request, "course/course_create.html", {"form": form, "referral": referral})


def _course_post(request: HttpRequest, course_id: int) -> Any:
    return course_get(user=request.user, course_id=course_id)


def _save_course_form(
    request: HttpRequest,
    course: Any,
    form: Form,
    *,
    form_name: str,
    save: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """The course page's forms: validate, call the service, then back to the course page, or
    show the page again with the service's Danish errors on the form."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("course-detail", course_id=course.pk)
    return _render_course(request, course, 400, **{form_name: form})


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@post_only("course-detail", "course_id")
def course_intake_view(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course_post(request, course_id)
    return _save_course_form(
        request,
        course,
        IntakeForm(request.POST),
        form_name="intake_form",
        save=lambda data: course_state.course_start(user=request.user, course=course, **data),
        done=_("Opstartssamtalen er registreret; forløbet er i gang."),
    )


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@post_only("course-detail", "course_id")
def course_plan_view(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course_post(request, course_id)
    return _save_course_form(
        request,
        course,
        PlanForm(request.POST),
        form_name="plan_form",
        save=lambda data: course_state.course_update_plan(user=request.user, course=course, **data),
        done=_("Planen er gemt."),
    )


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@post_only("course-detail", "course_id")
def course_blocked_weekdays_view(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course_post(request, course_id)
    return _save_course_form(
        request,
        course,
        BlockedWeekdaysForm(request.POST),
        form_name="weekdays_form",
        save=lambda data: course_state.course_set_blocked_weekdays(
            user=request.user, course=course, weekdays=data["weekdays"]
        ),
        done=_("Ugedagene er gemt."),
    )


MOVES = {
    "foreslaa-afslutning": (
        course_state.course_propose_ending,
        _("Forløbet er foreslået afsluttet."),
    ),
    "fortsaet": (course_state.course_continue, _("Forløbet fortsætter.")),
    "annuller": (course_state.course_cancel, _("Forløbet er annulleret.")),
}
# The course page shows one reason form per move; each has its own name in the page's context and
# its own ids, so no two inputs on the page share an id.
REASON_FORMS = {
    "foreslaa-afslutning": "ending_form",
    "fortsaet": "continue_form",
    "annuller": "cancel_form",
}


def _reason_form(move: str, data: Any = None) -> ReasonForm:
    return ReasonForm(data, auto_id=f"id_{REASON_FORMS[move]}_%s")


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@post_only("course-detail", "course_id")
def course_move_view(request: HttpRequest, course_id: int, move: str) -> HttpResponse:
    if move not in MOVES:
        raise Http404
    course = _course_post(request, course_id)
    service, done = MOVES[move]
    return _save_course_form(
        request,
        course,
        _reason_form(move, request.POST),
        form_name=REASON_FORMS[move],
        save=lambda data: service(user=request.user, course=course, reason=data["reason"]),
        done=done,
    )


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@post_only("course-detail", "course_id")
def goal_create_view(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course_post(request, course_id)
    return _save_course_form(
        request,
        course,
        GoalForm(request.POST),
        form_name="goal_form",
        save=lambda data: goal_create(user=request.user, course=course, **data),
        done=_("Målet er gemt."),
    )


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@post_only("course-detail", "course_id")
def note_create_view(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course_post(request, course_id)
    return _save_course_form(
        request,
        course,
        NoteForm(request.POST),
        form_name="note_form",
        save=lambda data: note_write_standalone(user=request.user, course=course, **data),
        done=_("Notatet er gemt."),
    )


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@require_http_methods(["GET", "POST"])
def goal_evaluate_view(request: HttpRequest, goal_id: int) -> HttpResponse:
    goal = goal_get(user=request.user, goal_id=goal_id)
    form = GoalEvaluationForm(
        _posted(request),
        initial={
            "evaluated_on": timezone.localdate(),
            "status": goal.status,
            "copm_performance": goal.copm_performance,
            "copm_satisfaction": goal.copm_satisfaction,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            goal_evaluate(user=request.user, goal=goal, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Evalueringen er gemt."))
            return redirect("course-detail", course_id=goal.course_id)
    _audit_shown(
        request, citizen=goal.course.citizen, target=goal, summary=_("Evaluering af mål åbnet")
    )
    return render(request, "course/goal_evaluate.html", {"form": form, "goal": goal})


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@post_only("course-detail", "course_id")
def measurement_create_view(request: HttpRequest, course_id: int) -> HttpResponse:
    course = _course_post(request, course_id)
    return _save_course_form(
        request,
        course,
        MeasurementForm(request.POST),
        form_name="measurement_form",
        save=lambda data: measurement_record(user=request.user, course=course, **data),
        done=_("Testresultatet er gemt."),
    )


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@require_http_methods(["GET", "POST"])
def session_book_view(request: HttpRequest, course_id: int) -> HttpResponse:
    course = course_get(user=request.user, course_id=course_id)
    initial = {
        "kind": SessionKind.TEAM if course.team_class_id else SessionKind.INDIVIDUAL,
        # The course's own therapist, else the therapist who is booking.
        "therapist": course.therapist_id
        or getattr(getattr(request.user, "therapist", None), "pk", None),
        "team_class": course.team_class_id,
        "replaces": request.GET.get("erstatter"),
        "duration_minutes": 45,
    }
    form = BookingForm(_posted(request), municipality=course.municipality, initial=initial)
    warnings: list[str] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        replaces = None
        if data.get("replaces"):
            replaces = session_get(user=request.user, session_id=data["replaces"])
        try:
            session = session_book(
                user=request.user,
                course=course,
                kind=data["kind"],
                starts_at=form.starts_at(),
                therapist=data.get("therapist"),
                location=data.get("location"),
                duration_minutes=data["duration_minutes"],
                team_class=data.get("team_class"),
                replaces=replaces,
                confirmed=data.get("confirmed", False),
            )
        except BookingNeedsConfirmation as error:
            warnings = error.messages
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(kind)s er booket %(when)s.")
                % {
                    "kind": session.get_kind_display(),
                    "when": moment_text(session.starts_at),
                },
            )
            return redirect("course-detail", course_id=course.pk)
    context = {
        "form": form,
        "course": course,
        "warnings": warnings,
        "extent": course_rules.granted_extent(course),
        "used": sessions_used(course),
    }
    _audit_shown(
        request, citizen=course.citizen, target=course, summary=_("Booking af aftale åbnet")
    )
    return render(request, "course/session_book.html", context, status=400 if form.errors else 200)


@audited_view
@permission_required(VIEW, raise_exception=True)
@require_http_methods(["GET", "POST"])
def session_document_view(request: HttpRequest, session_id: int) -> HttpResponse:
    """The one screen for a session: attendance, a note and a test value per participant."""
    if request.method == "POST" and not request.user.has_perm(DOCUMENT):
        raise PermissionDenied(_("Du må ikke dokumentere aftaler."))
    session = session_get(user=request.user, session_id=session_id)
    page = session_page(session)
    attendances = page.attendances
    form = SessionDocumentForm(
        _posted(request), attendances=attendances, started=session.has_started
    )
    proposed = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = session_document(
                user=request.user,
                session=session,
                entries=[ParticipantEntry(**entry) for entry in form.entries()],
                test_code=data.get("test_code") or "",
                phase=data["phase"] or MeasurementPhase.DURING,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            proposed = result.proposed_for_ending
            messages.success(
                request,
                _("Gemt: %(attendance)s, %(notes)s, %(tests)s.")
                % {
                    "attendance": ngettext(
                        "fremmøde for %(count)d deltager",
                        "fremmøde for %(count)d deltagere",
                        len(attendances),
                    )
                    % {"count": len(attendances)},
                    "notes": ngettext("%(count)d notat", "%(count)d notater", len(result.notes))
                    % {"count": len(result.notes)},
                    "tests": ngettext(
                        "%(count)d testresultat",
                        "%(count)d testresultater",
                        len(result.measurements),
                    )
                    % {"count": len(result.measurements)},
                },
            )
            for course in proposed:
                messages.warning(
                    request,
                    _(
                        "%(name)s: forløbet er foreslået afsluttet. %(reason)s "
                        "Tag stilling på forløbet."
                    )
                    % {"name": course.citizen.full_name, "reason": course.ending_proposed_reason},
                )
            return redirect("session-document", session_id=session.pk)
    rows = [{**row, "notes": page.notes[row["attendance"].pk]} for row in form.rows]
    context = {
        "session": session,
        "form": form,
        "rows": rows,
        "can_document": request.user.has_perm(DOCUMENT),
        "tests": all_outcome_tests(),
        "measurements": page.measurements,
        "is_cancelled": session.status == SessionStatus.CANCELLED,
    }
    session_view_record(
        user=request.user, session=session, summary=_("Aftale vist til dokumentation")
    )
    return render(
        request, "course/session_document.html", context, status=400 if form.errors else 200
    )


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@require_http_methods(["GET", "POST"])
def session_cancel_view(request: HttpRequest, session_id: int) -> HttpResponse:
    session = session_get(user=request.user, session_id=session_id)
    form = TherapistCancellationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            result = session_cancel_by_therapist(
                user=request.user,
                session=session,
                reason=form.cleaned_data["reason"],
                replacement_starts_at=form.replacement_at(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Aftalen er aflyst."))
            if result.replacement is not None:
                messages.success(request, _("Erstatningstiden er booket."))
            elif result.affected:
                messages.warning(
                    request,
                    _("Tilbyd borgeren en erstatningstid. %s") % result.rule_text
                    if result.replacement_required
                    else _("Tilbyd borgeren en erstatningstid."),
                )
                if len(result.affected) == 1:
                    course_id = result.affected[0].course_id
                    url = redirect("session-book", course_id=course_id).url
                    return redirect(f"{url}?erstatter={session.pk}")
            return redirect("session-document", session_id=session.pk)
    session_view_record(user=request.user, session=session, summary=_("Aflysning af aftale åbnet"))
    return render(request, "course/session_cancel.html", {"form": form, "session": session})


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@require_http_methods(["GET", "POST"])
def attendance_cancel_view(request: HttpRequest, attendance_id: int) -> HttpResponse:
    attendance = attendance_get(user=request.user, attendance_id=attendance_id)
    now = timezone.localtime()
    form = CitizenCancellationForm(
        _posted(request),
        initial={
            "cancelled_on": now.date(),
            "cancelled_time": now.time().replace(second=0, microsecond=0),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            attendance_cancel_by_citizen(
                user=request.user, attendance=attendance, cancelled_at=form.cancelled_at()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Afbud registreret: %s.") % attendance.get_status_display())
            return redirect("course-detail", course_id=attendance.course_id)
    context = {
        "form": form,
        "attendance": attendance,
        "rules": course_rules.attendance_rules(attendance.course),
        "standard_on": course_rules.standard_date(attendance.course),
    }
    _audit_shown(
        request,
        citizen=attendance.course.citizen,
        target=attendance,
        summary=_("Registrering af afbud åbnet"),
    )
    return render(request, "course/attendance_cancel.html", context)


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@require_http_methods(["GET", "POST"])
def note_correct_view(request: HttpRequest, note_id: int) -> HttpResponse:
    note = note_get(user=request.user, note_id=note_id)
    form = NoteCorrectionForm(_posted(request), initial={"text": note.text})
    if request.method == "POST" and form.is_valid():
        try:
            note_correct(user=request.user, note=note, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Rettelsen er gemt som et nyt notat."))
            if note.course_id:
                return redirect("course-detail", course_id=note.course_id)
            return redirect("citizen-detail", citizen_id=note.citizen_id)
    _audit_shown(request, citizen=note.citizen, target=note, summary=_("Notat åbnet til rettelse"))
    return render(request, "course/note_correct.html", {"form": form, "note": note})


def _closing_form(course: Any, data: Any = None) -> ClosingForm:
    reasons = [(r.code, r.label) for r in course_rules.termination_reasons(course).reasons]
    choices = closing_choices(course)
    today = timezone.localdate()
    return ClosingForm(
        data,
        reasons=reasons,
        tests=choices.tests,
        fsiii=choices.fsiii,
        initial={
            "closing_talk_on": today,
            "self_training_programme": course.self_training_programme,
            "continue_training_at": course.continue_training_at,
            "end_reason": course.end_reason
            or ("no_shows" if course.ending_proposed_reason else ""),
        },
    )


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@require_http_methods(["GET", "POST"])
def course_close_view(request: HttpRequest, course_id: int) -> HttpResponse:
    """Closing in one guided step; the screen says why a status cannot go to the GP."""
    course = course_get(user=request.user, course_id=course_id)
    form = _closing_form(course, _posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = course_closing(
                user=request.user,
                course=course,
                closing_talk_on=data["closing_talk_on"],
                end_reason=data["end_reason"],
                self_training_programme=data["self_training_programme"],
                continue_training_at=data["continue_training_at"],
                end_reason_note=data["end_reason_note"],
                equipment_returned=EQUIPMENT_VALUES[data["equipment"]],
                closing_note=data["closing_note"],
                end_values=form.end_values(),
                fsiii_levels=form.fsiii_levels(),
                send_to_citizen=data["send_to_citizen"],
                send_to_gp=data["send_to_gp"],
                send_to_hospital=data["send_to_hospital"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Forløbet er afsluttet; %(count)d statusbeskrivelse er lagt i udbakken.",
                    "Forløbet er afsluttet; %(count)d statusbeskrivelser er lagt i udbakken.",
                    len(result.messages),
                )
                % {"count": len(result.messages)},
            )
            return redirect("course-detail", course_id=course.pk)
    day = form.cleaned_data.get("closing_talk_on") if form.is_bound and form.is_valid() else None
    blocked = status_report_blocked_reasons(course, day or timezone.localdate())
    context = {
        "form": form,
        "course": course,
        "blocked": blocked,
        "changes": measurement_changes(course),
        "goals": course_goals(course),
        "can_close": course_state.can_move(course, "close"),
        **home_section(course),
    }
    _audit_shown(request, citizen=course.citizen, target=course, summary=_("Afslutning åbnet"))
    return render(request, "course/course_close.html", context, status=400 if form.errors else 200)


@audited_view
@permission_required(DOCUMENT, raise_exception=True)
@post_only("course-detail", "course_id")
def status_report_send_view(request: HttpRequest, course_id: int) -> HttpResponse:
    """Send the status report again, e.g. when the citizen asks for it after closing."""
    course = _course_post(request, course_id)
    form = StatusReportForm(request.POST)
    if form.is_valid():
        if course.status != CourseStatus.CLOSED:
            form.add_error(None, _("Statusbeskrivelsen sendes, når forløbet er afsluttet."))
        else:
            try:
                sent = status_report_send(
                    user=request.user,
                    course=course,
                    on=timezone.localdate(),
                    to_citizen=form.cleaned_data["send_to_citizen"],
                    to_gp=form.cleaned_data["send_to_gp"],
                    to_hospital=form.cleaned_data["send_to_hospital"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d statusbeskrivelse er lagt i udbakken.",
                        "%(count)d statusbeskrivelser er lagt i udbakken.",
                        len(sent),
                    )
                    % {"count": len(sent)},
                )
                return redirect("course-detail", course_id=course.pk)
    return _render_course(request, course, 400, status_form=form)


@audited_view
@permission_required(VIEW, raise_exception=True)
def status_report_pdf_view(request: HttpRequest, message_id: int) -> HttpResponse:
    message = status_report_export(user=request.user, message_id=message_id)
    response = HttpResponse(bytes(message.document or b""), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="status-{message.pk}.pdf"'
    return response
