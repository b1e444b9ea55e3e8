"""Reading proposals for the "Planlæg" screen, with names instead of ids."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import Http404
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from rehabplan import rules
from rehabplan.courses.models import Course
from rehabplan.organisation.models import TeamClass, Therapist
from rehabplan.organisation.standards import installation_registry
from rehabplan.scheduling.models import PlanProposal, ProposalState
from rehabplan.scheduling.moves import MoveOptions, feasible_moves

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


@dataclass(frozen=True)
class ProposalRow:
    course: Course
    start_date: datetime.date | None
    therapist: Therapist | None
    team_class: TeamClass | None
    sessions: int
    on_time: bool
    days_late: int
    free_choice_offer: bool
    reason: str = ""
    service_name: str = ""
    first_sessions: list[str] = field(default_factory=list)
    # Where the course can be moved without breaking a rule of the plan, the current first.
    move_classes: list[TeamClass] = field(default_factory=list)
    move_therapists: list[Therapist] = field(default_factory=list)
    # The same moves as (value, label) for the select, the current first: labelled once per
    # class or therapist, so a long proposal does not format every option in the template.
    move_choices: list[tuple[int, str]] = field(default_factory=list)


def proposal_get(*, user: User, proposal_id: int) -> PlanProposal:
    """A proposal of the user's municipality, or 404."""
    try:
        return (
            PlanProposal.objects.for_user(user).select_related("municipality").get(pk=proposal_id)
        )
    except PlanProposal.DoesNotExist:
        raise Http404(_("Planforslaget findes ikke.")) from None


def recent_proposals(*, user: User, limit: int = 10) -> list[PlanProposal]:
    return list(PlanProposal.objects.for_user(user)[:limit])


def proposal_rows(proposal: PlanProposal) -> dict[str, Any]:
    """The proposal's rows with names, in a fixed number of queries however many rows: the
    moves each row offers were stored with the proposal when it was computed."""
    result = proposal.result or {}
    skipped = result.get("skipped", {})
    ids = (
        [int(item["course_id"]) for item in result.get("starts", [])]
        + [int(item["course_id"]) for item in result.get("unplanned", [])]
        + [int(course_id) for course_id in skipped]
    )
    courses = {
        str(course.pk): course
        for course in Course.objects.of_municipality(proposal.municipality_id)
        .filter(pk__in=ids)
        .select_related("citizen", "referral", "municipality")
    }
    therapists = {
        str(therapist.pk): therapist
        for therapist in Therapist.objects.filter(municipality=proposal.municipality)
    }
    classes = {
        str(team.pk): team
        for team in TeamClass.objects.filter(municipality=proposal.municipality).select_related(
            "location"
        )
    }
    moves = feasible_moves(proposal) if proposal.state == ProposalState.READY else {}
    labels = _move_labels(classes, therapists)
    service_names = _service_names(courses)
    planned = [
        ProposalRow(
            course=courses[item["course_id"]],
            start_date=datetime.date.fromisoformat(item["start_date"]),
            therapist=therapists.get(item["therapist_id"]),
            team_class=classes.get(item.get("class_id") or ""),
            sessions=len(item["sessions"]),
            on_time=item.get("on_time", True),
            days_late=item.get("days_late", 0),
            free_choice_offer=item.get("free_choice_offer", False),
            service_name=service_names[item["course_id"]],
            first_sessions=[
                f"{session['day']} {session['start'][:5]}" for session in item["sessions"][:3]
            ],
            move_classes=[
                classes[class_id]
                for class_id in moves.get(item["course_id"], MoveOptions()).class_ids
                if class_id in classes
            ],
            move_therapists=[
                therapists[therapist_id]
                for therapist_id in moves.get(item["course_id"], MoveOptions()).therapist_ids
                if therapist_id in therapists
            ],
            move_choices=_choices(moves.get(item["course_id"], MoveOptions()), item, labels),
        )
        for item in result.get("starts", [])
        if item["course_id"] in courses
    ]
    unplanned = [
        ProposalRow(
            course=courses[item["course_id"]],
            start_date=None,
            therapist=None,
            team_class=None,
            sessions=0,
            on_time=False,
            days_late=0,
            free_choice_offer=item.get("free_choice_offer", False),
            reason=item["reason"],
        )
        for item in result.get("unplanned", [])
        if item["course_id"] in courses
    ]
    planned.sort(key=lambda row: (row.start_date, row.course.citizen.last_name))
    kpis = result.get("kpis", {})
    return {
        "planned": planned,
        "unplanned": unplanned,
        "kpis": kpis,
        "cost": _cost_figures(kpis, classes),
        "objective": result.get("objective"),
        "bound": result.get("bound"),
        "gap": result.get("gap"),
        # Courses that could not be put to the planner at all, named (never by their id).
        "skipped_rows": [
            ProposalRow(
                course=courses[course_id],
                start_date=None,
                therapist=None,
                team_class=None,
                sessions=0,
                on_time=False,
                days_late=0,
                free_choice_offer=False,
                reason=reason,
            )
            for course_id, reason in skipped.items()
            if course_id in courses
        ],
    }


def _move_labels(
    classes: dict[str, TeamClass], therapists: dict[str, Therapist]
) -> dict[tuple[str, str], tuple[int, str]]:
    """The select's value and label of every class and therapist, keyed by kind and id."""
    labels = {
        ("class", key): (
            team.pk,
            _("%(name)s, %(days)s kl. %(time)s")
            % {
                "name": team.name,
                "days": team.weekdays_display,
                "time": time_format(team.starts_at),
            },
        )
        for key, team in classes.items()
    }
    labels.update(
        {
            ("therapist", key): (therapist.pk, therapist.name)
            for key, therapist in therapists.items()
        }
    )
    return labels


def _choices(
    option: MoveOptions, item: dict[str, Any], labels: dict[tuple[str, str], tuple[int, str]]
) -> list[tuple[int, str]]:
    kind, ids = (
        ("class", option.class_ids) if item.get("class_id") else ("therapist", option.therapist_ids)
    )
    return [labels[kind, key] for key in ids if (kind, key) in labels]


def _service_names(courses: dict[str, Course]) -> dict[str, str]:
    """Each course's service name from one registry (asking for the registry costs a query)."""
    registry = installation_registry()
    names = {}
    for key, course in courses.items():
        try:
            service = registry.resolve(course.municipality.slug, course.standard_date).service(
                course.service_code
            )
        except rules.RulesError:
            names[key] = course.service_name  # outside the standard's periods: its own wording
        else:
            names[key] = service.name
    return names


def _cost_figures(kpis: dict[str, Any], classes: dict[str, TeamClass]) -> dict[str, Any]:
    """What the plan costs beside its on-time starts: therapist hours and class seats, with the
    classes still under their minimum named (a proposal stored before these figures has none)."""
    individual = kpis.get("individual_hours", 0.0)
    team = kpis.get("team_hours", 0.0)
    under = [classes[key] for key in kpis.get("under_minimum_class_ids", []) if key in classes]
    return {
        "known": "seat_capacity" in kpis,
        "therapist_hours": individual + team,
        "individual_hours": individual,
        "team_hours": team,
        "seats_used": kpis.get("seats_used", 0),
        "seat_capacity": kpis.get("seat_capacity", 0),
        "under_minimum": sorted(under, key=lambda team_class: team_class.name),
    }
