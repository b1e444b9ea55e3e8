"""Team classes that meet on several weekdays, and the planner's cost after on-time starts: a
free seat on a suitable class before a therapist's individual hours, classes filled to their
minimum to run."""

from dataclasses import replace
from datetime import timedelta

import pytest
from planning_builders import MONDAY, course, problem, team, therapist

from rehabplan.planning import Mode, check_plan, plan

METHODS = ("fcfs", "edd", "optimiser")
TUESDAY = MONDAY + timedelta(days=1)
ONE_DAY = timedelta(days=1)


def _plan(instance, method="optimiser"):
    result = plan(instance, method=method, time_limit_s=5)
    assert check_plan(instance, result) == []
    return result


@pytest.mark.parametrize("method", METHODS)
def test_a_twice_weekly_course_on_a_tuesday_thursday_class_gets_both_days(method):
    instance = problem(
        [course(mode=Mode.TEAM, sessions_per_week=2, weeks=3, earliest=TUESDAY)],
        classes=[team(weekdays=(1, 3))],
    )
    start = _plan(instance, method).starts[0]
    assert start.class_id == "H1"
    assert [session.day.weekday() for session in start.sessions] == [1, 3] * 3
    assert len({session.day for session in start.sessions}) == 6


def test_the_checker_refuses_sessions_off_the_class_days():
    instance = problem(
        [course(mode=Mode.TEAM, sessions_per_week=2, weeks=1, earliest=TUESDAY)],
        classes=[team(weekdays=(1, 3))],
    )
    result = _plan(instance)
    start = result.starts[0]
    # The Thursday session moved to Friday: the class does not meet then.
    wrong = (start.sessions[0], replace(start.sessions[1], day=start.sessions[1].day + ONE_DAY))
    broken = replace(result, starts=(replace(start, sessions=wrong),))
    assert any(violation.rule == "hold" for violation in check_plan(instance, broken))


def test_a_class_meeting_more_often_than_the_course_is_not_offered():
    instance = problem(
        [course(mode=Mode.TEAM, sessions_per_week=1, weeks=2)],
        classes=[team(weekdays=(0, 3))],
    )
    result = _plan(instance)
    assert result.starts == ()
    assert "intet hold" in result.unplanned[0].reason


@pytest.mark.parametrize("method", METHODS)
def test_a_free_class_seat_is_preferred_over_individual_hours(method):
    instance = problem(
        [course(sessions_per_week=2, weeks=2, may_join_class=True)],
        classes=[team(weekdays=(0, 3), capacity=8)],
    )
    result = _plan(instance, method)
    start = result.starts[0]
    assert start.on_time
    assert start.class_id == "H1"
    assert result.kpis.individual_hours == 0
    assert result.kpis.seats_used == 4


def test_on_time_comes_before_the_cheaper_class_seat():
    # The class meets Thursdays only; the deadline is Monday: individual hours keep it on time.
    instance = problem(
        [course(sessions_per_week=1, weeks=2, may_join_class=True)],
        classes=[team(weekdays=(3,), capacity=8)],
    )
    start = _plan(instance).starts[0]
    assert start.on_time
    assert start.class_id is None


def test_a_course_that_must_be_individual_never_gets_a_class():
    instance = problem(
        [course(sessions_per_week=2, weeks=2)],
        classes=[team(weekdays=(0, 3), capacity=8)],
    )
    result = _plan(instance)
    assert result.starts[0].class_id is None
    assert result.kpis.individual_hours == 4


@pytest.mark.parametrize("method", METHODS)
def test_a_class_with_the_wrong_level_is_never_offered(method):
    instance = problem(
        [
            course("C1", mode=Mode.TEAM, sessions_per_week=2, weeks=2, level="avanceret"),
            course("C2", sessions_per_week=2, weeks=2, level="avanceret", may_join_class=True),
        ],
        classes=[team(weekdays=(0, 3), capacity=8, level="basal")],
    )
    result = _plan(instance, method)
    assert all(start.class_id is None for start in result.starts)
    assert result.start_for("C1") is None


def test_the_optimiser_fills_a_class_to_its_minimum_first():
    """Two classes of the same level at the same days, each with one participant and a
    minimum of three: both flexible citizens go to one class, which then runs, rather than
    one to each (where neither reaches its minimum), though each had a therapist before who
    leads one of the two classes."""
    courses = [
        course(
            f"C{number}",
            sessions_per_week=2,
            weeks=2,
            may_join_class=True,
            preferred_therapist_id=therapist_id,
        )
        for number, therapist_id in enumerate(("T1", "T2"))
    ]
    classes = [
        team("H1", weekdays=(0, 3), capacity=8, minimum_to_run=3, enrolled=1),
        team("H2", weekdays=(0, 3), capacity=8, minimum_to_run=3, enrolled=1, therapist_id="T2"),
    ]
    instance = problem(courses, therapists=[therapist(), therapist("T2")], classes=classes)
    result = _plan(instance)
    assert {start.class_id for start in result.starts} in ({"H1"}, {"H2"})
    assert len(result.kpis.under_minimum_class_ids) == 1


def test_the_kpis_count_team_hours_and_seats():
    instance = problem(
        [course(mode=Mode.TEAM, sessions_per_week=2, weeks=2)],
        classes=[team(weekdays=(0, 3), capacity=4, minimum_to_run=2)],
        weeks=2,
    )
    kpis = _plan(instance).kpis
    # Four meetings in two weeks, one participant each: four hours of the class's therapist.
    assert kpis.team_hours == 4
    assert (kpis.seats_used, kpis.seat_capacity) == (4, 16)
    assert kpis.class_fill == 0.25
    assert kpis.under_minimum_class_ids == ("H1",)
    assert kpis.therapist_hours == 4
