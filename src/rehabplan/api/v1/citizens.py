"""Citizens: search by CPR or name (in the body, never in the URL), read one, create one."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from rehabplan.api.auth import require
from rehabplan.api.pagination import PageParams, page_of
from rehabplan.api.problems import problem_responses
from rehabplan.api.schemas import In, PathId
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.citizens.models import Citizen
from rehabplan.citizens.selectors import citizen_get, citizen_search, citizens_visible_to
from rehabplan.citizens.services import citizen_create

router = Router()
VIEW = "citizens.view_citizen"


class CitizenOut(Schema):
    id: int
    cpr: str = Field(description="CPR-nummer, 10 cifre uden bindestreg")
    birth_date: datetime.date
    first_name: str
    last_name: str
    address: str
    postcode: str
    city: str
    phone: str
    email: str
    gp_name: str = Field(description="Egen læge")
    gp_clinic: str
    gp_phone: str
    covered_by_aeldreloven: bool


class CitizenPage(Schema):
    items: list[CitizenOut]
    next_cursor: str | None


class CitizenSearch(In):
    term: str = Field(
        min_length=1,
        max_length=100,
        description="CPR-nummer (med eller uden bindestreg, eller begyndelsen) eller navn",
    )


class CitizenIn(In):
    cpr: str = Field(min_length=10, max_length=11, description="CPR-nummer, med eller uden -")
    first_name: str = Field(min_length=1, max_length=100)
    last_name: str = Field(min_length=1, max_length=100)
    address: str = Field("", max_length=200)
    postcode: str = Field("", max_length=4)
    city: str = Field("", max_length=80)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    gp_name: str = Field("", max_length=120)
    gp_clinic: str = Field("", max_length=160)
    gp_phone: str = Field("", max_length=30)


@router.get(
    "",
    response={200: CitizenPage, **problem_responses(401, 403, 422, 429)},
    summary="Kommunens borgere, side for side",
)
def list_citizens(request: HttpRequest, page: PageParams):
    user = require(request, VIEW)
    found = page_of(citizens_visible_to(user), page, scope="citizens")
    audit_record(
        user=user,
        action=AuditAction.SEARCH,
        municipality=user.municipality,
        summary=_("Borgerliste hentet via API (%(count)d)") % {"count": len(found.items)},
        shown_citizen_ids=[citizen.pk for citizen in found.items],
    )
    return {"items": found.items, "next_cursor": found.next_cursor}


@router.post(
    "/search",
    response={200: list[CitizenOut], **problem_responses(401, 403, 422, 429)},
    summary="Søg borger på CPR-nummer eller navn",
    description="Søgningen står i forespørgslens krop, så CPR-numre ikke havner i logfiler "
    "over adresser. Højst 50 fund; søgningen logges med de viste borgere.",
)
def search_citizens(request: HttpRequest, search: CitizenSearch):
    user = require(request, VIEW)
    return citizen_search(user=user, term=search.term)


@router.get(
    "/{citizen_id}",
    response={200: CitizenOut, **problem_responses(401, 403, 404, 422, 429)},
    summary="Én borger",
)
def get_citizen(request: HttpRequest, citizen_id: PathId):
    user = require(request, VIEW)
    return citizen_get(user=user, citizen_id=citizen_id, purpose=_("Borger vist via API"))


@router.post(
    "",
    response={201: CitizenOut, **problem_responses(401, 403, 422, 429)},
    summary="Opret borger",
)
def create_citizen(request: HttpRequest, citizen: CitizenIn):
    user = require(request, "citizens.add_citizen")
    created: Citizen = citizen_create(user=user, **citizen.dict())
    return Status(201, created)
