"""The optimiser: a MIP decides who starts when on which class or therapist, then every choice
is made exact (dates, times, seats) through the same ledger the baselines use.

Stage 1 (`options` + `solvers.highs_assignment`): weekly and daily capacities, lexicographic
objective (on-time starts first, then lateness and the softer goals).
Stage 2 (here): in order of start date, place each chosen option exactly; if the time of day
does not fit after all, the course takes its earliest exact placement, on time where possible.
Courses the MIP left out get a last earliest-deadline-first attempt.
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable

from rehabplan.planning.greedy import deadline_order, place_in_order
from rehabplan.planning.ledger import Ledger
from rehabplan.planning.options import AssignmentModel, build_model
from rehabplan.planning.outcome import build_result
from rehabplan.planning.problem import CourseRequest, PlanningProblem
from rehabplan.planning.result import LimitResult, PlanResult
from rehabplan.planning.search import Placement, earliest_placement, place_on
from rehabplan.planning.solvers.highs_assignment import solve_assignment

# Share of the time limit kept for building the model and for the exact placement.
SOLVER_SHARE = 0.6


def plan_optimised(
    problem: PlanningProblem, time_limit_s: float, progress: Callable[[str], None] | None = None
) -> PlanResult:
    began = clock.perf_counter()
    if not problem.courses:
        return build_result(problem, "optimiser", {}, 0.0, bound=0.0)
    ledger = Ledger(problem)
    model = build_model(problem, ledger)
    if progress:
        progress(f"Model bygget: {len(problem.courses)} forløb, {len(model.options)} muligheder.")
    remaining = time_limit_s - (clock.perf_counter() - began)
    solution = solve_assignment(
        model, max(0.2, remaining * SOLVER_SHARE), progress, deadlines=_deadlines(problem)
    )
    placements = realise(problem, ledger, model, solution.chosen)
    # Safety net: the exact earliest-deadline-first plan is cheap; keep it if it happens to
    # start more courses on time than the realised MIP plan (it rarely does).
    fallback = place_in_order(problem, deadline_order)
    if _on_time(problem, fallback) > _on_time(problem, placements):
        placements = fallback
    if progress:
        progress(f"Planen er lagt: {len(placements)} af {len(problem.courses)} forløb startet.")
    return build_result(
        problem,
        "optimiser",
        placements,
        clock.perf_counter() - began,
        bound=float(solution.on_time_bound),
    )


def realise(
    problem: PlanningProblem, ledger: Ledger, model: AssignmentModel, chosen: dict[str, int]
) -> dict[str, Placement]:
    courses = {course.id: course for course in problem.courses}
    options_of = model.options_by_course()
    placements: dict[str, Placement] = {}
    order = sorted(chosen.items(), key=lambda item: (model.options[item[1]].start, item[0]))
    for course_id, option_index in order:
        course = courses[course_id]
        option = model.options[option_index]
        placement = place_on(ledger, course, option.resource_id, option.start)
        if placement is None:
            placement = _repair(problem, ledger, model, course, options_of[course_id], option)
        if placement is not None:
            ledger.commit(course.citizen_id, placement.sessions)
            placements[course_id] = placement
    for course in sorted(problem.courses, key=deadline_order):
        if course.id in placements:
            continue
        placement = earliest_placement(
            ledger, course, problem.horizon.first_day, problem.horizon.last_day
        )
        if placement is not None:
            ledger.commit(course.citizen_id, placement.sessions)
            placements[course.id] = placement
    return placements


def _repair(problem, ledger, model, course: CourseRequest, option_indexes, failed):
    """The chosen option did not fit exactly: try the course's other options that are at
    least as good for its deadline, cheapest first, then its earliest exact placement."""
    alternatives = sorted(
        (model.options[index] for index in option_indexes),
        key=lambda option: (not option.on_time, option.cost),
    )
    for option in alternatives:
        if option is failed or (failed.on_time and not option.on_time):
            continue
        placement = place_on(ledger, course, option.resource_id, option.start)
        if placement is not None:
            return placement
    return earliest_placement(ledger, course, problem.horizon.first_day, problem.horizon.last_day)


def on_time_limit(problem: PlanningProblem, time_limit_s: float) -> LimitResult:
    began = clock.perf_counter()
    if not problem.courses:
        return LimitResult(0, 0, True, 0.0)
    ledger = Ledger(problem)
    model = build_model(problem, ledger, on_time_only=True)
    solution = solve_assignment(
        model, time_limit_s, on_time_only=True, deadlines=_deadlines(problem)
    )
    return LimitResult(
        bound=solution.on_time_bound,
        best=solution.on_time_best,
        proven_optimal=solution.proven_optimal,
        runtime_s=clock.perf_counter() - began,
    )


def _deadlines(problem: PlanningProblem):
    return {course.id: course.start_deadline for course in problem.courses}


def _on_time(problem: PlanningProblem, placements: dict[str, Placement]) -> int:
    return sum(
        1
        for course in problem.courses
        if course.id in placements and placements[course.id].start <= course.start_deadline
    )
