"""Assessment and decision: an FSIII assessment on a referral, the grant or refusal (or, for a
GOP, the level and plan), and the decisions as made, with the letter the service sent.

The same services as the decision screens: the rules engine decides what is met and how much
the standard allows, and the service writes the letter with its complaint guidance into the
outbox."""

from __future__ import annotations

import datetime
from typing import Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from rehabplan.api.auth import caller, require
from rehabplan.api.problems import problem_responses
from rehabplan.api.schemas import Day, In, PathId, choices_text
from rehabplan.courses.models import (
    Assessment,
    AssessmentPhase,
    Decision,
    DecisionOutcome,
    FunctionLevel,
    GopLevel,
)
from rehabplan.courses.selectors.decisions import (
    PROGRAMME_LABELS,
    DecisionAnswers,
    decision_for_user,
    decision_letter_export,
    referral_assessments,
    referral_decisions,
    referral_for_user,
)
from rehabplan.courses.selectors.intake import referral_get
from rehabplan.courses.services.assessments import assessment_record
from rehabplan.courses.services.decisions import (
    decision_make,
    decision_record_receipt,
    decision_set_plan,
)
from rehabplan.outbox.models import Channel, MessageState

router = Router()
VIEW = "courses.view_referral"
DECIDE = "courses.decide_referral"
DOCUMENT = "courses.document_course"
# Text a visitator writes into a decision or an assessment; a letter holds far less.
MAX_TEXT = 10_000

ProgrammeCode = Literal[tuple(PROGRAMME_LABELS)]  # type: ignore[valid-type]
PhaseCode = Literal[tuple(AssessmentPhase.values)]  # type: ignore[valid-type]
LevelCode = Literal[tuple(GopLevel.values)]  # type: ignore[valid-type]


# --- Assessment ----------------------------------------------------------------------------


class AssessmentIn(In):
    phase: PhaseCode | None = Field(
        None,
        description="Tidspunkt; tom: visitation for en visitator, ellers opstart. "
        + choices_text("Koder", AssessmentPhase.choices),
    )
    assessed_on: Day = Field(description="Vurderet den")
    levels: dict[str, int] = Field(
        max_length=200,
        description="FSIII-kode (ny eller gammel) -> niveau. "
        + choices_text("Niveauer", FunctionLevel.choices),
    )
    note: str = Field("", max_length=MAX_TEXT, description="Kort om funktionsevnen i hverdagen")


class AssessmentItemOut(Schema):
    code: str
    label: str
    level: int


class AssessmentOut(Schema):
    id: int
    citizen_id: int
    referral_id: int | None
    phase: str
    assessed_on: datetime.date
    note: str
    items: list[AssessmentItemOut]


def assessment_out(assessment: Assessment) -> dict[str, Any]:
    return {
        "id": assessment.pk,
        "citizen_id": assessment.citizen_id,
        "referral_id": assessment.referral_id,
        "phase": assessment.phase,
        "assessed_on": assessment.assessed_on,
        "note": assessment.note,
        "items": sorted(assessment.items.all(), key=lambda item: item.code),
    }


def _may_assess(request: HttpRequest) -> Any:
    user = caller(request)
    if not (user.has_perm(DECIDE) or user.has_perm(DOCUMENT)):
        raise PermissionDenied(_("Du har ikke adgang til at registrere funktionsvurderinger."))
    return user


@router.post(
    "/referrals/{referral_id}/assessments",
    response={201: AssessmentOut, **problem_responses(401, 403, 404, 422, 429)},
    summary="Registrér funktionsvurdering (FSIII) på en henvisning",
)
def record_assessment(request: HttpRequest, referral_id: PathId, assessment: AssessmentIn):
    user = _may_assess(request)
    referral = referral_for_user(user=user, referral_id=referral_id)
    phase = assessment.phase or (
        AssessmentPhase.VISITATION if user.has_perm(DECIDE) else AssessmentPhase.START
    )
    recorded: Assessment = assessment_record(
        user=user,
        citizen=referral.citizen,
        referral=referral,
        phase=phase,
        assessed_on=assessment.assessed_on,
        levels=assessment.levels,
        note=assessment.note,
    )
    return Status(201, assessment_out(recorded))


@router.get(
    "/referrals/{referral_id}/assessments",
    response={200: list[AssessmentOut], **problem_responses(401, 403, 404, 422, 429)},
    summary="En henvisnings funktionsvurderinger, den nyeste først",
)
def list_assessments(request: HttpRequest, referral_id: PathId):
    user = require(request, VIEW)
    referral = referral_get(
        user=user, referral_id=referral_id, purpose=_("Funktionsvurderinger vist via API")
    )
    return [assessment_out(assessment) for assessment in referral_assessments(referral)]


# --- Decisions -----------------------------------------------------------------------------


class AnswersIn(In):
    motivated: bool | None = Field(None, description="Er borgeren motiveret for træning?")
    can_train_alone: bool | None = Field(
        None, description="Kan borgeren træne på egen hånd eller i andet regi?"
    )
    needs_pt_and_ot: bool | None = Field(
        None, description="Er der behov for både fysio- og ergoterapeut?"
    )
    programme: ProgrammeCode | None = Field(
        None, description=choices_text("Forløbsprogram (§ 119)", PROGRAMME_LABELS.items())
    )
    judgements: dict[str, bool] = Field(
        default_factory=dict,
        max_length=100,
        description="Kriteriets id uden kommunen (fx `SEL86-1.potential`) -> opfyldt eller ej, "
        "for kriterier, der kræver en faglig vurdering",
    )


class DecisionIn(In):
    outcome: Literal["granted", "refused"] = Field(description="Bevilling eller afslag")
    decided_on: Day = Field(description="Afgørelsesdato")
    answers: AnswersIn = Field(
        default_factory=AnswersIn, description="Visitators svar, som kriterierne bygger på"
    )
    extent_tier: str = Field(
        "", max_length=120, description="Trinnet i standardens omfang, hvor standarden har trin"
    )
    granted_sessions: int | None = Field(None, ge=1, le=200, description="Antal gange i alt")
    sessions_per_week: int | None = Field(None, ge=1, le=14, description="Gange pr. uge")
    granted_weeks: int | None = Field(None, ge=1, le=104, description="Antal uger")
    period_start: Day | None = Field(None, description="Periode fra; tom: afgørelsesdatoen")
    period_end: Day | None = Field(
        None, description="Periode til; tom: ud fra antal uger eller standardens længste periode"
    )
    deviation_reason: str = Field(
        "",
        max_length=MAX_TEXT,
        description="Skal udfyldes, når omfanget afviger fra kvalitetsstandarden",
    )
    refusal_reason: str = Field(
        "", max_length=MAX_TEXT, description="Skal udfyldes ved afslag; står i brevet"
    )


class PlanIn(In):
    decided_on: Day = Field(description="Dato")
    level: LevelCode = Field(description=choices_text("Niveau", GopLevel.choices))
    plan_text: str = Field(
        min_length=1,
        max_length=MAX_TEXT,
        description="Indhold, træningsform og hyppighed; står i planbrevet til borgeren",
    )


class ReceiptIn(In):
    received_on: Day = Field(description="Dagen, borgeren modtog brevet")


class DecisionCriterionOut(Schema):
    id: str
    status: str = Field(description="`met`, `unmet` eller `unknown`")
    text: str
    detail: str


class ComplaintStepOut(Schema):
    order: int
    body: str = Field(description="Hvor der klages")
    address: str | None
    deadline: datetime.date | None = Field(description="Klagefristen, når den kan beregnes")
    weeks: int | None


class ComplaintRouteOut(Schema):
    topic: str = Field(description="`decision`, `service` eller `health`")
    text: str
    steps: list[ComplaintStepOut]


class LetterOut(Schema):
    id: int
    channel: str = Field(description=choices_text("Kanal", Channel.choices))
    state: str = Field(description=choices_text("Status", MessageState.choices))
    url: str = Field(description="Brevet som PDF")


class DecisionOut(Schema):
    id: int
    referral_id: int
    citizen_id: int
    outcome: str = Field(description=choices_text("Afgørelse", DecisionOutcome.choices))
    decided_on: datetime.date
    decided_by: str
    service_name: str
    legal_basis: str
    standard_version: str
    eligibility: str = Field(
        description="`eligible`, `not_eligible` eller `needs_assessment` efter kriterierne"
    )
    criteria: list[DecisionCriterionOut]
    extent_tier: str
    granted_sessions: int | None
    granted_weeks: int | None
    sessions_per_week: int | None
    period_start: datetime.date | None
    period_end: datetime.date | None
    deviation_reason: str
    refusal_reason: str
    level: str = Field(description="Niveau (kun plan efter sundhedsloven § 140)")
    plan_text: str
    transport: str = Field(description="Befordring, som brevet beskriver den")
    letter: LetterOut | None = Field(description="Brevet med klagevejledning, lagt i udbakken")
    letter_received_on: datetime.date | None
    complaint_deadline: datetime.date | None = Field(
        description="Beregnes, når borgerens modtagelse af brevet er registreret"
    )
    complaint_routes: list[ComplaintRouteOut]


# Returned as stored; the rest of DecisionOut is read from the engine's results kept with it.
DECISION_FIELDS = (
    "id",
    "referral_id",
    "outcome",
    "decided_on",
    "service_name",
    "legal_basis",
    "standard_version",
    "extent_tier",
    "granted_sessions",
    "granted_weeks",
    "sessions_per_week",
    "period_start",
    "period_end",
    "deviation_reason",
    "refusal_reason",
    "level",
    "plan_text",
    "letter_received_on",
    "complaint_deadline",
)


def _letter(decision: Decision) -> dict[str, Any] | None:
    letter = decision.letter
    if letter is None:
        return None
    return {
        "id": letter.pk,
        "channel": letter.channel,
        "state": letter.state,
        "url": reverse("api-v1:get_decision_letter", kwargs={"decision_id": decision.pk}),
    }


def decision_out(decision: Decision) -> dict[str, Any]:
    eligibility = decision.eligibility or {}
    guidance = decision.complaint_guidance or {}
    return {
        **{name: getattr(decision, name) for name in DECISION_FIELDS},
        "citizen_id": decision.referral.citizen_id,
        "decided_by": decision.decided_by.display_name,
        "eligibility": eligibility.get("outcome", ""),
        "criteria": [{"detail": "", **criterion} for criterion in eligibility.get("criteria", [])],
        "transport": (decision.transport or {}).get("text", ""),
        "letter": _letter(decision),
        "complaint_routes": guidance.get("routes", []),
    }


@router.post(
    "/referrals/{referral_id}/decisions",
    response={201: DecisionOut, **problem_responses(401, 403, 404, 422, 429)},
    summary="Træf afgørelse: bevilling eller afslag",
    description="Som afgørelsesskærmen: visitators svar går til reglerne, som afgør, om "
    "kriterierne er opfyldt, og hvilket omfang standarden giver; afvigelser fra omfanget kræver "
    "en begrundelse, et afslag en begrundelse. Brevet med klagevejledning lægges i udbakken til "
    "Digital Post, og fristerne beregnes igen. En genoptræningsplan (sundhedsloven § 140) "
    "afgøres ikke; brug `POST /referrals/{referral_id}/plan`.",
)
def make_decision(request: HttpRequest, referral_id: PathId, decision: DecisionIn):
    user = require(request, DECIDE)
    referral = referral_for_user(user=user, referral_id=referral_id)
    made = decision_make(
        user=user,
        referral=referral,
        answers=DecisionAnswers(**decision.answers.dict()),
        **decision.dict(exclude={"answers"}),
    )
    return Status(201, decision_out(made))


@router.post(
    "/referrals/{referral_id}/plan",
    response={201: DecisionOut, **problem_responses(401, 403, 404, 422, 429)},
    summary="Fastlæg niveau og plan (genoptræning efter sundhedsloven § 140)",
    description="Som planskærmen: kommunen fastlægger niveau og plan for en "
    "genoptræningsplan; planbrevet lægges i udbakken.",
)
def set_plan(request: HttpRequest, referral_id: PathId, plan: PlanIn):
    user = require(request, DECIDE)
    referral = referral_for_user(user=user, referral_id=referral_id)
    made = decision_set_plan(user=user, referral=referral, **plan.dict())
    return Status(201, decision_out(made))


@router.get(
    "/referrals/{referral_id}/decisions",
    response={200: list[DecisionOut], **problem_responses(401, 403, 404, 422, 429)},
    summary="En henvisnings afgørelser, den nyeste først",
)
def list_decisions(request: HttpRequest, referral_id: PathId):
    user = require(request, VIEW)
    referral = referral_get(
        user=user, referral_id=referral_id, purpose=_("Afgørelser vist via API")
    )
    return [decision_out(decision) for decision in referral_decisions(referral)]


@router.get(
    "/decisions/{decision_id}",
    response={200: DecisionOut, **problem_responses(401, 403, 404, 422, 429)},
    summary="Én afgørelse",
)
def get_decision(request: HttpRequest, decision_id: PathId):
    user = require(request, VIEW)
    decision = decision_for_user(
        user=user, decision_id=decision_id, purpose=_("Afgørelse vist via API")
    )
    return decision_out(decision)


@router.get(
    "/decisions/{decision_id}/letter",
    response={200: None, **problem_responses(401, 403, 404, 422, 429)},
    summary="Afgørelsens brev som PDF",
    openapi_extra={
        "responses": {
            200: {
                "description": "Brevet, som det blev sendt",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def get_decision_letter(request: HttpRequest, decision_id: PathId) -> HttpResponse:
    user = require(request, VIEW)
    filename, document = decision_letter_export(user=user, decision_id=decision_id)
    response = HttpResponse(document, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@router.post(
    "/decisions/{decision_id}/receipt",
    response={200: DecisionOut, **problem_responses(401, 403, 404, 422, 429)},
    summary="Registrér, hvornår borgeren modtog brevet",
    description="Som afgørelsesskærmen: klagefristen beregnes fra modtagelsen efter "
    "kvalitetsstandardens klagevejledning. Datoen må ikke ligge før afgørelsen eller i fremtiden.",
)
def record_letter_receipt(request: HttpRequest, decision_id: PathId, receipt: ReceiptIn):
    user = require(request, DECIDE)
    decision = decision_for_user(user=user, decision_id=decision_id)
    recorded = decision_record_receipt(
        user=user, decision=decision, received_on=receipt.received_on
    )
    return decision_out(recorded)
