"""Screens for FSIII assessment, decisions, SUL140 plans and decision letters.

Thin views: parse a form, call one service, render. The rules engine decides what is met,
how much the standard allows and what the letter says about transport and complaints.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from rehabplan import rules
from rehabplan.citizens.selectors import citizen_get
from rehabplan.courses.models import AssessmentPhase, DecisionOutcome, Referral
from rehabplan.courses.selectors.course import open_course_of_citizen
from rehabplan.courses.selectors.decisions import (
    DecisionBasis,
    decision_basis,
    decision_for_user,
    decision_letter_export,
    decision_screen,
    decision_view_record,
    referral_for_user,
)
from rehabplan.courses.selectors.fsiii_prefill import assessment_prefill
from rehabplan.courses.services.assessments import assessment_record, fsiii_training_areas
from rehabplan.courses.services.decisions import (
    decision_make,
    decision_record_receipt,
    decision_set_plan,
    extent_deviations,
)
from rehabplan.web.decisions.forms import (
    AssessmentForm,
    DecisionForm,
    PlanForm,
    ReceiptForm,
    decision_initial,
)
from rehabplan.web.form_errors import add_service_errors
from rehabplan.web.post_only import post_only
from rehabplan.web.privacy import audited_view

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


STATUS_TEXT = {
    "met": gettext_lazy("Opfyldt"),
    "unmet": gettext_lazy("Ikke opfyldt"),
    "unknown": gettext_lazy("Ukendt – kræver vurdering"),
}
OUTCOME_TEXT = {
    "eligible": gettext_lazy("Alle kriterier er opfyldt."),
    "not_eligible": gettext_lazy("Mindst ét kriterium er ikke opfyldt."),
    "needs_assessment": gettext_lazy("Et eller flere kriterier kræver en vurdering."),
}
EXTENT_FIELDS = (
    "granted_sessions",
    "sessions_per_week",
    "granted_weeks",
    "period_start",
    "period_end",
)


def _basis_context(basis: DecisionBasis) -> dict[str, Any]:
    eligibility = basis.eligibility.to_dict()
    for criterion in eligibility["criteria"]:
        criterion["status_text"] = STATUS_TEXT.get(criterion["status"], criterion["status"])
    return {
        "basis": basis,
        "eligibility": eligibility,
        "eligibility_text": OUTCOME_TEXT.get(basis.eligibility.outcome, ""),
        "extent": basis.extent.to_dict(),
        "legal_basis": basis.legal_basis.to_dict(),
        "transport": basis.transport.to_dict(),
        "complaint": basis.complaint.to_dict(),
        "standard_on": basis.on,
    }


@audited_view
@permission_required("courses.decide_referral", raise_exception=True)
@require_http_methods(["GET", "POST"])
def decision_view(request: HttpRequest, referral_id: int) -> HttpResponse:
    today = timezone.localdate()
    screen = decision_screen(user=request.user, referral_id=referral_id, on=today)
    referral = screen.referral
    if screen.decided:
        messages.info(request, _("Henvisningen er allerede afgjort."))
        if screen.decision is not None:
            return redirect("decision-detail", decision_id=screen.decision.pk)
        return redirect("citizen-detail", citizen_id=referral.citizen_id)
    if screen.basis is None:
        messages.error(
            request,
            _("Kvalitetsstandarden kan ikke bruges: %(error)s")
            % {"error": screen.standard_problem},
        )
        return redirect("citizen-detail", citizen_id=referral.citizen_id)
    if screen.basis.has_gop:
        return _plan_view(request, referral, screen.basis)
    if request.method == "POST":
        step = _decision_posted(request, screen.referral, screen.basis)
        if step.done is not None:
            return step.done
    else:
        step = _DecisionStep(
            DecisionForm(
                initial=decision_initial(screen.basis.defaults, today),
                **_form_kwargs(screen.basis),
            ),
            screen.basis,
        )
    context = {
        "referral": referral,
        "citizen": referral.citizen,
        "form": step.form,
        "deviations": step.deviations,
        "latest_assessment": screen.latest_assessment,
        **_basis_context(step.basis),
    }
    return render(request, "decisions/decision_form.html", context)


@dataclass
class _DecisionStep:
    """The decision form after a step: shown again (with the engine's basis for the answers
    given and any departures from the standard), or `done` with the response to send."""

    form: DecisionForm
    basis: DecisionBasis
    deviations: list[str] = field(default_factory=list)
    done: HttpResponse | None = None


def _form_kwargs(stable: DecisionBasis) -> dict[str, Any]:
    return {
        "answerable": stable.answerable,
        "asks_programme": stable.asks_programme,
        "tiers": stable.extent.tiers,
        "length_range": stable.extent.length_range,
    }


def _decision_posted(
    request: HttpRequest, referral: Referral, stable: DecisionBasis
) -> _DecisionStep:
    """ "Vurder" shows the engine's answer to the answers given; "Gem" makes the decision."""
    form = DecisionForm(request.POST, **_form_kwargs(stable))
    valid = form.is_valid()
    evaluate = "evaluate" in request.POST
    has_date = "decided_on" in form.cleaned_data
    basis = stable
    if valid or (evaluate and has_date):
        try:
            basis = decision_basis(
                referral, on=form.cleaned_data["decided_on"], answers=form.answers()
            )
        except rules.RulesError as error:
            form.add_error(
                "decided_on",
                _("Kvalitetsstandarden kan ikke bruges: %(error)s") % {"error": error},
            )
            valid = evaluate = False
    if evaluate and has_date:
        return _DecisionStep(_evaluated_form(request, form, basis, stable), basis)
    if not valid:
        return _DecisionStep(form, basis)
    return _decision_saved(request, referral, form, basis)


def _evaluated_form(
    request: HttpRequest, form: DecisionForm, basis: DecisionBasis, stable: DecisionBasis
) -> DecisionForm:
    """The engine's extent follows the answers (e.g. PT and OT both needed); the form is shown
    again unbound, so nothing is marked as an error before the decision."""
    initial = {name: request.POST.get(name, "") for name in form.fields}
    initial.update(
        {
            name: value
            for name, value in decision_initial(
                basis.defaults, form.cleaned_data["decided_on"]
            ).items()
            if name in EXTENT_FIELDS
        }
    )
    return DecisionForm(initial=initial, **_form_kwargs(stable))


def _decision_saved(
    request: HttpRequest, referral: Referral, form: DecisionForm, basis: DecisionBasis
) -> _DecisionStep:
    decided_on = form.cleaned_data["decided_on"]
    try:
        decision = decision_make(
            user=request.user,
            referral=referral,
            outcome=form.cleaned_data["outcome"],
            decided_on=decided_on,
            answers=form.answers(),
            deviation_reason=form.cleaned_data["deviation_reason"],
            refusal_reason=form.cleaned_data["refusal_reason"],
            **form.extent_values(),
        )
    except ValidationError as error:
        add_service_errors(form, error)
    else:
        messages.success(
            request,
            _("Afgørelsen er gemt, og brevet er lagt i udbakken til Digital Post."),
        )
        return _DecisionStep(form, basis, done=redirect("decision-detail", decision_id=decision.pk))
    values = form.extent_values()
    granting = form.cleaned_data.get("outcome") == DecisionOutcome.GRANTED
    deviations = (
        extent_deviations(
            basis.extent,
            sessions=values["granted_sessions"],
            weeks=values["granted_weeks"],
            sessions_per_week=values["sessions_per_week"],
            period_start=values["period_start"] or decided_on,
            period_end=values["period_end"],
        )
        if granting
        else []
    )
    return _DecisionStep(form, basis, deviations)


def _plan_view(request: HttpRequest, referral: Referral, basis: DecisionBasis) -> HttpResponse:
    today = timezone.localdate()
    form = PlanForm(request.POST or None, initial={"decided_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            decision = decision_set_plan(user=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Niveau og plan er gemt, og planbrevet er lagt i udbakken.")
            )
            return redirect("decision-detail", decision_id=decision.pk)
    context = {
        "referral": referral,
        "citizen": referral.citizen,
        "form": form,
        **_basis_context(basis),
    }
    return render(request, "decisions/plan_form.html", context)


def _detail_context(request: HttpRequest, decision: Any, receipt_form: ReceiptForm) -> dict:
    referral = decision.referral
    criteria = [
        {**c, "status_text": STATUS_TEXT.get(c["status"], c["status"])}
        for c in (decision.eligibility or {}).get("criteria", [])
    ]
    routes = []
    for route in (decision.complaint_guidance or {}).get("routes", []):
        steps = [
            {**step, "deadline": datetime.date.fromisoformat(step["deadline"])}
            if step.get("deadline")
            else step
            for step in route["steps"]
        ]
        routes.append({**route, "steps": steps, "rule_id": _route_rule_id(decision, route)})
    return {
        "decision": decision,
        "referral": referral,
        "citizen": referral.citizen,
        "criteria": criteria,
        "complaint_routes": routes,
        "receipt_form": receipt_form,
        "is_plan": decision.outcome == DecisionOutcome.PLAN,
        "standard_on": decision.decided_on,
        "can_decide": request.user.has_perm("courses.decide_referral"),
    }


def _route_rule_id(decision: Any, route: dict[str, Any]) -> str:
    """The rule behind a stored complaint route: the explanation line with the route's text."""
    for line in (decision.complaint_guidance or {}).get("explanation", []):
        if line.get("text") == route.get("text"):
            return line.get("rule_id", "")
    return ""


@audited_view
@permission_required("courses.view_referral", raise_exception=True)
def decision_detail_view(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = decision_for_user(
        user=request.user, decision_id=decision_id, purpose=_("Afgørelse vist")
    )
    form = ReceiptForm(initial={"received_on": decision.letter_received_on or timezone.localdate()})
    return render(
        request, "decisions/decision_detail.html", _detail_context(request, decision, form)
    )


@audited_view
@permission_required("courses.decide_referral", raise_exception=True)
@post_only("decision-detail", "decision_id")
def decision_receipt_view(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = decision_for_user(user=request.user, decision_id=decision_id)
    form = ReceiptForm(request.POST)
    if form.is_valid():
        try:
            decision_record_receipt(
                user=request.user, decision=decision, received_on=form.cleaned_data["received_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Modtagelsen er registreret, og klagefristen er beregnet."))
            return redirect("decision-detail", decision_id=decision.pk)
    # Shown again with its errors: a view of the decision like any other.
    decision_view_record(user=request.user, decision=decision, summary=_("Afgørelse vist"))
    context = _detail_context(request, decision, form)
    return render(request, "decisions/decision_detail.html", context, status=400)


@audited_view
@permission_required("courses.view_referral", raise_exception=True)
def decision_letter_view(request: HttpRequest, decision_id: int) -> HttpResponse:
    filename, document = decision_letter_export(user=request.user, decision_id=decision_id)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _may_assess(user: User) -> bool:
    return user.has_perm("courses.decide_referral") or user.has_perm("courses.document_course")


@audited_view
@require_http_methods(["GET", "POST"])
def assessment_view(
    request: HttpRequest, citizen_id: int | None = None, referral_id: int | None = None
) -> HttpResponse:
    if not _may_assess(request.user):
        raise PermissionDenied(_("Du har ikke adgang til at registrere funktionsvurderinger."))
    referral = None
    if referral_id is not None:
        referral = referral_for_user(user=request.user, referral_id=referral_id)
        citizen_id = referral.citizen_id
    citizen = citizen_get(
        user=request.user, citizen_id=citizen_id, purpose=_("Funktionsvurdering (FSIII) åbnet")
    )
    course = None
    if referral is None:
        course = open_course_of_citizen(citizen)
    # Services that follow § 140 also score the hospital-rehabilitation conditions.
    case = referral or course
    service = case.service if case is not None else None
    areas = fsiii_training_areas(
        include_rehabilitation=service is not None and service.process.has_gop
    )
    is_visitator = request.user.has_perm("courses.decide_referral")
    phase = AssessmentPhase.VISITATION if is_visitator else AssessmentPhase.START
    prefill = assessment_prefill(citizen=citizen, referral=referral)
    form = AssessmentForm(
        request.POST or None,
        areas=areas,
        prefill=prefill.levels,
        initial={"phase": phase, "assessed_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment_record(
                user=request.user,
                citizen=citizen,
                referral=referral,
                course=course,
                phase=form.cleaned_data["phase"],
                assessed_on=form.cleaned_data["assessed_on"],
                levels=form.levels(),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Funktionsvurderingen er gemt."))
            if referral is not None and is_visitator:
                return redirect("decision", referral_id=referral.pk)
            return redirect("citizen-detail", citizen_id=citizen.pk)
    context = {
        "citizen": citizen,
        "referral": referral,
        "course": course,
        "form": form,
        "prefill": prefill,
    }
    return render(request, "decisions/assessment_form.html", context)
