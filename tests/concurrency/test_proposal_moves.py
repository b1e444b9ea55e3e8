"""Two leaders move citizens in the same planning proposal at the same moment."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from rehabplan.courses.models import Course, CourseStatus
from rehabplan.scheduling.models import PlanProposal
from rehabplan.scheduling.services import proposal_adjust
from tests.concurrency.contenders import run_together, unexpected
from tests.scheduling.test_planning_flow import (  # noqa: F401 - fixtures used by name
    _ready_proposal,
    fredericia,
    planned_before_the_week,
    unit,
    waiting,
)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_two_moves_into_the_last_seat_at_once_give_one_move_and_one_refusal(
    unit,  # noqa: F811 - the flow tests' fixtures, imported above
    waiting,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    Course.objects.filter(pk=waiting[2].pk).update(status=CourseStatus.CANCELLED)
    proposal = _ready_proposal(unit["leader"], django_capture_on_commit_callbacks)
    wednesday = str(unit["wednesday"].pk)
    starts = proposal.result["starts"]
    if any(start["class_id"] == wednesday for start in starts):
        # Free Wednesday's one seat first, so that both citizens start on Monday.
        proposal = proposal_adjust(
            user=unit["leader"],
            proposal=proposal,
            course_id=next(s["course_id"] for s in starts if s["class_id"] == wednesday),
            class_id=str(unit["monday"].pk),
        )
    movers = [start["course_id"] for start in proposal.result["starts"]]
    assert len(movers) == 2

    def move(index: int) -> str:
        mine = PlanProposal.objects.get(pk=proposal.pk)
        proposal_adjust(
            user=unit["leader"], proposal=mine, course_id=movers[index], class_id=wednesday
        )
        return movers[index]

    outcomes = run_together(2, move)
    assert unexpected(outcomes, ValidationError) == []
    moved = [outcome.result for outcome in outcomes if outcome.ok]
    # Wednesday has one seat: one move is made, the other is refused with the reason, and the
    # move that was reported done is the one the stored plan holds.
    assert len(moved) == 1
    proposal.refresh_from_db()
    on_wednesday = [s["course_id"] for s in proposal.result["starts"] if s["class_id"] == wednesday]
    assert on_wednesday == moved
