"""Referral (GOP, GP referral, application) -> ServiceRequest with intent "order"."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from fhir.resources.R4B.period import Period
from fhir.resources.R4B.reference import Reference
from fhir.resources.R4B.servicerequest import ServiceRequest

from rehabplan.courses.models import ReferralSource
from rehabplan.courses.standard_services import GOP_SERVICE
from rehabplan.fhir import codes
from rehabplan.fhir.resources.common import coding, concept, display_only, reference, subject
from rehabplan.fhir.resources.condition import condition_id, diagnosis_concept
from rehabplan.fhir.resources.diagnoses import referral_diagnoses
from rehabplan.reporting.klgateway import mapping

if TYPE_CHECKING:
    from fhir.resources.R4B.codeableconcept import CodeableConcept

    from rehabplan.courses.models import Referral


def service_concept(code: str, name: str) -> CodeableConcept:
    """The service as the product's standard names it (§140 genoptræning, §86 vedligeholdende
    træning, ...); training after a hospital stay also carries KL's national service code."""
    codings = [coding(codes.SERVICE_SYSTEM, code, name)]
    if code == GOP_SERVICE:
        codings.append(coding(codes.CARE_SOCIAL, codes.SERVICE_REHAB_AFTER_HOSPITAL, name))
    return concept(*codings, text=name)


def _status(referral: Referral) -> str:
    course = getattr(referral, "course", None)
    if course is not None and course.status == "closed":
        return "completed"
    return mapping.REFERRAL_STATUS.get(referral.status, "unknown")


def _authored_on(referral: Referral) -> datetime.date | datetime.datetime:
    authorised = (referral.gop_content or {}).get("authorised_at")
    if authorised:
        try:
            moment = datetime.datetime.fromisoformat(str(authorised))
        except ValueError:
            return referral.received_on
        # A moment without a zone says nothing exact; its day is what is known.
        return moment if moment.tzinfo is not None else moment.date()
    return referral.received_on


def _requester(referral: Referral) -> Reference | None:
    sender = (referral.gop_content or {}).get("sender") or {}
    named = referral.referring_unit or ", ".join(
        part for part in (sender.get("organisation"), sender.get("department")) if part
    )
    if not named and referral.source == ReferralSource.GP:
        named = referral.citizen.gp_name
    if not named:
        return None
    kind = "Practitioner" if referral.source == ReferralSource.GP else "Organization"
    return display_only(named, kind)


def _occurrence(referral: Referral) -> Period | None:
    course = getattr(referral, "course", None)
    start = (course.start_on if course is not None else None) or referral.gop_start_on
    end = (course.ended_on or course.planned_end_on) if course is not None else None
    if start is None:
        return None
    return Period(start=start, end=end if end is not None and end >= start else None)


def _categories(referral: Referral) -> list[CodeableConcept] | None:
    plan_type = mapping.PLAN_TYPE_CATEGORY.get(referral.plan_type)
    if not plan_type:
        return None
    found = [concept(coding(codes.CARE_SOCIAL, plan_type, codes.KL_DISPLAYS[plan_type]))]
    level = mapping.GOP_LEVEL_CATEGORY.get(referral.gop_level)
    if level:
        found.append(concept(coding(codes.CARE_SOCIAL, level, codes.KL_DISPLAYS[level])))
    return found


def service_request(referral: Referral) -> ServiceRequest:
    diagnoses = referral_diagnoses(referral)
    return ServiceRequest(
        id=str(referral.pk),
        status=_status(referral),
        intent="order",
        category=_categories(referral),
        code=service_concept(referral.service_code, referral.service_name),
        subject=subject(referral.citizen),
        occurrencePeriod=_occurrence(referral),
        authoredOn=_authored_on(referral),
        requester=_requester(referral),
        reasonCode=[diagnosis_concept(diagnosis) for diagnosis in diagnoses] or None,
        reasonReference=[
            reference("Condition", condition_id(referral.pk, diagnosis.number))
            for diagnosis in diagnoses
        ]
        or None,
        replaces=[reference("ServiceRequest", referral.replaces_id)]
        if referral.replaces_id
        else None,
    )
