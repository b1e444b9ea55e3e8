"""Danish reasons for courses the plan cannot start."""

from __future__ import annotations

from rehabplan.planning.placement import compatible_classes, compatible_therapists
from rehabplan.planning.problem import WEEKDAY_NAMES, CourseRequest, Mode, PlanningProblem
from rehabplan.planning.wording import danish_date, profession_name


def why_unplanned(problem: PlanningProblem, course: CourseRequest) -> str:
    horizon = problem.horizon
    if course.earliest_start > horizon.last_day:
        return (
            f"Tidligste start {danish_date(course.earliest_start)} ligger efter planperioden "
            f"({danish_date(horizon.first_day)} til {danish_date(horizon.last_day)})."
        )
    deadline = f"fristen {danish_date(course.start_deadline)}"
    profession = profession_name(course.profession)
    last_day = danish_date(horizon.last_day)
    if course.mode is Mode.TEAM:
        if not compatible_classes(problem, course):
            blocked = _blocked_text(course)
            return (
                f"Der findes intet hold på niveau {course.level} for {profession}er med "
                f"{_sessions_per_week(course)}{blocked}."
            )
        return (
            f"Ingen ledig plads på et hold på rette niveau ({course.level}) før {deadline} "
            f"eller i resten af planperioden (til {last_day})."
        )
    if not compatible_therapists(problem, course):
        return (
            f"Ingen {profession} arbejder på "
            f"{course.sessions_per_week} af borgerens mulige ugedage{_blocked_text(course)}."
        )
    kind = "hjemmebesøg" if course.mode is Mode.HOME else "individuel træning"
    return (
        f"Ingen ledig tid til {kind} hos en {profession} før {deadline} "
        f"eller i resten af planperioden (til {last_day})."
    )


def _sessions_per_week(course: CourseRequest) -> str:
    count = course.sessions_per_week
    return f"{count} træning om ugen" if count == 1 else f"{count} træninger om ugen"


def _blocked_text(course: CourseRequest) -> str:
    if not course.blocked_weekdays:
        return ""
    days = ", ".join(WEEKDAY_NAMES[day] for day in sorted(course.blocked_weekdays))
    return f" (borgeren kan ikke {days})"
