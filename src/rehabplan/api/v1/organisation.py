"""The municipality's therapists, team classes and training places, with the ids that a booking,
a course or a planning request names. Staff names and class times are no citizen data, so every
member of staff may read them, as every booking screen shows them."""

from __future__ import annotations

from typing import Any

from ninja import Router, Schema
from pydantic import Field

from rehabplan.api.auth import require
from rehabplan.api.problems import problem_responses
from rehabplan.api.schemas import choices_text
from rehabplan.api.v1.references import LocationRef, TherapistRef, named_ref, therapist_ref
from rehabplan.organisation.models import WEEKDAY_CHOICES, Profession, TeamClass, TrainingLevel
from rehabplan.organisation.selectors import (
    active_locations,
    active_team_classes,
    active_therapists,
)

router = Router()


class LocationOut(LocationRef):
    address: str
    postcode: str
    city: str


class TeamClassOut(Schema):
    id: int
    name: str
    weekdays: list[int] = Field(description=choices_text("Ugedage (mandag = 0)", WEEKDAY_CHOICES))
    # A wall-clock time in Danish time: JSON Schema's "time" format would demand an offset,
    # which changes with summer time while the class keeps its hour.
    starts_at: str = Field(pattern=r"^\d{2}:\d{2}$", description="Starttid (tt:mm), dansk tid")
    duration_minutes: int
    capacity: int = Field(description="Pladser")
    level: str = Field(description=choices_text("Niveau", TrainingLevel.choices))
    profession: str = Field(description=choices_text("Faggruppe", Profession.choices))
    therapist: TherapistRef
    location: LocationRef


class OrganisationOut(Schema):
    therapists: list[TherapistRef]
    team_classes: list[TeamClassOut]
    locations: list[LocationOut]


def _team_class(team_class: TeamClass) -> dict[str, Any]:
    return {
        "id": team_class.pk,
        "name": team_class.name,
        "weekdays": list(team_class.weekdays),
        "starts_at": f"{team_class.starts_at:%H:%M}",
        "duration_minutes": team_class.duration_minutes,
        "capacity": team_class.capacity,
        "level": team_class.level,
        "profession": team_class.profession,
        "therapist": therapist_ref(team_class.therapist),
        "location": named_ref(team_class.location),
    }


@router.get(
    "",
    response={200: OrganisationOut, **problem_responses(401, 403, 422, 429)},
    summary="Kommunens terapeuter, hold og træningssteder",
    description="De aktive, med de id'er, som en booking (`therapist_id`, `team_class_id`, "
    "`location_id`) bruger.",
)
def get_organisation(request):
    # Both ways of calling (token, session) admit only a user of a municipality.
    municipality = require(request).municipality_id
    team_classes = active_team_classes(municipality).select_related("therapist", "location")
    return {
        "therapists": [therapist_ref(therapist) for therapist in active_therapists(municipality)],
        "team_classes": [_team_class(team_class) for team_class in team_classes],
        "locations": list(
            active_locations(municipality).values("id", "name", "address", "postcode", "city")
        ),
    }
