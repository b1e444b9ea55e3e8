"""The periodic sweep: make the alerts that are due, then send the e-mails staff asked for.

Every worker runs it (rehabplan.messaging.periodic), so it runs beside copies of itself:
- Making an alert is an insert that the unique constraint `alert_once_per_deadline_user_day`
  lets through once; a worker that loses the race gets an IntegrityError for that alert and
  moves on. Each alert is its own short transaction, so no worker waits for another's batch.
- Sending claims a user's unsent alerts with `select_for_update(skip_locked=True)`: a second
  worker skips the rows the first holds, and the first marks them sent before it commits.
  A worker that dies after the send and before the commit sends them again on the next sweep:
  an alert may be e-mailed twice, never lost.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rehabplan.accounts.models import User
from rehabplan.alerts.closed_days import unit_closed_days
from rehabplan.alerts.config import lead_days
from rehabplan.alerts.lead import alert_day, last_due_alerted
from rehabplan.alerts.models import OPEN_CASE_STATUSES, DeadlineAlert
from rehabplan.alerts.responsible import Candidate, responsible_user_ids, staff_of
from rehabplan.alerts.services.email import alerts_send_email
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.citizens.models import Citizen
from rehabplan.courses.models import DeadlineKind, StoredDeadline
from rehabplan.formats.text import day_text
from rehabplan.organisation.models import Municipality

logger = logging.getLogger(__name__)

# The closed days are read this far ahead: beyond any lead time the settings allow (30 working
# days) with the longest run of closed days around Christmas and Easter.
CALENDAR_DAYS_AHEAD = 70


@dataclass(frozen=True)
class SweepResult:
    created: int
    emailed: int


def alerts_sweep(*, today: dt.date | None = None) -> SweepResult:
    """Make every alert due by `today` in every municipality, then send the e-mails."""
    today = today or timezone.localdate()
    # A worker's thread has no request to choose the language: the audit texts are Danish.
    with translation.override("da"):
        created = sum(
            alerts_create_due(municipality=municipality, today=today)
            for municipality in Municipality.objects.order_by("id")
        )
        emailed = alerts_send_email(today=today)
    return SweepResult(created=created, emailed=emailed)


def alerts_sweep_job() -> None:
    """The periodic job (no arguments); the log line is English, like every log line."""
    result = alerts_sweep()
    if result.created or result.emailed:
        logger.info("Deadline alerts: %d created, %d e-mailed", result.created, result.emailed)


def alerts_create_due(*, municipality: Municipality, today: dt.date) -> int:
    """Make the alerts of one municipality that are due by `today`; returns how many were new."""
    closed = unit_closed_days(municipality, today, today + dt.timedelta(days=CALENDAR_DAYS_AHEAD))
    lead = lead_days(municipality.slug)
    candidates = _candidates(municipality, today, lead, closed)
    if not candidates:
        return 0
    staff = staff_of(municipality, {candidate.referral_id for candidate in candidates})
    existing = _existing_alerts(municipality, candidates)
    citizens = Citizen.objects.of_municipality(municipality).in_bulk(
        {candidate.citizen_id for candidate in candidates}
    )
    users = User.objects.filter(municipality=municipality).in_bulk(staff.active_ids)
    created = 0
    # A fixed order (deadline, then user) for every worker: the inserts never wait in a cycle.
    for candidate in candidates:
        for user_id in sorted(responsible_user_ids(candidate, staff)):
            if (candidate.deadline_id, user_id, candidate.due) in existing:
                continue
            created += _create_alert(
                candidate=candidate,
                user=users[user_id],
                citizen=citizens[candidate.citizen_id],
                alert_on=alert_day(candidate.due, lead[candidate.kind], closed),
            )
    return created


def _existing_alerts(
    municipality: Municipality, candidates: list[Candidate]
) -> set[tuple[int, int, dt.date]]:
    """The alerts already made for these deadlines: the sweep skips them without an insert (the
    unique constraint still decides between workers that both found none)."""
    return set(
        DeadlineAlert.objects.of_municipality(municipality)
        .filter(deadline_id__in=[candidate.deadline_id for candidate in candidates])
        .values_list("deadline_id", "user_id", "due")
    )


def _candidates(
    municipality: Municipality, today: dt.date, lead: dict[str, int], closed: frozenset
) -> list[Candidate]:
    """Open deadlines that have not broken yet and whose alert day has come; one date per kind
    selects them in SQL."""
    window = Q()
    for kind, days in lead.items():
        window |= Q(kind=kind, due__lte=last_due_alerted(today, days, closed))
    rows = (
        StoredDeadline.objects.of_municipality(municipality)
        .filter(
            window,
            due__gte=today,
            met_on__isnull=True,
            referral__status__in=OPEN_CASE_STATUSES,
        )
        .values_list(
            "id",
            "kind",
            "due",
            "referral_id",
            "referral__citizen_id",
            "referral__course__therapist__user_id",
            "referral__course__team_class__therapist__user_id",
        )
        .order_by("id")
    )
    return [Candidate(*row) for row in rows]


def _create_alert(*, candidate: Candidate, user: User, citizen: Citizen, alert_on: dt.date) -> int:
    """One alert and its audit row in one transaction; 0 when another worker made it first."""
    try:
        with transaction.atomic():
            alert = DeadlineAlert.objects.create(
                municipality_id=citizen.municipality_id,
                deadline_id=candidate.deadline_id,
                user=user,
                due=candidate.due,
                alert_on=alert_on,
            )
            # The system makes the alert; the entry says to whom the case was shown.
            audit_record(
                user=None,
                action=AuditAction.CREATE,
                citizen=citizen,
                target=alert,
                summary=_("Fristvarsel til %(name)s: %(kind)s senest %(day)s")
                % {
                    "name": user.display_name,
                    "kind": str(DeadlineKind(candidate.kind).label).lower(),
                    "day": day_text(candidate.due),
                },
            )
    except IntegrityError:
        return 0
    return 1
