"""Lockout after repeated failed logins, per user name and per address, on django-axes.

axes counts failures per user name and per address (AXES_LOCKOUT_PARAMETERS) but compares both
with one limit. A town hall reaches the server from one address, so the address gets its own,
higher limit: `LockoutHandler.get_failures` reports the count on the user-name scale, which is
all axes compares with AXES_FAILURE_LIMIT.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import HttpRequest

# Set on a request whose login was refused because the user name or address was already locked.
REFUSED_WHILE_LOCKED = "login_refused_while_locked"


@dataclass(frozen=True)
class LockoutLimits:
    user: int
    address: int
    cooloff: datetime.timedelta


def lockout_limits() -> LockoutLimits:
    return LockoutLimits(
        user=settings.LOGIN_FAILURE_LIMIT,
        address=settings.LOGIN_ADDRESS_FAILURE_LIMIT,
        cooloff=datetime.timedelta(minutes=settings.LOGIN_COOLOFF_MINUTES),
    )


def cooloff(request: HttpRequest | None = None) -> datetime.timedelta:
    """AXES_COOLOFF_TIME: read at each call, so a changed setting takes effect at once."""
    return lockout_limits().cooloff


def failure_count(attempts: QuerySet[AccessAttempt]) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        limits = lockout_limits()
        attempts = AccessAttempt.objects.filter(attempt_time__gte=get_cool_off_threshold(request))
        username = get_client_username(request, credentials)
        user_failures = failure_count(attempts.filter(username=username)) if username else 0
        address_failures = failure_count(attempts.filter(ip_address=request.axes_ip_address))
        if address_failures >= limits.address:
            return max(user_failures, limits.user)
        return user_failures


class LockoutBackend(AxesStandaloneBackend):
    """First authentication backend: refuses every login, right password or not, while the user
    name or the address is locked."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            # Only code calls authenticate without a request (the test client, management
            # commands); there is no address to count, and the web login always has one.
            return None
        try:
            return super().authenticate(request, username, password, **kwargs)
        except AxesBackendPermissionDenied:
            setattr(request, REFUSED_WHILE_LOCKED, True)
            raise
