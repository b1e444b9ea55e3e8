"""Data for the decisions parts of the citizen page and the start page."""

from __future__ import annotations

from typing import Any

from django import template

from rehabplan.courses.selectors_decisions import (
    CitizenDecisions,
    VisitatorWorklist,
    decisions_for_citizen,
    visitator_worklist,
)

register = template.Library()


@register.simple_tag
def citizen_decisions(citizen: Any) -> CitizenDecisions:
    return decisions_for_citizen(citizen)


@register.simple_tag
def decision_worklist(user: Any, today: Any = None) -> VisitatorWorklist | None:
    if not getattr(user, "municipality_id", None) or not user.has_perm("courses.decide_referral"):
        return None
    return visitator_worklist(municipality=user.municipality, today=today)
