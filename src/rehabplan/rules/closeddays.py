"""Which days a unit is closed: weekends, public holidays and the standard's own closed days."""

from __future__ import annotations

import datetime as dt

from rehabplan.rules.calendar import holiday_name
from rehabplan.rules.danish import WEEKDAYS
from rehabplan.rules.model import Rule
from rehabplan.rules.registry import ResolvedStandard


def closed_days_rule(resolved: ResolvedStandard, service: str | None) -> Rule | None:
    if service is not None:
        return resolved.one(service, "closed_days")
    return next((r for r in resolved.rules.values() if r.type == "closed_days"), None)


def closed_reason(day: dt.date, rule: Rule | None) -> str | None:
    """Why `day` is closed, in Danish, or None when it is an ordinary working day."""
    name = holiday_name(day)
    if name:
        return f"helligdag ({name})"
    if day.weekday() >= 5:
        return WEEKDAYS[day.weekday()]
    if rule is not None:
        if f"{day.month:02d}-{day.day:02d}" in rule.params.get("annual", ()):
            return "sædvanlig fridag/lukkedag"
        if day in rule.params.get("dates", ()):
            return "lukkedag"
    return None
