"""The demo's plan fills its team classes: citizens whose course may join a class take a free
seat on a suitable one rather than a therapist's individual hours."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from rehabplan import planning
from rehabplan.organisation.models import TeamClass
from rehabplan.planning.ledger import Ledger
from rehabplan.planning.placement import compatible_classes, place_team
from rehabplan.scheduling.problem_builder import build_problem
from rehabplan.scheduling.serialization import starts_from_json
from rehabplan.scheduling.services import proposal_compute, proposal_create
from rehabplan.scheduling.weeks import iso_week_of, parse_iso_week
from tests.shared_demo import seed_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    """Seeded once for both tests (see tests/shared_demo.py)."""
    yield from seed_for_module(django_db_blocker, seed=2026, today=timezone.localdate())


@pytest.fixture
def demo_proposal(seeded_demo):
    today = timezone.localdate()
    leader = get_user_model().objects.get(username="leder")
    week = iso_week_of(today + datetime.timedelta(days=7))
    proposal = proposal_compute(proposal_create(user=leader, week=week).pk)
    built = build_problem(
        municipality=leader.municipality, first_day=parse_iso_week(week), today=today
    )
    return proposal, built


def test_most_demo_classes_meet_twice_a_week(seeded_demo):
    days = [len(team.weekdays) for team in TeamClass.objects.all()]
    assert all(1 <= count <= 3 for count in days)
    assert sum(1 for count in days if count == 2) > len(days) / 2


def test_the_demo_plan_puts_citizens_on_free_class_seats(demo_proposal):
    proposal, built = demo_proposal
    result = proposal.result
    kpis = result["kpis"]
    # Above the 15 % the old planner reached, and every figure the proposal shows is there.
    assert kpis["class_fill"] > 0.15
    assert kpis["seats_used"] / kpis["seat_capacity"] == pytest.approx(kpis["class_fill"])
    assert kpis["individual_hours"] + kpis["team_hours"] > 0
    # The demo's courses waiting without a chosen class or therapist (of any level, basal too)
    # that a suitable class could take.
    starts = {start.course_id: start for start in starts_from_json(result)}
    joined_a_class = 0
    for request in built.problem.courses:
        start = starts.get(request.id)
        if start is None or not request.may_join_class:
            continue
        joined_a_class += start.class_id is not None
        if start.class_id is None and start.on_time:
            # Planned individually: then no suitable class had a free seat on time, given the
            # seats the rest of the plan takes.
            others = [other for other in starts.values() if other.course_id != request.id]
            assert not _class_with_room_on_time(built.problem, request, others), request.id
    assert joined_a_class > 0


def _class_with_room_on_time(problem: planning.PlanningProblem, request, others) -> bool:
    ledger = Ledger(problem)
    for other in others:
        ledger.commit(problem_citizen(problem, other.course_id), other.sessions)
    for team in compatible_classes(problem, request):
        day = max(request.earliest_start, problem.horizon.first_day)
        while day <= min(request.start_deadline, problem.horizon.last_day):
            if place_team(ledger, request, team, day) is not None:
                return True
            day += datetime.timedelta(days=1)
    return False


def problem_citizen(problem: planning.PlanningProblem, course_id: str) -> str:
    return next(course.citizen_id for course in problem.courses if course.id == course_id)
