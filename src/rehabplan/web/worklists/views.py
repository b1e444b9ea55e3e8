"""The full worklists, a page at a time: parse the page number, call one selector, render."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.audit.services import audit_list_view
from rehabplan.courses.selectors.decisions import (
    awaiting_decision,
    awaiting_rows,
    unconfirmed_letters,
    unconfirmed_rows,
)
from rehabplan.courses.selectors.intake import inbox_referrals, inbox_rows
from rehabplan.web.municipality import require_municipality
from rehabplan.web.paging import paged_request
from rehabplan.web.privacy import audited_view


@audited_view
@permission_required("courses.register_referral", raise_exception=True)
def intake_inbox_view(request: HttpRequest) -> HttpResponse:
    require_municipality(request)
    municipality = request.user.municipality
    today = timezone.localdate()
    page = paged_request(
        request,
        inbox_referrals(municipality=municipality),
        transform=lambda referrals: inbox_rows(referrals, municipality=municipality, today=today),
    )
    audit_list_view(
        user=request.user,
        summary=_("Indbakken vist"),
        citizen_ids=(row.referral.citizen_id for row in page.rows),
    )
    return render(request, "worklists/intake_inbox.html", {"page": page})


@audited_view
@permission_required("courses.decide_referral", raise_exception=True)
def awaiting_decision_view(request: HttpRequest) -> HttpResponse:
    require_municipality(request)
    today = timezone.localdate()
    page = paged_request(
        request,
        awaiting_decision(municipality=request.user.municipality),
        transform=lambda referrals: awaiting_rows(referrals, today),
    )
    audit_list_view(
        user=request.user,
        summary=_("Henvisninger, der afventer afgørelse, vist"),
        citizen_ids=(row.referral.citizen_id for row in page.rows),
    )
    return render(request, "worklists/awaiting_decision.html", {"page": page})


@audited_view
@permission_required("courses.decide_referral", raise_exception=True)
def unconfirmed_letters_view(request: HttpRequest) -> HttpResponse:
    require_municipality(request)
    today = timezone.localdate()
    page = paged_request(
        request,
        unconfirmed_letters(municipality=request.user.municipality),
        transform=lambda decisions: unconfirmed_rows(decisions, today),
    )
    audit_list_view(
        user=request.user,
        summary=_("Breve uden registreret modtagelse vist"),
        citizen_ids=(row.decision.referral.citizen_id for row in page.rows),
    )
    return render(request, "worklists/unconfirmed_letters.html", {"page": page})
