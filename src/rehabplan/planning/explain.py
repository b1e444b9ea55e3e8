"""Danish reasons for courses the plan cannot start."""

from __future__ import annotations

from rehabplan.planning.placement import compatible_classes, compatible_therapists
from rehabplan.planning.problem import WEEKDAY_NAMES, CourseRequest, Mode, PlanningProblem


def why_unplanned(problem: PlanningProblem, course: CourseRequest) -> str:
    horizon = problem.horizon
    if course.earliest_start > horizon.last_day:
        return (
            f"Tidligste start {course.earliest_start} ligger efter planperioden "
            f"({horizon.first_day} til {horizon.last_day})."
        )
    deadline = f"fristen {course.start_deadline}"
    if course.mode is Mode.TEAM:
        if not compatible_classes(problem, course):
            blocked = _blocked_text(course)
            return (
                f"Der findes intet hold på niveau {course.level} for {course.profession} med "
                f"{course.sessions_per_week} træning(er) om ugen{blocked}."
            )
        return (
            f"Ingen ledig plads på et hold på rette niveau ({course.level}) før {deadline} "
            f"eller i resten af planperioden (til {horizon.last_day})."
        )
    if not compatible_therapists(problem, course):
        return (
            f"Ingen terapeut med faggruppen {course.profession} arbejder på "
            f"{course.sessions_per_week} af borgerens mulige ugedage{_blocked_text(course)}."
        )
    kind = "hjemmebesøg" if course.mode is Mode.HOME else "individuel træning"
    return (
        f"Ingen ledig tid til {kind} hos en terapeut ({course.profession}) før {deadline} "
        f"eller i resten af planperioden (til {horizon.last_day})."
    )


def _blocked_text(course: CourseRequest) -> str:
    if not course.blocked_weekdays:
        return ""
    days = ", ".join(WEEKDAY_NAMES[day] for day in sorted(course.blocked_weekdays))
    return f" (borgeren kan ikke {days})"
