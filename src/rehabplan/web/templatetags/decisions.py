"""Data for the decisions part of the citizen page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import template

from rehabplan.courses.selectors.decisions import (
    CitizenDecisions,
    decisions_for_citizen,
)

if TYPE_CHECKING:
    from rehabplan.citizens.models import Citizen


register = template.Library()


@register.simple_tag
def citizen_decisions(citizen: Citizen) -> CitizenDecisions:
    return decisions_for_citizen(citizen)
