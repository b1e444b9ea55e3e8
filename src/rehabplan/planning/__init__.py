"""Rehabplan's planning core: who starts when, where and with whom, before which deadline.

Pure Python; only the modules in `rehabplan.planning.solvers` import a solver.
"""

from rehabplan.planning.api import METHODS, plan, upper_limit
from rehabplan.planning.checker import check_plan
from rehabplan.planning.errors import PlanningInputError
from rehabplan.planning.problem import (
    CENTRE_SESSION_MINUTES,
    HOME_VISIT_MINUTES,
    Absence,
    Booking,
    CourseRequest,
    Horizon,
    Mode,
    PlanningProblem,
    Profession,
    TeamClass,
    Therapist,
    WorkingHours,
)
from rehabplan.planning.result import (
    Kpis,
    LimitResult,
    PlannedStart,
    PlanResult,
    Session,
    Unplanned,
    Violation,
)

__all__ = [
    "CENTRE_SESSION_MINUTES",
    "HOME_VISIT_MINUTES",
    "METHODS",
    "Absence",
    "Booking",
    "CourseRequest",
    "Horizon",
    "Kpis",
    "LimitResult",
    "Mode",
    "PlanResult",
    "PlannedStart",
    "PlanningInputError",
    "PlanningProblem",
    "Profession",
    "Session",
    "TeamClass",
    "Therapist",
    "Unplanned",
    "Violation",
    "WorkingHours",
    "check_plan",
    "plan",
    "upper_limit",
]
