"""What the deadline and waiting-time sections share: the period in months, service names, the
filters applied to referrals, courses and sessions, and the refusal of an unknown drill-down."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from rehabplan.courses.models import Attendance
from rehabplan.courses.standard_services import service_name, services_in_force
from rehabplan.reporting.kpi.figures import KpiFilters, UnknownDrilldown
from rehabplan.rules import RulesError


def month_starts(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first day of every month the period touches, in order."""
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def month_end(month: datetime.date) -> datetime.date:
    return (month + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)


def month_label(month: datetime.date) -> str:
    """ "januar 2026": the month as the page and the exports name it."""
    return date_format(month, "F Y")


def month_key(month: datetime.date) -> str:
    """ "2026-01": the month in a drill-down's address."""
    return month.strftime("%Y-%m")


def parse_month(value: str, filters: KpiFilters) -> datetime.date:
    """A drill-down's month, which must lie in the filtered period."""
    try:
        month = datetime.date.fromisoformat(f"{value}-01")
    except ValueError as error:
        raise UnknownDrilldown(value) from error
    if month not in month_starts(filters.period_start, filters.period_end):
        raise UnknownDrilldown(value)
    return month


def day_bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    """The period's first moment and the moment after its last day, in local time, so that a
    range on a timestamp column uses its index."""
    zone = timezone.get_default_timezone()
    return (
        timezone.make_aware(datetime.datetime.combine(start, datetime.time.min), zone),
        timezone.make_aware(
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min), zone
        ),
    )


def service_names(filters: KpiFilters, codes: Iterable[str]) -> dict[str, str]:
    """The standard's name for each code, as in force at the period's end (older codes are
    named by the version that knows them)."""
    from rehabplan.organisation.models import Municipality

    municipality = Municipality.objects.get(pk=filters.municipality_id)
    try:
        in_force = services_in_force(municipality, filters.period_end)
    except RulesError:
        # A period ending before the standard took effect: each code named by a version below.
        in_force = []
    names = {service.code: service.name for service in in_force}
    for code in codes:
        if code not in names:
            names[code] = service_name(municipality, code, filters.period_end)
    return names


def course_filter_q(filters: KpiFilters, prefix: str = "") -> Q:
    """The filters on a course (`prefix` leads from the queried model to the course): its
    service, class and therapist, and a location where its class meets or where it had a place
    in a session (an individual course is wherever it was trained)."""
    location = Q()
    if filters.location_id:
        # One semi-join over the location's places rather than a lookup per course.
        trained_there = Attendance.objects.of_municipality(filters.municipality_id).filter(
            session__location_id=filters.location_id
        )
        location = Q(**{f"{prefix}team_class__location_id": filters.location_id}) | Q(
            **{f"{prefix}pk__in": trained_there.values("course_id")}
        )
    conditions: dict[str, Any] = {}
    if filters.service_code:
        conditions[f"{prefix}service_code"] = filters.service_code
    if filters.team_class_id:
        conditions[f"{prefix}team_class_id"] = filters.team_class_id
    if filters.therapist_id:
        conditions[f"{prefix}therapist_id"] = filters.therapist_id
    return Q(**conditions) & location


def referral_filter_q(filters: KpiFilters, prefix: str = "") -> Q:
    """The filters on a referral: its service, and location, class and therapist through the
    course it led to (a referral without a course drops out when one of those is chosen)."""
    condition = (
        Q(**{f"{prefix}service_code": filters.service_code}) if filters.service_code else Q()
    )
    course_only = KpiFilters(
        municipality_id=filters.municipality_id,
        period_start=filters.period_start,
        period_end=filters.period_end,
        location_id=filters.location_id,
        team_class_id=filters.team_class_id,
        therapist_id=filters.therapist_id,
    )
    return condition & course_filter_q(course_only, f"{prefix}course__")


def check_keys(drilldown: dict[str, str], known: Iterable[str]) -> None:
    unknown = set(drilldown) - set(known)
    if unknown or not drilldown:
        raise UnknownDrilldown(", ".join(sorted(unknown)))


def percent(part: float, whole: float) -> float | None:
    """part of whole in percent with one decimal; None (shown as "–") when whole is 0."""
    return round(100 * part / whole, 1) if whole else None
