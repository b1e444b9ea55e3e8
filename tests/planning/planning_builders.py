"""Small hand-made planning problems for the tests."""

from __future__ import annotations

from datetime import date, time

from hypothesis import strategies as st

from rehabplan.planning import (
    CourseRequest,
    Horizon,
    Mode,
    PlanningProblem,
    Profession,
    TeamClass,
    Therapist,
    WorkingHours,
)
from rehabplan.planning.generator import GeneratorSettings, generate

MONDAY = date(2026, 11, 30)


def weekday_hours(last_weekday: int = 4, start=time(7, 30), end=time(17, 0)):
    return tuple(WorkingHours(day, start, end) for day in range(last_weekday + 1))


def therapist(tid="T1", profession=Profession.PT, **kwargs) -> Therapist:
    kwargs.setdefault("working_hours", weekday_hours())
    return Therapist(id=tid, profession=profession, **kwargs)


def course(cid="C1", *, earliest=MONDAY, deadline=None, mode=Mode.INDIVIDUAL, **kwargs):
    values = dict(
        citizen_id=f"borger-{cid}",
        service_code="SUL140",
        sessions_per_week=1,
        weeks=4,
        level="basal",
        profession=Profession.PT,
        received=earliest,
    )
    values.update(kwargs)
    return CourseRequest(
        id=cid,
        earliest_start=earliest,
        start_deadline=deadline or earliest,
        mode=mode,
        **values,
    )


def team(cid="H1", *, weekdays=(0,), capacity=2, therapist_id="T1", **kwargs) -> TeamClass:
    values = dict(location="Centret", start=time(10, 0), minutes=60, minimum_to_run=0)
    values.update(kwargs)
    values.setdefault("level", "basal")
    return TeamClass(
        id=cid, weekdays=weekdays, capacity=capacity, therapist_id=therapist_id, **values
    )


def problem(courses, therapists=None, classes=(), weeks=2, **kwargs) -> PlanningProblem:
    return PlanningProblem(
        horizon=Horizon(MONDAY, weeks),
        courses=tuple(courses),
        therapists=tuple(therapists or [therapist()]),
        classes=tuple(classes),
        **kwargs,
    )


def generated_instances(smallest: int, largest: int, loads: tuple[float, float]):
    """Hypothesis strategy: seeded municipalities of `smallest`-`largest` inhabitants planned
    over two weeks, at a load in `loads`."""
    return st.builds(
        lambda inhabitants, load, seed: generate(
            GeneratorSettings(inhabitants=inhabitants, load=load, seed=seed, horizon_weeks=2)
        ),
        inhabitants=st.integers(smallest, largest),
        load=st.floats(*loads),
        seed=st.integers(0, 10_000),
    )
