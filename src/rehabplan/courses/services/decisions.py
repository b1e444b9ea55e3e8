"""The visitator's decisions: grant or refusal, the SUL140 plan, and the letter's receipt.

Numbers and conditions come from the rules engine (see selectors.decisions.decision_basis);
this module checks the visitator's choices against them, stores the decision with the
engine's results, sends the letter through the outbox and recomputes the deadlines.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan import rules
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.deadlines import store_deadlines
from rehabplan.courses.letters import decision_letter
from rehabplan.courses.models import (
    Course,
    CourseStatus,
    Decision,
    DecisionOutcome,
    GopLevel,
    Referral,
    ReferralStatus,
)
from rehabplan.courses.selectors.decisions import (
    UNDECIDED_STATUSES,
    DecisionAnswers,
    DecisionBasis,
    decision_basis,
    period_end_for,
)
from rehabplan.organisation.standards import installation_registry
from rehabplan.outbox.models import Channel, MessageKind, RecipientKind
from rehabplan.outbox.services import outbox_enqueue_letter
from rehabplan.rules.calendar import add_months
from rehabplan.rules.danish import long_date

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


def extent_deviations(
    extent: rules.ExtentResult,
    *,
    sessions: int | None,
    weeks: int | None,
    sessions_per_week: int | None,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
) -> list[str]:
    """Where the chosen extent departs from the standard's, in Danish; empty when it does not.

    A maximum is a ceiling (less is within the standard); a typical length is the standard's
    own figure, so any other length departs from it.
    """
    found = []
    if extent.max_sessions is not None and sessions is not None and sessions > extent.max_sessions:
        found.append(
            _("%(chosen)d gange er flere end standardens højst %(limit)d.")
            % {"chosen": sessions, "limit": extent.max_sessions}
        )
    if sessions_per_week is not None:
        if (
            extent.max_sessions_per_week is not None
            and sessions_per_week > extent.max_sessions_per_week
        ):
            found.append(
                _("%(chosen)d gange om ugen er flere end standardens højst %(limit)d.")
                % {"chosen": sessions_per_week, "limit": extent.max_sessions_per_week}
            )
        if (
            extent.min_sessions_per_week is not None
            and sessions_per_week < extent.min_sessions_per_week
        ):
            found.append(
                _("%(chosen)d gange om ugen er færre end standardens mindst %(limit)d.")
                % {"chosen": sessions_per_week, "limit": extent.min_sessions_per_week}
            )
    if weeks is not None:
        if extent.max_weeks is not None and weeks > extent.max_weeks:
            found.append(
                _("%(chosen)d uger er længere end standardens højst %(limit)d uger.")
                % {"chosen": weeks, "limit": extent.max_weeks}
            )
        elif extent.max_weeks is None and extent.typical_weeks and weeks != extent.typical_weeks:
            found.append(
                _("%(chosen)d uger afviger fra standardens typiske forløb på %(typical)d uger.")
                % {"chosen": weeks, "typical": extent.typical_weeks}
            )
    if extent.max_months and period_start and period_end:
        limit = add_months(period_start, extent.max_months)
        if period_end > limit:
            found.append(
                _("Perioden slutter efter standardens højst %(months)d måneder (%(limit)s).")
                % {"months": extent.max_months, "limit": long_date(limit)}
            )
    return found


def _check_decidable(referral: Referral, decided_on: datetime.date) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if referral.status not in UNDECIDED_STATUSES:
        errors["__all__"] = [
            _("Henvisningen er allerede afgjort (%(status)s).")
            % {"status": referral.get_status_display()}
        ]
    if decided_on > timezone.localdate():
        errors["decided_on"] = [_("Afgørelsesdatoen kan ikke ligge i fremtiden.")]
    if decided_on < referral.received_on:
        errors["decided_on"] = [
            _("Afgørelsesdatoen kan ikke ligge før henvendelsen blev modtaget.")
        ]
    return errors


def _basis(
    referral: Referral, decided_on: datetime.date, answers: DecisionAnswers
) -> DecisionBasis:
    try:
        return decision_basis(referral, on=decided_on, answers=answers)
    except rules.UnknownAssessment as error:
        raise ValidationError(
            {
                "__all__": [
                    _(
                        "Vurderingen nævner et kriterium, som kvalitetsstandarden ikke har for "
                        "%(service)s: %(key)s. Gyldige kriterier: %(valid)s."
                    )
                    % {
                        "service": referral.service_name,
                        "key": error.key,
                        "valid": ", ".join(error.valid) or "-",
                    }
                ]
            }
        ) from None
    except rules.RulesError as error:
        raise ValidationError(
            {"decided_on": [_("Kvalitetsstandarden kan ikke bruges: %(error)s") % {"error": error}]}
        ) from None


def _chosen_extent(
    referral: Referral,
    basis: DecisionBasis,
    decided_on: datetime.date,
    tier: str,
    errors: dict[str, list[str]],
) -> rules.ExtentResult:
    """The standard's extent for the tier the visitator chose (the tier must be one of the
    standard's, and one must be chosen where the standard has tiers)."""
    extent = basis.extent
    if not extent.tiers:
        if tier:
            errors["extent_tier"] = [_("Kvalitetsstandarden har ingen trin for denne indsats.")]
        return extent
    names = ", ".join(t.name for t in extent.tiers)
    if not tier:
        errors["extent_tier"] = [_("Vælg et trin: %(names)s.") % {"names": names}]
        return extent
    if extent.tier_named(tier) is None:
        errors["extent_tier"] = [
            _("Kvalitetsstandarden har ikke trinnet %(tier)s. Trinnene er: %(names)s.")
            % {"tier": tier, "names": names}
        ]
        return extent
    return rules.extent(
        installation_registry(),
        referral.municipality.slug,
        referral.service_code,
        on=decided_on,
        facts=basis.facts,
        tier=tier,
    )


def _check_length(
    extent: rules.ExtentResult,
    sessions: int | None,
    weeks: int | None,
    errors: dict[str, list[str]],
) -> None:
    """Where the standard gives a range, the decision states a length within it."""
    span = extent.length_range
    if span is None:
        return
    field, value = (
        ("granted_weeks", weeks) if span.unit == "weeks" else ("granted_sessions", sessions)
    )
    unit = _("uger") if span.unit == "weeks" else _("gange")
    if value is None or not span.contains(value):
        errors[field] = [
            _("Standarden fastsætter %(low)d-%(high)d %(unit)s; skriv et tal i intervallet.")
            % {"low": span.minimum, "high": span.maximum, "unit": unit}
        ]


def _criteria_list(criteria: list[rules.Criterion]) -> str:
    return "; ".join(c.text for c in criteria)


@dataclass
class _Terms:
    """What a decision grants; all empty for a refusal."""

    granted_sessions: int | None = None
    granted_weeks: int | None = None
    sessions_per_week: int | None = None
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    deviation_reason: str = ""
    extent_tier: str = ""


@transaction.atomic
def decision_make(
    *,
    user: User,
    referral: Referral,
    outcome: str,
    decided_on: datetime.date,
    answers: DecisionAnswers | None = None,
    granted_sessions: int | None = None,
    granted_weeks: int | None = None,
    sessions_per_week: int | None = None,
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
    deviation_reason: str = "",
    refusal_reason: str = "",
    extent_tier: str = "",
) -> Decision:
    """Grant or refuse a referral of a service with a grant or refusal (§86 and the services
    that follow it, §119, §140a); the letter goes to the outbox.

    Where the standard's extent has tiers, `extent_tier` names the one granted; where it has a
    range, the granted weeks (or sessions) must lie within it.
    """
    answers = answers or DecisionAnswers()
    refusal_reason = refusal_reason.strip()
    _check_grant_or_refusal(referral, outcome, decided_on)
    basis = _basis(referral, decided_on, answers)
    errors: dict[str, list[str]] = {}
    extent = basis.extent
    if outcome == DecisionOutcome.GRANTED:
        asked = _Terms(
            granted_sessions,
            granted_weeks,
            sessions_per_week,
            period_start,
            period_end,
            deviation_reason.strip(),
            extent_tier,
        )
        extent = _chosen_extent(referral, basis, decided_on, extent_tier, errors)
        terms = _granted_terms(basis, extent, decided_on, asked, errors)
    else:
        if not refusal_reason:
            errors["refusal_reason"] = [_("Skriv begrundelsen for afslaget.")]
        terms = _Terms()
    if errors:
        raise ValidationError(errors)
    decision = _store_decision(
        user, referral, outcome, decided_on, answers, basis, extent, terms, refusal_reason
    )
    granted = outcome == DecisionOutcome.GRANTED
    _close_referral(
        referral,
        status=ReferralStatus.GRANTED if granted else ReferralStatus.REFUSED,
        decided_on=decided_on,
    )
    if granted:
        _ensure_course(referral, decision, planned_end_on=terms.period_end)
    _audit_decision(user, referral, decision)
    _send_letter(user, decision, MessageKind.DECISION_LETTER)
    return decision


def _check_grant_or_refusal(referral: Referral, outcome: str, decided_on: datetime.date) -> None:
    """The referral can be decided now, and by a grant or a refusal (not a § 140 plan)."""
    errors = _check_decidable(referral, decided_on)
    service = referral.service
    if service is not None and service.process.has_gop:
        errors["outcome"] = [
            _("%(service)s bevilges ikke; fastlæg niveau og plan.")
            % {"service": referral.service_name}
        ]
    if outcome not in (DecisionOutcome.GRANTED, DecisionOutcome.REFUSED):
        errors["outcome"] = [_("Vælg bevilling eller afslag.")]
    if errors:
        raise ValidationError(errors)


def _granted_terms(
    basis: DecisionBasis,
    extent: rules.ExtentResult,
    decided_on: datetime.date,
    asked: _Terms,
    errors: dict[str, list[str]],
) -> _Terms:
    """The terms of a grant, checked against the criteria and the standard's extent."""
    _check_length(extent, asked.granted_sessions, asked.granted_weeks, errors)
    _check_criteria_met(basis, errors)
    _check_counts(extent, asked, errors)
    period_start = asked.period_start or decided_on
    if period_start < decided_on:
        errors["period_start"] = [_("Perioden kan ikke begynde før afgørelsen.")]
    period_end = asked.period_end or period_end_for(extent, period_start, asked.granted_weeks)
    if period_end is not None and period_end < period_start:
        errors["period_end"] = [_("Perioden kan ikke slutte, før den begynder.")]
    terms = replace(asked, period_start=period_start, period_end=period_end)
    deviations = extent_deviations(
        extent,
        sessions=terms.granted_sessions,
        weeks=terms.granted_weeks,
        sessions_per_week=terms.sessions_per_week,
        period_start=period_start,
        period_end=period_end,
    )
    if not deviations:
        return replace(terms, deviation_reason="")
    if not terms.deviation_reason:
        errors["deviation_reason"] = [
            _("Omfanget afviger fra kvalitetsstandarden; skriv en begrundelse. %(what)s")
            % {"what": " ".join(deviations)}
        ]
    return terms


def _check_criteria_met(basis: DecisionBasis, errors: dict[str, list[str]]) -> None:
    if basis.unmet:
        errors["outcome"] = [
            _("Der kan ikke bevilges, når kriterier ikke er opfyldt: %(criteria)s")
            % {"criteria": _criteria_list(basis.unmet)}
        ]
    elif basis.unknown:
        errors["outcome"] = [
            _("Vurder alle kriterier, før der bevilges. Ikke vurderet: %(criteria)s")
            % {"criteria": _criteria_list(basis.unknown)}
        ]


def _check_counts(extent: rules.ExtentResult, asked: _Terms, errors: dict[str, list[str]]) -> None:
    for name, value in (
        ("granted_sessions", asked.granted_sessions),
        ("granted_weeks", asked.granted_weeks),
        ("sessions_per_week", asked.sessions_per_week),
    ):
        if value is not None and value < 1:
            errors[name] = [_("Skriv et tal på mindst 1.")]
    if extent.max_sessions is not None and asked.granted_sessions is None:
        errors["granted_sessions"] = [_("Skriv hvor mange gange der bevilges.")]


def _store_decision(
    user: User,
    referral: Referral,
    outcome: str,
    decided_on: datetime.date,
    answers: DecisionAnswers,
    basis: DecisionBasis,
    extent: rules.ExtentResult,
    terms: _Terms,
    refusal_reason: str,
) -> Decision:
    return Decision.objects.create(
        referral=referral,
        outcome=outcome,
        decided_on=decided_on,
        decided_by=user,
        standard_version=basis.eligibility.standard_version,
        legal_basis=basis.legal_basis.text,
        service_name=referral.service_name,
        eligibility={**basis.eligibility.to_dict(), "answers": answers.to_dict()},
        engine_extent=extent.to_dict(),
        extent_tier=terms.extent_tier,
        granted_sessions=terms.granted_sessions,
        granted_weeks=terms.granted_weeks,
        sessions_per_week=terms.sessions_per_week,
        period_start=terms.period_start,
        period_end=terms.period_end,
        deviation_reason=terms.deviation_reason,
        refusal_reason=refusal_reason,
        transport=basis.transport.to_dict(),
        complaint_guidance=basis.complaint.to_dict(),
    )


def _audit_decision(user: User, referral: Referral, decision: Decision) -> None:
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=referral.citizen,
        target=decision,
        summary=_("Afgørelse: %(outcome)s (%(service)s)")
        % {"outcome": decision.get_outcome_display(), "service": referral.service_name},
        changes={
            "outcome": decision.outcome,
            "legal_basis": decision.legal_basis,
            "extent_tier": decision.extent_tier,
            "granted_sessions": decision.granted_sessions,
            "granted_weeks": decision.granted_weeks,
            "sessions_per_week": decision.sessions_per_week,
            "deviation_reason": decision.deviation_reason,
            "standard_version": decision.standard_version,
        },
    )


@transaction.atomic
def decision_set_plan(
    *,
    user: User,
    referral: Referral,
    level: str,
    plan_text: str,
    decided_on: datetime.date,
) -> Decision:
    """SUL140: the municipality sets the level and the plan; a plan letter goes out."""
    plan_text = plan_text.strip()
    errors = _check_decidable(referral, decided_on)
    service = referral.service
    if service is None or not service.process.has_gop:
        errors["__all__"] = [
            _("Kun genoptræning efter sundhedsloven § 140 får en plan uden afgørelse.")
        ]
    if level not in GopLevel.values:
        errors["level"] = [_("Vælg niveau: basal eller avanceret.")]
    if not plan_text:
        errors["plan_text"] = [_("Skriv planen for genoptræningen.")]
    if errors:
        raise ValidationError(errors)
    basis = _basis(referral, decided_on, DecisionAnswers())
    decision = Decision.objects.create(
        referral=referral,
        outcome=DecisionOutcome.PLAN,
        decided_on=decided_on,
        decided_by=user,
        standard_version=basis.eligibility.standard_version,
        legal_basis=basis.legal_basis.text,
        service_name=referral.service_name,
        eligibility=basis.eligibility.to_dict(),
        engine_extent=basis.extent.to_dict(),
        level=level,
        plan_text=plan_text,
        transport=basis.transport.to_dict(),
        complaint_guidance=basis.complaint.to_dict(),
    )
    referral.gop_level = level
    _close_referral(referral, status=ReferralStatus.PLANNED, decided_on=decided_on)
    course = _ensure_course(referral, decision, planned_end_on=None)
    if not course.plan_text:
        course.plan_text = plan_text
        course.save(update_fields=["plan_text"])
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=referral.citizen,
        target=decision,
        summary=_("Niveau og plan fastlagt (%(level)s)") % {"level": decision.level},
        changes={"level": level, "standard_version": decision.standard_version},
    )
    _send_letter(user, decision, MessageKind.PLAN_LETTER)
    return decision


@transaction.atomic
def decision_record_receipt(
    *,
    user: User | None,
    decision: Decision,
    received_on: datetime.date,
    actor_name: str = "",
) -> Decision:
    """Record the day the letter reached the citizen; the complaint deadline counts from it.
    Staff record it for a printed letter; the channel reports it for Digital Post (`user` is
    then None and `actor_name` names the channel in the audit log)."""
    errors: dict[str, list[str]] = {}
    if received_on < decision.decided_on:
        errors["received_on"] = [_("Brevet kan ikke være modtaget, før afgørelsen blev truffet.")]
    if received_on > timezone.localdate():
        errors["received_on"] = [_("Modtagelsesdatoen kan ikke ligge i fremtiden.")]
    if errors:
        raise ValidationError(errors)
    referral = decision.referral
    guidance = rules.complaint_guidance(
        installation_registry(),
        referral.municipality.slug,
        referral.service_code,
        on=decision.decided_on,
        decision_received=received_on,
    )
    deadlines = [
        step.deadline
        for route in guidance.routes
        if route.topic == "decision"
        for step in route.steps
        if step.deadline is not None
    ]
    before = {
        "letter_received_on": str(decision.letter_received_on or ""),
        "complaint_deadline": str(decision.complaint_deadline or ""),
    }
    decision.letter_received_on = received_on
    decision.complaint_deadline = min(deadlines) if deadlines else None
    decision.complaint_guidance = guidance.to_dict()
    decision.save(update_fields=["letter_received_on", "complaint_deadline", "complaint_guidance"])
    referral.decision_received_on = received_on
    referral.save(update_fields=["decision_received_on"])
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=referral.citizen,
        target=decision,
        summary=_("Brevets modtagelse registreret"),
        user_name=actor_name,
        changes={
            "letter_received_on": [before["letter_received_on"], received_on.isoformat()],
            "complaint_deadline": [
                before["complaint_deadline"],
                decision.complaint_deadline.isoformat() if decision.complaint_deadline else "",
            ],
        },
    )
    return decision


def _close_referral(referral: Referral, *, status: str, decided_on: datetime.date) -> None:
    referral.status = status
    referral.decided_on = decided_on
    referral.save(update_fields=["status", "decided_on", "gop_level"])
    # The start deadline may count from the decision or the grant: recompute them all.
    store_deadlines(referral)
    referral.deadlines.filter(kind="decision", met_on__isnull=True).update(met_on=decided_on)


def _ensure_course(
    referral: Referral, decision: Decision, *, planned_end_on: datetime.date | None
) -> Course:
    course = Course.objects.filter(referral=referral).first()
    if course is not None:
        return course
    return Course.objects.create(
        municipality=referral.municipality,
        citizen=referral.citizen,
        referral=referral,
        service_code=referral.service_code,
        status=CourseStatus.AWAITING_START,
        level=decision.level,
        planned_end_on=planned_end_on,
        standard_version=decision.standard_version,
        plan_text=decision.plan_text,
    )


def _send_letter(user: User, decision: Decision, kind: str) -> None:
    referral = decision.referral
    message = outbox_enqueue_letter(
        user=user,
        municipality=referral.municipality,
        citizen=referral.citizen,
        kind=kind,
        letter=decision_letter(decision),
        channel=Channel.DIGITAL_POST,
        recipient_kind=RecipientKind.CITIZEN,
    )
    decision.letter = message
    decision.save(update_fields=["letter"])
