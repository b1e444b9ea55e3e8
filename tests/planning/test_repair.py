"""The repair step: a course whose on-time choice could not be placed is solved again with the
courses on its class or therapist, against the rest of the plan."""

from datetime import time, timedelta

from planning_builders import MONDAY, course, problem, therapist

from rehabplan.planning import WorkingHours, check_plan
from rehabplan.planning.ledger import Ledger
from rehabplan.planning.optimiser import StageClock, _repair
from rehabplan.planning.options import build_model
from rehabplan.planning.outcome import build_result
from rehabplan.planning.search import place_on

TUESDAY = MONDAY + timedelta(days=1)


def test_the_therapist_of_a_failed_choice_is_solved_again_with_its_courses():
    """One free hour on Monday 30 November and one on Tuesday 1 December. The Tuesday course
    took the Monday hour, so the Monday course's choice failed; solved again, the Tuesday
    course moves to Tuesday and both start on time."""
    hours = tuple(WorkingHours(day, time(8), time(9)) for day in (0, 1))
    monday_course = course("mandag", sessions_per_week=1, weeks=1, deadline=MONDAY)
    tuesday_course = course("tirsdag", sessions_per_week=1, weeks=1, deadline=TUESDAY)
    instance = problem(
        [monday_course, tuesday_course], therapists=[therapist(working_hours=hours)], weeks=1
    )
    ledger = Ledger(instance)
    model = build_model(instance, ledger)
    monday_options = {
        option.course_id: index
        for index, option in enumerate(model.options)
        if option.start == MONDAY
    }
    taken = place_on(ledger, tuesday_course, "T1", MONDAY)
    ledger.commit(tuesday_course.citizen_id, taken.sessions)
    placements = {"tirsdag": taken}
    deadlines = {item.id: item.start_deadline for item in instance.courses}

    repaired = _repair(
        instance, ledger, model, monday_options, placements, StageClock(5.0), deadlines
    )

    assert {course_id: placement.start for course_id, placement in repaired.items()} == {
        "mandag": MONDAY,
        "tirsdag": TUESDAY,
    }
    assert check_plan(instance, build_result(instance, "optimiser", repaired, 0.0)) == []


def test_a_repair_that_starts_no_more_on_time_leaves_the_plan_as_it_was():
    """One free hour in the whole week: the Monday course's choice failed because the other
    course holds it, and solving again cannot start both, so nothing moves."""
    hours = (WorkingHours(0, time(8), time(9)),)
    first = course("første", sessions_per_week=1, weeks=1, deadline=MONDAY)
    second = course("anden", sessions_per_week=1, weeks=1, deadline=MONDAY)
    instance = problem([first, second], therapists=[therapist(working_hours=hours)], weeks=1)
    ledger = Ledger(instance)
    model = build_model(instance, ledger)
    chosen = {option.course_id: index for index, option in enumerate(model.options)}
    held = place_on(ledger, second, "T1", MONDAY)
    ledger.commit(second.citizen_id, held.sessions)
    deadlines = {item.id: item.start_deadline for item in instance.courses}

    repaired = _repair(instance, ledger, model, chosen, {"anden": held}, StageClock(5.0), deadlines)

    assert repaired == {"anden": held}
    assert place_on(ledger, first, "T1", MONDAY) is None  # the hour is still taken
