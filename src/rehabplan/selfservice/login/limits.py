"""Counting requests per key within a fixed window, safe when requests arrive together.

`take_slot` counts one request if the key is below its limit. The row for the key and window is
created once (a unique constraint settles simultaneous creations) and counted up by one UPDATE
whose WHERE clause holds the limit: PostgreSQL locks the row and checks the condition again on
the newest version, SQLite writes one transaction at a time, so no two requests can take the
last slot. Call it inside the transaction of the operation it guards: when the operation fails,
the slot is given back with it.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from rehabplan.selfservice.models import RequestCounter

# Counters older than this are deleted as new ones are made: nothing reads them any more.
KEEP_COUNTERS = datetime.timedelta(days=1)


def window_length() -> datetime.timedelta:
    return datetime.timedelta(minutes=settings.SELFSERVICE_LIMIT_MINUTES)


def window_start(now: datetime.datetime) -> datetime.datetime:
    length = int(window_length().total_seconds())
    epoch = int(now.timestamp())
    return datetime.datetime.fromtimestamp(epoch - epoch % length, tz=datetime.UTC)


def take_slot(*, key: str, limit: int, now: datetime.datetime | None = None) -> bool:
    """Count one request for `key`; False (and nothing counted) when the window is full."""
    start = window_start(now or timezone.now())
    _counter, created = RequestCounter.objects.get_or_create(key=key, window_start=start)
    if created:
        RequestCounter.objects.filter(window_start__lt=start - KEEP_COUNTERS).delete()
    taken = RequestCounter.objects.filter(key=key, window_start=start, count__lt=limit).update(
        count=F("count") + 1
    )
    return taken == 1


def cpr_key(digest: str) -> str:
    return f"cpr:{digest}"


def address_key(address: str) -> str:
    return f"address:{address}"


def attempt_key(address: str) -> str:
    return f"attempt:{address}"
