"""A referral's diagnosis -> Condition (dk-core-condition, the SKS code in the `SKS-D` slice).

The product keeps diagnoses on the referral, not as records of their own: the Condition's id is
the referral's id and the diagnosis' place in its list ("12-1" is referral 12's primary)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.condition import Condition, ConditionEvidence

from rehabplan.fhir import codes
from rehabplan.fhir.resources.common import coding, concept, meta, reference, subject
from rehabplan.fhir.resources.diagnoses import Diagnosis

if TYPE_CHECKING:
    from rehabplan.courses.models import Referral


def condition_id(referral_id: int, number: int) -> str:
    return f"{referral_id}-{number}"


def diagnosis_concept(diagnosis: Diagnosis) -> CodeableConcept:
    codings = [coding(codes.SKS_SYSTEM, diagnosis.code, diagnosis.text)] if diagnosis.code else []
    return concept(*codings, text=diagnosis.text or diagnosis.code)


def condition(referral: Referral, diagnosis: Diagnosis) -> Condition:
    # A hospital's diagnosis is confirmed; one typed in from a referral letter is as the
    # referrer stated it, so it is left without a verification status.
    from_gop = bool((referral.gop_content or {}).get("diagnoses"))
    return Condition(
        id=condition_id(referral.pk, diagnosis.number),
        meta=meta(codes.DK_CORE_CONDITION),
        clinicalStatus=concept(coding(codes.CONDITION_CLINICAL, "active")),
        verificationStatus=concept(coding(codes.CONDITION_VERIFICATION, "confirmed"))
        if from_gop
        else None,
        category=[concept(coding(codes.CONDITION_CATEGORY, "encounter-diagnosis"))],
        code=diagnosis_concept(diagnosis),
        subject=subject(referral.citizen),
        recordedDate=referral.received_on,
        evidence=[ConditionEvidence(detail=[reference("ServiceRequest", referral.pk)])],
    )
