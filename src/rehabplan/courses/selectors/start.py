"""The start page: each role's worklists, read once, with the citizens they show.

Every block shows its first rows and how many there are in all; the full lists are paged on
pages of their own. The number of queries does not depend on how much work is waiting."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rehabplan.accounts.roles import LEADER, THERAPIST, VISITATOR
from rehabplan.courses.models import Session
from rehabplan.courses.selectors import (
    WorklistRow,
    open_deadlines,
    sessions_for_therapist_on,
    worklist_rows,
)
from rehabplan.courses.selectors.decisions import VisitatorWorklist, visitator_worklist
from rehabplan.courses.selectors.intake import (
    InboxRow,
    LapseWarning,
    inbox_referrals,
    inbox_rows,
    lapsing_referrals,
    referrals_lapsing,
)

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.organisation.models import Municipality

AT_RISK_ROWS = 15
AWAITING_ROWS = 25
INBOX_ROWS = 25
LAPSING_ROWS = 10


@dataclass(frozen=True)
class IntakeHome:
    rows: list[InboxRow]
    count: int
    lapsing: list[LapseWarning]
    lapsing_count: int


@dataclass(frozen=True)
class AtRisk:
    rows: list[WorklistRow]
    count: int  # every open deadline, the list the "see all" link leads to


@dataclass
class StartPage:
    worklist: AtRisk | None = None
    decisions: VisitatorWorklist | None = None
    intake: IntakeHome | None = None
    my_sessions: list[Session] | None = None
    citizen_ids: set[int] = field(default_factory=set)


def _at_risk(municipality: Municipality, today: datetime.date) -> AtRisk:
    at_risk = open_deadlines(municipality=municipality, today=today, only_at_risk=True)
    return AtRisk(
        rows=worklist_rows(list(at_risk[:AT_RISK_ROWS]), today),
        count=open_deadlines(municipality=municipality, today=today).count(),
    )


def _intake(municipality: Municipality, today: datetime.date) -> IntakeHome:
    referrals = inbox_referrals(municipality=municipality)
    return IntakeHome(
        rows=inbox_rows(list(referrals[:INBOX_ROWS]), municipality=municipality, today=today),
        count=referrals.count(),
        lapsing=referrals_lapsing(municipality=municipality, today=today, limit=LAPSING_ROWS),
        lapsing_count=lapsing_referrals(municipality=municipality, today=today).count(),
    )


def start_page(*, user: User, today: datetime.date) -> StartPage:
    """What the start page shows this user; `citizen_ids` names every citizen on it."""
    page = StartPage()
    municipality = user.municipality if user.municipality_id else None
    if municipality is None:
        return page
    roles = user.role_names
    if VISITATOR in roles or LEADER in roles:
        page.worklist = _at_risk(municipality, today)
        page.citizen_ids |= {row.deadline.referral.citizen_id for row in page.worklist.rows}
    if user.has_perm("courses.decide_referral"):
        page.decisions = visitator_worklist(
            municipality=municipality, today=today, limit=AWAITING_ROWS
        )
        page.citizen_ids |= {row.referral.citizen_id for row in page.decisions.awaiting}
        page.citizen_ids |= {row.decision.referral.citizen_id for row in page.decisions.unconfirmed}
    if user.has_perm("courses.register_referral"):
        page.intake = _intake(municipality, today)
        page.citizen_ids |= {row.referral.citizen_id for row in page.intake.rows}
        page.citizen_ids |= {warning.referral.citizen_id for warning in page.intake.lapsing}
    therapist = getattr(user, "therapist", None)
    if THERAPIST in roles and therapist is not None:
        page.my_sessions = list(sessions_for_therapist_on(therapist=therapist, day=today))
        page.citizen_ids |= {
            attendance.course.citizen_id
            for session in page.my_sessions
            for attendance in session.attendances.all()
        }
    return page
