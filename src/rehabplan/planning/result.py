"""What a planning run returns: plain frozen data that any method produces the same way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time


@dataclass(frozen=True)
class Session:
    """One booked session; team sessions carry the class, individual ones only the therapist."""

    day: date
    start: time
    minutes: int
    therapist_id: str
    class_id: str | None = None


@dataclass(frozen=True)
class PlannedStart:
    course_id: str
    start_date: date
    therapist_id: str
    sessions: tuple[Session, ...]
    class_id: str | None = None
    on_time: bool = True
    days_late: int = 0
    free_choice_offer: bool = False
    note: str = ""


@dataclass(frozen=True)
class Unplanned:
    """A course the plan cannot start; `reason` is Danish and shown to the leader as is."""

    course_id: str
    reason: str
    free_choice_offer: bool = False


@dataclass(frozen=True)
class Kpis:
    courses: int
    planned: int
    on_time: int
    days_late_mean: float
    days_late_p95: float
    class_fill: float
    classes_under_minimum: int
    therapist_load_spread: float
    continuity_share: float
    runtime_s: float
    # Cost beside on-time starts, over the planning period: the therapists' hours the plan
    # uses (its individual sessions, and class meetings with anyone on them), and the class
    # seats used out of the seats offered. Defaults keep older stored proposals readable.
    individual_hours: float = 0.0
    team_hours: float = 0.0
    seats_used: int = 0
    seat_capacity: int = 0
    under_minimum_class_ids: tuple[str, ...] = ()
    # The optimiser's own account: seconds building its model and in the solver, and whether
    # the solver stopped because every part was proven optimal (not at its time limit).
    model_s: float = 0.0
    solve_s: float = 0.0
    proven_optimal: bool = False
    # The optimiser's other stages: the earliest-deadline-first plan it starts from, the exact
    # placement of the solver's choices, and the repair of courses placed late or not at all.
    baseline_s: float = 0.0
    place_s: float = 0.0
    repair_s: float = 0.0

    @property
    def therapist_hours(self) -> float:
        return self.individual_hours + self.team_hours


@dataclass(frozen=True)
class PlanResult:
    """A plan, its KPIs and how good it provably is.

    `objective` is the number of courses started by their deadline (the first goal). `bound` is a
    proven upper limit on that number for this input, or None where the method proves nothing;
    `gap` is (bound - objective) / bound.
    """

    method: str
    starts: tuple[PlannedStart, ...]
    unplanned: tuple[Unplanned, ...]
    kpis: Kpis
    objective: float
    bound: float | None
    gap: float | None
    explanation: str = ""

    def start_for(self, course_id: str) -> PlannedStart | None:
        for start in self.starts:
            if start.course_id == course_id:
                return start
        return None


@dataclass(frozen=True)
class Violation:
    """A broken hard rule found by the feasibility checker (Danish text)."""

    rule: str
    course_id: str | None
    message: str


@dataclass(frozen=True)
class LimitResult:
    """The most courses that can start on time: `bound` is proven, `best` is achieved by a model
    solution; they are equal when `proven_optimal`."""

    bound: int
    best: int
    proven_optimal: bool
    runtime_s: float
