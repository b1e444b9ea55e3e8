"""Referrals and applications: list the municipality's, read one, register one by hand.

A GOP from a hospital comes in through /gop; everything a visitator would type into "Registrér
henvisning" comes here and goes through the same service (`intake_register`)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, Literal

from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from pydantic import Field

from rehabplan.api.auth import require
from rehabplan.api.pagination import PageParams, page_of
from rehabplan.api.problems import problem_responses
from rehabplan.api.schemas import Day, In, ObjectId, PathId, choices_text
from rehabplan.audit.services import audit_list_view
from rehabplan.citizens.selectors import citizen_get
from rehabplan.courses.models import (
    DeadlineKind,
    FreeChoice,
    GopLevel,
    PlanType,
    Referral,
    ReferralSource,
    ReferralStatus,
)
from rehabplan.courses.selectors.intake import deadline_states, referral_get, referrals_visible_to
from rehabplan.courses.services.intake import (
    CONTACT_FIELDS,
    DATE_FIELDS,
    intake_register,
    referral_correct_dates,
    referral_record_contacts,
)
from rehabplan.rules.ruletypes import SERVICE_CODE_MAX_LENGTH

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

router = Router()
VIEW = "courses.view_referral"
REGISTER = "courses.register_referral"

StatusCode = Literal[tuple(ReferralStatus.values)]  # type: ignore[valid-type]
SourceCode = Literal[tuple(ReferralSource.values)]  # type: ignore[valid-type]


class DeadlineBrief(Schema):
    kind: str = Field(description=choices_text("Fristen", DeadlineKind.choices))
    label: str
    due: datetime.date | None = Field(description="Senest; tom, mens fristen afventer en dato")
    met_on: datetime.date | None = Field(description="Overholdt den (tilbudt den)")
    state: str = Field(description="Fristens stand i ord, som på skærmen")
    overdue: bool


class ReferralOut(Schema):
    id: int
    citizen_id: int
    service_code: str = Field(description="Indsatsens kode i kvalitetsstandarden")
    service_name: str
    source: str = Field(
        description=choices_text("Hvem henviste eller søgte", ReferralSource.choices)
    )
    status: str = Field(description=choices_text("Status", ReferralStatus.choices))
    received_on: datetime.date = Field(description="Modtaget")
    discharge_on: datetime.date | None = Field(description="Udskrevet (dag 0) for en GOP")
    gop_start_on: datetime.date | None = Field(description="Sygehusets eget starttidspunkt")
    valid_until: datetime.date | None = Field(description="En skriftlig henvisning gælder til")
    plan_type: str = Field(description=choices_text("Plantype", PlanType.choices))
    gop_level: str = Field(description=choices_text("Niveau", GopLevel.choices))
    referring_unit: str = Field(description="Henvisende enhed, ansøger eller henviser")
    first_contact_offered_on: datetime.date | None
    first_training_offered_on: datetime.date | None
    postponed_by_citizen: bool
    free_choice: str = Field(description=choices_text("Frit valg", FreeChoice.choices))
    decided_on: datetime.date | None
    decision_received_on: datetime.date | None


class ReferralDetail(ReferralOut):
    diagnosis_text: str
    replaces_id: int | None = Field(description="Henvisningen, en rettet plan erstatter")
    deadlines: list[DeadlineBrief]


class ReferralPage(Schema):
    items: list[ReferralOut]
    next_cursor: str | None


class ReferralFilter(In):
    citizen_id: ObjectId | None = Field(None, description="Kun denne borgers henvisninger")
    status: StatusCode | None = Field(None, description="Kun henvisninger med denne status")


class ReferralIn(In):
    citizen_id: ObjectId | None = Field(
        None, description="En kendt borger; ellers findes eller oprettes borgeren ud fra CPR"
    )
    cpr: str = Field(
        "", max_length=11, description="CPR-nummer (med eller uden -), når citizen_id ikke er sat"
    )
    first_name: str = Field("", max_length=100, description="Kun når borgeren ikke er oprettet")
    last_name: str = Field("", max_length=100, description="Kun når borgeren ikke er oprettet")
    service_code: str = Field(
        min_length=1,
        max_length=SERVICE_CODE_MAX_LENGTH,
        description="En ansøgning eller henvisning i kvalitetsstandarden (ikke en GOP)",
    )
    source: SourceCode = Field(description="Hvem søger eller henviser")
    applicant: str = Field("", max_length=200, description="Ansøger eller henviser (navn)")
    received_on: Day = Field(description="Modtaget")
    referred_on: Day | None = Field(
        None, description="Henvisningens dato (kræves for en skriftlig henvisning)"
    )
    consent_given_on: Day | None = Field(
        None,
        description="Borgerens samtykke til, at en anden søger (kræves, når en anden end "
        "borgeren søger og intet gyldigt samtykke findes)",
    )
    diagnosis_text: str = Field("", max_length=10_000, description="Diagnose eller begrundelse")


class ContactsIn(In):
    """The fields sent replace what is recorded; a field left out keeps its value."""

    first_contact_offered_on: Day | None = Field(
        None, description="Første kontakt tilbudt den; opfylder kontaktfristen"
    )
    first_training_offered_on: Day | None = Field(
        None, description="Første træning tilbudt til den; opfylder startfristen"
    )
    postponed_by_citizen: bool = Field(
        False, description="Borgeren har selv ønsket en senere start"
    )
    postponed_on: Day | None = Field(None, description="Udsættelse ønsket den")
    postponement_note: str = Field(
        "", max_length=300, description="Bemærkning om udsættelsen (logges ikke)"
    )


class DatesIn(In):
    """The fields sent replace what is recorded; a field left out keeps its value."""

    received_on: Day | None = Field(None, description="Modtaget")
    discharge_on: Day | None = Field(None, description="Udskrevet (dag 0)")
    gop_start_on: Day | None = Field(
        None, description="Sygehusets starttidspunkt (kun genoptræningsplaner)"
    )
    reason: str = Field("", max_length=200, description="Begrundelse for rettelsen; logges")


def _referral_to_change(request: HttpRequest, referral_id: int) -> tuple[User, Referral]:
    """The caller and the referral, locked: a field left out keeps the value read here, so two
    systems each sending one field at once must both be kept, not the second overwrite the first
    with what it read before."""
    user = require(request, REGISTER)
    referral = referral_get(
        user=user, referral_id=referral_id, purpose=_("Henvisning ændres via API"), lock=True
    )
    return user, referral


def referral_detail(referral: Referral) -> dict[str, Any]:
    """The referral's facts with its deadlines as the case page shows them."""
    today = timezone.localdate()
    return {
        **{name: getattr(referral, name) for name in ReferralOut.model_fields},
        "diagnosis_text": referral.diagnosis_text,
        "replaces_id": referral.replaces_id,
        "deadlines": [
            {
                "kind": state.kind,
                "label": state.label,
                "due": state.deadline.due,
                "met_on": state.deadline.met_on,
                "state": state.text,
                "overdue": state.overdue,
            }
            for state in deadline_states(referral, today)
        ],
    }


@router.get(
    "",
    response={200: ReferralPage, **problem_responses(400, 401, 403, 422, 429)},
    summary="Kommunens henvisninger og ansøgninger, side for side",
)
def list_referrals(request: HttpRequest, page: PageParams, filters: Query[ReferralFilter]):
    user = require(request, VIEW)
    found = page_of(
        referrals_visible_to(user, citizen_id=filters.citizen_id, status=filters.status),
        page,
        scope="referrals",
    )
    audit_list_view(
        user=user,
        summary=_("Henvisninger hentet via API"),
        citizen_ids=(referral.citizen_id for referral in found.items),
    )
    return {"items": found.items, "next_cursor": found.next_cursor}


@router.get(
    "/{referral_id}",
    response={200: ReferralDetail, **problem_responses(401, 403, 404, 422, 429)},
    summary="Én henvisning med dens frister",
)
def get_referral(request: HttpRequest, referral_id: PathId):
    user = require(request, VIEW)
    referral = referral_get(
        user=user, referral_id=referral_id, purpose=_("Henvisning vist via API")
    )
    return referral_detail(referral)


@router.post(
    "",
    response={201: ReferralDetail, **problem_responses(401, 403, 404, 422, 429)},
    summary="Registrér ansøgning eller henvisning",
    description='Som "Registrér henvisning": en ansøgning eller skriftlig henvisning til en af '
    "kvalitetsstandardens indsatser. Borgeren er `citizen_id` eller findes ud fra CPR-nummeret; "
    "en ukendt borger oprettes med fornavn og efternavn. Fristerne beregnes med det samme. "
    "Genoptræningsplaner fra sygehuse indlæses med `POST /gop`.",
)
def register_referral(request: HttpRequest, referral: ReferralIn):
    user = require(request, REGISTER)
    fields = referral.dict(exclude={"citizen_id"})
    citizen = None
    if referral.citizen_id is not None:
        citizen = citizen_get(
            user=user,
            citizen_id=referral.citizen_id,
            purpose=_("Ansøgning/henvisning registreres via API"),
        )
        for name in ("cpr", "first_name", "last_name"):
            fields.pop(name)
    created = intake_register(user=user, citizen=citizen, **fields)
    return Status(201, referral_detail(created))


@router.post(
    "/{referral_id}/contacts",
    response={200: ReferralDetail, **problem_responses(401, 403, 404, 422, 429)},
    summary="Registrér første kontakt, første træning eller borgerens udsættelse",
    description="Som sagens skærm: datoen for første kontakt tilbudt opfylder kontaktfristen og "
    "datoen for første træning tilbudt startfristen (en dato efter fristen opfylder den for "
    "sent). Felter, der ikke sendes, beholder deres værdi.",
)
def record_contacts(request: HttpRequest, referral_id: PathId, contacts: ContactsIn):
    user, referral = _referral_to_change(request, referral_id)
    recorded = {
        **model_to_dict(referral, fields=CONTACT_FIELDS),
        **contacts.dict(exclude_unset=True),
    }
    referral_record_contacts(user=user, referral=referral, **recorded)
    return referral_detail(referral)


@router.post(
    "/{referral_id}/dates",
    response={200: ReferralDetail, **problem_responses(401, 403, 404, 422, 429)},
    summary="Ret henvisningens datoer; fristerne beregnes igen",
    description="Som sagens skærm: modtagelses-, udskrivnings- og startdato rettes, fristerne "
    "beregnes igen efter standarden, og rettelsen logges med begrundelsen. For en "
    "genoptræningsplan er det også visitators bekræftelse af udskrivningsdatoen. Felter, der "
    "ikke sendes, beholder deres værdi.",
)
def correct_dates(request: HttpRequest, referral_id: PathId, dates: DatesIn):
    user, referral = _referral_to_change(request, referral_id)
    corrected = {
        **model_to_dict(referral, fields=DATE_FIELDS),
        **dates.dict(exclude_unset=True, exclude={"reason"}),
    }
    if corrected["received_on"] is None:
        raise ValidationError({"received_on": [_("Skriv modtagelsesdatoen.")]})
    referral_correct_dates(user=user, referral=referral, reason=dates.reason, **corrected)
    return referral_detail(referral)
