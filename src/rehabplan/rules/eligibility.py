"""Eligibility from facts: each criterion met, unmet or unknown, and the outcome."""

from __future__ import annotations

import datetime as dt
from typing import Any

from rehabplan.rules.conditions import UNKNOWN, UNMET, evaluate
from rehabplan.rules.facts import Facts, parse_facts
from rehabplan.rules.frequency import check_limit
from rehabplan.rules.model import Explanation
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
    criteria: list[Criterion] = []
    notes: list[Explanation] = []
    for rule in resolved.rules_for(service, "criterion"):
        status, detail = evaluate(rule, parsed, on, service)
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
