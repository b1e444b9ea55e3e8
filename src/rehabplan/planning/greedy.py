"""The baselines: courses one at a time in a fixed order, each at its earliest feasible slot.

First-come-first-served is what staff do by hand; earliest-deadline-first only changes the order.
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable

from rehabplan.planning.ledger import Ledger
from rehabplan.planning.outcome import build_result
from rehabplan.planning.problem import CourseRequest, PlanningProblem
from rehabplan.planning.result import PlanResult
from rehabplan.planning.search import Placement, earliest_placement


def arrival_order(course: CourseRequest) -> tuple:
    return (course.received, course.arrival_order, course.id)


def deadline_order(course: CourseRequest) -> tuple:
    return (course.start_deadline, course.received, course.arrival_order, course.id)


def place_in_order(
    problem: PlanningProblem,
    order: Callable[[CourseRequest], tuple],
    ledger: Ledger | None = None,
    deadline: float | None = None,
) -> dict[str, Placement] | None:
    """Each course in `order` at its earliest exact start. With `deadline` (a
    `time.perf_counter()` value): None if it is passed before every course is tried."""
    ledger = ledger or Ledger(problem)
    placements: dict[str, Placement] = {}
    first, last = problem.horizon.first_day, problem.horizon.last_day
    for course in sorted(problem.courses, key=order):
        if deadline is not None and clock.perf_counter() > deadline:
            return None
        placement = earliest_placement(ledger, course, first, last)
        if placement is not None:
            ledger.commit(course.citizen_id, placement.sessions)
            placements[course.id] = placement
    return placements


def plan_fcfs(problem: PlanningProblem) -> PlanResult:
    began = clock.perf_counter()
    placements = place_in_order(problem, arrival_order)
    return build_result(problem, "fcfs", placements, clock.perf_counter() - began)


def plan_edd(problem: PlanningProblem) -> PlanResult:
    began = clock.perf_counter()
    placements = place_in_order(problem, deadline_order)
    return build_result(problem, "edd", placements, clock.perf_counter() - began)
