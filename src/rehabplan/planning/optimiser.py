"""The optimiser: a MIP decides who starts when on which class or therapist, then every choice
is made exact (dates, times, seats) through the same ledger the baselines use.

Stages, each timed and each within one wall-clock budget (`StageClock`):

1. Baseline: the exact earliest-deadline-first plan, a fraction of a second; it is the best
   plan found until a better one is complete, so running out of time still returns a plan.
2. Model (`options`): exact options, every one of which fits its class or therapist on its own
   in every week the course runs.
3. Solve (`solvers.highs_assignment`): the parts of the model, each lexicographically (on-time
   starts first, then lateness and the softer goals); its phase-1 bound is the proven limit.
4. Place: on-time choices first, tightest deadline first, each placed exactly; a choice that no
   longer fits tries the course's other on-time options, then any exact on-time start. Courses
   still without a start get an earliest-deadline-first pass.
5. Repair: while time is left and some course that could start on time does not, those
   courses are solved again together with the courses placed on the classes and therapists
   they were meant for, against the calendar of everything else; kept if more start on time.
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

# Time kept back after the solver for placing and repairing: this share of the limit, at
# least the seconds below (placing 500 courses takes about 0.3 s), never more than a third.
PLACEMENT_SHARE = 0.07
PLACEMENT_SECONDS = 0.4
# Kept back at the very end for turning the plan into a result with its key figures.
FINISH_SHARE = 0.04
# The earliest-deadline-first plan is made at the end when this share of the time is left.
BASELINE_SHARE = 0.15
REPAIR_ROUNDS = 3
# A repair takes with it at most this many placed courses per course it tries to start.
RELEASED_PER_MISSING = 6

Placements = dict[str, Placement]


class StageClock:
    """One deadline for the whole run, and the seconds each stage took."""

    def __init__(self, time_limit_s: float) -> None:
        self.began = clock.perf_counter()
        self.deadline = self.began + time_limit_s * (1 - FINISH_SHARE)
        self.seconds: dict[str, float] = {}
        self._stage_began = self.began

    def remaining(self) -> float:
        return self.deadline - clock.perf_counter()

    def done(self, stage: str) -> None:
        now = clock.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._stage_began
        self._stage_began = now

    def total(self) -> float:
        return clock.perf_counter() - self.began


def plan_optimised(
    problem: PlanningProblem, time_limit_s: float, progress: Callable[[str], None] | None = None
) -> PlanResult:
    timer = StageClock(time_limit_s)
    if not problem.courses:
        return build_result(problem, "optimiser", {}, 0.0, bound=0.0)
    best: Placements = {}
    reserve = min(time_limit_s / 3, max(PLACEMENT_SECONDS, PLACEMENT_SHARE * time_limit_s))
    ledger = Ledger(problem)
    model = build_model(problem, ledger, stop_at=timer.deadline - reserve - 0.1 * time_limit_s)
    timer.done("model")
    if progress:
        progress(f"Model bygget: {len(problem.courses)} forløb, {len(model.options)} muligheder.")
    deadlines = _deadlines(problem)
    solution = solve_assignment(
        model, max(0.05, timer.remaining() - reserve), progress, deadlines=deadlines
    )
    bound = solution.on_time_bound + model.cut_short
    timer.done("solve")
    placed = _place_chosen(problem, ledger, model, solution.chosen, timer)
    if placed is not None:
        _place_the_rest(problem, ledger, placed, timer)
        best = placed
        timer.done("place")
        best = _repair(problem, model, best, timer, deadlines)
        timer.done("repair")
    if timer.remaining() > BASELINE_SHARE * time_limit_s or placed is None:
        # Safety net: the exact earliest-deadline-first plan, kept if it starts more courses
        # on time (on a tie the optimised plan is better: it also weighs cost, continuity and
        # class minimums). It is also the plan when the optimised one was not finished.
        baseline = place_in_order(problem, deadline_order, deadline=timer.deadline)
        if baseline is not None and _better(problem, baseline, best):
            best = baseline
        timer.done("baseline")
    if progress:
        progress(f"Planen er lagt: {len(best)} af {len(problem.courses)} forløb startet.")
    result = build_result(
        problem,
        "optimiser",
        best,
        timer.total(),
        bound=float(max(bound, _on_time(problem, best))),
    )
    kpis = dataclasses.replace(
        result.kpis,
        model_s=timer.seconds.get("model", 0.0),
        solve_s=timer.seconds.get("solve", 0.0),
        place_s=timer.seconds.get("place", 0.0),
        repair_s=timer.seconds.get("repair", 0.0),
        baseline_s=timer.seconds.get("baseline", 0.0),
        proven_optimal=solution.proven_optimal
        and solution.secondary_proven
        and _on_time(problem, best) == bound,
    )
    return dataclasses.replace(result, kpis=kpis)


def _place_chosen(
    problem: PlanningProblem,
    ledger: Ledger,
    model: AssignmentModel,
    chosen: dict[str, int],
    timer: StageClock,
) -> Placements | None:
    """Place the chosen options exactly: on-time choices first, home visits before centre
    sessions, tightest deadline first. A
    choice that no longer fits exactly tries the course's other on-time options, cheapest
    first, then any exact on-time start; a late choice is placed as chosen or left for the
    final earliest-deadline-first pass. None if the time ran out first."""
    courses = {course.id: course for course in problem.courses}
    options_of = model.options_by_course()
    placements: Placements = {}
    order = sorted(
        chosen.items(),
        key=lambda item: (
            not model.options[item[1]].on_time,
            # Longest sessions first: two free hours in a row are the scarcer.
            -courses[item[0]].session_minutes,
            courses[item[0]].start_deadline,
            model.options[item[1]].start,
            item[0],
        ),
    )
    for course_id, option_index in order:
        if timer.remaining() <= 0:
            return None
        course = courses[course_id]
        option = model.options[option_index]
        placement = place_on(
            ledger, course, option.resource_id, option.start, option.on_class, option.pattern
        )
        if placement is None and option.on_time:
            placement = _on_time_instead(problem, ledger, model, course, options_of[course_id])
        if placement is not None:
            ledger.commit(course.citizen_id, placement.sessions)
            placements[course_id] = placement
    return placements


def _place_the_rest(
    problem: PlanningProblem, ledger: Ledger, placements: Placements, timer: StageClock
) -> None:
    """Courses without a start yet, earliest deadline first, each at its earliest exact start."""
    for course in sorted(problem.courses, key=deadline_order):
        if course.id in placements:
            continue
        if timer.remaining() <= 0:
            return
        placement = earliest_placement(
            ledger, course, problem.horizon.first_day, problem.horizon.last_day
        )
        if placement is not None:
            ledger.commit(course.citizen_id, placement.sessions)
            placements[course.id] = placement


def _on_time_instead(problem, ledger, model, course: CourseRequest, option_indexes):
    alternatives = sorted(
        (model.options[index] for index in option_indexes if model.options[index].on_time),
        key=lambda option: option.cost,
    )
    for option in alternatives:
        placement = place_on(
            ledger, course, option.resource_id, option.start, option.on_class, option.pattern
        )
        if placement is not None:
            return placement
    return earliest_placement(
        ledger,
        course,
        problem.horizon.first_day,
        min(course.start_deadline, problem.horizon.last_day),
    )


def _repair(
    problem: PlanningProblem,
    model: AssignmentModel,
    placements: Placements,
    timer: StageClock,
    deadlines,
) -> Placements:
    """Solve again the courses that could start on time but do not, with the courses placed
    on the classes and therapists their options use, against the calendar of all the others
    (so every option of the smaller model fits as the plan now stands). Kept only if more
    courses start on time, or as many and fewer days late."""
    courses = {course.id: course for course in problem.courses}
    could = {option.course_id for option in model.options if option.on_time}
    for _round in range(REPAIR_ROUNDS):
        missing = [
            course_id
            for course_id in sorted(could, key=lambda course_id: deadlines[course_id])
            if not _is_on_time(courses[course_id], placements.get(course_id))
        ]
        if not missing or timer.remaining() < 0.05:
            return placements
        subset = missing + _released(model, placements, missing)
        taken_out = set(subset)
        kept = {
            course_id: placement
            for course_id, placement in placements.items()
            if course_id not in taken_out
        }
        ledger = Ledger(problem)
        for course_id, placement in kept.items():
            ledger.commit(courses[course_id].citizen_id, placement.sessions)
        budget_end = timer.deadline - 0.3 * timer.remaining()
        sub_model = build_model(
            problem,
            ledger,
            courses=[courses[course_id] for course_id in subset],
            stop_at=budget_end,
        )
        solution = solve_assignment(
            sub_model, max(0.02, budget_end - clock.perf_counter()), deadlines=deadlines
        )
        repaired = _place_chosen(problem, ledger, sub_model, solution.chosen, timer)
        if repaired is None:
            return placements
        candidate = {**kept, **repaired}
        _place_the_rest(problem, ledger, candidate, timer)
        if not _better(problem, candidate, placements):
            return placements
        placements = candidate
    return placements


def _released(model: AssignmentModel, placements: Placements, missing: list[str]) -> list[str]:
    """Placed courses on the classes and therapists the missing courses' on-time options use,
    the latest starts first (they have the most room to move), a few per missing course."""
    missing_ids = set(missing)
    wanted = {
        option.resource_id
        for option in model.options
        if option.on_time and option.course_id in missing_ids
    }
    on_them = [
        (placement.start, course_id)
        for course_id, placement in placements.items()
        if course_id not in missing_ids and (placement.class_id or placement.therapist_id) in wanted
    ]
    on_them.sort(reverse=True)
    return [course_id for _start, course_id in on_them[: RELEASED_PER_MISSING * len(missing)]]


def _is_on_time(course: CourseRequest, placement: Placement | None) -> bool:
    return placement is not None and placement.start <= course.start_deadline


def _better(problem: PlanningProblem, candidate: Placements, current: Placements) -> bool:
    """More courses on time; as many and more started; as many and fewer days late."""

    def score(placements: Placements) -> tuple[int, int, int]:
        late = sum(
            max(0, (placements[course.id].start - course.start_deadline).days)
            for course in problem.courses
            if course.id in placements
        )
        return (_on_time(problem, placements), len(placements), -late)

    return score(candidate) > score(current)


def on_time_limit(problem: PlanningProblem, time_limit_s: float, exact: bool = True) -> LimitResult:
    began = clock.perf_counter()
    if not problem.courses:
        return LimitResult(0, 0, True, 0.0)
    ledger = Ledger(problem)
    model = build_model(problem, ledger, on_time_only=True, exact=exact)
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


def _on_time(problem: PlanningProblem, placements: Placements) -> int:
    return sum(1 for course in problem.courses if _is_on_time(course, placements.get(course.id)))
