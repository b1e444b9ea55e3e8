"""The lead times in force: the installation's settings and a municipality's own numbers."""

from __future__ import annotations

from django.conf import settings


def lead_days(municipality_slug: str) -> dict[str, int]:
    """Working days of warning per deadline kind for one municipality."""
    lead = dict(settings.REHABPLAN_ALERT_LEAD_DAYS)
    lead.update(settings.REHABPLAN_ALERT_LEAD_DAYS_BY_MUNICIPALITY.get(municipality_slug, {}))
    return lead
