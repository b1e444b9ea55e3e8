"""Small hand-made instances whose best plan is known, and plans that cannot be made."""

from datetime import time, timedelta

import pytest
from planning_builders import MONDAY, course, problem, team, therapist

from rehabplan.planning import (
    Absence,
    Booking,
    Mode,
    PlanningProblem,
    Profession,
    WorkingHours,
    check_plan,
    plan,
    upper_limit,
)

THURSDAY = MONDAY + timedelta(days=3)
FRIDAY = MONDAY + timedelta(days=4)
METHODS = ("fcfs", "edd", "optimiser")


def one_seat_class() -> PlanningProblem:
    """One seat on a Monday/Thursday class. A far-deadline course arrived first; a course that
    must start on Monday arrived second. Both can be on time only if the urgent one goes first
    and the other follows when the seat is free again two weeks later."""
    patient = course(
        "roligt",
        mode=Mode.TEAM,
        sessions_per_week=2,
        weeks=2,
        deadline=MONDAY + timedelta(days=42),
        received=MONDAY - timedelta(days=6),
        service_code="SEL86-2",
    )
    urgent = course(
        "haster",
        mode=Mode.TEAM,
        sessions_per_week=2,
        weeks=2,
        deadline=MONDAY,
        received=MONDAY - timedelta(days=2),
        free_choice_applies=True,
    )
    return problem([patient, urgent], classes=[team(weekdays=(0, 3), capacity=1)], weeks=4)


def one_hour_a_day() -> PlanningProblem:
    """The therapist has one free hour on Monday and one on Friday. The first arrival could
    start either day; the second only on Monday."""
    hours = (WorkingHours(0, time(8, 0), time(9, 0)), WorkingHours(4, time(8, 0), time(9, 0)))
    flexible = course("fleksibel", deadline=FRIDAY, weeks=1, received=MONDAY - timedelta(days=3))
    monday_only = course("mandag", deadline=MONDAY, weeks=1, received=MONDAY - timedelta(days=1))
    return problem([flexible, monday_only], therapists=[therapist(working_hours=hours)], weeks=1)


@pytest.mark.parametrize(
    ("build", "fcfs_on_time", "optimum"),
    [(one_seat_class, 1, 2), (one_hour_a_day, 1, 2)],
)
def test_optimiser_reaches_the_known_optimum_where_first_come_first_served_does_not(
    build, fcfs_on_time, optimum
):
    instance = build()
    fcfs = plan(instance, "fcfs")
    best = plan(instance, "optimiser", time_limit_s=2)
    assert fcfs.kpis.on_time == fcfs_on_time
    assert best.kpis.on_time == optimum
    assert best.bound == optimum and best.gap == 0.0
    assert upper_limit(instance, time_limit_s=2).bound == optimum
    assert check_plan(instance, fcfs) == [] and check_plan(instance, best) == []


def test_late_sul140_start_carries_the_free_choice_offer():
    fcfs = plan(one_seat_class(), "fcfs")
    late = fcfs.start_for("haster")
    assert late is not None and not late.on_time
    assert late.days_late == 14
    assert late.free_choice_offer


def test_team_sessions_follow_the_class_and_skip_closed_days():
    instance = problem(
        [course("A", mode=Mode.TEAM, sessions_per_week=2, weeks=2)],
        classes=[team(weekdays=(0, 3))],
        closed_days={THURSDAY},
    )
    result = plan(instance, "optimiser", time_limit_s=2)
    days = [session.day for session in result.starts[0].sessions]
    assert days == [MONDAY, MONDAY + timedelta(7), MONDAY + timedelta(10), MONDAY + timedelta(14)]
    assert check_plan(instance, result) == []


def test_individual_course_keeps_weekly_times_inside_working_hours():
    instance = problem([course("A", sessions_per_week=2, weeks=3)])
    result = plan(instance, "edd")
    start = result.starts[0]
    assert start.start_date == MONDAY
    assert len(start.sessions) == 6
    assert {session.day.weekday() for session in start.sessions} == {0, 3}
    assert {session.start for session in start.sessions} == {time(7, 30)}
    assert check_plan(instance, result) == []


def test_home_visits_take_two_hours_and_respect_blocked_weekdays():
    instance = problem([course("A", mode=Mode.HOME, blocked_weekdays={0}, weeks=2)])
    start = plan(instance, "fcfs").starts[0]
    assert start.start_date == MONDAY + timedelta(days=1)
    assert all(session.minutes == 120 for session in start.sessions)


def test_preferred_therapist_is_kept_when_it_costs_nothing():
    instance = problem(
        [course("A", preferred_therapist_id="T2")],
        therapists=[therapist("T1"), therapist("T2")],
    )
    for method in METHODS:
        assert plan(instance, method, time_limit_s=2).starts[0].therapist_id == "T2"


@pytest.mark.parametrize(
    ("instance", "reason"),
    [
        (
            problem([course("A", profession=Profession.OT, free_choice_applies=True)]),
            "Ingen ergoterapeut arbejder",
        ),
        (
            problem([course("A", mode=Mode.TEAM, level="avanceret")], classes=[team()]),
            "Der findes intet hold på niveau avanceret",
        ),
        (
            problem([course("A", earliest=MONDAY + timedelta(days=30))]),
            "ligger efter planperioden",
        ),
        (
            problem(
                [course(f"C{n}", mode=Mode.TEAM, weeks=1) for n in range(3)],
                classes=[team(capacity=1)],
                weeks=1,
            ),
            "Ingen ledig plads på et hold på rette niveau (basal) før fristen 30. november 2026",
        ),
    ],
)
def test_impossible_input_gives_a_danish_explanation_not_an_exception(instance, reason):
    for method in METHODS:
        result = plan(instance, method, time_limit_s=2)
        assert result.unplanned, method
        assert reason in result.unplanned[-1].reason
        assert result.explanation
        assert check_plan(instance, result) == []


def test_free_choice_offer_only_where_sul140_applies():
    instance = problem(
        [
            course("sul", profession=Profession.OT, free_choice_applies=True),
            course("sel", profession=Profession.OT, service_code="SEL86-1"),
        ]
    )
    offers = {item.course_id: item.free_choice_offer for item in plan(instance, "edd").unplanned}
    assert offers == {"sul": True, "sel": False}


def test_every_result_carries_objective_bound_and_gap():
    instance = one_seat_class()
    for method in ("fcfs", "edd"):
        result = plan(instance, method)
        assert result.objective == result.kpis.on_time
        assert result.bound is None and result.gap is None
    result = plan(instance, "optimiser", time_limit_s=2)
    assert (result.objective, result.bound, result.gap) == (2.0, 2.0, 0.0)


def test_empty_problem_plans_nothing():
    result = plan(problem([]), "optimiser")
    assert result.starts == () and result.explanation == "Ingen forløb at planlægge."


def test_progress_is_reported_during_a_solve():
    messages: list[str] = []
    plan(one_seat_class(), "optimiser", time_limit_s=2, progress=messages.append)
    assert messages and all(isinstance(message, str) for message in messages)


def test_absent_and_busy_therapist_is_not_used():
    instance = problem(
        [course("A", weeks=1, deadline=FRIDAY)],
        therapists=[
            therapist("T1", absences=(Absence(MONDAY, THURSDAY),)),
        ],
        bookings=(Booking("b", FRIDAY, time(7, 30), 60, therapist_id="T1"),),
    )
    start = plan(instance, "optimiser", time_limit_s=2).starts[0]
    assert start.start_date == FRIDAY
    assert start.sessions[0].start == time(8, 30)  # right after the 07:30-08:30 booking
