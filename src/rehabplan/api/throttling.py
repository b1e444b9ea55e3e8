"""Rate limits per token (or per web user) and minute, counted in the database so that every
worker and process shares one count."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone
from ninja.throttling import BaseThrottle

from rehabplan.api.models import RateWindow

WINDOW = datetime.timedelta(minutes=1)
# Windows older than this are deleted now and then; they only ever answer "how many this minute".
KEEP_WINDOWS = datetime.timedelta(hours=1)


# Set on a POST whose hit the transaction middleware counted before its transaction began.
_COUNTED = "_rehabplan_rate_hits"


def caller_key(token: object | None, user: object | None) -> str:
    """Whose count a request adds to: its token's, or the web user's."""
    if token is not None:
        return f"token:{getattr(token, 'pk', '')}"
    return f"user:{getattr(user, 'pk', '')}"


def count_before_transaction(request: HttpRequest, key: str) -> None:
    """Count a POST's hit in a transaction of its own, committed at once: a POST that then fails
    and rolls back still counts, and the count's row is not held locked while the POST runs,
    which would queue every other request of the same caller behind it."""
    setattr(request, _COUNTED, count_hit(key, timezone.now()))


def count_hit(caller: str, now: datetime.datetime) -> int:
    """Count one request for `caller` in the minute of `now` and return the minute's count.

    One INSERT … ON CONFLICT … RETURNING, so concurrent requests never lose a count."""
    window_start = now.replace(second=0, microsecond=0)
    table = connection.ops.quote_name(RateWindow._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (caller, window_start, hits) VALUES (%s, %s, 1) "
            "ON CONFLICT (caller, window_start) DO UPDATE SET hits = "
            f"{table}.hits + 1 RETURNING hits",
            [caller, window_start],
        )
        hits = cursor.fetchone()[0]
    if hits == 1 and window_start.minute == 0:
        RateWindow.objects.filter(window_start__lt=now - KEEP_WINDOWS).delete()
    return int(hits)


class DatabaseRateThrottle(BaseThrottle):
    def allow_request(self, request: HttpRequest) -> bool:
        hits = getattr(request, _COUNTED, None)
        if hits is None:
            key = caller_key(getattr(request, "api_token", None), getattr(request, "auth", None))
            hits = count_hit(key, timezone.now())
        return hits <= settings.API_REQUESTS_PER_MINUTE

    def wait(self) -> float | None:
        # The count starts again at the next whole minute.
        return float(60 - timezone.now().second)
