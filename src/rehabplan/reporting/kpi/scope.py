"""What the leader's filters select, shared by the activity sections (attendance, classes and
therapists, outcomes): the period in Danish time, the sessions and places it covers, the months
it spans, and the checked reading of a drill-down's parameters.

Every read starts from the municipality in the filters; a drill-down names a class, a therapist,
a service or a month only if it belongs to that municipality and period, else `UnknownDrilldown`.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet

from rehabplan.courses.models import Attendance, Course, Session
from rehabplan.courses.standard_services import services_in_force
from rehabplan.organisation.models import Municipality, TeamClass, Therapist
from rehabplan.reporting.kpi.common import (
    course_filter_q,
    day_bounds,
    month_starts,
    parse_month,
)
from rehabplan.reporting.kpi.figures import UnknownDrilldown
from rehabplan.rules import RulesError

if TYPE_CHECKING:
    from rehabplan.reporting.kpi.figures import KpiFilters


def local_midnight(day: datetime.date) -> datetime.datetime:
    return day_bounds(day, day)[0]


def period_moments(filters: KpiFilters) -> tuple[datetime.datetime, ...]:
    """The period as moments: from the first day's midnight to the midnight after the last
    day, in Danish time, so both days are included whole."""
    return day_bounds(filters.period_start, filters.period_end)


def months_of(filters: KpiFilters) -> list[datetime.date]:
    """The first day of every month the period touches, in order."""
    return month_starts(filters.period_start, filters.period_end)


def _courses_of_service(filters: KpiFilters) -> QuerySet[Course]:
    return Course.objects.of_municipality(filters.municipality_id).filter(
        service_code=filters.service_code
    )


def sessions_in_scope(filters: KpiFilters) -> QuerySet[Session]:
    """The municipality's sessions that start in the period and match the filters; with a
    service chosen, the sessions where a course of that service had a place."""
    start, end = period_moments(filters)
    sessions = Session.objects.of_municipality(filters.municipality_id).filter(
        starts_at__gte=start, starts_at__lt=end
    )
    if filters.location_id is not None:
        sessions = sessions.filter(location_id=filters.location_id)
    if filters.team_class_id is not None:
        sessions = sessions.filter(team_class_id=filters.team_class_id)
    if filters.therapist_id is not None:
        sessions = sessions.filter(therapist_id=filters.therapist_id)
    if filters.service_code:
        places = Attendance.objects.of_municipality(filters.municipality_id).filter(
            session_id=OuterRef("pk"), course__in=_courses_of_service(filters)
        )
        sessions = sessions.filter(Exists(places))
    return sessions


def attendances_in_scope(filters: KpiFilters) -> QuerySet[Attendance]:
    """The places (attendances) in the period's sessions that match the filters."""
    start, end = period_moments(filters)
    places = Attendance.objects.of_municipality(filters.municipality_id).filter(
        session__municipality_id=filters.municipality_id,
        session__starts_at__gte=start,
        session__starts_at__lt=end,
    )
    if filters.location_id is not None:
        places = places.filter(session__location_id=filters.location_id)
    if filters.team_class_id is not None:
        places = places.filter(session__team_class_id=filters.team_class_id)
    if filters.therapist_id is not None:
        places = places.filter(session__therapist_id=filters.therapist_id)
    if filters.service_code:
        places = places.filter(course__service_code=filters.service_code)
    return places


def courses_in_scope(filters: KpiFilters) -> QuerySet[Course]:
    """The municipality's courses that match the filters, as `common.course_filter_q` reads
    them for every section."""
    return Course.objects.of_municipality(filters.municipality_id).filter(course_filter_q(filters))


def courses_with_places(filters: KpiFilters, places: QuerySet[Attendance]) -> QuerySet[Course]:
    """The municipality's courses that hold one of `places`: the drill-down behind a count of
    sessions or places."""
    # The ids are read first: as a subquery PostgreSQL walks the courses newest first and
    # looks for a matching place in each (0.4 s for a month at 1,000,000 sessions).
    course_ids = list(places.order_by().values_list("course_id", flat=True).distinct())
    return (
        Course.objects.of_municipality(filters.municipality_id)
        .filter(pk__in=course_ids)
        .select_related("citizen")
        .order_by("-start_on", "-id")
    )


def municipality_of(filters: KpiFilters) -> Municipality:
    return Municipality.objects.get(pk=filters.municipality_id)


# Reading a drill-down: every parameter is checked, and a record must be the municipality's.


def drill_choice(drilldown: dict[str, str], key: str, allowed: Iterable[str]) -> str:
    value = drilldown.get(key, "")
    if value not in set(allowed):
        raise UnknownDrilldown(f"{key}={value!r}")
    return value


def _drill_id(drilldown: dict[str, str], key: str) -> int | None:
    value = drilldown.get(key)
    if value is None:
        return None
    if not value.isdigit() or len(value) > 12:
        raise UnknownDrilldown(f"{key}={value!r}")
    return int(value)


def drill_team_class(drilldown: dict[str, str], key: str, filters: KpiFilters) -> int | None:
    """The team class named in the drill-down, if it is the municipality's; None if absent."""
    class_id = _drill_id(drilldown, key)
    if class_id is None:
        return None
    if not TeamClass.objects.filter(pk=class_id, municipality_id=filters.municipality_id).exists():
        raise UnknownDrilldown(f"{key}={class_id}")
    return class_id


def drill_therapist(drilldown: dict[str, str], key: str, filters: KpiFilters) -> int | None:
    """The therapist named in the drill-down, if she is the municipality's; None if absent."""
    therapist_id = _drill_id(drilldown, key)
    if therapist_id is None:
        return None
    if not Therapist.objects.filter(
        pk=therapist_id, municipality_id=filters.municipality_id
    ).exists():
        raise UnknownDrilldown(f"{key}={therapist_id}")
    return therapist_id


def drill_service(drilldown: dict[str, str], key: str, filters: KpiFilters) -> str | None:
    """The service named in the drill-down, if the standard in force at the period's end or a
    course of the municipality knows it; None if absent."""
    code = drilldown.get(key)
    if code is None:
        return None
    try:
        known = {
            service.code
            for service in services_in_force(municipality_of(filters), filters.period_end)
        }
    except RulesError:
        known = set()
    if code in known:
        return code
    if (
        code
        and Course.objects.of_municipality(filters.municipality_id)
        .filter(service_code=code)
        .exists()
    ):
        return code
    raise UnknownDrilldown(f"{key}={code!r}")


def drill_month(drilldown: dict[str, str], key: str, filters: KpiFilters) -> datetime.date | None:
    """The month named in the drill-down (ÅÅÅÅ-MM), if the period touches it; None if absent."""
    value = drilldown.get(key)
    return None if value is None else parse_month(value, filters)


def month_moments(month: datetime.date, filters: KpiFilters) -> Q:
    """The sessions of one month, cut to the period."""
    start, end = period_moments(filters)
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    return Q(
        session__starts_at__gte=max(start, local_midnight(month)),
        session__starts_at__lt=min(end, local_midnight(following)),
    )
