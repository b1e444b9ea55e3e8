"""The intake parts of the start page and the citizen page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from rehabplan.courses.selectors_intake import (
    intake_for_citizen,
    intake_inbox,
    referrals_lapsing,
)

register = template.Library()


@register.inclusion_tag("intake/_inbox.html", takes_context=True)
def intake_home(context: Any) -> dict[str, Any]:
    """The visitator's inbox and the GP referrals about to lapse."""
    user = context.get("user")
    today = context.get("today") or timezone.localdate()
    municipality = getattr(user, "municipality", None)
    if municipality is None or not user.has_perm("courses.register_referral"):
        return {"show": False}
    return {
        "show": True,
        "rows": intake_inbox(municipality=municipality, today=today),
        "lapsing": referrals_lapsing(municipality=municipality, today=today),
        "today": today,
    }


@register.inclusion_tag("intake/_citizen_intake.html", takes_context=True)
def intake_citizen(context: Any, citizen: Any) -> dict[str, Any]:
    user = context.get("user")
    today = context.get("today") or timezone.localdate()
    return {
        "citizen": citizen,
        "rows": intake_for_citizen(citizen=citizen, today=today),
        "can_register": bool(user and user.has_perm("courses.register_referral")),
        "can_view": bool(user and user.has_perm("courses.view_referral")),
    }
