"""The optimiser: a MIP decides who starts when on which class or therapist, then every choice
is made exact (dates, times, seats) through the same ledger the baselines use.

Stage 1 (`options` + `solvers.highs_assignment`): class seats per meeting and therapist
sessions and minutes per week, split into independent parts (districts, professions, levels),
each solved lexicographically: on-time starts first, then lateness and the softer goals.
Stage 2 (here): on-time choices first, tightest deadline first, each placed exactly; a choice
that no longer fits tries the course's other on-time options, then any exact on-time start.
Courses still without a start get a last earliest-deadline-first pass. The proven bound comes
from the LP relaxation of each part's least-use model, so it holds for any exact plan.
"""

from __future__ import annotations

import dataclasses
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

# Share of the time limit kept back for the bound and the exact placement after the solver.
PLACEMENT_RESERVE = 0.3


def plan_optimised(
    problem: PlanningProblem, time_limit_s: float, progress: Callable[[str], None] | None = None
) -> PlanResult:
    began = clock.perf_counter()
    if not problem.courses:
        return build_result(problem, "optimiser", {}, 0.0, bound=0.0)
    ledger = Ledger(problem)
    model = build_model(problem, ledger)
    model_s = clock.perf_counter() - began
    if progress:
        progress(f"Model bygget: {len(problem.courses)} forløb, {len(model.options)} muligheder.")
    stop_at = began + time_limit_s
    remaining = stop_at - clock.perf_counter() - PLACEMENT_RESERVE * time_limit_s
    deadlines = _deadlines(problem)
    solving = clock.perf_counter()
    solution = solve_assignment(model, max(0.2, remaining), progress, deadlines=deadlines)
    solve_s = clock.perf_counter() - solving
    bound = solution.on_time_bound
    placements = _place_chosen(problem, ledger, model, solution.chosen)
    for course in sorted(problem.courses, key=deadline_order):
        if course.id not in placements:
            placement = earliest_placement(
                ledger, course, problem.horizon.first_day, problem.horizon.last_day
            )
            if placement is not None:
                ledger.commit(course.citizen_id, placement.sessions)
                placements[course.id] = placement
    if clock.perf_counter() < stop_at - 0.25 * time_limit_s:
        # Safety net: the exact earliest-deadline-first plan is cheap; keep it if it happens
        # to start more courses on time than the optimised plan.
        fallback = place_in_order(problem, deadline_order)
        if _on_time(problem, fallback) > _on_time(problem, placements):
            placements = fallback
    if progress:
        progress(f"Planen er lagt: {len(placements)} af {len(problem.courses)} forløb startet.")
    result = build_result(
        problem,
        "optimiser",
        placements,
        clock.perf_counter() - began,
        bound=float(max(bound, _on_time(problem, placements))),
    )
    kpis = dataclasses.replace(
        result.kpis,
        model_s=model_s,
        solve_s=solve_s,
        proven_optimal=solution.proven_optimal and solution.secondary_proven,
    )
    return dataclasses.replace(result, kpis=kpis)


def _place_chosen(
    problem: PlanningProblem, ledger: Ledger, model: AssignmentModel, chosen: dict[str, int]
) -> dict[str, Placement]:
    """Place the chosen options exactly: on-time choices first, tightest deadline first. A
    choice that no longer fits exactly tries the course's other on-time options, cheapest
    first, then any exact on-time start; a late choice is placed as chosen or left for the
    final earliest-deadline-first pass."""
    courses = {course.id: course for course in problem.courses}
    options_of = model.options_by_course()
    placements: dict[str, Placement] = {}
    order = sorted(
        chosen.items(),
        key=lambda item: (
            not model.options[item[1]].on_time,
            courses[item[0]].start_deadline,
            model.options[item[1]].start,
            item[0],
        ),
    )
    for course_id, option_index in order:
        course = courses[course_id]
        option = model.options[option_index]
        placement = place_on(ledger, course, option.resource_id, option.start, option.on_class)
        if placement is None and option.on_time:
            placement = _on_time_instead(problem, ledger, model, course, options_of[course_id])
        if placement is not None:
            ledger.commit(course.citizen_id, placement.sessions)
            placements[course_id] = placement
    return placements


def _on_time_instead(problem, ledger, model, course: CourseRequest, option_indexes):
    alternatives = sorted(
        (model.options[index] for index in option_indexes if model.options[index].on_time),
        key=lambda option: option.cost,
    )
    for option in alternatives:
        placement = place_on(ledger, course, option.resource_id, option.start, option.on_class)
        if placement is not None:
            return placement
    return earliest_placement(
        ledger,
        course,
        problem.horizon.first_day,
        min(course.start_deadline, problem.horizon.last_day),
    )


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
