"""Code systems, identifier systems and profile URLs the FHIR resources use.

Danish national systems come from dk-core 3.x and the KL Gateway §140 guide; concepts the
product defines itself (its services, outcome tests, attendance) live under its own namespace."""

from __future__ import annotations

from rehabplan.reporting.klgateway import codes as kl

FHIR_VERSION = "4.0.1"
CONTENT_TYPE = "application/fhir+json"

# The product's own namespace for code systems it defines.
PROJECT_BASE = "https://rehabplan.dk/fhir/"
SERVICE_SYSTEM = PROJECT_BASE + "CodeSystem/indsats"
OUTCOME_TEST_SYSTEM = PROJECT_BASE + "CodeSystem/test"
CONTACT_TYPE_SYSTEM = PROJECT_BASE + "CodeSystem/kontaktform"
ENCOUNTER_KIND_SYSTEM = PROJECT_BASE + "CodeSystem/kontakttype"

DK_CORE = "http://hl7.dk/fhir/core/StructureDefinition/"
DK_CORE_PATIENT = DK_CORE + "dk-core-patient"
DK_CORE_CONDITION = DK_CORE + "dk-core-condition"

CPR_SYSTEM = kl.CPR_SYSTEM
SOR_SYSTEM = kl.SOR_SYSTEM
SKS_SYSTEM = kl.SKS_SYSTEM
CARE_SOCIAL = kl.CARE_SOCIAL
ACT_CODE = kl.ACT_CODE
CONDITION_CLINICAL = kl.CONDITION_CLINICAL
CONDITION_VERIFICATION = kl.CONDITION_VERIFICATION
CONDITION_CATEGORY = kl.CONDITION_CATEGORY
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
UCUM = "http://unitsofmeasure.org"
# KL's national code for "Kommunal genoptræning efter sygehusophold" (§140) and the GGOP types.
SERVICE_REHAB_AFTER_HOSPITAL = kl.SERVICE_REHAB_AFTER_HOSPITAL
KL_DISPLAYS = kl.DISPLAYS
