"""Moving one course of a proposal to another class or therapist, and which moves the planner
offers: only those the whole plan stays feasible with, computed once when the plan is made (or
changed) and stored with it, so the proposal page only reads them."""

from __future__ import annotations

import dataclasses
import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from rehabplan import planning
from rehabplan.planning.moves import PlanCalendar
from rehabplan.planning.placement import compatible_classes, compatible_therapists
from rehabplan.scheduling.models import PlanProposal
from rehabplan.scheduling.problem_builder import build_problem
from rehabplan.scheduling.serialization import result_from_json
from rehabplan.scheduling.weeks import parse_iso_week

# Other classes or therapists offered per course at most: enough to choose from, and the
# proposal page stays small however many classes and therapists the municipality has.
MOVE_CHOICES = 8


@dataclass(frozen=True)
class MoveOptions:
    """Where one planned course can go instead: ids of classes or therapists, current first."""

    class_ids: tuple[str, ...] = ()
    therapist_ids: tuple[str, ...] = ()


def feasible_moves(proposal: PlanProposal) -> dict[str, MoveOptions]:
    """Per planned course, the classes or therapists it can be moved to without breaking a rule
    of the plan; the move form offers nothing else. Stored with the proposal; computed here
    only for a proposal stored before moves were."""
    stored = (proposal.result or {}).get("moves")
    if stored is not None:
        return moves_from_json(stored)
    try:
        built = build_problem(
            municipality=proposal.municipality, first_day=parse_iso_week(proposal.week)
        )
    except ValidationError:
        return {}  # the week can no longer be planned: nothing can be moved
    return moves_of_plan(built.problem, result_from_json(proposal.result))


def moves_of_plan(
    problem: planning.PlanningProblem, result: planning.PlanResult
) -> dict[str, MoveOptions]:
    """The feasible moves of every planned course: the current class or therapist first, then
    at most `MOVE_CHOICES` others, each checked against the calendar and the rest of the plan."""
    calendar = PlanCalendar(problem, result)
    requests = {course.id: course for course in problem.courses}
    options: dict[str, MoveOptions] = {}
    for current in result.starts:
        request = requests.get(current.course_id)
        if request is None:
            continue
        if current.class_id:
            candidates = [team.id for team in compatible_classes(problem, request)]
            found = _passing(problem, calendar, request, current, candidates, by_class=True)
            options[current.course_id] = MoveOptions(class_ids=found)
        else:
            candidates = [therapist.id for therapist in compatible_therapists(problem, request)]
            found = _passing(problem, calendar, request, current, candidates, by_class=False)
            options[current.course_id] = MoveOptions(therapist_ids=found)
    return options


def moves_to_json(moves: dict[str, MoveOptions]) -> dict[str, Any]:
    return {
        course_id: {
            "class_ids": list(option.class_ids),
            "therapist_ids": list(option.therapist_ids),
        }
        for course_id, option in moves.items()
    }


def moves_from_json(data: dict[str, Any]) -> dict[str, MoveOptions]:
    return {
        course_id: MoveOptions(
            class_ids=tuple(item.get("class_ids", ())),
            therapist_ids=tuple(item.get("therapist_ids", ())),
        )
        for course_id, item in data.items()
    }


def _passing(
    problem: planning.PlanningProblem,
    calendar: PlanCalendar,
    request: planning.CourseRequest,
    current: planning.PlannedStart,
    candidates: list[str],
    *,
    by_class: bool,
) -> tuple[str, ...]:
    """The current choice and the first candidates the plan stays feasible with."""
    passing = [current.class_id if by_class else current.therapist_id]
    for candidate in candidates:
        if len(passing) > MOVE_CHOICES:
            break
        if candidate in passing:
            continue
        try:
            moved = (
                start_in_class(problem, request, current, candidate)
                if by_class
                else start_with_therapist(problem, current, candidate)
            )
        except ValidationError:
            continue
        if calendar.fits(request, current, moved):
            passing.append(candidate)
    return tuple(passing)


def start_in_class(
    problem: planning.PlanningProblem,
    request: planning.CourseRequest,
    current: planning.PlannedStart,
    class_id: str,
) -> planning.PlannedStart:
    from rehabplan.planning.calendar import class_dates

    try:
        team = problem.team_class(class_id)
    except KeyError:
        raise ValidationError(_("Holdet findes ikke eller er ikke aktivt.")) from None
    first = request.earliest_start
    days = class_dates(problem, team, first, request.session_count)
    if not days:
        raise ValidationError(_("Holdet mødes ikke i planperioden."))
    sessions = tuple(
        planning.Session(day, team.start, team.minutes, team.therapist_id, team.id) for day in days
    )
    return restarted(current, request, days[0], team.therapist_id, team.id, sessions)


def start_with_therapist(
    problem: planning.PlanningProblem, current: planning.PlannedStart, therapist_id: str
) -> planning.PlannedStart:
    try:
        problem.therapist(therapist_id)
    except KeyError:
        raise ValidationError(_("Terapeuten findes ikke eller er ikke aktiv.")) from None
    if current.class_id:
        raise ValidationError(
            _("Et holdforløb følger holdets terapeut; flyt borgeren til et andet hold i stedet.")
        )
    sessions = tuple(
        dataclasses.replace(session, therapist_id=therapist_id) for session in current.sessions
    )
    return dataclasses.replace(current, therapist_id=therapist_id, sessions=sessions)


def restarted(
    current: planning.PlannedStart,
    request: planning.CourseRequest,
    start_date: datetime.date,
    therapist_id: str,
    class_id: str | None,
    sessions: tuple[planning.Session, ...],
) -> planning.PlannedStart:
    days_late = max(0, (start_date - request.start_deadline).days)
    return dataclasses.replace(
        current,
        start_date=start_date,
        therapist_id=therapist_id,
        class_id=class_id,
        sessions=sessions,
        on_time=days_late == 0,
        days_late=days_late,
        free_choice_offer=request.free_choice_applies and days_late > 0,
    )
