"""Counting stale days again. The triggers note a day whenever a session, a place or a course's
service is written; before the daily figures are read, the noted days are counted again from
the sessions and places, under a lock, in one transaction.

Two leaders opening the key figures at once must not both count the same day (each would
delete the day's rows and insert its own, doubling the figures), so the count holds a lock per
municipality: a PostgreSQL advisory lock; SQLite's immediate transactions already write one at a
time. The noted days are removed by their ids, so a day noted by a transaction that commits
while the count runs stays noted and is counted the next time.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Iterator

from django.db import connection, transaction
from django.db.models import Count, IntegerField, Max, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from rehabplan.courses.models import Attendance, AttendanceStatus, Session
from rehabplan.courses.services.booking.occurrences import SEAT_STATUSES
from rehabplan.reporting.kpi.common import day_bounds
from rehabplan.reporting.models import DailyPlaces, DailySessions, StaleDay

logger = logging.getLogger(__name__)

# The advisory lock's first key: this lock's own number, apart from any other advisory lock.
LOCK_CLASS = 140_86
# Stale days closer than this are counted as one range: one pass over a few extra days is
# cheaper than a query with a condition per day.
MERGE_GAP = datetime.timedelta(days=7)
BATCH = 2000


def bring_up_to_date(municipality_id: int) -> int:
    """Count the municipality's stale days again; returns how many noted days were counted.
    Cheap when nothing is stale: one indexed look-up."""
    if not StaleDay.objects.filter(municipality_id=municipality_id).exists():
        return 0
    with transaction.atomic():
        _lock(municipality_id)
        # Read again under the lock: another request may have counted them meanwhile.
        noted = list(
            StaleDay.objects.filter(municipality_id=municipality_id).values_list("pk", "utc_day")
        )
        if not noted:
            return 0
        for first, last in day_ranges(_local_days(utc_day for _, utc_day in noted)):
            recount(municipality_id, first, last)
        ids = [pk for pk, _ in noted]
        for start in range(0, len(ids), BATCH):
            StaleDay.objects.filter(pk__in=ids[start : start + BATCH]).delete()
    logger.info(
        "Daily figures of municipality %s: %s noted days counted", municipality_id, len(noted)
    )
    return len(noted)


def _lock(municipality_id: int) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_CLASS, municipality_id])


def _local_days(utc_days: Iterable[datetime.date]) -> set[datetime.date]:
    """A session on a UTC date starts on that day or the next in Danish time."""
    return {day + datetime.timedelta(days=offset) for day in utc_days for offset in (0, 1)}


def day_ranges(days: Iterable[datetime.date]) -> Iterator[tuple[datetime.date, datetime.date]]:
    """The days as ranges (first, last), nearby days merged into one range."""
    ordered = sorted(days)
    if not ordered:
        return
    first = last = ordered[0]
    for day in ordered[1:]:
        if day - last > MERGE_GAP:
            yield first, last
            first = day
        last = day
    yield first, last


def recount(municipality_id: int, first: datetime.date, last: datetime.date) -> None:
    """Replace the daily figures of the days first..last (both included) by a fresh count."""
    DailySessions.objects.filter(municipality_id=municipality_id, day__range=(first, last)).delete()
    DailyPlaces.objects.filter(municipality_id=municipality_id, day__range=(first, last)).delete()
    start, end = day_bounds(first, last)
    _insert(DailySessions, _session_groups(municipality_id, start, end), municipality_id)
    _insert(DailyPlaces, _place_groups(municipality_id, start, end), municipality_id)


def _seats_taken(session_ref: str) -> Coalesce:
    taken = (
        Attendance.objects.filter(session_id=OuterRef(session_ref), status__in=SEAT_STATUSES)
        .order_by()
        .values("session_id")
        .annotate(taken=Count("pk"))
        .values("taken")
    )
    return Coalesce(Subquery(taken, output_field=IntegerField()), Value(0))


def _session_groups(municipality_id: int, start: datetime.datetime, end: datetime.datetime):
    zone = timezone.get_default_timezone()
    return (
        Session.objects.of_municipality(municipality_id)
        .filter(starts_at__gte=start, starts_at__lt=end)
        .annotate(local_day=TruncDate("starts_at", tzinfo=zone), taken=_seats_taken("pk"))
        .order_by()
        .values_list(
            "local_day",
            "location_id",
            "team_class_id",
            "therapist_id",
            "status",
            "taken",
            "duration_minutes",
        )
        .annotate(sessions=Count("pk"))
    )


def _place_groups(municipality_id: int, start: datetime.datetime, end: datetime.datetime):
    zone = timezone.get_default_timezone()
    counts = {status.value: Count("pk", filter=Q(status=status)) for status in AttendanceStatus}
    return (
        Attendance.objects.of_municipality(municipality_id)
        .filter(
            session__municipality_id=municipality_id,
            session__starts_at__gte=start,
            session__starts_at__lt=end,
        )
        .annotate(
            local_day=TruncDate("session__starts_at", tzinfo=zone),
            taken=_seats_taken("session_id"),
        )
        .order_by()
        .values_list(
            "local_day",
            "session__location_id",
            "session__team_class_id",
            "session__therapist_id",
            "session__status",
            "taken",
            "session__duration_minutes",
            "course__service_code",
        )
        .annotate(sessions=Count("session_id", distinct=True), **counts)
    )


GROUP_FIELDS = (
    "day",
    "location_id",
    "team_class_id",
    "therapist_id",
    "session_status",
    "seats",
    "duration_minutes",
)
PLACE_FIELDS = (*GROUP_FIELDS, "service_code", "sessions", *AttendanceStatus.values)


def _insert(model, groups, municipality_id: int) -> None:
    fields = PLACE_FIELDS if model is DailyPlaces else (*GROUP_FIELDS, "sessions")
    batch = []
    for values in groups.iterator(chunk_size=BATCH):
        batch.append(
            model(municipality_id=municipality_id, **dict(zip(fields, values, strict=True)))
        )
        if len(batch) >= BATCH:
            model.objects.bulk_create(batch)
            batch = []
    if batch:
        model.objects.bulk_create(batch)


def rebuild(municipality_id: int) -> None:
    """Count every day of the municipality again (after a bulk load, or to check the cache)."""
    with transaction.atomic():
        _lock(municipality_id)
        StaleDay.objects.filter(municipality_id=municipality_id).delete()
        span = Session.objects.of_municipality(municipality_id).aggregate(
            first=Min("starts_at"), last=Max("starts_at")
        )
        DailySessions.objects.filter(municipality_id=municipality_id).delete()
        DailyPlaces.objects.filter(municipality_id=municipality_id).delete()
        if span["first"] is None:
            return
        recount(
            municipality_id,
            timezone.localtime(span["first"]).date(),
            timezone.localtime(span["last"]).date(),
        )
