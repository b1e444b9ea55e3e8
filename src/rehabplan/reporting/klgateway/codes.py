"""The systems, codes and canonical URLs of the KL Gateway §140 report (IG 2.2.0, FHIR R4).

The facts come from the implementation guide (hl7dk/kl-gateway-rehab, commit 2007eb608cc6) and
KL's code systems (kl-term: FSIII 20240530, CareSocialCodes 20250530)."""

from __future__ import annotations

from rehabplan.reference.fsiii import SYSTEM as FSIII_SYSTEM

PROFILE_BASE = "http://fhir.kl.dk/rehab/StructureDefinition/"
DELIVERY_REPORT = "klgateway-140-delivery-report"
CITIZEN = "klgateway-140-citizen"
ORGANIZATION = "klgateway-140-organization"
SERVICE_REQUEST = "klgateway-140-servicerequest"
FOCUS_CONDITION = "klgateway-140-focus-condition"
CONDITION = "klgateway-140-condition"
CARE_PLAN = "klgateway-140-care-plan"
PLANNED_INTERVENTION = "klgateway-140-planned-intervention"
ENCOUNTER = "klgateway-140-encounter"

EXT_DISCHARGE_DATE = PROFILE_BASE + "PreconditionDate"
EXT_DELIVERY_TYPE = PROFILE_BASE + "DeliveryType"
EXT_BASED_ON_SERVICE_REQUEST = PROFILE_BASE + "BasedOnServiceRequestExtension"
EXT_BASED_ON_CARE_PLAN = PROFILE_BASE + "BasedOnCarePlanExtension"
EXT_STATUS_REASON = "http://hl7.org/fhir/StructureDefinition/request-statusReason"

CPR_SYSTEM = "urn:oid:1.2.208.176.1.2"
SOR_SYSTEM = "urn:oid:1.2.208.176.1.1"
SKS_SYSTEM = "urn:oid:1.2.208.176.2.4.12"
CARE_SOCIAL = "http://fhir.kl.dk/term/CodeSystem/CareSocialCodes"
FSIII = FSIII_SYSTEM
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"

# CareSocialCodes
SERVICE_REHAB_AFTER_HOSPITAL = "7fc66c15-0cb3-4c89-9e18-f3a01e6a6592"  # Kommunal genoptræning ...
CATEGORY_GENERAL = "ffd81f78-352e-4589-a195-5350dd1df2a4"  # almen
CATEGORY_SPECIALISED = "0c8e2bfc-1350-45d1-90da-c07e2645d073"  # specialiseret
CATEGORY_REHABILITATION = "83c89857-8fb8-4163-97b1-eb1a56345c29"  # rehabilitering
CATEGORY_BASAL = "8b962281-2ab6-4b10-9c91-4bac592d6d49"  # almen, basalt niveau
CATEGORY_ADVANCED = "b679c454-2da2-46dd-9425-0e52d4aa2bf3"  # almen, avanceret niveau
CARE_PLAN_INTERVENTION = "f15b2663-94d9-4d0c-a5de-d8bd8e1e4ebb"  # Interventionsforløb efter §140
DELIVERY_GROUP = "2865f123-15a7-4a36-a514-32ea37c400ca"  # Gruppebaseret indsats
DELIVERY_INDIVIDUAL = "8d12d74c-17da-47a7-a4fe-e69dbaec0a8c"  # Individuel indsats
DELIVERY_DIGITAL = "284857a4-5e91-499a-a001-64d7f0b7038a"  # Digital levering af indsats
ENCOUNTER_SCREEN = "124be95d-6924-4609-9d2a-e7c73ae3ab3d"  # Skærmbesøg
ENCOUNTER_PHONE = "1b55a4b0-1156-4f58-b2df-b5c6014d9048"  # Telefonisk
CANCELLATION_NO_FURTHER_NEED_PROFESSIONAL = "a63b6aa6-7d56-4e67-a5b3-d73f6d262af5"
CANCELLATION_ACTIVE_OPT_OUT = "3a5a72b7-addf-4857-b80c-04e4246e3072"
CANCELLATION_NO_SHOW = "ef491570-7884-4acd-bcf7-43d6b2c64762"
CANCELLATION_EVENT = "82e99421-31da-4915-96ed-168ccfa1d20c"
CANCELLATION_OTHER_TRAINING = "a3f2bd01-078b-486e-81be-797d192ad7bd"

DISPLAYS = {
    CATEGORY_GENERAL: "Almen",
    CATEGORY_SPECIALISED: "Specialiseret",
    CATEGORY_REHABILITATION: "Rehabilitering",
    CATEGORY_BASAL: "Basal",
    CATEGORY_ADVANCED: "Avanceret",
    DELIVERY_GROUP: "Gruppebaseret indsats",
    DELIVERY_INDIVIDUAL: "Individuel indsats",
    DELIVERY_DIGITAL: "Digital levering af indsats",
    ENCOUNTER_SCREEN: "Skærmbesøg",
    ENCOUNTER_PHONE: "Telefonisk",
}


def profile_url(profile_id: str) -> str:
    return PROFILE_BASE + profile_id
