"""Reading referrals, deadlines and courses for the screens."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.db.models.fields.json import KT
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rehabplan.courses.models import ReferralStatus, Session, StoredDeadline

if TYPE_CHECKING:
    from rehabplan.organisation.models import Municipality, Therapist

OPEN_REFERRAL_STATUSES = (
    ReferralStatus.NEW,
    ReferralStatus.AWAITING_DECISION,
    ReferralStatus.GRANTED,
    ReferralStatus.PLANNED,
)
AT_RISK_DAYS = 2
# Referral fields that lists never show: the GOP's content and the diagnosis text.
REFERRAL_LARGE_FIELDS = ("gop_content", "diagnosis_text")


def days_left_text(due: datetime.date, today: datetime.date) -> str:
    """The days left in words, so the state never depends on colour alone."""
    days = (due - today).days
    if days < 0:
        return ngettext("Overskredet med %(days)d dag", "Overskredet med %(days)d dage", -days) % {
            "days": -days
        }
    if days == 0:
        return _("Udløber i dag")
    return ngettext("%(days)d dag tilbage", "%(days)d dage tilbage", days) % {"days": days}


@dataclass(frozen=True)
class WorklistRow:
    deadline: StoredDeadline
    days_left: int
    days_left_text: str
    at_risk: bool
    overdue: bool


def open_deadlines(
    *, municipality: Municipality, today: datetime.date | None = None, only_at_risk: bool = False
) -> QuerySet[StoredDeadline]:
    """Open deadlines of the municipality, the most urgent first, filtered and ordered in SQL.

    The explanation (a JSON list) stays in the database: the list shows only the rule of its
    first line (`first_rule_id`). The referral's GOP content is not read either."""
    deadlines = StoredDeadline.objects.of_municipality(municipality).filter(
        referral__status__in=OPEN_REFERRAL_STATUSES,
        due__isnull=False,
        met_on__isnull=True,
    )
    if only_at_risk:
        today = today or timezone.localdate()
        deadlines = deadlines.filter(due__lte=today + datetime.timedelta(days=AT_RISK_DAYS))
    return (
        deadlines.select_related("referral__citizen", "referral__municipality")
        .defer("explanation", *(f"referral__{name}" for name in REFERRAL_LARGE_FIELDS))
        .annotate(first_rule_id=KT("explanation__0__rule_id"))
        .order_by("due", "referral_id", "id")
    )


def worklist_rows(deadlines: list[StoredDeadline], today: datetime.date) -> list[WorklistRow]:
    """The page's deadlines with the days left in words."""
    rows = []
    for deadline in deadlines:
        days = (deadline.due - today).days
        rows.append(
            WorklistRow(
                deadline=deadline,
                days_left=days,
                days_left_text=days_left_text(deadline.due, today),
                at_risk=days <= AT_RISK_DAYS,
                overdue=days < 0,
            )
        )
    return rows


def deadline_worklist(
    *, municipality: Municipality, today: datetime.date | None = None, only_at_risk: bool = False
) -> list[WorklistRow]:
    """Every open deadline of the municipality as rows (for reports; screens page them)."""
    today = today or timezone.localdate()
    deadlines = open_deadlines(municipality=municipality, today=today, only_at_risk=only_at_risk)
    return worklist_rows(list(deadlines), today)


def sessions_for_therapist_on(*, therapist: Therapist, day: datetime.date) -> QuerySet[Session]:
    """Her sessions that day with their participants and each participant's goals: the day's
    bounds as times, so the index on the start time is used."""
    start = timezone.make_aware(
        datetime.datetime.combine(day, datetime.time.min), timezone.get_default_timezone()
    )
    end = timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min),
        timezone.get_default_timezone(),
    )
    return (
        Session.objects.of_municipality(therapist.municipality_id)
        .filter(therapist=therapist, starts_at__gte=start, starts_at__lt=end)
        .select_related("team_class", "location")
        .prefetch_related("attendances__course__citizen", "attendances__course__goals")
        .order_by("starts_at")
    )
