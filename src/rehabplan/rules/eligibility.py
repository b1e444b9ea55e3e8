"""Eligibility from facts: each criterion met, unmet or unknown, and the outcome."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from rehabplan.rules.conditions import UNKNOWN, UNMET, evaluate
from rehabplan.rules.errors import UnknownAssessment
from rehabplan.rules.facts import Facts, parse_facts
from rehabplan.rules.frequency import check_limit
from rehabplan.rules.model import Explanation, Rule, Service
from rehabplan.rules.registry import StandardsRegistry
from rehabplan.rules.results import Criterion, EligibilityResult

ELIGIBLE, NOT_ELIGIBLE, NEEDS_ASSESSMENT = "eligible", "not_eligible", "needs_assessment"


def eligibility(
    registry: StandardsRegistry,
    municipality: str,
    service: str,
    *,
    on: dt.date,
    facts: dict[str, Any] | Facts | None,
) -> EligibilityResult:
    """Whether the citizen is in the standard's target group on `on`."""
    parsed = parse_facts(facts)
    resolved = registry.resolve(municipality, on)
    definition = resolved.service(service)
    criterion_rules = resolved.rules_for(service, "criterion")
    parsed = checked_assessments(parsed, criterion_rules, definition)
    criteria: list[Criterion] = []
    notes: list[Explanation] = []
    names = resolved.memo.get("service_names")
    if names is None:
        names = resolved.memo["service_names"] = {
            code: s.name for code, s in resolved.services.items()
        }
    for rule in criterion_rules:
        status, detail = evaluate(rule, parsed, on, service, names)
        criteria.append(Criterion(rule.qualified_id, status, rule.text, rule.source, detail))
    limit_rule = resolved.one(service, "frequency_limit")
    if limit_rule is not None:
        limit = check_limit(limit_rule, parsed, on, service)
        criteria.append(
            Criterion(
                limit_rule.qualified_id,
                limit.status,
                limit_rule.text,
                limit_rule.source,
                limit.text,
            )
        )
    statuses = {c.status for c in criteria}
    if not criteria:
        statuses = {UNKNOWN}
        notes.append(
            Explanation(
                f"{resolved.municipality.slug}:{service}.criteria",
                f"Standarden angiver ingen visitationskriterier for {definition.name}; "
                "det kræver en faglig vurdering.",
                definition.source,
            )
        )
    if UNMET in statuses:
        outcome = NOT_ELIGIBLE
    elif UNKNOWN in statuses:
        outcome = NEEDS_ASSESSMENT
    else:
        outcome = ELIGIBLE
    if not definition.is_grant:
        notes.append(
            Explanation(
                f"{definition.origin.split('@')[0]}:{service}.decision",
                f"{definition.name} ({definition.legal_basis}) er ikke en bevilling: "
                "der gives hverken "
                "bevilling eller afslag; kommunen fastlægger niveau og plan.",
                definition.source,
            )
        )
    return EligibilityResult(
        outcome,
        resolved.version_id,
        service,
        definition.decision,
        tuple(criteria),
        tuple(notes),
    )


def checked_assessments(facts: Facts, criteria: tuple[Rule, ...], service: Service) -> Facts:
    """Facts whose `assessments` name only criteria of the service, keyed by plain rule id.

    A key may be the plain id ("SEL86.motivated") or the qualified id the results show
    ("demo:SEL86.motivated"); any other key is a typo or another standard's criterion and is
    rejected rather than silently leaving the case unassessed.
    """
    if not facts.assessments:
        return facts
    by_key = {rule.id: rule.id for rule in criteria}
    by_key.update({rule.qualified_id: rule.id for rule in criteria})
    normalised: dict[str, bool] = {}
    for key, value in facts.assessments.items():
        plain = by_key.get(key)
        if plain is None:
            raise UnknownAssessment(key, tuple(rule.id for rule in criteria), service.name)
        normalised[plain] = value
    return replace(facts, assessments=normalised)
