"""The daily figures for the leader's filters: the period's days, place, class and therapist.

With a service chosen, the sessions are those where a course of the service had a place, read
from `DailyPlaces` (whose `sessions` count exactly those); otherwise every session, from
`DailySessions`. Both have the same session columns, so the sections read either alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from rehabplan.reporting.daily.refresh import bring_up_to_date
from rehabplan.reporting.models import DailyPlaces, DailySessions

if TYPE_CHECKING:
    from rehabplan.reporting.kpi.figures import KpiFilters


def _in_scope(model, filters: KpiFilters) -> QuerySet:
    bring_up_to_date(filters.municipality_id)
    rows = model.objects.of_municipality(filters.municipality_id).filter(
        day__gte=filters.period_start, day__lte=filters.period_end
    )
    if filters.location_id is not None:
        rows = rows.filter(location_id=filters.location_id)
    if filters.team_class_id is not None:
        rows = rows.filter(team_class_id=filters.team_class_id)
    if filters.therapist_id is not None:
        rows = rows.filter(therapist_id=filters.therapist_id)
    return rows.order_by()


def session_days(filters: KpiFilters) -> QuerySet:
    """Groups of the period's sessions that match the filters: sum `sessions`."""
    if filters.service_code:
        return place_days(filters)
    return _in_scope(DailySessions, filters)


def place_days(filters: KpiFilters) -> QuerySet[DailyPlaces]:
    """Groups of the period's places that match the filters, the service included."""
    rows = _in_scope(DailyPlaces, filters)
    if filters.service_code:
        rows = rows.filter(service_code=filters.service_code)
    return rows
