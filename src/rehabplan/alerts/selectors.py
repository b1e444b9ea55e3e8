"""Reading alerts for the screens: a user's own, and the municipality's not acted on."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from rehabplan.accounts.roles import LEADER
from rehabplan.alerts.models import AlertPreference, DeadlineAlert
from rehabplan.courses.selectors import REFERRAL_LARGE_FIELDS, days_left_text
from rehabplan.formats.text import moment_text

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

# The start page shows the first alerts of each list and links to the rest.
HOME_ROWS = 10
_DEFERRED = (
    "deadline__explanation",
    *(f"deadline__referral__{name}" for name in REFERRAL_LARGE_FIELDS),
)


@dataclass(frozen=True)
class AlertRow:
    alert: DeadlineAlert
    days_left_text: str
    overdue: bool
    seen_text: str


@dataclass
class AlertsHome:
    mine: list[AlertRow] | None = None
    mine_count: int = 0
    unit: list[AlertRow] | None = None  # the leader's block: the municipality's, not acted on
    unit_count: int = 0
    citizen_ids: set[int] = field(default_factory=set)


def my_alerts(*, user: User) -> QuerySet[DeadlineAlert]:
    """The user's alerts not acted on, the soonest deadline first."""
    return (
        DeadlineAlert.objects.for_user(user)
        .not_acted_on()
        .filter(user=user)
        .select_related("deadline__referral__citizen", "deadline__referral__municipality")
        .defer(*_DEFERRED)
        .order_by("due", "id")
    )


def alerts_not_acted_on(*, user: User) -> QuerySet[DeadlineAlert]:
    """Every alert of the user's municipality not acted on, for the leader: the soonest first."""
    return (
        DeadlineAlert.objects.for_user(user)
        .not_acted_on()
        .select_related("user", "deadline__referral__citizen", "deadline__referral__municipality")
        .defer(*_DEFERRED)
        .order_by("due", "deadline_id", "id")
    )


def alert_rows(alerts: list[DeadlineAlert], today: dt.date) -> list[AlertRow]:
    """The alerts with the days left and whether they were seen, in words (never colour alone)."""
    return [
        AlertRow(
            alert=alert,
            days_left_text=days_left_text(alert.due, today),
            overdue=alert.due < today,
            seen_text=(
                _("Set %(moment)s") % {"moment": moment_text(alert.seen_at)}
                if alert.seen_at
                else _("Ikke set")
            ),
        )
        for alert in alerts
    ]


def alerts_home(*, user: User, today: dt.date) -> AlertsHome:
    """The start page's alert blocks: the user's own, and for a leader the unit's not acted on."""
    home = AlertsHome()
    if not user.municipality_id:
        return home
    mine = my_alerts(user=user)
    home.mine = alert_rows(list(mine[:HOME_ROWS]), today)
    home.mine_count = mine.count()
    home.citizen_ids |= {row.alert.deadline.referral.citizen_id for row in home.mine}
    if LEADER in user.role_names:
        unit = alerts_not_acted_on(user=user)
        home.unit = alert_rows(list(unit[:HOME_ROWS]), today)
        home.unit_count = unit.count()
        home.citizen_ids |= {row.alert.deadline.referral.citizen_id for row in home.unit}
    return home


def email_chosen(*, user: User) -> bool:
    return AlertPreference.objects.filter(user=user, by_email=True).exists()
