"""Planning a week: request a proposal (computed by the task worker), read it, list, accept.

The same services and selectors as the leader's "Planlæg" screen: the proposal is computed
in the background, so a request answers 202 with the proposal still in the queue."""

from __future__ import annotations

import datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from rehabplan import planning as planner
from rehabplan.api.auth import require
from rehabplan.api.errors import Conflict
from rehabplan.api.pagination import PageParams, page_of
from rehabplan.api.problems import problem_responses
from rehabplan.api.schemas import In, PathId
from rehabplan.audit.services import audit_list_view
from rehabplan.scheduling.models import PlanProposal, ProposalState
from rehabplan.scheduling.selectors import ProposalRow, proposal_get, proposal_rows
from rehabplan.scheduling.serialization import starts_from_json
from rehabplan.scheduling.services import proposal_accept, proposal_request

router = Router()
PLAN = "courses.plan_courses"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")
# An ISO week of the years the API's dates allow (1900-2199), weeks 01-53; whether week 53
# exists that year, and whether the week is over, is the service's question.
WEEK_PATTERN = r"^(19|20|21)\d{2}-W(0[1-9]|[1-4][0-9]|5[0-3])$"

Method = Literal[planner.METHODS]  # type: ignore[valid-type]
State = Literal[tuple(ProposalState.values)]  # type: ignore[valid-type]


class ProposalIn(In):
    week: str = Field(
        min_length=8,
        max_length=8,
        pattern=WEEK_PATTERN,
        description="ISO-uge, der skal planlægges, fx 2026-W50",
        examples=["2026-W50"],
    )
    method: Method = Field(
        "optimiser",
        description="Planlægningsmetode: optimiser (standard), edd (tidligste frist først) "
        "eller fcfs (først til mølle)",
    )


class ProposalOut(Schema):
    id: int
    week: str = Field(description="ISO-uge, fx 2026-W50")
    method: str
    state: State = Field(
        description="queued (i kø), running (beregnes), ready (klar), failed (fejlet), "
        "accepted (godkendt) eller discarded (kasseret)"
    )
    state_text: str = Field(description="Tilstanden på dansk")
    progress: str = Field(description="Fremdrift, mens forslaget beregnes")
    error: str = Field(description="Hvorfor beregningen fejlede; tom ellers")
    created_at: datetime.datetime
    accepted_at: datetime.datetime | None


class ProposalPage(Schema):
    items: list[ProposalOut]
    next_cursor: str | None


class PlannedSessionOut(Schema):
    starts_at: datetime.datetime
    minutes: int
    therapist_id: int
    class_id: int | None


class PlannedStartOut(Schema):
    course_id: int
    citizen_id: int
    service_code: str
    service_name: str
    start_date: datetime.date
    therapist_id: int | None
    therapist_name: str
    class_id: int | None = Field(description="Holdet, forløbet starter på; tom ved individuel")
    class_name: str
    on_time: bool = Field(description="Starter inden fristen")
    days_late: int = Field(description="Dage efter fristen; 0 når starten er til tiden")
    free_choice_offer: bool = Field(
        description="Borgeren skal tilbydes frit valg af leverandør (sundhedsloven § 140)"
    )
    sessions: list[PlannedSessionOut]


class NotPlannedOut(Schema):
    course_id: int
    citizen_id: int
    reason: str = Field(description="Hvorfor forløbet ikke kan starte, som skærmen viser det")
    free_choice_offer: bool


class ProposalFigures(Schema):
    courses: int = Field(description="Forløb der venter")
    planned: int = Field(description="Planlagt")
    on_time: int = Field(description="Starter inden fristen")
    best_possible_on_time: float | None = Field(
        description="Højst mulige antal starter inden fristen (bevist grænse); tom hvis ukendt"
    )
    gap: float | None = Field(description="Afstand til det bedst mulige (0-1)")
    days_late_mean: float
    class_fill: float = Field(description="Holdenes fyldningsgrad (0-1)")
    classes_under_minimum: int
    therapist_hours: float = Field(description="Terapeuttimer i planperioden")
    individual_hours: float
    team_hours: float
    seats_used: int
    seat_capacity: int


class ProposalDetailOut(ProposalOut):
    figures: ProposalFigures | None = Field(
        description="Forslagets nøgletal, når det er klar eller godkendt"
    )
    planned: list[PlannedStartOut]
    not_planned: list[NotPlannedOut] = Field(
        description="Forløb, der ikke kan starte inden fristen, med forklaringen"
    )
    not_considered: list[NotPlannedOut] = Field(
        description="Forløb, der ikke kunne gives til planlæggeren, med forklaringen"
    )


class AcceptOut(Schema):
    proposal: ProposalOut
    courses_started: int
    sessions_booked: int
    free_choice_offered: int = Field(description="Borgere, der nu er tilbudt frit valg")


def _proposal(proposal: PlanProposal) -> dict[str, Any]:
    return {
        "id": proposal.pk,
        "week": proposal.week,
        "method": proposal.method,
        "state": proposal.state,
        "state_text": str(proposal.get_state_display()),
        "progress": proposal.progress,
        "error": proposal.error,
        "created_at": proposal.created_at,
        "accepted_at": proposal.accepted_at,
    }


def _sessions(start: planner.PlannedStart | None) -> list[dict[str, Any]]:
    if start is None:
        return []
    return [
        {
            "starts_at": datetime.datetime.combine(session.day, session.start, tzinfo=COPENHAGEN),
            "minutes": session.minutes,
            "therapist_id": int(session.therapist_id),
            "class_id": int(session.class_id) if session.class_id else None,
        }
        for session in start.sessions
    ]


def _planned(row: ProposalRow, starts: dict[str, planner.PlannedStart]) -> dict[str, Any]:
    course = row.course
    return {
        "course_id": course.pk,
        "citizen_id": course.citizen_id,
        "service_code": course.service_code,
        "service_name": row.service_name,
        "start_date": row.start_date,
        "therapist_id": row.therapist.pk if row.therapist else None,
        "therapist_name": row.therapist.name if row.therapist else "",
        "class_id": row.team_class.pk if row.team_class else None,
        "class_name": row.team_class.name if row.team_class else "",
        "on_time": row.on_time,
        "days_late": row.days_late,
        "free_choice_offer": row.free_choice_offer,
        "sessions": _sessions(starts.get(str(course.pk))),
    }


def _not_planned(row: ProposalRow) -> dict[str, Any]:
    return {
        "course_id": row.course.pk,
        "citizen_id": row.course.citizen_id,
        "reason": row.reason,
        "free_choice_offer": row.free_choice_offer,
    }


def _figures(rows: dict[str, Any]) -> dict[str, Any]:
    kpis, cost = rows["kpis"], rows["cost"]
    return {
        "courses": kpis.get("courses", 0),
        "planned": kpis.get("planned", 0),
        "on_time": kpis.get("on_time", 0),
        "best_possible_on_time": rows["bound"],
        "gap": rows["gap"],
        "days_late_mean": kpis.get("days_late_mean", 0.0),
        "class_fill": kpis.get("class_fill", 0.0),
        "classes_under_minimum": kpis.get("classes_under_minimum", 0),
        "therapist_hours": cost["therapist_hours"],
        "individual_hours": cost["individual_hours"],
        "team_hours": cost["team_hours"],
        "seats_used": cost["seats_used"],
        "seat_capacity": cost["seat_capacity"],
    }


@router.post(
    "/proposals",
    response={202: ProposalOut, **problem_responses(400, 401, 403, 422, 429)},
    summary="Bestil et planforslag for en uge",
    description="Som “Planlæg” på skærmen: forslaget beregnes i baggrunden. Svaret er 202 med "
    "forslagets id i tilstanden queued; hent forslaget for at følge det, til det er ready "
    "eller failed. En uge, der er forbi, afvises.",
)
def request_proposal(request: HttpRequest, proposal: ProposalIn):
    user = require(request, PLAN)
    created = proposal_request(user=user, week=proposal.week, method=proposal.method)
    return Status(202, _proposal(created))


@router.get(
    "/proposals",
    response={200: ProposalPage, **problem_responses(400, 401, 403, 422, 429)},
    summary="Kommunens planforslag, side for side",
    description="Ældste først. Listen viser ingen borgere.",
)
def list_proposals(request: HttpRequest, page: PageParams):
    user = require(request, PLAN)
    found = page_of(PlanProposal.objects.for_user(user), page, scope="planning-proposals")
    return {"items": [_proposal(item) for item in found.items], "next_cursor": found.next_cursor}


@router.get(
    "/proposals/{proposal_id}",
    response={200: ProposalDetailOut, **problem_responses(401, 403, 404, 422, 429)},
    summary="Ét planforslag",
    description="Tilstand, nøgletal, hvem der starter hvor og hvornår, og hvorfor resten ikke "
    "kan starte inden fristen. Borgerne i et færdigt forslag logges som visning.",
)
def get_proposal(request: HttpRequest, proposal_id: PathId):
    user = require(request, PLAN)
    proposal = proposal_get(user=user, proposal_id=proposal_id)
    answer: dict[str, Any] = {
        **_proposal(proposal),
        "figures": None,
        "planned": [],
        "not_planned": [],
        "not_considered": [],
    }
    if proposal.state not in (ProposalState.READY, ProposalState.ACCEPTED):
        return answer
    rows = proposal_rows(proposal)
    # The same log entry as the proposal page: one row naming every citizen it shows.
    audit_list_view(
        user=user,
        summary=_("Planforslag %(week)s vist") % {"week": proposal.week},
        citizen_ids=(
            row.course.citizen_id
            for row in rows["planned"] + rows["unplanned"] + rows["skipped_rows"]
        ),
    )
    starts = {start.course_id: start for start in starts_from_json(proposal.result)}
    answer["figures"] = _figures(rows)
    answer["planned"] = [_planned(row, starts) for row in rows["planned"]]
    answer["not_planned"] = [_not_planned(row) for row in rows["unplanned"]]
    answer["not_considered"] = [_not_planned(row) for row in rows["skipped_rows"]]
    return answer


@router.post(
    "/proposals/{proposal_id}/accept",
    response={200: AcceptOut, **problem_responses(400, 401, 403, 404, 409, 422, 429)},
    summary="Godkend et planforslag og book det",
    description="Som “Godkend og book”: alle planlagte aftaler bookes i én transaktion. Er "
    "forslaget ikke klar, eller er kalenderen eller et forløb ændret siden forslaget blev "
    "lavet, svares 409 med årsagerne, og intet er booket.",
)
def accept_proposal(request: HttpRequest, proposal_id: PathId):
    user = require(request, PLAN)
    proposal = proposal_get(user=user, proposal_id=proposal_id)
    try:
        outcome = proposal_accept(user=user, proposal=proposal)
    except ValidationError as error:
        # Every refusal is about the proposal's or the calendar's state now, not the request.
        raise Conflict(
            _("Forslaget blev ikke godkendt: %(reasons)s") % {"reasons": " ".join(error.messages)}
        ) from None
    proposal.refresh_from_db()
    return {
        "proposal": _proposal(proposal),
        "courses_started": outcome.courses_started,
        "sessions_booked": outcome.sessions_booked,
        "free_choice_offered": outcome.free_choice_offered,
    }
