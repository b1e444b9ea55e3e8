"""Exact options: a start exists in the optimiser's model only if its weekly pattern fits the
therapist on its own in every week of the course, and the proven limit counts nothing else.

Hand-made weeks from the planning period of 30 November 2026 (a Monday): the start day is
free, but a later week is not.
"""

from datetime import time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from planning_builders import MONDAY, course, generated_instances, problem, therapist

from rehabplan.planning import (
    Absence,
    Booking,
    Mode,
    WorkingHours,
    check_plan,
    plan,
    upper_limit,
)
from rehabplan.planning.generator import generate
from rehabplan.planning.ledger import Ledger
from rehabplan.planning.options import build_model
from rehabplan.planning.placement import _fit_pattern, compatible_therapists, weekly_patterns

WEEK = timedelta(days=7)
THURSDAY = MONDAY + timedelta(days=3)


def whole_day(day, therapist_id="T1", name="kursus") -> Booking:
    """A whole working day in the calendar (a course, a theme day): at work, no free time."""
    return Booking(name, day, time(7, 30), 9 * 60 + 30, therapist_id=therapist_id)


def options_of(instance, exact=True):
    model = build_model(instance, Ledger(instance), exact=exact)
    return [option for option in model.options if option.on_time]


def monday_course(**kwargs):
    """One session a week for four weeks, from Monday 30 November, due that day."""
    return course("A", sessions_per_week=1, weeks=4, deadline=MONDAY, **kwargs)


def test_a_start_whose_week_3_is_full_is_no_option():
    """Free on Monday 30 November, but Monday 14 December (week 3) is a whole-day course, and
    the citizen can train on Mondays only."""
    instance = problem(
        [monday_course(blocked_weekdays={1, 2, 3, 4})],
        bookings=(whole_day(MONDAY + 2 * WEEK),),
        weeks=4,
    )
    assert options_of(instance) == []
    # The start-day relaxation counts week 3 as a whole, which has free hours on other days:
    # it keeps the option, and its limit is 1.
    assert [option.start for option in options_of(instance, exact=False)] == [MONDAY]
    assert upper_limit(instance, time_limit_s=2).bound == 0
    assert upper_limit(instance, time_limit_s=2, exact=False).bound == 1
    result = plan(instance, "optimiser", time_limit_s=2)
    assert result.kpis.on_time == 0 and result.bound == 0
    assert check_plan(instance, result) == []


def test_only_the_weekdays_that_fit_every_week_are_options():
    """Twice a week from Monday: Thursday 17 December is full, Wednesdays are free, so
    Monday-Wednesday is an option and Monday-Thursday is not."""
    instance = problem(
        [course("A", sessions_per_week=2, weeks=4, deadline=MONDAY)],
        therapists=[
            therapist(
                working_hours=tuple(WorkingHours(day, time(8), time(16)) for day in (0, 2, 3))
            )
        ],
        bookings=(whole_day(THURSDAY + 2 * WEEK),),
        weeks=4,
    )
    patterns = {option.pattern for option in options_of(instance)}
    assert patterns == {(0, 2)}
    start = plan(instance, "optimiser", time_limit_s=2).start_for("A")
    assert start is not None and start.on_time
    assert {session.day.weekday() for session in start.sessions} == {0, 2}


def test_an_absence_moves_the_course_on_instead_of_ruling_the_start_out():
    """Away on Monday 14 December: that session moves to the next Monday, so the course still
    fits, and its days in the model are the ones it will have."""
    instance = problem(
        [monday_course()],
        therapists=[therapist(absences=(Absence(MONDAY + 2 * WEEK, MONDAY + 2 * WEEK),))],
        weeks=6,
    )
    (option,) = [option for option in options_of(instance) if option.start == MONDAY]
    days = sorted(key[2] for key, _ in option.usage if key[0] == "day")
    assert days == [0, 7, 21, 28]
    start = plan(instance, "optimiser", time_limit_s=2).start_for("A")
    assert [session.day for session in start.sessions] == [
        MONDAY,
        MONDAY + WEEK,
        MONDAY + 3 * WEEK,
        MONDAY + 4 * WEEK,
    ]


def test_a_week_at_the_weekly_limit_rules_the_start_out():
    """Two sessions a week at most; week 2 already has two booked."""
    booked = tuple(
        Booking(
            f"b{number}", MONDAY + WEEK + timedelta(days=number), time(8), 60, therapist_id="T1"
        )
        for number in range(2)
    )
    instance = problem(
        [monday_course()],
        therapists=[therapist(max_sessions_per_week=2)],
        bookings=booked,
        weeks=4,
    )
    assert options_of(instance) == []
    assert upper_limit(instance, time_limit_s=2).bound == 0


def test_a_home_visit_needs_two_free_hours_in_a_row_every_week():
    """On Monday 7 December only single hours are free (08-09 and 10-11): a 60-minute session
    fits, a two-hour home visit does not."""
    monday = MONDAY + WEEK
    bookings = (
        Booking("x1", monday, time(7, 30), 30, therapist_id="T1"),
        Booking("x2", monday, time(9, 0), 60, therapist_id="T1"),
        Booking("x3", monday, time(11, 0), 360, therapist_id="T1"),
    )
    hours = (WorkingHours(0, time(7, 30), time(17, 0)),)
    home = problem(
        [monday_course(mode=Mode.HOME)],
        therapists=[therapist(working_hours=hours)],
        bookings=bookings,
        weeks=4,
    )
    centre = problem(
        [monday_course()], therapists=[therapist(working_hours=hours)], bookings=bookings, weeks=4
    )
    assert options_of(home) == []
    assert len(options_of(centre)) == 1


def test_the_citizens_own_appointments_count_too():
    """The citizen has a hospital appointment all day on Monday 21 December."""
    appointment = Booking("sygehus", MONDAY + 3 * WEEK, time(7, 0), 11 * 60, citizen_id="borger-A")
    instance = problem(
        [monday_course()],
        therapists=[therapist(working_hours=(WorkingHours(0, time(7, 30), time(17, 0)),))],
        bookings=(appointment,),
        weeks=4,
    )
    assert options_of(instance) == []


def test_two_courses_that_each_fit_alone_share_a_days_free_hour_exactly():
    """One free hour on Monday 14 December (week 3): both courses fit on their own, not both.
    The model knows, so the plan starts one on time and the proven limit is 1, not 2."""
    hours = (WorkingHours(0, time(7, 30), time(17, 0)),)
    busy = Booking("møde", MONDAY + 2 * WEEK, time(8, 30), 510, therapist_id="T1")
    instance = problem(
        [
            course("A", sessions_per_week=1, weeks=4, deadline=MONDAY),
            course("B", sessions_per_week=1, weeks=4, deadline=MONDAY),
        ],
        therapists=[therapist(working_hours=hours)],
        bookings=(busy,),
        weeks=4,
    )
    assert {option.course_id for option in options_of(instance)} == {"A", "B"}
    assert upper_limit(instance, time_limit_s=2).bound == 1
    result = plan(instance, "optimiser", time_limit_s=2)
    assert result.kpis.on_time == 1 and result.bound == 1
    assert check_plan(instance, result) == []


instances = generated_instances(5_000, 25_000, (0.9, 1.3))


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances)
def test_the_fit_index_agrees_with_placing_the_course_alone(instance):
    """For every individual course, suitable therapist, day of the period and pattern: the
    index says it fits exactly when placing it alone in the calendar succeeds."""
    ledger = Ledger(instance)
    fit = ledger.fit_index()
    for request in instance.courses:
        for candidate in compatible_therapists(instance, request)[:3]:
            for offset in range(0, 7 * instance.horizon.weeks, 3):
                day = instance.horizon.first_day + timedelta(days=offset)
                if day < request.earliest_start or day.weekday() not in {
                    hours.weekday for hours in candidate.working_hours
                }:
                    continue
                open_days = sorted(hours.weekday for hours in candidate.working_hours)
                for pattern in weekly_patterns(open_days, day.weekday(), request):
                    placed = _fit_pattern(ledger, request, candidate, day, pattern)
                    fits = fit.pattern_days(request, candidate, day, pattern) is not None
                    assert fits == (placed is not None), (request.id, candidate.id, day, pattern)


@pytest.mark.parametrize("scenario_seed", [1, 2])
def test_the_tight_limit_is_no_higher_than_the_loose_one_and_no_plan_beats_it(scenario_seed):
    from rehabplan.planning.generator import scenario_settings

    instance = generate(scenario_settings("harsh", inhabitants=30_000, seed=scenario_seed))
    tight = upper_limit(instance, time_limit_s=10)
    loose = upper_limit(instance, time_limit_s=10, exact=False)
    assert tight.bound <= loose.bound
    for method in ("fcfs", "edd", "optimiser"):
        result = plan(instance, method, time_limit_s=3)
        assert result.kpis.on_time <= tight.bound
        assert check_plan(instance, result) == []
