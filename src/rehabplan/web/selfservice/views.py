"""The citizen's pages: appointments, cancelling one, letters, the training plan, logging out.

Every page and action writes the audit log with the citizen as the actor.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.course_rules import attendance_rules
from rehabplan.courses.models import AttendanceStatus
from rehabplan.courses.services.sessions import cancellation_status
from rehabplan.formats.text import moment_text
from rehabplan.homeprogrammes.selectors import programme_pdf
from rehabplan.homeprogrammes.services import adherence_record
from rehabplan.selfservice import selectors
from rehabplan.selfservice.cancellation import citizen_cancel
from rehabplan.selfservice.login import login_method
from rehabplan.selfservice.login.session import end_citizen_session
from rehabplan.web.form_errors import add_service_errors
from rehabplan.web.homeprogrammes.forms import CitizenAdherenceForm, week_choices
from rehabplan.web.post_only import post_only
from rehabplan.web.privacy import audited_view, shows_no_citizen_data
from rehabplan.web.selfservice.access import citizen_required


def _audit_view(request: HttpRequest, summary: str, target=None, action=AuditAction.VIEW) -> None:
    login = request.citizen_login
    audit_record(
        user=None,
        user_name=login.actor_name,
        action=action,
        citizen=login.citizen,
        target=target,
        summary=summary,
    )


@audited_view
@citizen_required
@require_http_methods(["GET"])
def home_view(request: HttpRequest) -> HttpResponse:
    citizen = request.citizen_login.citizen
    appointments = selectors.upcoming_appointments(citizen)
    _audit_view(request, _("Selvbetjening: kommende aftaler vist"))
    return render(
        request,
        "selfservice/home.html",
        {"citizen": citizen, "appointments": appointments, "nav": "home"},
    )


@audited_view
@citizen_required
@require_http_methods(["GET", "POST"])
def cancel_view(request: HttpRequest, attendance_id: int) -> HttpResponse:
    citizen = request.citizen_login.citizen
    attendance = selectors.citizen_attendance(citizen, attendance_id)
    if attendance is None:
        # Another citizen's appointment is answered as one that does not exist.
        raise Http404
    now = timezone.now()
    if request.method == "POST":
        try:
            cancelled = citizen_cancel(
                citizen=citizen,
                attendance_id=attendance.pk,
                actor_name=request.citizen_login.actor_name,
                now=now,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if cancelled.status == AttendanceStatus.CANCELLED_IN_TIME:
                messages.success(
                    request,
                    _("Du har meldt afbud til aftalen %(when)s. Afbuddet kom i god tid.")
                    % {"when": moment_text(cancelled.session.starts_at)},
                )
            else:
                messages.warning(
                    request,
                    _(
                        "Du har meldt afbud til aftalen %(when)s. Afbuddet kom for sent og "
                        "tæller som en brugt træningsgang."
                    )
                    % {"when": moment_text(cancelled.session.starts_at)},
                )
        return redirect("selfservice-home")
    shown = selectors.appointment(attendance, now)
    status, reason = (None, "")
    if shown.can_cancel:
        status, reason = cancellation_status(
            course=attendance.course, session=attendance.session, cancelled_at=now
        )
    _audit_view(request, _("Selvbetjening: afbud til aftale åbnet"), target=attendance)
    return render(
        request,
        "selfservice/cancel.html",
        {
            "appointment": shown,
            "in_time": status == AttendanceStatus.CANCELLED_IN_TIME,
            "reason": reason,
            "rule": attendance_rules(attendance.course),
            "nav": "home",
        },
    )


@audited_view
@citizen_required
@require_http_methods(["GET"])
def letters_view(request: HttpRequest) -> HttpResponse:
    citizen = request.citizen_login.citizen
    letters = list(selectors.citizen_letters(citizen))
    _audit_view(request, _("Selvbetjening: breve vist"))
    return render(request, "selfservice/letters.html", {"letters": letters, "nav": "letters"})


@audited_view
@citizen_required
@require_http_methods(["GET"])
def letter_pdf_view(request: HttpRequest, message_id: int) -> HttpResponse:
    letter = selectors.citizen_letter(request.citizen_login.citizen, message_id)
    if letter is None or not letter.document:
        raise Http404
    _audit_view(
        request,
        _("Selvbetjening: brev hentet som PDF (%(subject)s)") % {"subject": letter.subject},
        target=letter,
        action=AuditAction.EXPORT,
    )
    response = HttpResponse(bytes(letter.document), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="brev-{letter.pk}.pdf"'
    return response


@audited_view
@citizen_required
@require_http_methods(["GET"])
def plan_view(request: HttpRequest) -> HttpResponse:
    citizen = request.citizen_login.citizen
    courses = selectors.citizen_courses(citizen)
    _audit_view(request, _("Selvbetjening: træningsplan og mål vist"))
    return render(request, "selfservice/plan.html", {"courses": courses, "nav": "plan"})


def _render_programmes(request: HttpRequest, form: Any = None) -> HttpResponse:
    citizen = request.citizen_login.citizen
    programmes = selectors.citizen_programmes(citizen)
    _audit_view(request, _("Selvbetjening: hjemmetræningsprogram vist"))
    context = {
        "programmes": programmes,
        "form": form,
        "week_choices": week_choices(timezone.localdate(), weeks=2),
        "nav": "home_programme",
    }
    return render(request, "selfservice/home_programme.html", context)


@audited_view
@citizen_required
@require_http_methods(["GET"])
def home_programme_view(request: HttpRequest) -> HttpResponse:
    return _render_programmes(request)


@audited_view
@citizen_required
@require_http_methods(["GET"])
def home_programme_pdf_view(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = selectors.citizen_programme(request.citizen_login.citizen, programme_id)
    if programme is None:
        raise Http404
    _audit_view(
        request,
        _("Selvbetjening: hjemmetræningsprogram hentet som PDF"),
        target=programme,
        action=AuditAction.EXPORT,
    )
    response = HttpResponse(programme_pdf(programme), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="hjemmetraeningsprogram.pdf"'
    return response


@audited_view
@citizen_required
@post_only("selfservice-home-programme")
def home_programme_record_view(request: HttpRequest, course_id: int) -> HttpResponse:
    """The citizen records how many times they trained this week or last week."""
    login = request.citizen_login
    course = selectors.citizen_course(login.citizen, course_id)
    if course is None:
        raise Http404
    form = CitizenAdherenceForm(request.POST, today=timezone.localdate())
    if form.is_valid():
        try:
            adherence_record(
                course=course,
                week_start=form.cleaned_data["week_start"],
                sessions_done=form.cleaned_data["sessions_done"],
                by_citizen=True,
                actor_name=login.actor_name,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Tak. Din træning er gemt."))
            return redirect("selfservice-home-programme")
    return _render_programmes(request, form)


@shows_no_citizen_data
@login_not_required
# Logging out is the header's button (a POST); a GET goes back to the start page.
@post_only("selfservice-home")
def logout_view(request: HttpRequest) -> HttpResponse:
    end_citizen_session(request)
    messages.success(request, _("Du er logget af."))
    return redirect(login_method().start_url_name)
