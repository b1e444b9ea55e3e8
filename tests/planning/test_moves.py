"""Moving one course of a plan: the quick check agrees with checking the whole plan again."""

from __future__ import annotations

import dataclasses
from datetime import time, timedelta

import pytest
from django.core.exceptions import ValidationError

from rehabplan.planning import Absence, Booking, check_plan, plan
from rehabplan.planning.generator import GeneratorSettings, generate
from rehabplan.planning.moves import PlanCalendar
from rehabplan.planning.placement import compatible_classes, compatible_therapists
from rehabplan.scheduling.moves import start_in_class, start_with_therapist
from tests.planning.planning_builders import MONDAY, course, problem, team, therapist


def _candidates(instance, request, current):
    if current.class_id:
        for candidate in compatible_classes(instance, request):
            try:
                yield start_in_class(instance, request, current, candidate.id)
            except ValidationError:
                continue
    else:
        for candidate in compatible_therapists(instance, request):
            yield start_with_therapist(instance, current, candidate.id)


def _whole_plan_passes(instance, result, moved) -> bool:
    starts = tuple(moved if s.course_id == moved.course_id else s for s in result.starts)
    return not check_plan(instance, dataclasses.replace(result, starts=starts))


@pytest.mark.parametrize(("load", "seed"), [(1.05, 1), (1.2, 2), (0.8, 3)])
def test_the_quick_check_agrees_with_the_whole_plan_check(load, seed):
    instance = generate(GeneratorSettings(inhabitants=60_000, load=load, seed=seed))
    result = plan(instance, "edd")
    assert not check_plan(instance, result)
    calendar = PlanCalendar(instance, result)
    requests = {request.id: request for request in instance.courses}
    verdicts = []
    for current in result.starts:
        request = requests[current.course_id]
        for moved in _candidates(instance, request, current):
            quick = calendar.fits(request, current, moved)
            assert quick == _whole_plan_passes(instance, result, moved), (current, moved)
            verdicts.append(quick)
    # Both answers occur, so the agreement says something.
    assert True in verdicts and False in verdicts


def test_a_move_onto_the_citizens_other_appointment_is_refused():
    instance = problem(
        [course("C1", mode="team", sessions_per_week=1, weeks=2)],
        classes=[team("H1", weekdays=(0,)), team("H2", weekdays=(1,))],
        bookings=[
            Booking("privat", MONDAY + timedelta(days=1), time(10, 30), 60, None, "borger-C1")
        ],
    )
    result = plan(instance, "edd")
    current = result.starts[0]
    assert current.class_id == "H1"
    calendar = PlanCalendar(instance, result)
    moved = start_in_class(instance, instance.courses[0], current, "H2")
    assert not calendar.fits(instance.courses[0], current, moved)
    assert not _whole_plan_passes(instance, result, moved)


def test_a_move_to_a_therapist_teaching_a_class_then_is_refused():
    busy = therapist("T2")
    instance = problem(
        [course("C1", sessions_per_week=1, weeks=1)],
        therapists=[therapist("T1"), busy],
        classes=[team("H1", weekdays=(0, 1, 2, 3, 4), therapist_id="T2", start=time(7, 30))],
    )
    result = plan(instance, "edd")
    current = result.starts[0]
    assert current.therapist_id == "T1" and current.sessions[0].start == time(7, 30)
    calendar = PlanCalendar(instance, result)
    moved = start_with_therapist(instance, current, "T2")
    assert not calendar.fits(instance.courses[0], current, moved)
    assert not _whole_plan_passes(instance, result, moved)


def test_a_move_to_an_absent_therapist_is_refused():
    away = therapist("T2", absences=(Absence(MONDAY, MONDAY + timedelta(days=4)),))
    instance = problem([course("C1", sessions_per_week=1, weeks=1)], therapists=[therapist(), away])
    result = plan(instance, "edd")
    current = result.starts[0]
    assert current.therapist_id == "T1" and current.start_date == MONDAY
    moved = start_with_therapist(instance, current, "T2")
    assert not PlanCalendar(instance, result).fits(instance.courses[0], current, moved)
    assert not _whole_plan_passes(instance, result, moved)
