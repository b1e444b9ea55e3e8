"""The unit's closed days in a period: days the alert calendar does not count as working."""

from __future__ import annotations

import datetime as dt

from rehabplan import rules
from rehabplan.organisation.models import ClosedDay, Municipality
from rehabplan.organisation.standards import installation_registry


def unit_closed_days(municipality: Municipality, first: dt.date, last: dt.date) -> frozenset:
    """The closed days the administrator keeps (Opsætning: lukkedage) and those the quality
    standard names (the customary 5 June, 24 and 31 December), as the planner counts them."""
    days = set(
        ClosedDay.objects.filter(
            municipality=municipality, day__gte=first, day__lte=last
        ).values_list("day", flat=True)
    )
    try:
        standard = rules.closed_days(
            installation_registry(), municipality.slug, start=first, end=last
        )
    except rules.RulesError:
        # A municipality without a standard in force still has its own closed days.
        return frozenset(days)
    days.update(closed.day for closed in standard.days)
    return frozenset(days)
