"""Who is responsible for a deadline, and so who is alerted about it.

- A decision deadline: the unit's visitators, since no one has taken the decision yet.
- A contact or start deadline: the course's fixed therapist; else the therapist of the course's
  team class; else the visitator who decided the case; else the unit's visitators.

Only active users of the deadline's own municipality are ever chosen: a step that names anyone
else (a therapist record tied to a user of another municipality, a deactivated user) is passed
over for the next.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from rehabplan.accounts.models import User
from rehabplan.accounts.roles import VISITATOR
from rehabplan.courses.models import DeadlineKind, Decision
from rehabplan.organisation.models import Municipality


@dataclass(frozen=True)
class Candidate:
    """An open deadline the sweep may alert about, with the people its case names."""

    deadline_id: int
    kind: str
    due: dt.date
    referral_id: int
    citizen_id: int
    course_therapist_user_id: int | None
    class_therapist_user_id: int | None


@dataclass(frozen=True)
class Staff:
    """The municipality's active users and its visitators, read once per sweep."""

    active_ids: frozenset[int]
    visitator_ids: tuple[int, ...]
    decided_by: dict[int, int]  # referral id -> the user who took its latest decision


def staff_of(municipality: Municipality, referral_ids: Iterable[int]) -> Staff:
    active = User.objects.filter(municipality=municipality, is_active=True)
    visitators = active.filter(groups__name=VISITATOR).order_by("id").values_list("id", flat=True)
    decided_by: dict[int, int] = {}
    decisions = (
        Decision.objects.of_municipality(municipality)
        .filter(referral_id__in=list(referral_ids))
        .order_by("referral_id", "-decided_on", "-id")
        .values_list("referral_id", "decided_by_id")
    )
    for referral_id, user_id in decisions:
        decided_by.setdefault(referral_id, user_id)  # the first row is the latest decision
    return Staff(
        active_ids=frozenset(active.values_list("id", flat=True)),
        visitator_ids=tuple(dict.fromkeys(visitators)),
        decided_by=decided_by,
    )


def responsible_user_ids(candidate: Candidate, staff: Staff) -> tuple[int, ...]:
    """The users to alert about one deadline (see the module's description)."""
    if candidate.kind != DeadlineKind.DECISION:
        for user_id in (
            candidate.course_therapist_user_id,
            candidate.class_therapist_user_id,
            staff.decided_by.get(candidate.referral_id),
        ):
            if user_id is not None and user_id in staff.active_ids:
                return (user_id,)
    return staff.visitator_ids
