"""Which user names and addresses are locked now, as one municipality's administrator sees them.

A user name belongs to the municipality of its user. An attempt belongs to the municipality of
the user it named, and an attempt naming no existing user to every municipality. An address is
shown to the administrators of every municipality that owns one of its attempts; unlocking it
clears only their attempts, never those naming another municipality's users.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.db.models import Max, Q, QuerySet, Sum
from django.utils import timezone

from rehabplan.accounts.login.lockout import lockout_limits

if TYPE_CHECKING:
    from rehabplan.organisation.models import Municipality


@dataclass(frozen=True)
class LockedAccount:
    username: str
    display_name: str
    failures: int
    locked_until: datetime.datetime
    # The unlock form posts this field with the row's key (see the unlock view).
    unlock_field = "username"

    @property
    def label(self) -> str:
        return f"{self.display_name} ({self.username})"

    @property
    def unlock_value(self) -> str:
        return self.username


@dataclass(frozen=True)
class LockedAddress:
    ip_address: str
    failures: int
    locked_until: datetime.datetime
    unlock_field = "ip_address"

    @property
    def label(self) -> str:
        return self.ip_address

    @property
    def unlock_value(self) -> str:
        return self.ip_address


def current_attempts() -> QuerySet[AccessAttempt]:
    """Attempts that still count: axes counts an attempt row while its latest failure is within
    the cool-off."""
    return AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - lockout_limits().cooloff)


def municipality_usernames(municipality: Municipality) -> QuerySet:
    return get_user_model().objects.filter(municipality=municipality).values("username")


def attempts_owned_by(municipality: Municipality) -> Q:
    """Attempts a municipality's administrator may see and clear: naming its users, or no user."""
    every_username = get_user_model().objects.values("username")
    return (
        Q(username__in=municipality_usernames(municipality))
        | Q(username__isnull=True)
        | ~Q(username__in=every_username)
    )


def locked_accounts(*, municipality: Municipality) -> list[LockedAccount]:
    limits = lockout_limits()
    rows = (
        current_attempts()
        .filter(username__in=municipality_usernames(municipality))
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=limits.user)
        .order_by("username")
    )
    users = {
        user.username: user
        for user in get_user_model().objects.filter(
            municipality=municipality, username__in=[row["username"] for row in rows]
        )
    }
    return [
        LockedAccount(
            username=row["username"],
            display_name=users[row["username"]].display_name,
            failures=row["failures"],
            locked_until=row["last"] + limits.cooloff,
        )
        for row in rows
        if row["username"] in users
    ]


def locked_addresses(*, municipality: Municipality) -> list[LockedAddress]:
    limits = lockout_limits()
    attempts = current_attempts()
    visible = attempts.filter(attempts_owned_by(municipality)).values("ip_address")
    rows = (
        attempts.filter(ip_address__in=visible)
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=limits.address)
        .order_by("ip_address")
    )
    return [
        LockedAddress(
            ip_address=row["ip_address"],
            failures=row["failures"],
            locked_until=row["last"] + limits.cooloff,
        )
        for row in rows
    ]
