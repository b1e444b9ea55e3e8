"""The optimiser: a MIP decides who starts when on which class or therapist, then every choice
is made exact (dates, times, seats) through the same ledger the baselines use.

Stages, each timed and each within one wall-clock budget (`StageClock`):

1. Model (`options`): exact options, every one of which fits its class or therapist on its own
   in every week the course runs.
2. Solve (`solvers.highs_assignment`): the parts of the model, each lexicographically (on-time
   starts first, then lateness and the softer goals); its phase-1 bound is the proven limit.
3. Place: on-time choices first, home visits first, tightest deadline first, each placed
   exactly; a choice that no longer fits tries the course's other on-time options, then any
   exact on-time start. Courses still without a start get an earliest-deadline-first pass.
4. Repair: for each course whose on-time choice could not be placed on time, the class or
   therapist it was chosen on is solved again with every course placed there, against the
   rest of the plan; kept if more of them start on time.
5. Safety net: with time left (or if the optimised plan could not be finished), the exact
   earliest-deadline-first plan, kept only if it starts more courses on time.
"""

from __future__ import annotations

import dataclasses
import logging
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
PLACEMENT_SHARE = 0.04
PLACEMENT_SECONDS = 0.4
# ... and more for a long waiting list: placing takes about 0.7 ms a course the model chose
# for and 1.6 ms a course already late (searched for day by day), but never more than this
# share of the limit.
PLACEMENT_SECONDS_PER_COURSE = 0.0007
PLACEMENT_SECONDS_PER_OVERDUE_COURSE = 0.0016
MOST_PLACEMENT_SHARE = 0.4
# Kept back at the very end for turning the plan into a result with its key figures.
FINISH_SHARE = 0.03
# ... or, for a long waiting list, this much a course (each course the plan cannot start gets
# its reason worked out: 0.34 s for 2,600).
FINISH_SECONDS_PER_COURSE = 0.00015
# A long waiting list: with more courses that can still start on time than this, each one's
# on-time options are thinned so the whole model has about `OPTION_BUDGET` options (in ten
# seconds HiGHS solves the LP of about 100,000; a week of 600,000 inhabitants has 500 courses).
CAP_FROM_COURSES = 700
OPTION_BUDGET = 150_000
MIN_OPTIONS_PER_COURSE = 24
# The earliest-deadline-first plan is made at the end when this share of the time is left.
BASELINE_SHARE = 0.15
# A repair is started with at least this much time left, and solves for at most this long.
REPAIR_MIN_SECONDS = 0.05
REPAIR_SOLVE_SECONDS = 0.3

Placements = dict[str, Placement]

logger = logging.getLogger(__name__)


class StageClock:
    """One deadline for the whole run, and the seconds each stage took."""

    def __init__(self, time_limit_s: float, courses: int = 0) -> None:
        self.began = clock.perf_counter()
        finish = max(FINISH_SHARE * time_limit_s, FINISH_SECONDS_PER_COURSE * courses)
        self.deadline = self.began + time_limit_s - finish
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
    timer = StageClock(time_limit_s, len(problem.courses))
    if not problem.courses:
        return build_result(problem, "optimiser", {}, 0.0, bound=0.0)
    best: Placements = {}
    may_be_on_time = [course for course in problem.courses if _may_be_on_time(problem, course)]
    overdue = len(problem.courses) - len(may_be_on_time)
    reserve = min(
        MOST_PLACEMENT_SHARE * time_limit_s,
        max(
            PLACEMENT_SECONDS,
            PLACEMENT_SHARE * time_limit_s,
            PLACEMENT_SECONDS_PER_COURSE * len(may_be_on_time)
            + PLACEMENT_SECONDS_PER_OVERDUE_COURSE * overdue,
        ),
    )
    ledger = Ledger(problem)
    # Courses past their deadline before the period starts can only be late: they are left to
    # the earliest-deadline-first pass after the model's choices (most overdue first), so a
    # long waiting list does not crowd the model.
    cap = None
    if len(may_be_on_time) > CAP_FROM_COURSES:
        cap = max(MIN_OPTIONS_PER_COURSE, OPTION_BUDGET // len(may_be_on_time))
    model = build_model(
        problem,
        ledger,
        courses=may_be_on_time,
        stop_at=timer.deadline - reserve - 0.1 * time_limit_s,
        option_cap=cap,
    )
    timer.done("model")
    if progress:
        progress(f"Model bygget: {len(problem.courses)} forløb, {len(model.options)} muligheder.")
    deadlines = _deadlines(problem)
    solution = solve_assignment(
        model, max(0.05, timer.remaining() - reserve), progress, deadlines=deadlines
    )
    bound = solution.on_time_bound + model.cut_short
    if cap is not None:
        # A thinned model proves nothing; every course with an on-time option could be on time.
        bound = len({option.course_id for option in model.options if option.on_time})
        bound += model.cut_short
    timer.done("solve")
    best = _place_chosen(problem, ledger, model, solution.chosen, timer)
    finished = _place_the_rest(problem, ledger, best, timer)
    timer.done("place")
    if finished:
        best = _repair(problem, ledger, model, solution.chosen, best, timer, deadlines)
        timer.done("repair")
    if timer.remaining() > BASELINE_SHARE * time_limit_s:
        # Safety net: the exact earliest-deadline-first plan, kept if it starts more courses
        # on time (on a tie the optimised plan is better: it also weighs cost, continuity and
        # class minimums).
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
        proven_optimal=cap is None
        and solution.proven_optimal
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
    final earliest-deadline-first pass. The choices are placed even when the solver ran
    late (a fraction of a millisecond each), so a plan never comes back empty; only the search
    for other starts stops at the limit."""
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
        course = courses[course_id]
        option = model.options[option_index]
        placement = place_on(
            ledger, course, option.resource_id, option.start, option.on_class, option.pattern
        )
        if placement is None and option.on_time and timer.remaining() > 0:
            placement = _on_time_instead(problem, ledger, model, course, options_of[course_id])
        if placement is not None:
            ledger.commit(course.citizen_id, placement.sessions)
            placements[course_id] = placement
    return placements


def _place_the_rest(
    problem: PlanningProblem,
    ledger: Ledger,
    placements: Placements,
    timer: StageClock,
    courses: list[CourseRequest] | None = None,
) -> bool:
    """Courses (default: all) without a start yet, earliest deadline first, each at its
    earliest exact start; False if the time ran out first (the rest stay without a start)."""
    for course in sorted(problem.courses if courses is None else courses, key=deadline_order):
        if course.id in placements:
            continue
        if timer.remaining() <= 0:
            logger.warning("Planning stopped at its time limit with courses not yet placed")
            return False
        placement = earliest_placement(
            ledger, course, problem.horizon.first_day, problem.horizon.last_day
        )
        if placement is not None:
            ledger.commit(course.citizen_id, placement.sessions)
            placements[course.id] = placement
    return True


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
    ledger: Ledger,
    model: AssignmentModel,
    chosen: dict[str, int],
    placements: Placements,
    timer: StageClock,
    deadlines,
) -> Placements:
    """Solve again the parts whose placement failed. For each course whose on-time choice
    could not be placed on time, the class or therapist it was chosen on is taken out of the
    plan with every course placed there, its model is built again against the rest of the
    plan (so every option fits as the plan now stands), solved and placed. Kept when more of
    those courses start on time, or as many and more in all, or fewer days late; otherwise
    they go back as they were."""
    courses = {course.id: course for course in problem.courses}
    failed = [
        course_id
        for course_id, index in chosen.items()
        if model.options[index].on_time
        and not _is_on_time(courses[course_id], placements.get(course_id))
    ]
    for course_id in sorted(failed, key=lambda course_id: deadlines[course_id]):
        if timer.remaining() < REPAIR_MIN_SECONDS:
            break
        if _is_on_time(courses[course_id], placements.get(course_id)):
            continue  # an earlier repair started it on time
        option = model.options[chosen[course_id]]
        group = [course_id] + [
            other
            for other, placement in placements.items()
            if other != course_id and _on_resource(placement, option.resource_id, option.on_class)
        ]
        before = {other: placements[other] for other in group if other in placements}
        for other, placement in before.items():
            ledger.release(courses[other].citizen_id, placement.sessions)
        members = [courses[other] for other in group]
        after = _solve_group(problem, ledger, members, option, timer)
        if _score(members, after) > _score(members, before):
            for other in group:
                placements.pop(other, None)
            placements.update(after)
            continue
        for other, placement in after.items():
            ledger.release(courses[other].citizen_id, placement.sessions)
        for other, placement in before.items():
            ledger.commit(courses[other].citizen_id, placement.sessions)
    return placements


def _on_resource(placement: Placement, resource_id: str, on_class: bool) -> bool:
    if on_class:
        return placement.class_id == resource_id
    return placement.class_id is None and placement.therapist_id == resource_id


def _solve_group(problem, ledger, group: list[CourseRequest], option, timer) -> Placements:
    """The group's courses on the option's class or therapist, solved and placed (committed),
    then any of them still without a start at its earliest exact start anywhere."""
    model = build_model(
        problem, ledger, courses=group, resources={option.resource_id}, stop_at=timer.deadline
    )
    budget = max(0.02, min(REPAIR_SOLVE_SECONDS, timer.remaining() / 2))
    deadlines = {course.id: course.start_deadline for course in group}
    solution = solve_assignment(model, budget, deadlines=deadlines)
    placed = _place_chosen(problem, ledger, model, solution.chosen, timer)
    _place_the_rest(problem, ledger, placed, timer, group)
    return placed


def _score(courses, placements: Placements) -> tuple[int, int, int]:
    """Of `courses`: how many start on time, how many start, and minus their days late."""
    on_time = started = late = 0
    for course in courses:
        placement = placements.get(course.id)
        if placement is not None:
            started += 1
            on_time += placement.start <= course.start_deadline
            late += max(0, (placement.start - course.start_deadline).days)
    return (on_time, started, -late)


def _may_be_on_time(problem: PlanningProblem, course: CourseRequest) -> bool:
    first = max(course.earliest_start, problem.horizon.first_day)
    return first <= course.start_deadline and first <= problem.horizon.last_day


def _is_on_time(course: CourseRequest, placement: Placement | None) -> bool:
    return placement is not None and placement.start <= course.start_deadline


def _better(problem: PlanningProblem, candidate: Placements, current: Placements) -> bool:
    """More courses on time; as many and more started; as many and fewer days late."""
    return _score(problem.courses, candidate) > _score(problem.courses, current)


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
