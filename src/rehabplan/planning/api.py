"""The one entry point: `plan(problem, method=...)` and the proven limit `upper_limit`."""

from __future__ import annotations

from collections.abc import Callable

from rehabplan.planning.errors import PlanningInputError
from rehabplan.planning.greedy import plan_edd, plan_fcfs
from rehabplan.planning.problem import PlanningProblem
from rehabplan.planning.result import LimitResult, PlanResult

METHODS = ("fcfs", "edd", "optimiser")

Progress = Callable[[str], None]


def plan(
    problem: PlanningProblem,
    method: str = "optimiser",
    time_limit_s: float = 10.0,
    progress: Progress | None = None,
) -> PlanResult:
    """Plan the problem's courses with one method; never raises for a problem that is valid
    but impossible: courses that cannot start carry a Danish reason in the result."""
    if not isinstance(problem, PlanningProblem):
        raise PlanningInputError("Planlægning kræver et PlanningProblem.")
    if time_limit_s <= 0:
        raise PlanningInputError("Tidsgrænsen skal være positiv.")
    if method == "fcfs":
        return plan_fcfs(problem)
    if method == "edd":
        return plan_edd(problem)
    if method == "optimiser":
        from rehabplan.planning.optimiser import plan_optimised

        return plan_optimised(problem, time_limit_s, progress)
    raise PlanningInputError(
        f"Ukendt planlægningsmetode {method!r}; vælg en af {', '.join(METHODS)}."
    )


def upper_limit(
    problem: PlanningProblem, time_limit_s: float = 30.0, exact: bool = True
) -> LimitResult:
    """The most courses that can start by their deadline, proven by solving the on-time-only
    model (or its best proven bound when the time limit is reached).

    The model relaxes the exact problem: weekly session and minute totals and the start day's
    minutes per therapist, seats per class meeting. With `exact` (the default) its options
    are exact: each fits its resource on its own in every week the course runs. Without, an
    option only needs a free time on its start day: a looser limit, for comparison."""
    from rehabplan.planning.optimiser import on_time_limit

    return on_time_limit(problem, time_limit_s, exact)
