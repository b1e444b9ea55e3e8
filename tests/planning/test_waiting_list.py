"""A long waiting list: courses already late are started after those that can still be on
time, and a model too large for the time is thinned without claiming a bound."""

from datetime import time, timedelta

from planning_builders import MONDAY, course, problem, therapist

import rehabplan.planning.optimiser as optimiser
from rehabplan.planning import WorkingHours, check_plan, plan

TUESDAY = MONDAY + timedelta(days=1)


def test_a_course_already_late_starts_after_one_that_can_still_be_on_time():
    """One free hour on Monday 30 November and one on Tuesday. The overdue course (due 27
    November) would take Monday by earliest deadline first; the optimiser gives Monday to the
    course due that day and starts the overdue one on Tuesday."""
    hours = tuple(WorkingHours(day, time(8), time(9)) for day in (0, 1))
    overdue = course(
        "forsinket",
        weeks=1,
        deadline=MONDAY - timedelta(days=3),
        received=MONDAY - timedelta(days=10),
    )
    due_monday = course("mandag", weeks=1, deadline=MONDAY)
    instance = problem([overdue, due_monday], therapists=[therapist(working_hours=hours)], weeks=1)
    result = plan(instance, "optimiser", time_limit_s=2)
    assert result.start_for("mandag").start_date == MONDAY
    assert result.start_for("forsinket").start_date == TUESDAY
    assert result.kpis.on_time == 1
    assert plan(instance, "edd").start_for("forsinket").start_date == MONDAY
    assert check_plan(instance, result) == []


def test_a_thinned_model_plans_every_course_and_claims_only_the_plain_bound(monkeypatch):
    monkeypatch.setattr(optimiser, "CAP_FROM_COURSES", 3)
    monkeypatch.setattr(optimiser, "MIN_OPTIONS_PER_COURSE", 2)
    monkeypatch.setattr(optimiser, "OPTION_BUDGET", 8)
    courses = [
        course(f"C{number}", weeks=2, deadline=MONDAY + timedelta(days=4)) for number in range(6)
    ]
    instance = problem(courses, therapists=[therapist("T1"), therapist("T2")], weeks=2)
    result = plan(instance, "optimiser", time_limit_s=3)
    assert result.kpis.planned == 6 and result.kpis.on_time == 6
    assert result.bound == 6  # every course has an on-time option
    assert not result.kpis.proven_optimal
    assert check_plan(instance, result) == []
