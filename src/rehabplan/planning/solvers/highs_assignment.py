"""The assignment model as a MIP solved by HiGHS, in two lexicographic phases.

Phase 1 maximises the number of on-time starts: a greedy solution (earliest deadline first)
and an LP-guided rounding are tried first, and the MIP runs only when neither reaches the LP
bound; both serve as its starting solution. Phase 2 keeps that number (a row: on-time starts >=
the best found) and minimises lateness and the softer goals, starting from phase 1's solution.
The model is solved part by part (`split_components`). Built as a solver adapter with one
method per rule: variables, constraints, objectives, and conversion back to plain data.
"""

from __future__ import annotations

import math
import time as clock
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import highspy
import numpy as np

from rehabplan.planning.options import (
    WEIGHT_MEETING_BELOW_MINIMUM,
    WEIGHT_SEAT_BELOW_MINIMUM,
    AssignmentModel,
    greedy_choice,
    split_components,
)
from rehabplan.planning.solvers.dive import dive

# Phase 2 stops when its solution is within this share of its proven bound.
SECONDARY_GAP = 1e-2
# A MIP is worth running after the LP only with this many times its presolve's time left;
# otherwise the part dives on its relaxation (`solvers.dive`).
MIP_WORTH_RUNNING = 5.0
# Seconds phase 2 keeps when it will only round its LP (warm started: a fraction of a second).
SECOND_PHASE_ROUNDING_S = 0.3
# Share of a part's time for phase 1 (on-time starts, the first goal); phase 2 has the rest.
FIRST_PHASE_SHARE = 0.8
# Measured: writing a part's matrix for HiGHS and its first greedy start take about this
# long per option (0.5 s for 87,000 options), in Python, where no interrupt reaches.
SETUP_SECONDS_PER_OPTION = 7e-6
# Measured: HiGHS's MIP presolve takes about this long per option (1.4 s for 87,000).
MIP_PRESOLVE_SECONDS_PER_OPTION = 2e-5
# HiGHS's `simplex_strategy` values.
CHOOSE_SIMPLEX = 1
PRIMAL_SIMPLEX = 4


@dataclass(frozen=True)
class AssignmentSolution:
    chosen: dict[str, int]
    on_time_best: int
    on_time_bound: int
    proven_optimal: bool
    secondary_objective: float | None
    # Phase 2 proven too: its MIP closed its gap, or its start cost the least possible.
    secondary_proven: bool = False


class HighsAssignment:
    def __init__(
        self,
        model: AssignmentModel,
        deadlines: dict[str, date] | None = None,
        least: bool = False,
    ) -> None:
        self.model = model
        self.deadlines = deadlines
        self.least = least
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("random_seed", 1)
        # HiGHS checks its own time limit only now and then (a MIP could return a second or
        # more after it); the interrupt callbacks stop the simplex, the interior point method
        # and the MIP at the wall-clock moment `stop_at`.
        self.stop_at = math.inf
        self.highs.cbSimplexInterrupt += self._interrupt
        self.highs.cbIpmInterrupt += self._interrupt
        self.highs.cbMipInterrupt += self._interrupt
        self._variables()
        self._constraints()
        self._pass()

    def _interrupt(self, event) -> None:
        if clock.perf_counter() >= self.stop_at:
            event.interrupt()

    # Variables: one binary per option, then one "not started" per course, then per class
    # meeting below its minimum one shortfall (seats missing) and one binary "stays under"
    # (the meeting runs below its minimum), so filling one class beats spreading thin.
    def _variables(self) -> None:
        model = self.model
        self.option_count = len(model.options)
        self.course_row = {course_id: row for row, course_id in enumerate(model.course_ids)}
        self.unplanned_col = {
            course_id: self.option_count + index for index, course_id in enumerate(model.course_ids)
        }
        self.minimum_keys = list(model.minimum_gap)
        first_shortfall = self.option_count + len(model.course_ids)
        self.shortfall_col = {key: first_shortfall + i for i, key in enumerate(self.minimum_keys)}
        first_under = first_shortfall + len(self.minimum_keys)
        self.under_col = {key: first_under + i for i, key in enumerate(self.minimum_keys)}
        self.column_count = first_under + len(self.minimum_keys)
        self.lower = np.zeros(self.column_count)
        self.upper = np.ones(self.column_count)
        for key, column in self.shortfall_col.items():
            self.upper[column] = model.minimum_gap[key]
        self.integrality = [highspy.HighsVarType.kContinuous] * self.column_count
        for column in [*range(self.option_count), *self.under_col.values()]:
            self.integrality[column] = highspy.HighsVarType.kInteger
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []

    def _row(self, lower: float, upper: float) -> int:
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        return len(self.row_lower) - 1

    def _constraints(self) -> None:
        """One row per course (it starts at most once), per capacity, and two per class
        meeting below its minimum: seats taken + shortfall >= gap, and seats taken + gap x
        under >= gap (a meeting that stays below its minimum has `under` = 1). The matrix is
        written column by column in flat arrays: a model has up to a million entries."""
        model = self.model
        self.course_rows = {course_id: self._row(1.0, 1.0) for course_id in model.course_ids}
        self.capacity_rows = {key: self._row(-math.inf, cap) for key, cap in model.capacity.items()}
        gaps = model.minimum_gap
        self.short_rows = {key: self._row(gap, math.inf) for key, gap in gaps.items()}
        self.under_rows = {key: self._row(gap, math.inf) for key, gap in gaps.items()}
        self.starts, self.indices, self.values = [0], [], []
        for option in model.options:
            self._option_column(option)
        for course_id in self.unplanned_col:
            self._column([(self.course_rows[course_id], 1.0)])
        for key in self.shortfall_col:
            self._column([(self.short_rows[key], 1.0)])
        for key in self.under_col:
            self._column([(self.under_rows[key], gaps[key])])

    def _option_column(self, option) -> None:
        indices, values = self.indices, self.values
        indices.append(self.course_rows[option.course_id])
        values.append(1.0)
        rows = option.rows(self.least)
        for key, amount in rows:
            indices.append(self.capacity_rows[key])
            values.append(amount)
        for key, _ in rows:
            if key in self.short_rows:
                indices += (self.short_rows[key], self.under_rows[key])
                values += (1.0, 1.0)
        self.starts.append(len(indices))

    def _column(self, entries: list[tuple[int, float]]) -> None:
        for row, value in entries:
            self.indices.append(row)
            self.values.append(value)
        self.starts.append(len(self.indices))

    def _pass(self) -> None:
        lp = highspy.HighsLp()
        lp.num_col_ = self.column_count
        lp.num_row_ = len(self.row_lower)
        lp.col_cost_ = np.zeros(self.column_count)
        lp.col_lower_ = self.lower
        lp.col_upper_ = self.upper
        lp.row_lower_ = np.array(self.row_lower)
        lp.row_upper_ = np.array(self.row_upper)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = np.array(self.starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(self.indices, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(self.values)
        lp.integrality_ = self.integrality
        self.highs.passModel(lp)
        # The model is in HiGHS now; the Python copy of the matrix is not needed again.
        del self.starts, self.indices, self.values

    # Objectives.
    def _on_time_objective(self) -> None:
        costs = np.zeros(self.column_count)
        for column, option in enumerate(self.model.options):
            if option.on_time:
                costs[column] = -1.0
        self._set_costs(costs)

    def _secondary_objective(self) -> None:
        self._set_costs(self._secondary_costs())

    def _secondary_costs(self) -> np.ndarray:
        costs = np.zeros(self.column_count)
        for column, option in enumerate(self.model.options):
            costs[column] = option.cost
        for course_id, column in self.unplanned_col.items():
            costs[column] = self.model.unplanned_cost[course_id]
        for column in self.shortfall_col.values():
            costs[column] = WEIGHT_SEAT_BELOW_MINIMUM
        for column in self.under_col.values():
            costs[column] = WEIGHT_MEETING_BELOW_MINIMUM
        return costs

    def _least_possible(self, costs: np.ndarray) -> float:
        """A floor under phase 2's objective: each course on its cheapest option (or not
        started, if that is cheaper), as if no capacity were shared and no class ran short.
        A start that costs no more is optimal, and the MIP has nothing to improve."""
        cheapest = {course_id: costs[column] for course_id, column in self.unplanned_col.items()}
        for column, option in enumerate(self.model.options):
            cheapest[option.course_id] = min(cheapest[option.course_id], costs[column])
        return float(sum(cheapest.values()))

    def _set_costs(self, costs: np.ndarray) -> None:
        self.highs.changeColsCost(
            self.column_count, np.arange(self.column_count, dtype=np.int32), costs
        )

    def _keep_on_time(self, count: int) -> None:
        columns = [column for column, option in enumerate(self.model.options) if option.on_time]
        self.highs.addRow(
            float(count),
            math.inf,
            len(columns),
            np.array(columns, dtype=np.int32),
            np.ones(len(columns)),
        )

    def _late_columns(self) -> np.ndarray:
        return np.array(
            [column for column, option in enumerate(self.model.options) if not option.on_time],
            dtype=np.int32,
        )

    def _set_upper(self, columns: np.ndarray, upper: float) -> None:
        if len(columns):
            self.highs.changeColsBounds(
                len(columns), columns, np.zeros(len(columns)), np.full(len(columns), upper)
            )

    def _mip_fits(self, time_limit_s: float, times_presolve: float = 1.0) -> bool:
        """Whether a MIP run can do anything in the time left: HiGHS's MIP presolve does not
        look at the clock (1.4-3 s for 87,000 options on the large harsh week), so a run that
        the presolve alone (times `times_presolve`) would overrun is not started."""
        presolve = MIP_PRESOLVE_SECONDS_PER_OPTION * self.option_count
        return time_limit_s >= 0.05 + times_presolve * presolve

    def _run(self, time_limit_s: float, absolute_gap: float, relative_gap: float) -> None:
        self.highs.setOptionValue("time_limit", max(0.01, time_limit_s))
        self.highs.setOptionValue("mip_abs_gap", absolute_gap)
        self.highs.setOptionValue("mip_rel_gap", relative_gap)
        self.highs.run()

    def _on_time_count(self, values: np.ndarray) -> int:
        return int(
            round(sum(values[c] for c, option in enumerate(self.model.options) if option.on_time))
        )

    def _relaxation(self, time_limit_s: float = math.inf) -> tuple[float, list[float]] | None:
        """The LP relaxation of the on-time model: its bound and its option values, or None
        if it was not solved in time.

        Primal simplex: "nobody starts" is a feasible start, and from it the primal method
        solves these assignment LPs about eight times faster than the dual default (1.5 s
        against 12 s on the large harsh week's biggest part)."""
        self.highs.setOptionValue("simplex_strategy", PRIMAL_SIMPLEX)
        solved = self._solve_relaxation(time_limit_s)
        self.highs.setOptionValue("simplex_strategy", CHOOSE_SIMPLEX)
        if solved is None:
            return None
        objective, values = solved
        return -objective, values

    def _feasible_point(self) -> tuple[None, list[float]] | None:
        """After an LP stopped at its time limit: primal simplex's last point, which is
        feasible (it proves no bound), or None."""
        if self.highs.getInfo().primal_solution_status != 2:
            return None
        return None, list(self.highs.getSolution().col_value)[: self.option_count]

    def _solve_relaxation(self, time_limit_s: float = math.inf) -> tuple[float, list[float]] | None:
        """The LP relaxation of the model with its current costs: objective and option
        values, or None if it did not reach its optimum within the time limit."""
        self.highs.setOptionValue("solve_relaxation", True)
        self.highs.setOptionValue("time_limit", max(0.01, time_limit_s))
        self.highs.run()
        self.highs.setOptionValue("solve_relaxation", False)
        if self.highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return None
        objective = self.highs.getInfo().objective_function_value
        values = list(self.highs.getSolution().col_value)[: self.option_count]
        return objective, values

    def _hint(self, guide: list[float] | None = None) -> np.ndarray:
        """A greedy solution as a full column vector (options, not-started, shortfalls)."""
        deadlines = self.deadlines or {course_id: date.min for course_id in self.model.course_ids}
        chosen = greedy_choice(self.model, deadlines, guide, self.least)
        return self._vector(set(chosen.values()))

    def _vector(self, chosen_options: set[int]) -> np.ndarray:
        """The full column vector of a choice of options (at most one per course)."""
        values = np.zeros(self.column_count)
        for column in chosen_options:
            values[column] = 1.0
        started = {self.model.options[column].course_id for column in chosen_options}
        for course_id, column in self.unplanned_col.items():
            if course_id not in started:
                values[column] = 1.0
        seats: dict[tuple, float] = {}
        for column, option in enumerate(self.model.options):
            if values[column] > 0.5:
                for key, _ in option.usage:
                    seats[key] = seats.get(key, 0.0) + 1.0
        for key, column in self.shortfall_col.items():
            values[column] = max(0.0, self.model.minimum_gap[key] - seats.get(key, 0.0))
            values[self.under_col[key]] = 1.0 if values[column] > 0 else 0.0
        return values

    def _set_start(self, values: np.ndarray) -> None:
        solution = highspy.HighsSolution()
        solution.col_value = list(values)
        solution.value_valid = True
        self.highs.setSolution(solution)

    def _has_solution(self) -> bool:
        return self.highs.getInfo().primal_solution_status == 2

    def _values(self) -> np.ndarray:
        return np.array(self.highs.getSolution().col_value)

    # Conversion back to plain data.
    def _chosen(self, values: np.ndarray) -> dict[str, int]:
        chosen: dict[str, int] = {}
        for column, option in enumerate(self.model.options):
            if values[column] > 0.5:
                chosen[option.course_id] = column
        return chosen

    def solve(
        self,
        time_limit_s: float,
        progress: Callable[[str], None] | None = None,
        on_time_only: bool = False,
    ) -> AssignmentSolution:
        began = clock.perf_counter()
        self.stop_at = began + time_limit_s
        values, best, bound = self._most_on_time(began, time_limit_s, on_time_only)
        if progress:
            progress(f"Fase 1: {best} rettidige starter, bevist grænse {bound}.")
        remaining = time_limit_s - (clock.perf_counter() - began)
        if on_time_only or remaining < 0.02:
            return AssignmentSolution(self._chosen(values), best, bound, best == bound, None)
        costs = self._secondary_costs()
        start_cost = float(costs @ values)
        proven = start_cost <= self._least_possible(costs) + 1e-6
        self._keep_on_time(best)
        self._set_costs(costs)
        if not proven:
            values, start_cost, proven = self._secondary_rounding(
                values, start_cost, costs, best, remaining
            )
        if proven:
            # Phase 2's bound is met by its start: proven optimal without running the MIP.
            if progress:
                progress("Fase 2: planen er bevist bedst mulig.")
            return AssignmentSolution(
                self._chosen(values), best, bound, best == bound, start_cost, True
            )
        remaining = time_limit_s - (clock.perf_counter() - began)
        if not self._mip_fits(remaining):
            return AssignmentSolution(
                self._chosen(values), best, bound, best == bound, start_cost, False
            )
        self._set_start(values)
        self._run(remaining, 1e-6, SECONDARY_GAP)
        secondary = None
        if self._has_solution():
            values = self._values()
            secondary = self.highs.getInfo().objective_function_value
        proven = self.highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
        if progress:
            progress("Fase 2: forsinkelse og øvrige mål minimeret.")
        return AssignmentSolution(
            self._chosen(values), best, bound, best == bound, secondary, proven
        )

    def _secondary_rounding(
        self,
        values: np.ndarray,
        start_cost: float,
        costs: np.ndarray,
        on_time: int,
        time_limit_s: float,
    ) -> tuple[np.ndarray, float, bool]:
        """Phase 2 as phase 1 begins: the LP relaxation gives a bound and a guide, the guided
        greedy a solution. The better of it and phase 1's solution is returned, and whether it
        is within the MIP's own gap of the bound (then the MIP has nothing left to prove)."""
        solved = self._solve_relaxation(time_limit_s)
        if solved is None:
            return values, start_cost, False
        relaxed, guide = solved
        rounded = self._hint(guide)
        rounded_cost = float(costs @ rounded)
        if self._on_time_count(rounded) >= on_time and rounded_cost < start_cost:
            values, start_cost = rounded, rounded_cost
        proven = start_cost - relaxed <= SECONDARY_GAP * abs(start_cost) + 1e-6
        return values, start_cost, proven

    def _most_on_time(
        self, began: float, time_limit_s: float, on_time_only: bool
    ) -> tuple[np.ndarray, int, int]:
        """Phase 1: the most on-time starts found (values, count) and the proven bound."""
        self._on_time_objective()
        reachable = len({option.course_id for option in self.model.options if option.on_time})
        hint = self._hint()
        hint_on_time = self._on_time_count(hint)
        first_share = 1.0 if on_time_only else FIRST_PHASE_SHARE
        if not self._mip_fits((1 - first_share) * time_limit_s, MIP_WORTH_RUNNING):
            # Phase 2 will only round its LP (no time to branch on a part this size): phase 1
            # keeps all but a moment for it.
            first_share = max(first_share, 1.0 - SECOND_PHASE_ROUNDING_S / time_limit_s)
        first_stop = began + time_limit_s * first_share
        if hint_on_time < reachable:
            late = self._late_columns()
            # Late options count nothing in phase 1: out of its LP, which then solves faster.
            self._set_upper(late, 0.0)
            # Stopped at its time limit, primal simplex still leaves a feasible point, which
            # guides the rounding and the dive (it proves no bound).
            relaxed = self._relaxation(first_stop - clock.perf_counter())
            if relaxed is None:
                relaxed = self._feasible_point()
            self._set_upper(late, 1.0)
            if relaxed is not None:
                relaxed_bound, guide = relaxed
                if relaxed_bound is not None:
                    reachable = min(reachable, math.floor(relaxed_bound + 1e-6))
                rounded = self._hint(guide)
                if self._on_time_count(rounded) > hint_on_time:
                    hint, hint_on_time = rounded, self._on_time_count(rounded)
                if hint_on_time < reachable and not self._mip_fits(
                    first_stop - clock.perf_counter(), MIP_WORTH_RUNNING
                ):
                    # Too large to branch on in the time left: dive on the relaxation.
                    dived = dive(self.model, guide, self.least, first_stop)
                    if dived is not None and len(dived) > hint_on_time:
                        hint, hint_on_time = self._vector(set(dived.values())), len(dived)
        if hint_on_time >= reachable:
            # Every course that has an on-time option got one: nothing left to prove.
            return hint, hint_on_time, reachable
        return self._branch(hint, reachable, first_stop)

    def _branch(
        self, start: np.ndarray, reachable: int, stop_at: float
    ) -> tuple[np.ndarray, int, int]:
        """The whole MIP from `start`: its best (never worse than the start) and its bound."""
        best = self._on_time_count(start)
        if not self._mip_fits(stop_at - clock.perf_counter()):
            # No time left for branching: the start and the bound so far stand.
            return start, best, max(best, reachable)
        self._set_start(start)
        self._run(stop_at - clock.perf_counter(), 0.99, 0.0)
        info = self.highs.getInfo()
        values = start
        if self._has_solution() and -info.objective_function_value >= best:
            values, best = self._values(), round(-info.objective_function_value)
        proven = -info.mip_dual_bound
        bound = math.floor(proven + 1e-6) if math.isfinite(proven) else reachable
        return values, best, max(best, min(bound, reachable))


def solve_assignment(
    model: AssignmentModel,
    time_limit_s: float,
    progress: Callable[[str], None] | None = None,
    on_time_only: bool = False,
    deadlines: dict[str, date] | None = None,
) -> AssignmentSolution:
    """Solve each independent part on its own, one after another, each with time in
    proportion to its options.

    The parts use the least-use rows, a relaxation of the exact problem, so phase 1's proven
    bound (the LP's, or the MIP's when it branched) bounds every exact plan. With
    `on_time_only` that bound is the proven limit."""
    stop_at = clock.perf_counter() + time_limit_s
    parts = [part for part in split_components(model) if part.options]
    solved = _solve_in_turn(
        sorted(parts, key=lambda part: len(part.options)), stop_at, deadlines, on_time_only
    )
    index_of = {id(option): index for index, option in enumerate(model.options)}
    chosen: dict[str, int] = {}
    best = bound = 0
    secondary = 0.0
    every_part_proven = True
    for part, solution in solved:
        best += solution.on_time_best
        bound += solution.on_time_bound
        secondary += solution.secondary_objective or 0.0
        every_part_proven &= solution.proven_optimal and (on_time_only or solution.secondary_proven)
        for course_id, local in solution.chosen.items():
            chosen[course_id] = index_of[id(part.options[local])]
    if progress:
        progress(f"{best} rettidige starter, bevist grænse {bound}.")
    return AssignmentSolution(
        chosen, best, bound, best == bound and every_part_proven, secondary, every_part_proven
    )


def _solve_in_turn(parts, stop_at: float, deadlines, on_time_only: bool) -> list[tuple]:
    """The parts one after another, each with time in proportion to its options."""
    solved = []
    options_left = sum(len(part.options) for part in parts)
    for part in parts:
        now = clock.perf_counter()
        part_stop = now + (stop_at - now) * len(part.options) / max(1, options_left)
        options_left -= len(part.options)
        solved.append((part, _solve_part(part, part_stop, deadlines, on_time_only)))
    return solved


def _solve_part(part, stop_at: float, deadlines, on_time_only: bool) -> AssignmentSolution:
    remaining = stop_at - clock.perf_counter()
    if remaining <= 0.02 + SETUP_SECONDS_PER_OPTION * len(part.options):
        # Not even time to hand the part to HiGHS: the greedy choice on the model.
        return _greedy_only(part, deadlines)
    # Building the solver's matrix counts against the part's time too.
    solver = HighsAssignment(part, deadlines, least=True)
    return solver.solve(stop_at - clock.perf_counter(), None, on_time_only)


def _greedy_only(part: AssignmentModel, deadlines: dict[str, date] | None) -> AssignmentSolution:
    """Out of time: the earliest-deadline-first choice on the model, bounded by the count of
    courses that have an on-time option."""
    deadlines = deadlines or {course_id: date.min for course_id in part.course_ids}
    chosen = greedy_choice(part, deadlines, None, least=True)
    picked = {part.course_ids[course]: index for course, index in chosen.items()}
    on_time = sum(1 for index in picked.values() if part.options[index].on_time)
    reachable = len({option.course_id for option in part.options if option.on_time})
    return AssignmentSolution(picked, on_time, reachable, on_time == reachable, None)
