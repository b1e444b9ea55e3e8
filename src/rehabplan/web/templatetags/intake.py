"""The intake part of the citizen page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template
from django.utils import timezone

from rehabplan.courses.selectors.intake import intake_for_citizen

if TYPE_CHECKING:
    from rehabplan.citizens.models import Citizen


register = template.Library()


@register.inclusion_tag("intake/_citizen_intake.html", takes_context=True)
def intake_citizen(context: Any, citizen: Citizen, referrals: Any = None) -> dict[str, Any]:
    """The citizen's referrals with their deadlines in words: those the page already read, when
    it passes them."""
    user = context.get("user")
    today = context.get("today") or timezone.localdate()
    return {
        "citizen": citizen,
        "rows": intake_for_citizen(citizen=citizen, today=today, referrals=referrals),
        "can_register": bool(user and user.has_perm("courses.register_referral")),
        "can_view": bool(user and user.has_perm("courses.view_referral")),
    }
