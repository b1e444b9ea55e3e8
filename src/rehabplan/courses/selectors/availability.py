"""A therapist's available time: her working hours on the day's weekday, unless the unit is
closed that day or she is absent.

One rule for the calendar (a day or a week of one or many therapists) and for the leader's
key figures (the available hours of every therapist over a period), so the two never disagree.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from rehabplan.organisation.models import Absence, ClosedDay, WorkingHours


def day_working_minutes(
    hours: tuple[datetime.time, datetime.time] | None, *, closed: bool, absent: bool
) -> int:
    """The minutes a therapist can be booked on one day: none on a closed day, a day of
    absence or a weekday without working hours."""
    if hours is None or closed or absent:
        return 0
    start, end = hours
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


def available_minutes(
    *,
    municipality_id: int,
    therapist_ids: Iterable[int],
    first_day: datetime.date,
    last_day: datetime.date,
) -> dict[int, int]:
    """Each therapist's available minutes from `first_day` to `last_day` (both included).

    Three queries whatever the period: working hours, absences and closed days. The loop runs
    over days and therapists (a year of a hundred therapists is 36,500 steps), never over
    sessions.
    """
    ids = list(therapist_ids)
    if not ids or last_day < first_day:
        return dict.fromkeys(ids, 0)
    hours: dict[int, dict[int, tuple[datetime.time, datetime.time]]] = defaultdict(dict)
    for row in WorkingHours.objects.filter(
        therapist_id__in=ids, therapist__municipality_id=municipality_id
    ):
        hours[row.therapist_id][row.weekday] = (row.starts_at, row.ends_at)
    closed = set(
        ClosedDay.objects.filter(
            municipality_id=municipality_id, day__gte=first_day, day__lte=last_day
        ).values_list("day", flat=True)
    )
    absences: dict[int, list[tuple[datetime.date, datetime.date]]] = defaultdict(list)
    for therapist_id, first, last in Absence.objects.filter(
        therapist_id__in=ids,
        therapist__municipality_id=municipality_id,
        first_day__lte=last_day,
        last_day__gte=first_day,
    ).values_list("therapist_id", "first_day", "last_day"):
        absences[therapist_id].append((first, last))
    days = [first_day + datetime.timedelta(days=n) for n in range((last_day - first_day).days + 1)]
    return {
        therapist_id: sum(
            day_working_minutes(
                hours[therapist_id].get(day.weekday()),
                closed=day in closed,
                absent=any(first <= day <= last for first, last in absences[therapist_id]),
            )
            for day in days
        )
        for therapist_id in ids
    }
