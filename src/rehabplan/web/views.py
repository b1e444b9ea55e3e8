"""Thin views: parse the request, call one service or selector, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rehabplan.accounts.roles import LEADER
from rehabplan.alerts.selectors import alerts_home
from rehabplan.audit.models import AuditAction
from rehabplan.audit.selectors import (
    LOG_COUNT_LIMIT,
    LOG_PAGE_ROWS,
    audit_entry_get,
    audit_log,
    citizens_named_in,
)
from rehabplan.audit.services import audit_list_view, audit_record
from rehabplan.citizens.models import ConsentScope
from rehabplan.citizens.selectors import citizen_get, citizen_matches, citizen_search_record
from rehabplan.citizens.services import citizen_create, consent_record, consent_withdraw
from rehabplan.courses.selectors import open_deadlines, worklist_rows
from rehabplan.courses.selectors.citizen_page import (
    citizen_courses,
    citizen_referrals,
    timeline_events,
    timeline_rows,
    with_municipality,
)
from rehabplan.courses.selectors.start import start_page
from rehabplan.outbox.selectors import citizen_messages, failed_messages, message_rows
from rehabplan.web.form_errors import add_service_errors
from rehabplan.web.forms import (
    CitizenForm,
    CitizenSearchForm,
    ConsentForm,
    ConsentWithdrawForm,
)
from rehabplan.web.municipality import require_municipality
from rehabplan.web.paging import PAGE_PARAMETER, paged, paged_request
from rehabplan.web.post_only import post_only
from rehabplan.web.privacy import audited_view

if TYPE_CHECKING:
    from rehabplan.citizens.models import Citizen

# Referrals and courses on the citizen page, a page at a time (the timeline has 25 a page).
CITIZEN_LIST_ROWS = 10
SEARCH_PAGE_ROWS = 25


@audited_view
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    page = start_page(user=request.user, today=today)
    alerts = alerts_home(user=request.user, today=today)
    audit_list_view(
        user=request.user,
        summary=_("Forsidens arbejdslister vist"),
        citizen_ids=page.citizen_ids | alerts.citizen_ids,
    )
    context = {
        "roles": request.user.role_names,
        "today": today,
        "worklist": page.worklist,
        "decisions": page.decisions,
        "intake": page.intake,
        "my_sessions": page.my_sessions,
        # Only the leader's start page lists what the outbox gave up on.
        "failed_message_count": (
            failed_messages(municipality=request.user.municipality).count()
            if LEADER in request.user.role_names and request.user.municipality_id
            else None
        ),
        "alerts": alerts,
    }
    return render(request, "web/home.html", context)


@audited_view
@permission_required("citizens.view_citizen", raise_exception=True)
@require_http_methods(["GET", "POST"])
def citizen_search_view(request: HttpRequest) -> HttpResponse:
    # Searching is a POST so that a CPR number never appears in a URL or a server log.
    require_municipality(request)
    # Pages of results are buttons of the same form, so the term stays out of the URL too.
    results = None
    form = CitizenSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        term = form.cleaned_data["term"]
        results = paged(
            citizen_matches(user=request.user, term=term),
            request.POST.get(PAGE_PARAMETER),
            per_page=SEARCH_PAGE_ROWS,
        )
        citizen_search_record(user=request.user, term=term, shown=results.rows, found=results.count)
    return render(request, "web/citizen_search.html", {"form": form, "results": results})


@audited_view
@permission_required("citizens.add_citizen", raise_exception=True)
@require_http_methods(["GET", "POST"])
def citizen_create_view(request: HttpRequest) -> HttpResponse:
    require_municipality(request)
    form = CitizenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            citizen = citizen_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Borgeren er oprettet."))
            return redirect("citizen-detail", citizen_id=citizen.pk)
    return render(request, "web/citizen_form.html", {"form": form})


@audited_view
@permission_required("citizens.view_citizen", raise_exception=True)
def citizen_detail_view(request: HttpRequest, citizen_id: int) -> HttpResponse:
    citizen = citizen_get(user=request.user, citizen_id=citizen_id)
    today = timezone.localdate()
    context = {
        "citizen": citizen,
        "referrals": paged_request(
            request,
            citizen_referrals(citizen),
            per_page=CITIZEN_LIST_ROWS,
            parameter="henvisninger",
            anchor="referrals-heading",
            transform=lambda rows: with_municipality(rows, citizen),
        ),
        "courses": paged_request(
            request,
            citizen_courses(citizen),
            per_page=CITIZEN_LIST_ROWS,
            parameter="forloeb",
            anchor="course-section-heading",
            transform=lambda rows: with_municipality(rows, citizen),
        ),
        "timeline": paged_request(
            request,
            timeline_events(citizen),
            parameter="tidslinje",
            anchor="timeline-heading",
            transform=lambda rows: timeline_rows(rows, citizen),
        ),
        "citizen_messages": paged_request(
            request,
            citizen_messages(citizen),
            per_page=CITIZEN_LIST_ROWS,
            parameter="beskeder",
            anchor="messages-heading",
            transform=message_rows,
        ),
        "consents": citizen.consents.all(),
        "relatives": citizen.relatives.all(),
        "today": today,
        "consent_scopes": ConsentScope.choices,
    }
    return render(request, "web/citizen_detail.html", context)


@audited_view
@permission_required("courses.view_referral", raise_exception=True)
def deadline_worklist_view(request: HttpRequest) -> HttpResponse:
    require_municipality(request)
    today = timezone.localdate()
    page = paged_request(
        request,
        open_deadlines(municipality=request.user.municipality, today=today),
        transform=lambda deadlines: worklist_rows(deadlines, today),
    )
    audit_list_view(
        user=request.user,
        summary=_("Fristlisten vist"),
        citizen_ids=(row.deadline.referral.citizen_id for row in page.rows),
    )
    return render(request, "web/deadline_worklist.html", {"page": page})


@audited_view
@permission_required("audit.view_auditentry", raise_exception=True)
def audit_log_view(request: HttpRequest) -> HttpResponse:
    require_municipality(request)
    page = paged_request(
        request,
        audit_log(user=request.user),
        per_page=LOG_PAGE_ROWS,
        count_limit=LOG_COUNT_LIMIT,
    )
    # Reading the log is itself an access to the citizens it names.
    audit_list_view(
        user=request.user,
        summary=_("Log over adgang vist"),
        citizen_ids=citizens_named_in(page.rows),
    )
    reach = f"{LOG_COUNT_LIMIT:,}".replace(",", ".")
    return render(request, "web/audit_log.html", {"page": page, "count_limit": reach})


@audited_view
@permission_required("audit.view_auditentry", raise_exception=True)
def audit_entry_view(request: HttpRequest, entry_id: int) -> HttpResponse:
    """One log entry in full, the search term unmasked; opening it is logged as well."""
    entry = audit_entry_get(user=request.user, entry_id=entry_id)
    audit_record(
        user=request.user,
        action=AuditAction.VIEW,
        target=entry,
        summary=_("Logpost vist"),
        shown_citizen_ids=[entry.citizen_id] if entry.citizen_id else [],
    )
    return render(request, "web/audit_entry.html", {"entry": entry})


def _consent_change(
    request: HttpRequest, citizen: Citizen, form: Any, save: Callable[[dict], Any], done: str
) -> HttpResponse:
    """Consent forms sit on the citizen page: every outcome is a message shown there."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, done)
    else:
        for field_errors in form.errors.values():
            messages.error(request, " ".join(field_errors))
    return redirect("citizen-detail", citizen_id=citizen.pk)


@audited_view
@permission_required("citizens.record_consent", raise_exception=True)
@post_only("citizen-detail", "citizen_id")
def consent_record_view(request: HttpRequest, citizen_id: int) -> HttpResponse:
    citizen = citizen_get(
        user=request.user, citizen_id=citizen_id, purpose=_("Samtykke registreret")
    )
    return _consent_change(
        request,
        citizen,
        ConsentForm(request.POST),
        save=lambda data: consent_record(user=request.user, citizen=citizen, **data),
        done=_("Samtykket er registreret."),
    )


@audited_view
@permission_required("citizens.record_consent", raise_exception=True)
@post_only("citizen-detail", "citizen_id")
def consent_withdraw_view(request: HttpRequest, citizen_id: int, consent_id: int) -> HttpResponse:
    citizen = citizen_get(
        user=request.user, citizen_id=citizen_id, purpose=_("Samtykke trukket tilbage")
    )
    consent = get_object_or_404(citizen.consents, pk=consent_id)
    return _consent_change(
        request,
        citizen,
        ConsentWithdrawForm(request.POST),
        save=lambda data: consent_withdraw(
            user=request.user, consent=consent, withdrawn_on=data["withdrawn_on"]
        ),
        done=_("Samtykket er trukket tilbage."),
    )
