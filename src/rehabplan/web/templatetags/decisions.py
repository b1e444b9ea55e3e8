"""Data for the decisions part of the citizen page."""

from __future__ import annotations

from typing import Any

from django import template

from rehabplan.courses.selectors.decisions import (
    CitizenDecisions,
    decisions_for_citizen,
)

register = template.Library()


@register.simple_tag
def citizen_decisions(citizen: Any) -> CitizenDecisions:
    return decisions_for_citizen(citizen)
