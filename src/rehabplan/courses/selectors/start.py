"""The start page: each role's worklists, read once, with the citizens they show."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rehabplan.accounts.roles import LEADER, THERAPIST, VISITATOR
from rehabplan.courses.models import Session
from rehabplan.courses.selectors import WorklistRow, deadline_worklist, sessions_for_therapist_on
from rehabplan.courses.selectors.decisions import VisitatorWorklist, visitator_worklist
from rehabplan.courses.selectors.intake import (
    InboxRow,
    LapseWarning,
    intake_inbox,
    referrals_lapsing,
)

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

AT_RISK_ROWS = 15


@dataclass(frozen=True)
class IntakeHome:
    rows: list[InboxRow]
    lapsing: list[LapseWarning]


@dataclass
class StartPage:
    worklist: list[WorklistRow] | None = None
    decisions: VisitatorWorklist | None = None
    intake: IntakeHome | None = None
    my_sessions: list[Session] | None = None
    citizen_ids: set[int] = field(default_factory=set)


def start_page(*, user: User, today: datetime.date) -> StartPage:
    """What the start page shows this user; `citizen_ids` names every citizen on it."""
    page = StartPage()
    municipality = user.municipality if user.municipality_id else None
    if municipality is None:
        return page
    roles = user.role_names
    if VISITATOR in roles or LEADER in roles:
        page.worklist = deadline_worklist(
            municipality=municipality, today=today, only_at_risk=True
        )[:AT_RISK_ROWS]
        page.citizen_ids |= {row.deadline.referral.citizen_id for row in page.worklist}
    if user.has_perm("courses.decide_referral"):
        page.decisions = visitator_worklist(municipality=municipality, today=today)
        page.citizen_ids |= {row.referral.citizen_id for row in page.decisions.awaiting}
        page.citizen_ids |= {row.decision.referral.citizen_id for row in page.decisions.unconfirmed}
    if user.has_perm("courses.register_referral"):
        page.intake = IntakeHome(
            rows=intake_inbox(municipality=municipality, today=today),
            lapsing=referrals_lapsing(municipality=municipality, today=today),
        )
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
