"""Deadlines: a referral's deadlines with the rule, the source and the computed date behind each,
and the municipality's open deadlines (the worklist "Frister"), the most urgent first."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from rehabplan.api.auth import require
from rehabplan.api.pagination import PageParams, page_of
from rehabplan.api.problems import problem_responses
from rehabplan.api.schemas import In, PathId, choices_text
from rehabplan.audit.services import audit_list_view
from rehabplan.courses.models import DeadlineKind, Referral, StoredDeadline
from rehabplan.courses.models.referrals import MissReason
from rehabplan.courses.selectors import WorklistRow, open_deadlines, worklist_rows
from rehabplan.courses.selectors.intake import DeadlineState, deadline_states, referral_get
from rehabplan.rules.deadlines import standard_date
from rehabplan.web.standards.links import page_url, rule_url
from rehabplan.web.templatetags.rehabplan import source_text

router = Router()
VIEW = "courses.view_referral"
KIND = choices_text("Fristen", DeadlineKind.choices)


class DeadlineSourceOut(Schema):
    issuer: str = Field(description="Udsteder, fx kommunen eller Folketinget")
    title: str
    date: str = Field(description="Kildens dato (ÅÅÅÅ-MM-DD)")
    section: str = Field(description="Afsnittet i kilden")
    url: str


class ExplanationLine(Schema):
    rule_id: str = Field(description="Reglens id i kvalitetsstandarden, fx `demo:SEL86.start`")
    text: str = Field(description="Reglen anvendt på sagen, i en dansk sætning")
    source: DeadlineSourceOut
    source_text: str = Field(description="Kilden på én linje, som på skærmen")
    rule_url: str = Field(description="Reglen på siden med kommunens kvalitetsstandard")


class DeadlineExplained(Schema):
    kind: str = Field(description=KIND)
    label: str
    due: datetime.date | None = Field(description="Senest; tom, mens fristen afventer en dato")
    depends_on: str = Field(description="Den dato, fristen afventer (fx `decided`), ellers tom")
    basis: str = Field(description="Hvordan fristen tælles, fx `working_days` eller `gop`")
    falls_on_closed_day: bool
    met_on: datetime.date | None = Field(description="Overholdt den (tilbudt den)")
    state: str = Field(description="Fristens stand i ord, som på skærmen")
    urgent: bool = Field(description="Højst 2 dage tilbage")
    overdue: bool
    miss_reason: str = Field(
        description=choices_text("Årsag til overskredet frist", MissReason.choices)
    )
    miss_reason_note: str
    standard_version: str = Field(description="Kvalitetsstandarden, fristen er beregnet efter")
    explanation: list[ExplanationLine]


class ReferralDeadlines(Schema):
    referral_id: int
    citizen_id: int
    standard_on: datetime.date = Field(description="Dagen, hvis kvalitetsstandard gælder sagen")
    standard_url: str = Field(description="Kvalitetsstandarden på den dag")
    deadlines: list[DeadlineExplained]


class OpenDeadline(Schema):
    id: int
    referral_id: int
    citizen_id: int
    citizen_name: str
    service_code: str
    service_name: str
    kind: str = Field(description=KIND)
    label: str
    due: datetime.date
    days_left: int = Field(description="Dage til fristen; negativt, når den er overskredet")
    days_left_text: str
    at_risk: bool = Field(description="Højst 2 dage tilbage")
    overdue: bool
    falls_on_closed_day: bool
    rule_id: str = Field(description="Reglen bag fristen (forklaringens første linje)")
    rule_url: str


class OpenDeadlinePage(Schema):
    items: list[OpenDeadline]
    next_cursor: str | None


class OpenDeadlineFilter(In):
    at_risk: bool = Field(False, description="Kun frister med højst 2 dage tilbage")


def _explanation(lines: list[dict[str, Any]], on: datetime.date, slug: str) -> list[dict]:
    return [
        {
            "rule_id": line.get("rule_id", ""),
            "text": line.get("text", ""),
            "source": {
                name: (line.get("source") or {}).get(name, "")
                for name in DeadlineSourceOut.model_fields
            },
            "source_text": source_text(line.get("source")),
            "rule_url": rule_url(line.get("rule_id", ""), on, slug),
        }
        for line in lines
    ]


def _explained(state: DeadlineState, on: datetime.date, slug: str) -> dict[str, Any]:
    deadline: StoredDeadline = state.deadline  # type: ignore[assignment]
    return {
        "kind": state.kind,
        "label": state.label,
        "due": deadline.due,
        "depends_on": deadline.depends_on,
        "basis": deadline.basis,
        "falls_on_closed_day": deadline.falls_on_closed_day,
        "met_on": deadline.met_on,
        "state": state.text,
        "urgent": state.urgent,
        "overdue": state.overdue,
        "miss_reason": deadline.miss_reason,
        "miss_reason_note": deadline.miss_reason_note,
        "standard_version": deadline.standard_version,
        "explanation": _explanation(deadline.explanation or [], on, slug),
    }


def _standard_on(referral: Referral) -> datetime.date:
    return standard_date(**referral.event_dates)


def _open_deadline(row: WorklistRow, slug: str) -> dict[str, Any]:
    deadline = row.deadline
    referral = deadline.referral
    rule_id = deadline.first_rule_id or ""  # type: ignore[attr-defined]
    return {
        "id": deadline.pk,
        "referral_id": referral.pk,
        "citizen_id": referral.citizen_id,
        "citizen_name": referral.citizen.full_name,
        "service_code": referral.service_code,
        "service_name": referral.service_name,
        "kind": deadline.kind,
        "label": deadline.get_kind_display(),
        "due": deadline.due,
        "days_left": row.days_left,
        "days_left_text": row.days_left_text,
        "at_risk": row.at_risk,
        "overdue": row.overdue,
        "falls_on_closed_day": deadline.falls_on_closed_day,
        "rule_id": rule_id,
        "rule_url": rule_url(rule_id, deadline.standard_date, slug) if rule_id else "",
    }


@router.get(
    "/referrals/{referral_id}/deadlines",
    response={200: ReferralDeadlines, **problem_responses(401, 403, 404, 422, 429)},
    summary="En henvisnings frister med begrundelse",
    description="Hver frist med dens dato, dens stand og begrundelsen: reglen, sætningen og "
    "kilden i kvalitetsstandarden, som sagens side viser dem.",
)
def referral_deadlines(request: HttpRequest, referral_id: PathId):
    user = require(request, VIEW)
    referral = referral_get(user=user, referral_id=referral_id, purpose=_("Frister vist via API"))
    on = _standard_on(referral)
    slug = referral.municipality.slug
    states = deadline_states(referral, timezone.localdate())
    return {
        "referral_id": referral.pk,
        "citizen_id": referral.citizen_id,
        "standard_on": on,
        "standard_url": page_url(slug, on),
        "deadlines": [_explained(state, on, slug) for state in states],
    }


@router.get(
    "/deadlines",
    response={200: OpenDeadlinePage, **problem_responses(400, 401, 403, 422, 429)},
    summary="Kommunens åbne frister, de mest presserende først",
    description='Fristlisten ("Frister"): åbne frister på sager, der ikke er afsluttet, '
    "sorteret efter dato.",
)
def list_open_deadlines(request: HttpRequest, page: PageParams, filters: Query[OpenDeadlineFilter]):
    user = require(request, VIEW)
    today = timezone.localdate()
    found = page_of(
        open_deadlines(municipality=user.municipality, today=today, only_at_risk=filters.at_risk),
        page,
        scope="deadlines",
        order=("due",),
    )
    rows = worklist_rows(found.items, today)
    audit_list_view(
        user=user,
        summary=_("Fristlisten hentet via API"),
        citizen_ids=(row.deadline.referral.citizen_id for row in rows),
    )
    slug = user.municipality.slug
    items = [_open_deadline(row, slug) for row in rows]
    return {"items": items, "next_cursor": found.next_cursor}
