"""Turning placements into a `PlanResult` with its KPIs, the same way for every method."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from rehabplan.planning.calendar import horizon_days, minute_of
from rehabplan.planning.explain import why_unplanned
from rehabplan.planning.problem import PlanningProblem
from rehabplan.planning.result import Kpis, PlannedStart, PlanResult, Unplanned
from rehabplan.planning.search import Placement


def build_result(
    problem: PlanningProblem,
    method: str,
    placements: dict[str, Placement],
    runtime_s: float,
    bound: float | None = None,
    explanation: str = "",
) -> PlanResult:
    starts: list[PlannedStart] = []
    unplanned: list[Unplanned] = []
    for course in problem.courses:
        placement = placements.get(course.id)
        if placement is None:
            unplanned.append(
                Unplanned(course.id, why_unplanned(problem, course), course.free_choice_applies)
            )
            continue
        days_late = max(0, (placement.start - course.start_deadline).days)
        starts.append(
            PlannedStart(
                course_id=course.id,
                start_date=placement.start,
                therapist_id=placement.therapist_id,
                sessions=placement.sessions,
                class_id=placement.class_id,
                on_time=days_late == 0,
                days_late=days_late,
                free_choice_offer=days_late > 0 and course.free_choice_applies,
                note=_late_note(course, placement.start, days_late),
            )
        )
    on_time = sum(1 for start in starts if start.on_time)
    gap = None
    if bound is not None:
        gap = 0.0 if bound <= 0 else max(0.0, (bound - on_time) / bound)
    if not explanation and not problem.courses:
        explanation = "Ingen forløb at planlægge."
    elif not explanation and unplanned:
        explanation = (
            f"{len(unplanned)} af {len(problem.courses)} forløb kan ikke startes i planperioden."
        )
    return PlanResult(
        method=method,
        starts=tuple(starts),
        unplanned=tuple(unplanned),
        kpis=compute_kpis(problem, starts, runtime_s),
        objective=float(on_time),
        bound=bound,
        gap=gap,
        explanation=explanation,
    )


def _late_note(course, start: date, days_late: int) -> str:
    if not days_late:
        return ""
    note = (
        f"Kan ikke starte senest fristen {course.start_deadline}; første mulige start er "
        f"{start} ({days_late} dage for sent)."
    )
    if course.free_choice_applies:
        note += " Borgeren skal tilbydes frit valg af leverandør."
    return note


def compute_kpis(problem: PlanningProblem, starts: list[PlannedStart], runtime_s: float) -> Kpis:
    lateness = sorted(start.days_late for start in starts)
    fill = class_fill(problem, starts)
    return Kpis(
        courses=len(problem.courses),
        planned=len(starts),
        on_time=sum(1 for start in starts if start.on_time),
        days_late_mean=sum(lateness) / len(lateness) if lateness else 0.0,
        days_late_p95=_percentile(lateness, 0.95),
        class_fill=fill.share,
        classes_under_minimum=len(fill.under_minimum),
        therapist_load_spread=_load_spread(problem, starts),
        continuity_share=_continuity(problem, starts),
        runtime_s=runtime_s,
        individual_hours=_individual_hours(problem, starts),
        team_hours=fill.team_minutes / 60,
        seats_used=fill.seats_used,
        seat_capacity=fill.seat_capacity,
        under_minimum_class_ids=fill.under_minimum,
    )


def _continuity(problem: PlanningProblem, starts: list[PlannedStart]) -> float:
    """Share of planned courses asking for a therapist that got that therapist."""
    by_id = {start.course_id: start for start in starts}
    asked = [
        course
        for course in problem.courses
        if course.preferred_therapist_id is not None and course.id in by_id
    ]
    kept = sum(
        1 for course in asked if by_id[course.id].therapist_id == course.preferred_therapist_id
    )
    return kept / len(asked) if asked else 1.0


def _percentile(values: list[int], share: float) -> float:
    if not values:
        return 0.0
    index = max(0, math.ceil(share * len(values)) - 1)
    return float(values[index])


def _open_days(problem: PlanningProblem) -> list[date]:
    return [day for day in horizon_days(problem) if day not in problem.closed_days]


def _individual_hours(problem: PlanningProblem, starts: list[PlannedStart]) -> float:
    """Therapist hours of the plan's individual sessions and home visits in the period."""
    days = set(_open_days(problem))
    minutes = sum(
        session.minutes
        for start in starts
        for session in start.sessions
        if session.class_id is None and session.day in days
    )
    return minutes / 60


@dataclass(frozen=True)
class ClassFill:
    seats_used: int
    seat_capacity: int
    team_minutes: int  # the therapists' time in class meetings that anyone attends
    under_minimum: tuple[str, ...]  # classes whose mean attendance is below their minimum

    @property
    def share(self) -> float:
        return self.seats_used / self.seat_capacity if self.seat_capacity else 0.0


def class_fill(problem: PlanningProblem, starts: list[PlannedStart]) -> ClassFill:
    """Seats used out of seats offered over the class meetings in the period (existing
    participants, bookings and the plan's starts), and the classes under their minimum."""
    seats = _seats_taken(problem, starts)
    days = _open_days(problem)
    used = capacity = minutes = 0
    under: list[str] = []
    for team in problem.classes:
        counts = [
            team.enrolled + seats.get((team.id, day), 0)
            for day in days
            if day.weekday() in team.weekdays
        ]
        if not counts:
            continue
        used += sum(counts)
        capacity += team.capacity * len(counts)
        minutes += team.minutes * sum(1 for count in counts if count)
        if sum(counts) / len(counts) < team.minimum_to_run:
            under.append(team.id)
    return ClassFill(used, capacity, minutes, tuple(under))


def _seats_taken(problem: PlanningProblem, starts: list[PlannedStart]) -> dict:
    seats: dict[tuple[str, date], int] = defaultdict(int)
    for booking in problem.bookings:
        if booking.class_id:
            seats[booking.class_id, booking.day] += 1
    for start in starts:
        for session in start.sessions:
            if session.class_id:
                seats[session.class_id, session.day] += 1
    return seats


def _load_spread(problem: PlanningProblem, starts: list[PlannedStart]) -> float:
    """Standard deviation of therapists' booked share of their working time in the period."""
    days = _open_days(problem)
    busy = _busy_minutes(problem, starts, days)
    shares = []
    for therapist in problem.therapists:
        capacity = _working_minutes(therapist, days)
        if capacity:
            shares.append(busy[therapist.id] / capacity)
    if len(shares) < 2:
        return 0.0
    mean = sum(shares) / len(shares)
    return math.sqrt(sum((share - mean) ** 2 for share in shares) / len(shares))


def _busy_minutes(problem, starts: list[PlannedStart], days: list[date]) -> dict[str, int]:
    """Each therapist's booked minutes in the period: bookings, individual sessions, classes."""
    day_set = set(days)
    busy: dict[str, int] = defaultdict(int)
    for booking in problem.bookings:
        if booking.therapist_id and booking.day in day_set:
            busy[booking.therapist_id] += booking.minutes
    for start in starts:
        for session in start.sessions:
            if session.day in day_set and session.class_id is None:
                busy[session.therapist_id] += session.minutes
    for team in problem.classes:
        meetings = sum(1 for day in days if day.weekday() in team.weekdays)
        busy[team.therapist_id] += meetings * team.minutes
    return busy


def _working_minutes(therapist, days: list[date]) -> int:
    minutes = 0
    for day in days:
        hours = therapist.hours_on(day.weekday())
        if hours is not None and not therapist.is_absent(day):
            minutes += minute_of(hours.end) - minute_of(hours.start)
    return minutes
