"""Property tests: on generated municipalities every method's plan obeys every hard rule."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from planning_builders import generated_instances

from rehabplan.planning import check_plan, plan, upper_limit
from rehabplan.planning.calendar import minute_of
from rehabplan.planning.generator import GeneratorSettings, generate

instances = generated_instances(5_000, 30_000, (0.8, 1.3))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances, st.sampled_from(["fcfs", "edd", "optimiser"]))
def test_every_plan_obeys_the_hard_rules(problem, method):
    result = plan(problem, method, time_limit_s=1.0)
    assert check_plan(problem, result) == []
    courses = {course.id: course for course in problem.courses}
    assert {start.course_id for start in result.starts} | {
        item.course_id for item in result.unplanned
    } == set(courses)
    for start in result.starts:
        course = courses[start.course_id]
        assert start.start_date >= course.earliest_start
        assert len(start.sessions) == course.session_count
        for session in start.sessions:
            if session.class_id is None:
                hours = problem.therapist(session.therapist_id).hours_on(session.day.weekday())
                assert hours is not None
                assert minute_of(hours.start) <= minute_of(session.start)
                assert minute_of(session.start) + session.minutes <= minute_of(hours.end)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances)
def test_no_method_beats_the_proven_limit(problem):
    limit = upper_limit(problem, time_limit_s=2.0)
    for method in ("fcfs", "edd", "optimiser"):
        assert plan(problem, method, time_limit_s=1.0).kpis.on_time <= limit.bound


def test_generator_is_seeded():
    first = generate(GeneratorSettings(inhabitants=20_000, seed=3))
    again = generate(GeneratorSettings(inhabitants=20_000, seed=3))
    assert first == again
    assert generate(GeneratorSettings(inhabitants=20_000, seed=4)) != first


def test_generator_sizes_follow_the_stated_rates():
    weekly_gops = sum(
        1
        for course in generate(GeneratorSettings(inhabitants=600_000, seed=1)).courses
        if course.service_code == "SUL140"
    )
    assert 300 <= weekly_gops <= 400  # about 350 a week at 30 per 1,000 a year
