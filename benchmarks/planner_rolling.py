"""Rolling simulation: weekly re-planning as referrals arrive, with no look-ahead.

Each Monday the unit plans the referrals received the week before plus any course still waiting;
the plan's sessions become bookings that the following weeks must respect.
"""

from __future__ import annotations

import time as clock
from dataclasses import dataclass, replace
from datetime import timedelta

from rehabplan.planning import (
    Booking,
    CourseRequest,
    Horizon,
    PlanningProblem,
    check_plan,
    plan,
)
from rehabplan.planning.generator import GeneratorSettings, generate
from rehabplan.planning.outcome import class_fill


@dataclass(frozen=True)
class RollingOutcome:
    method: str
    weeks: int
    courses: int
    started: int
    on_time: int
    days_late_mean: float
    still_waiting: int
    runtime_max_s: float
    violations: int
    # Over the simulated weeks: the therapists' hours in the individual sessions the plans
    # booked plus class meetings that anyone attended, and seats used of seats offered.
    therapist_hours: float = 0.0
    class_fill: float = 0.0


def simulate(
    settings: GeneratorSettings, method: str, weeks: int = 12, time_limit_s: float = 10.0
) -> RollingOutcome:
    base = generate(settings)
    bookings = list(base.bookings)
    waiting: list[CourseRequest] = []
    started = on_time = late_days = violations = total = 0
    individual_minutes = 0
    slowest = 0.0
    last_day = settings.first_day + timedelta(days=7 * weeks - 1)
    for week in range(weeks):
        monday = settings.first_day + timedelta(days=7 * week)
        arrivals = _referrals(settings, week) if week else list(base.courses)
        total += len(arrivals)
        problem = PlanningProblem(
            horizon=Horizon(monday, settings.horizon_weeks),
            courses=tuple(waiting + arrivals),
            therapists=base.therapists,
            classes=base.classes,
            bookings=tuple(booking for booking in bookings if booking.day >= monday),
            closed_days=base.closed_days,
        )
        began = clock.perf_counter()
        result = plan(problem, method, time_limit_s=time_limit_s)
        slowest = max(slowest, clock.perf_counter() - began)
        violations += len(check_plan(problem, result))
        # Only starts in the coming week are committed; later ones are re-planned next Monday.
        next_monday = monday + timedelta(days=7)
        committed = {s.course_id for s in result.starts if s.start_date < next_monday}
        courses = {course.id: course for course in problem.courses}
        for start in result.starts:
            if start.course_id not in committed:
                continue
            started += 1
            on_time += start.on_time
            late_days += start.days_late
            citizen = courses[start.course_id].citizen_id
            for number, session in enumerate(start.sessions):
                if session.class_id is None and session.day <= last_day:
                    individual_minutes += session.minutes
                bookings.append(
                    Booking(
                        id=f"{start.course_id}-{number}",
                        day=session.day,
                        start=session.start,
                        minutes=session.minutes,
                        therapist_id=None if session.class_id else session.therapist_id,
                        citizen_id=citizen,
                        class_id=session.class_id,
                    )
                )
        waiting = [course for course in problem.courses if course.id not in committed]
    fill = class_fill(
        PlanningProblem(
            horizon=Horizon(settings.first_day, weeks),
            courses=(),
            therapists=base.therapists,
            classes=base.classes,
            bookings=tuple(booking for booking in bookings if booking.day <= last_day),
            closed_days=base.closed_days,
        ),
        [],
    )
    return RollingOutcome(
        method=method,
        weeks=weeks,
        courses=total,
        started=started,
        on_time=on_time,
        days_late_mean=late_days / started if started else 0.0,
        still_waiting=len(waiting),
        runtime_max_s=slowest,
        violations=violations,
        therapist_hours=(individual_minutes + fill.team_minutes) / 60,
        class_fill=fill.share,
    )


def _referrals(settings: GeneratorSettings, week: int) -> list[CourseRequest]:
    """The referrals of one later week: same municipality, its own random draw."""
    monday = settings.first_day + timedelta(days=7 * week)
    later = generate(replace(settings, seed=settings.seed * 1000 + week, first_day=monday))
    return [
        replace(
            course,
            id=f"U{week:02d}-{course.id}",
            citizen_id=f"U{week:02d}-{course.citizen_id}",
            arrival_order=week * 100_000 + course.arrival_order,
        )
        for course in later.courses
    ]
