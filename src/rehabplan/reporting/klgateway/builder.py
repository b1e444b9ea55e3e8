"""Build one `klgateway-140-delivery-report` Bundle from a citizen's facts.

The resources are assembled as the profiles describe them and then parsed by `fhir.resources`
(its R4B models: the package ships no R4 models, and R4B keeps R4's shape for every resource the
report uses), so the JSON delivered is valid FHIR as well as §140-conformant (see checker.py).
Entry ids are UUIDs derived from the municipality and the product's record, so a correction of
a period names the same referral, course and session by the same id."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from fhir.resources.R4B.bundle import Bundle

from rehabplan.reference.fsiii_interventions import (
    PHYSICAL_TRAINING,
    THERAPEUTIC_ASSESSMENT,
    fsiii_intervention,
)
from rehabplan.reporting.klgateway import codes, mapping
from rehabplan.reporting.klgateway.facts import (
    CitizenFacts,
    CourseFacts,
    OrganisationFacts,
    ReferralFacts,
)

ID_NAMESPACE = uuid.UUID("8f0f5b8e-6a59-4d61-9d0e-8b1c140a2026")


def entry_url(scope: str, key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(ID_NAMESPACE, f'{scope}/{key}')}"


def _meta(profile_id: str) -> dict[str, Any]:
    return {"profile": [codes.profile_url(profile_id)]}


def _coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    coding: dict[str, Any] = {"system": system, "code": code}
    if display:
        coding["display"] = display
    return coding


def _ref(url: str) -> dict[str, Any]:
    return {"reference": url}


class _Assembler:
    def __init__(self, citizen: CitizenFacts, scope: str) -> None:
        self.citizen = citizen
        self.scope = scope
        self.entries: list[dict[str, Any]] = []
        self.seen: set[str] = set()

    def url(self, key: str) -> str:
        return entry_url(self.scope, key)

    def add(self, key: str, resource: dict[str, Any]) -> str:
        url = self.url(key)
        if url not in self.seen:
            self.seen.add(url)
            self.entries.append({"fullUrl": url, "resource": resource})
        return url

    def organisation(self, organisation: OrganisationFacts) -> str:
        resource: dict[str, Any] = {
            "resourceType": "Organization",
            "meta": _meta(codes.ORGANIZATION),
            "identifier": [
                {"use": "official", "system": codes.SOR_SYSTEM, "value": organisation.sor_code}
            ]
            if organisation.sor_code
            else [],
        }
        return self.add(organisation.key, resource)

    def patient(self) -> str:
        citizen = self.citizen
        return self.add(
            citizen.key,
            {
                "resourceType": "Patient",
                "meta": _meta(codes.CITIZEN),
                "identifier": [
                    {"use": "official", "system": codes.CPR_SYSTEM, "value": citizen.cpr}
                ],
                "deceasedBoolean": citizen.deceased,
                "managingOrganization": {
                    "identifier": {
                        "use": "official",
                        "system": codes.SOR_SYSTEM,
                        "value": citizen.managing_organisation.sor_code,
                    }
                },
            },
        )

    def service_request(self, referral: ReferralFacts, patient: str) -> str:
        reasons = [
            self.add(
                f"{referral.key}-diagnosis-{diagnosis.code}",
                {
                    "resourceType": "Condition",
                    "meta": _meta(codes.FOCUS_CONDITION),
                    "clinicalStatus": {"coding": [_coding(codes.CONDITION_CLINICAL, "active")]},
                    "code": {
                        "coding": [_coding(codes.SKS_SYSTEM, diagnosis.code, diagnosis.text)],
                        **({"text": diagnosis.text} if diagnosis.text else {}),
                    },
                    "subject": _ref(patient),
                },
            )
            for diagnosis in referral.diagnoses
        ]
        categories = []
        plan_type = mapping.PLAN_TYPE_CATEGORY.get(referral.plan_type)
        if plan_type:
            categories.append(
                {"coding": [_coding(codes.CARE_SOCIAL, plan_type, codes.DISPLAYS[plan_type])]}
            )
            level = mapping.GOP_LEVEL_CATEGORY.get(referral.gop_level)
            if level and plan_type == codes.CATEGORY_GENERAL:
                categories.append(
                    {"coding": [_coding(codes.CARE_SOCIAL, level, codes.DISPLAYS[level])]}
                )
        extensions: list[dict[str, Any]] = []
        if referral.discharge_on is not None:
            extensions.append(
                {"url": codes.EXT_DISCHARGE_DATE, "valueDate": referral.discharge_on.isoformat()}
            )
        reason = mapping.FREE_CHOICE_REASON.get(referral.free_choice)
        if referral.status == "other_municipality":
            reason = mapping.STATUS_REASON_OTHER_MUNICIPALITY
        if reason:
            extensions.append(
                {
                    "url": codes.EXT_STATUS_REASON,
                    "valueCodeableConcept": {"coding": [_coding(codes.CARE_SOCIAL, reason)]},
                }
            )
        resource: dict[str, Any] = {
            "resourceType": "ServiceRequest",
            "meta": _meta(codes.SERVICE_REQUEST),
            "extension": extensions,
            "status": _service_request_status(referral),
            "intent": "plan",
            "category": categories,
            "code": {"coding": [_coding(codes.CARE_SOCIAL, codes.SERVICE_REHAB_AFTER_HOSPITAL)]},
            "subject": _ref(patient),
            "authoredOn": referral.authored_on.isoformat(),
            "reasonReference": [_ref(url) for url in reasons],
        }
        if referral.requester is not None:
            resource["requester"] = _ref(self.organisation(referral.requester))
        if referral.replaces_key:
            resource["replaces"] = [_ref(self.url(referral.replaces_key))]
        if referral.first_contact_offered_on is not None:
            resource["occurrencePeriod"] = {"start": referral.first_contact_offered_on.isoformat()}
        return self.add(referral.key, _without_empty(resource))

    def conditions(self, referral: ReferralFacts, patient: str) -> list[str]:
        return [
            self.add(
                f"{referral.key}-condition-{condition.code}",
                {
                    "resourceType": "Condition",
                    "meta": _meta(codes.CONDITION),
                    "clinicalStatus": {
                        "coding": [{"system": codes.CONDITION_CLINICAL, "code": "active"}]
                    },
                    "verificationStatus": {
                        "coding": [{"system": codes.CONDITION_VERIFICATION, "code": "confirmed"}]
                    },
                    "category": [
                        {
                            "coding": [
                                {"system": codes.CONDITION_CATEGORY, "code": "problem-list-item"}
                            ]
                        }
                    ],
                    "code": {"coding": [_coding(codes.FSIII, condition.code, condition.display)]},
                    "subject": _ref(patient),
                    "recordedDate": condition.recorded_on.isoformat(),
                },
            )
            for condition in referral.conditions
        ]

    def course(
        self,
        referral: ReferralFacts,
        course: CourseFacts,
        patient: str,
        request: str,
        performer: str,
        conditions: list[str],
    ) -> None:
        plan_status, activity_status = mapping.COURSE_STATUS.get(
            course.status, ("unknown", "unknown")
        )
        cancellation = None
        if course.status == "cancelled":
            cancellation = mapping.CANCELLED_COURSE_REASON
        elif course.status == "closed" and course.end_reason in mapping.END_REASON_CANCELLATION:
            activity_status = "stopped"
            cancellation = mapping.END_REASON_CANCELLATION[course.end_reason]
        based_on_request = {
            "url": codes.EXT_BASED_ON_SERVICE_REQUEST,
            "valueReference": _ref(request),
        }
        detail: dict[str, Any] = {"status": activity_status, "performer": [_ref(performer)]}
        if cancellation:
            detail["statusReason"] = {"coding": [_coding(codes.CARE_SOCIAL, cancellation)]}
        period = {"start": course.granted_on.isoformat()}
        if course.ended_on is not None:
            period["end"] = course.ended_on.isoformat()
        care_plan = self.add(
            course.key,
            {
                "resourceType": "CarePlan",
                "meta": _meta(codes.CARE_PLAN),
                "extension": [based_on_request],
                "status": plan_status,
                "intent": "plan",
                "category": [
                    {"coding": [_coding(codes.CARE_SOCIAL, codes.CARE_PLAN_INTERVENTION)]}
                ],
                "subject": _ref(patient),
                "period": period,
                "activity": [{"detail": detail}],
            },
        )
        # The therapist's assessment at the intake talk: a one-off intervention of its own.
        assessed_on = course.intake_on or course.start_on or course.granted_on
        assessment = fsiii_intervention(THERAPEUTIC_ASSESSMENT)
        training = fsiii_intervention(
            mapping.PROFESSION_INTERVENTION.get(course.profession, PHYSICAL_TRAINING)
        )
        assert assessment is not None and training is not None  # shipped in the code list
        assessment_done = course.intake_on is not None or course.status in (
            "active",
            "proposed_for_ending",
            "closed",
        )
        self.add(
            f"{course.key}-assessment",
            {
                "resourceType": "CarePlan",
                "meta": _meta(codes.PLANNED_INTERVENTION),
                "extension": [based_on_request],
                "status": "completed" if assessment_done else plan_status,
                "intent": "plan",
                "subject": _ref(patient),
                "period": {
                    "start": min(assessed_on, course.granted_on).isoformat(),
                    **({"end": assessed_on.isoformat()} if assessment_done else {}),
                },
                "activity": [
                    {
                        "detail": {
                            "extension": [_delivery_type(codes.DELIVERY_INDIVIDUAL)],
                            "code": {
                                "coding": [
                                    _coding(codes.FSIII, assessment.code, assessment.display)
                                ]
                            },
                            "status": "completed" if assessment_done else "not-started",
                            "performer": [_ref(performer)],
                        }
                    }
                ],
            },
        )
        delivery = mapping.DELIVERY_TYPE.get(course.delivery_type, codes.DELIVERY_INDIVIDUAL)
        training_detail: dict[str, Any] = {
            "extension": [_delivery_type(delivery)],
            "code": {"coding": [_coding(codes.FSIII, training.code, training.display)]},
            "status": "stopped" if activity_status == "stopped" else activity_status,
            "performer": [_ref(performer)],
        }
        if conditions:
            training_detail["reasonReference"] = [_ref(url) for url in conditions]
        self.add(
            f"{course.key}-training",
            {
                "resourceType": "CarePlan",
                "meta": _meta(codes.PLANNED_INTERVENTION),
                "extension": [based_on_request],
                "basedOn": [_ref(care_plan)],
                "status": plan_status,
                "intent": "plan",
                "subject": _ref(patient),
                "period": period,
                "activity": [{"detail": training_detail}],
            },
        )
        for encounter in course.encounters:
            system, code, display = mapping.CONTACT_CLASS.get(
                encounter.contact_type, mapping.CONTACT_CLASS["centre"]
            )
            self.add(
                encounter.key,
                {
                    "resourceType": "Encounter",
                    "meta": _meta(codes.ENCOUNTER),
                    "extension": [
                        {"url": codes.EXT_BASED_ON_CARE_PLAN, "valueReference": _ref(care_plan)}
                    ],
                    "status": "finished",
                    "class": _coding(system, code, display),
                    "subject": _ref(patient),
                    "period": {
                        "start": _instant(encounter.starts_at),
                        "end": _instant(encounter.ends_at),
                    },
                },
            )


def _delivery_type(code: str) -> dict[str, Any]:
    return {
        "url": codes.EXT_DELIVERY_TYPE,
        "valueCodeableConcept": {
            "coding": [_coding(codes.CARE_SOCIAL, code, codes.DISPLAYS[code])]
        },
    }


def _service_request_status(referral: ReferralFacts) -> str:
    if referral.course is not None and referral.course.status == "closed":
        return "completed"
    return mapping.REFERRAL_STATUS.get(referral.status, "unknown")


def _instant(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def _without_empty(resource: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in resource.items() if value not in ([], {}, None, "")}


def build_bundle(
    citizen: CitizenFacts, *, scope: str, timestamp: datetime.datetime
) -> dict[str, Any]:
    """The citizen's delivery report as FHIR JSON (a dict). `scope` keeps ids apart between
    municipalities (the kommunekode)."""
    assembler = _Assembler(citizen, scope)
    patient = assembler.patient()
    performer = assembler.organisation(citizen.managing_organisation)
    for referral in citizen.referrals:
        request = assembler.service_request(referral, patient)
        conditions = assembler.conditions(referral, patient)
        if referral.course is not None:
            assembler.course(referral, referral.course, patient, request, performer, conditions)
    bundle = {
        "resourceType": "Bundle",
        "meta": _meta(codes.DELIVERY_REPORT),
        "type": "collection",
        "timestamp": _instant(timestamp),
        "entry": [
            {**entry, "resource": _without_empty(entry["resource"])} for entry in assembler.entries
        ],
    }
    return bundle


def parse_fhir(bundle: dict[str, Any]) -> Bundle:
    """Parse with the FHIR models: raises when the JSON is not valid FHIR (R4B/R4) at all."""
    return Bundle.model_validate(bundle)
