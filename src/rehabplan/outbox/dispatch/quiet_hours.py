"""No SMS at night: between `REHABPLAN_SMS_QUIET_FROM` and `REHABPLAN_SMS_QUIET_UNTIL`
(21 and 8 by default), Danish time."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone


def _bounds() -> tuple[datetime.time, datetime.time]:
    return (
        datetime.time(settings.REHABPLAN_SMS_QUIET_FROM),
        datetime.time(settings.REHABPLAN_SMS_QUIET_UNTIL),
    )


def in_quiet_hours(moment: datetime.datetime) -> bool:
    start, end = _bounds()
    local = timezone.localtime(moment).time()
    if start <= end:
        return start <= local < end
    return local >= start or local < end


def next_allowed(moment: datetime.datetime) -> datetime.datetime:
    """The moment itself, or the end of the quiet hours it falls in."""
    if not in_quiet_hours(moment):
        return moment
    _start, end = _bounds()
    local = timezone.localtime(moment)
    day = local.date() if local.time() < end else local.date() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, end))


def last_allowed_before(moment: datetime.datetime) -> datetime.datetime:
    """The moment itself, or the last minute before the quiet hours it falls in."""
    if not in_quiet_hours(moment):
        return moment
    start, _end = _bounds()
    local = timezone.localtime(moment)
    day = local.date() if local.time() >= start else local.date() - datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, start)) - datetime.timedelta(
        minutes=1
    )
