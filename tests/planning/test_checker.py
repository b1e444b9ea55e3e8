"""The feasibility checker finds every broken hard rule in a plan, whoever made it."""

from dataclasses import replace
from datetime import time, timedelta

import pytest
from planning_builders import MONDAY, course, problem, team, therapist

from rehabplan.planning import Mode, Session, WorkingHours, check_plan, plan

TUESDAY = MONDAY + timedelta(days=1)


def individual_plan():
    instance = problem([course("A", weeks=2), course("B", weeks=2)])
    return instance, plan(instance, "edd")


def with_sessions(result, course_id, sessions):
    starts = tuple(
        replace(start, sessions=tuple(sessions), start_date=sessions[0].day)
        if start.course_id == course_id
        else start
        for start in result.starts
    )
    return replace(result, starts=starts)


def test_a_valid_plan_has_no_violations():
    instance, result = individual_plan()
    assert check_plan(instance, result) == []


@pytest.mark.parametrize(
    ("sessions", "rule"),
    [
        # B at the same time as A: the therapist is double-booked.
        (lambda a: a, "dobbeltbooking"),
        # Outside working hours (07:30-17:00).
        (
            lambda a: [replace(s, start=time(16, 30)) for s in a],
            "arbejdstid",
        ),
        # One session short of the standard's extent.
        (lambda a: a[:1], "omfang"),
        # Two sessions in the same week for a once-a-week course.
        (
            lambda a: [a[0], replace(a[1], day=a[0].day + timedelta(days=1))],
            "frekvens",
        ),
    ],
)
def test_broken_rules_are_found(sessions, rule):
    instance, result = individual_plan()
    a_sessions = list(result.start_for("A").sessions)
    broken = with_sessions(result, "B", sessions(a_sessions))
    rules = {violation.rule for violation in check_plan(instance, broken)}
    assert rule in rules


def test_start_before_earliest_date_is_found():
    instance = problem([course("A", earliest=TUESDAY, weeks=1)])
    result = plan(instance, "fcfs")
    early = Session(MONDAY, time(8, 0), 60, "T1")
    rules = {v.rule for v in check_plan(instance, with_sessions(result, "A", [early]))}
    assert "tidligst" in rules


def test_class_over_capacity_is_found():
    instance = problem(
        [course(cid, mode=Mode.TEAM, weeks=1) for cid in ("A", "B")],
        classes=[team(capacity=1)],
    )
    result = plan(instance, "fcfs")
    seat = result.start_for("A").sessions
    broken = with_sessions(result, "B", list(seat))
    broken = replace(
        broken,
        starts=tuple(
            replace(start, class_id="H1") if start.course_id == "B" else start
            for start in broken.starts
        ),
    )
    rules = {violation.rule for violation in check_plan(instance, broken)}
    assert "kapacitet" in rules


def test_wrong_profession_is_found():
    instance = problem(
        [course("A", weeks=1)],
        therapists=[therapist("T1"), therapist("E1", profession="OT")],
    )
    result = plan(instance, "fcfs")
    moved = [replace(s, therapist_id="E1") for s in result.start_for("A").sessions]
    broken = with_sessions(result, "A", moved)
    broken = replace(
        broken, starts=tuple(replace(start, therapist_id="E1") for start in broken.starts)
    )
    assert "faggruppe" in {violation.rule for violation in check_plan(instance, broken)}


def test_late_start_explains_itself():
    one_hour_on_mondays = (WorkingHours(0, time(8), time(9)),)
    instance = problem(
        [course("A", weeks=1, free_choice_applies=True), course("B", weeks=1)],
        therapists=[therapist(working_hours=one_hour_on_mondays)],
    )
    late = [start for start in plan(instance, "edd").starts if not start.on_time]
    assert len(late) == 1
    assert "fristen 2026-11-30" in late[0].note
    assert "7 dage for sent" in late[0].note
