"""The citizen's pages: appointments, cancelling one, letters, the training plan, logging out.

Every page and action writes the audit log with the citizen as the actor.
"""

from __future__ import annotations

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
from rehabplan.selfservice import selectors
from rehabplan.selfservice.cancellation import citizen_cancel
from rehabplan.selfservice.login import login_method
from rehabplan.selfservice.login.session import end_citizen_session
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


@shows_no_citizen_data
@login_not_required
# Logging out is the header's button (a POST); a GET goes back to the start page.
@post_only("selfservice-home")
def logout_view(request: HttpRequest) -> HttpResponse:
    end_citizen_session(request)
    messages.success(request, _("Du er logget af."))
    return redirect(login_method().start_url_name)
