"""The leader's "Planlæg": request a week's proposal, watch it compute, adjust and accept it."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from rehabplan.audit.services import audit_list_view
from rehabplan.scheduling.models import PlanProposal, ProposalState
from rehabplan.scheduling.selectors import proposal_get, proposal_rows, recent_proposals
from rehabplan.scheduling.services import proposal_accept, proposal_adjust, proposal_request
from rehabplan.scheduling.weeks import iso_week_of
from rehabplan.web.post_only import post_only
from rehabplan.web.privacy import audited_view, shows_no_citizen_data

PERMISSION = "courses.plan_courses"


def _proposal(request: HttpRequest, proposal_id: int) -> PlanProposal:
    return proposal_get(user=request.user, proposal_id=proposal_id)


@shows_no_citizen_data
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def planning_start_view(request: HttpRequest) -> HttpResponse:
    next_week = iso_week_of(timezone.localdate() + datetime.timedelta(days=7))
    errors: list[str] = []
    if request.method == "POST":
        try:
            proposal = proposal_request(
                user=request.user,
                week=request.POST.get("week", ""),
                method=request.POST.get("method", "optimiser"),
            )
        except ValidationError as error:
            errors = error.messages
        else:
            return redirect("planning-proposal", proposal_id=proposal.pk)
    proposals = recent_proposals(user=request.user)
    return render(
        request,
        "planning/start.html",
        {
            "week": request.POST.get("week", next_week),
            "errors": errors,
            "proposals": proposals,
        },
    )


@audited_view
@permission_required(PERMISSION, raise_exception=True)
def planning_proposal_view(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    computing = proposal.state in (ProposalState.QUEUED, ProposalState.RUNNING)
    context = {"proposal": proposal, "computing": computing}
    if request.headers.get("HX-Request") and computing:
        return render(request, "planning/_progress.html", context)
    if request.headers.get("HX-Request"):
        # Finished while the page was polling: reload the whole page to show the proposal.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    if proposal.state in (ProposalState.READY, ProposalState.ACCEPTED):
        rows = proposal_rows(proposal)
        audit_list_view(
            user=request.user,
            summary=_("Planforslag %(week)s vist") % {"week": proposal.week},
            citizen_ids=(
                row.course.citizen_id
                for row in rows["planned"] + rows["unplanned"] + rows["skipped_rows"]
            ),
        )
        context.update(rows)
    return render(request, "planning/proposal.html", context)


@audited_view
@permission_required(PERMISSION, raise_exception=True)
@post_only("planning-proposal", "proposal_id")
def planning_adjust_view(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    try:
        proposal_adjust(
            user=request.user,
            proposal=proposal,
            course_id=request.POST.get("course_id", ""),
            class_id=request.POST.get("class_id") or None,
            therapist_id=request.POST.get("therapist_id") or None,
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, _("Flytningen er ikke mulig: %(reason)s") % {"reason": message})
    else:
        messages.success(request, _("Forslaget er ændret og kontrolleret igen."))
    return redirect("planning-proposal", proposal_id=proposal.pk)


@audited_view
@permission_required(PERMISSION, raise_exception=True)
@post_only("planning-proposal", "proposal_id")
def planning_accept_view(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    try:
        outcome = proposal_accept(user=request.user, proposal=proposal)
    except ValidationError as error:
        messages.error(
            request,
            _("Forslaget blev ikke godkendt, fordi kalenderen er ændret imens: %(reasons)s")
            % {"reasons": " ".join(error.messages)},
        )
    else:
        messages.success(
            request,
            _("Godkendt: %(courses)d forløb startet, %(sessions)s booket.")
            % {
                "courses": outcome.courses_started,
                "sessions": ngettext(
                    "%(count)d aftale", "%(count)d aftaler", outcome.sessions_booked
                )
                % {"count": outcome.sessions_booked},
            },
        )
    return redirect("planning-proposal", proposal_id=proposal.pk)
