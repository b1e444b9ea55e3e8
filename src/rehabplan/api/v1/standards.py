"""The quality standard in force for the caller's municipality, and what its rules say for given
facts: deadlines and eligibility, answered by the rules engine itself with its explanations.

Standards are public documents: every staff role may read them, as on the standard page."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field, StringConstraints

from rehabplan import rules
from rehabplan.api.auth import require
from rehabplan.api.problems import problem_responses
from rehabplan.api.schemas import Day, In
from rehabplan.organisation.standards import installation_registry
from rehabplan.rules.deadlines import standard_date
from rehabplan.rules.diff import describe_service
from rehabplan.rules.eligibility import ELIGIBLE, NEEDS_ASSESSMENT, NOT_ELIGIBLE
from rehabplan.rules.facts import PROGRAMMES
from rehabplan.rules.model import Explanation, Rule, Service, Source
from rehabplan.rules.registry import ResolvedStandard
from rehabplan.rules.ruletypes import SERVICE_CODE, SERVICE_CODE_MAX_LENGTH
from rehabplan.rules.wording import describe_rule, rule_topic

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

router = Router()

ServiceCode = Annotated[
    str,
    StringConstraints(
        min_length=1, max_length=SERVICE_CODE_MAX_LENGTH, pattern=SERVICE_CODE.pattern
    ),
]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]
# Facts are few; these bounds only keep a request from growing without end.
MAX_FACT_ENTRIES = 100
Programme = Literal[PROGRAMMES]  # type: ignore[valid-type]


# --- Output --------------------------------------------------------------------------------


class SourceOut(Schema):
    issuer: str = Field(description="Udsteder, fx kommunen eller Sundhedsstyrelsen")
    title: str
    date: str
    section: str
    url: str
    citation: str = Field(description="Kilden skrevet som henvisning")


class ExplanationOut(Schema):
    rule_id: str = Field(description="Reglen, fx demo:SUL140.start")
    text: str = Field(description="Forklaringen på dansk")
    source: SourceOut


class ServiceOut(Schema):
    code: str = Field(description="Indsatsens kode, fx SUL140")
    name: str
    legal_basis: str
    legal_basis_aeldreloven: str | None = Field(
        description="Lovgrundlaget for borgere omfattet af ældreloven, hvis et andet"
    )
    decision: str = Field(description="grant (bevilling/afslag) eller plan (ingen bevilling)")
    description: str = Field(description="Lovgrundlaget i en dansk sætning")
    follows: str = Field(description="Den nationale indsats, hvis proces indsatsen følger")
    defined_in: str = Field(description="Den version af standarden, der definerer indsatsen")
    source: SourceOut
    rule_ids: list[str] = Field(description="Reglerne, der gælder for indsatsen")


class RuleOut(Schema):
    id: str = Field(description="Reglens id, fx demo:SUL140.start")
    type: str = Field(
        description="Regeltype: deadline, criterion, frequency_limit, extent, team_size, "
        "delivery, transport, provider, referral_validity, attendance, complaint, "
        "termination, opening_hours, closed_days"
    )
    topic: str = Field(description="Hvad reglen handler om, på dansk")
    text: str = Field(description="Standardens egen ordlyd")
    effect: str = Field(description="Reglens virkning skrevet som en dansk sætning")
    services: list[str] | None = Field(description="Indsatserne, reglen gælder; tom: alle")
    defined_in: str = Field(description="Den version af standarden, der fastsætter reglen")
    exception: bool
    assumption: bool = Field(description="Reglen bygger på en antagelse, ikke kildens ordlyd")
    assumption_reason: str
    source: SourceOut


class StandardOut(Schema):
    municipality: str = Field(description="Kommunens navn")
    on: datetime.date = Field(description="Datoen, standarden gælder")
    standard_version: str = Field(description="Versionerne i kraft, fx demo@2025-01-01+…")
    services: list[ServiceOut]
    rules: list[RuleOut]


class DeadlineOut(Schema):
    kind: str = Field(description="contact (kontakt), decision (afgørelse) eller start")
    due: datetime.date | None = Field(description="Fristen; tom når hændelsen ikke kendes endnu")
    basis: str = Field(description="calendar_days, working_days, weeks eller gop")
    depends_on: str | None = Field(description="Den hændelse, hvis dato mangler")
    falls_on_closed_day: bool
    closed_day_reason: str | None
    explanations: list[ExplanationOut]


class DeadlinesOut(Schema):
    standard_version: str
    service: str
    service_name: str
    deadlines: list[DeadlineOut]
    explanations: list[ExplanationOut]


class CriterionOut(Schema):
    rule_id: str
    status: str = Field(description="met (opfyldt), unmet (ikke opfyldt) eller unknown (ukendt)")
    text: str = Field(description="Kriteriets ordlyd i standarden")
    detail: str = Field(description="Hvorfor, på dansk")
    source: SourceOut


class EligibilityOut(Schema):
    outcome: Literal[ELIGIBLE, NOT_ELIGIBLE, NEEDS_ASSESSMENT] = Field(  # type: ignore[valid-type]
        description="eligible (i målgruppen), not_eligible (ikke i målgruppen) eller "
        "needs_assessment (kræver en faglig vurdering)"
    )
    eligible: bool | None = Field(description="Tom, når det kræver en faglig vurdering")
    standard_version: str
    service: str
    service_name: str
    decision: str
    criteria: list[CriterionOut]
    explanations: list[ExplanationOut]


# --- Input ---------------------------------------------------------------------------------


class StandardQuery(In):
    on: Day | None = Field(None, description="Standarden pr. denne dato; standard: i dag")


class DeadlinesIn(In):
    service: ServiceCode = Field(description="Indsatsens kode, fx SUL140")
    discharge_on: Day | None = Field(None, description="Udskrivningsdag")
    received_on: Day | None = Field(None, description="Dag, henvisningen blev modtaget")
    granted_on: Day | None = Field(None, description="Dag, indsatsen blev bevilget")
    decided_on: Day | None = Field(None, description="Dag, der blev truffet afgørelse")
    gop_start_on: Day | None = Field(None, description="Start, som genoptræningsplanen angiver")
    standard_on: Day | None = Field(
        None, description="Standarden pr. denne dato; standard: den første kendte hændelse"
    )


class OtherServiceIn(In):
    model_config = ConfigDict(extra="forbid")

    service: ServiceCode
    impairment: ShortText | None = None


class FactsIn(In):
    """The engine's facts (rules/facts.schema.json); a fact left out is unknown."""

    model_config = ConfigDict(extra="forbid")

    birth_date: Day | None = None
    last_course_end: dict[ServiceCode, Day] | None = Field(
        None, max_length=MAX_FACT_ENTRIES, description="Seneste forløbs slutdato pr. indsats"
    )
    last_grant: dict[ServiceCode, Day] | None = Field(
        None, max_length=MAX_FACT_ENTRIES, description="Seneste bevilling pr. indsats"
    )
    other_services: list[OtherServiceIn] | None = Field(
        None, max_length=MAX_FACT_ENTRIES, description="Andre indsatser, borgeren har"
    )
    impairment: ShortText | None = Field(None, description="Funktionsnedsættelsen")
    needs_pt_and_ot: bool | None = None
    motivated: bool | None = None
    can_train_alone: bool | None = None
    covered_by_aeldreloven: bool | None = None
    has_gop: bool | None = None
    programme: Programme | None = Field(None, description="Forløbsprogram")
    fsiii: dict[ShortText, Annotated[int, Field(ge=0, le=9)]] | None = Field(
        None, max_length=MAX_FACT_ENTRIES, description="FSIII-kode -> niveau 0-4 eller 9"
    )
    assessments: dict[ShortText, bool] | None = Field(
        None,
        max_length=MAX_FACT_ENTRIES,
        description="Faglige vurderinger: kriteriets id -> opfyldt (true/false)",
    )


class EligibilityIn(In):
    service: ServiceCode = Field(description="Indsatsens kode, fx SUL90")
    on: Day | None = Field(None, description="Standarden pr. denne dato; standard: i dag")
    facts: FactsIn = Field(default_factory=FactsIn, description="Det, der vides om borgeren")


# --- Operations ----------------------------------------------------------------------------


def _slug(user: User) -> str:
    if user.municipality is None:
        raise PermissionDenied(_("Din bruger er ikke knyttet til en kommune."))
    return user.municipality.slug


def _source(source: Source) -> dict[str, str]:
    return {
        "issuer": source.issuer,
        "title": source.title,
        "date": source.date,
        "section": source.section,
        "url": source.url,
        "citation": source.cite(),
    }


def _explanations(explanations: tuple[Explanation, ...]) -> list[dict[str, Any]]:
    return [
        {"rule_id": item.rule_id, "text": item.text, "source": _source(item.source)}
        for item in explanations
    ]


def _unusable(error: rules.RulesError) -> ValidationError:
    return ValidationError(_("Kvalitetsstandarden kan ikke bruges: %(error)s") % {"error": error})


def _service(resolved: ResolvedStandard, service: Service) -> dict[str, Any]:
    applying = {
        rule.qualified_id: None
        for (code, _type), found in resolved.by_service.items()
        if code == service.code
        for rule in found
    }
    return {
        "code": service.code,
        "name": service.name,
        "legal_basis": service.legal_basis,
        "legal_basis_aeldreloven": service.aeldrelov.legal_basis if service.aeldrelov else None,
        "decision": service.decision,
        "description": describe_service(service),
        "follows": service.follows or service.code,
        "defined_in": service.origin,
        "source": _source(service.source),
        "rule_ids": list(applying),
    }


def _rule(rule: Rule, names: dict[str, str]) -> dict[str, Any]:
    return {
        "id": rule.qualified_id,
        "type": rule.type,
        "topic": rule_topic(rule.type, rule.params),
        "text": rule.text,
        "effect": describe_rule(rule, names),
        "services": list(rule.services) if rule.services is not None else None,
        "defined_in": rule.origin,
        "exception": rule.exception,
        "assumption": rule.assumption,
        "assumption_reason": rule.reason,
        "source": _source(rule.source),
    }


@router.get(
    "",
    response={200: StandardOut, **problem_responses(401, 403, 404, 422, 429)},
    summary="Kvalitetsstandarden i kraft for egen kommune",
    description="Indsatserne og alle regler i kraft på datoen (frister, visitationskriterier, "
    "omfang, befordring, klageadgang m.m.), hver med standardens ordlyd og kilde. "
    "404, når kommunen ingen standard har i kraft på datoen.",
)
def get_standard(request: HttpRequest, query: Query[StandardQuery]):
    slug = _slug(require(request))
    on = query.on or timezone.localdate()
    try:
        resolved = installation_registry().resolve(slug, on)
    except rules.LookupFailed as error:
        raise Http404(
            _("Kommunen har ingen kvalitetsstandard i kraft på datoen: %(error)s")
            % {"error": error}
        ) from None
    names = {code: service.name for code, service in resolved.services.items()}
    return {
        "municipality": resolved.municipality.name,
        "on": on,
        "standard_version": resolved.version_id,
        "services": [_service(resolved, service) for service in resolved.services.values()],
        "rules": [_rule(rule, names) for rule in resolved.rules.values()],
    }


@router.post(
    "/deadlines",
    response={200: DeadlinesOut, **problem_responses(400, 401, 403, 422, 429)},
    summary="Frister for givne datoer",
    description="Hvad standarden siger om kontakt-, afgørelses- og startfrist, når henvisningen "
    "er modtaget, borgeren udskrevet osv. på de givne datoer. Arbejdsdage er danske "
    "arbejdsdage (uden helligdage og standardens lukkedage); hver frist har sin forklaring.",
)
def compute_deadlines(request: HttpRequest, facts: DeadlinesIn):
    slug = _slug(require(request))
    registry = installation_registry()
    try:
        dates = _counted_from(facts)
        result = rules.deadlines(registry, slug, facts.service, **dates)
        service = registry.resolve(slug, standard_date(**dates)).service(facts.service)
    except rules.RulesError as error:
        raise _unusable(error) from None
    return {
        "standard_version": result.standard_version,
        "service": result.service,
        "service_name": service.name,
        "deadlines": [
            {
                "kind": deadline.kind,
                "due": deadline.due,
                "basis": deadline.basis,
                "depends_on": deadline.depends_on,
                "falls_on_closed_day": deadline.falls_on_closed_day,
                "closed_day_reason": deadline.closed_day_reason,
                "explanations": _explanations(deadline.explanation),
            }
            for deadline in result.deadlines
        ],
        "explanations": _explanations(result.explanation),
    }


def _counted_from(facts: DeadlinesIn) -> dict[str, datetime.date | None]:
    """The dates the deadlines count from, as the engine names them; with them, the engine and
    `standard_date` agree on the day whose standard applies."""
    return {
        "discharge": facts.discharge_on,
        "received": facts.received_on,
        "granted": facts.granted_on,
        "decided": facts.decided_on,
        "gop_start": facts.gop_start_on,
        "on": facts.standard_on,
    }


@router.post(
    "/eligibility",
    response={200: EligibilityOut, **problem_responses(400, 401, 403, 422, 429)},
    summary="Er borgeren i målgruppen? (for givne fakta)",
    description="Standardens visitationskriterier for indsatsen vurderet på de givne fakta: "
    "hvert kriterium opfyldt, ikke opfyldt eller ukendt, med ordlyd og kilde. Et faktum, der "
    "ikke er givet, er ukendt og gør aldrig et kriterium opfyldt. Intet gemmes.",
)
def check_eligibility(request: HttpRequest, case: EligibilityIn):
    slug = _slug(require(request))
    on = case.on or timezone.localdate()
    registry = installation_registry()
    try:
        result = rules.eligibility(
            registry,
            slug,
            case.service,
            on=on,
            facts=case.facts.model_dump(exclude_none=True),
        )
        service = registry.resolve(slug, on).service(case.service)
    except rules.FactsError as error:
        raise ValidationError(
            {"facts": [_("Fakta kan ikke bruges: %(error)s") % {"error": error}]}
        ) from None
    except rules.RulesError as error:
        raise _unusable(error) from None
    outcome = result.outcome
    return {
        "outcome": outcome,
        "eligible": None if outcome == NEEDS_ASSESSMENT else outcome == ELIGIBLE,
        "standard_version": result.standard_version,
        "service": result.service,
        "service_name": service.name,
        "decision": result.decision,
        "criteria": [
            {
                "rule_id": criterion.id,
                "status": criterion.status,
                "text": criterion.text,
                "detail": criterion.detail,
                "source": _source(criterion.source),
            }
            for criterion in result.criteria
        ],
        "explanations": _explanations(result.explanation),
    }
