"""The checker passes the guide's own worked example and catches each kind of violation."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from rehabplan.reporting.klgateway import codes
from rehabplan.reporting.klgateway.builder import parse_fhir
from rehabplan.reporting.klgateway.checker import check_bundle

FIXTURES = Path(__file__).parent / "fixtures"


def example() -> dict[str, Any]:
    """The IG's RuddiIndberetningsrapport (ruddi.fsh and the profile files' instances), as JSON."""
    return json.loads((FIXTURES / "ruddi_delivery_report.json").read_text("utf-8"))


def resource(bundle: dict[str, Any], kind: str, profile: str | None = None) -> dict[str, Any]:
    for entry in bundle["entry"]:
        found = entry["resource"]
        if found["resourceType"] == kind and (
            profile is None or found["meta"]["profile"] == [codes.profile_url(profile)]
        ):
            return found
    raise AssertionError(kind)


def test_the_guides_example_passes_the_checker_and_parses_as_fhir():
    bundle = example()
    assert check_bundle(bundle) == []
    parse_fhir(bundle)


def _remove_cpr(bundle):
    del resource(bundle, "Patient")["identifier"]


def _add_name(bundle):
    resource(bundle, "Patient")["name"] = [{"family": "Berggren", "given": ["Ruddi"]}]


def _add_address(bundle):
    resource(bundle, "Patient")["address"] = [{"line": ["Testvej 1"]}]


def _wrong_cpr_system(bundle):
    resource(bundle, "Patient")["identifier"][0]["system"] = "urn:oid:1.2.208.176.1.1"


def _malformed_cpr(bundle):
    resource(bundle, "Patient")["identifier"][0]["value"] = "150277-9995"


def _no_managing_organisation(bundle):
    del resource(bundle, "Patient")["managingOrganization"]


def _wrong_service_code(bundle):
    resource(bundle, "ServiceRequest")["code"]["coding"][0]["code"] = "not-a-service"


def _wrong_intent(bundle):
    resource(bundle, "ServiceRequest")["intent"] = "order"


def _no_discharge_date(bundle):
    resource(bundle, "ServiceRequest")["extension"] = []


def _no_plan_type(bundle):
    request = resource(bundle, "ServiceRequest")
    request["category"] = [request["category"][1]]  # only "basal" is left


def _three_categories(bundle):
    request = resource(bundle, "ServiceRequest")
    request["category"] = request["category"] * 2  # cardinality 1..2


def _no_delivery_type(bundle):
    plan = resource(bundle, "CarePlan", codes.PLANNED_INTERVENTION)
    plan["activity"][0]["detail"]["extension"] = []


def _training_without_care_plan(bundle):
    for entry in bundle["entry"]:
        plan = entry["resource"]
        if plan.get("basedOn"):
            del plan["basedOn"]


def _cancelled_without_reason(bundle):
    resource(bundle, "CarePlan", codes.CARE_PLAN)["activity"][0]["detail"]["status"] = "cancelled"


def _encounter_without_end(bundle):
    del resource(bundle, "Encounter")["period"]["end"]


def _unknown_condition_code(bundle):
    condition = resource(bundle, "Condition", codes.CONDITION)
    condition["code"]["coding"][0]["code"] = "00000000-0000-0000-0000-000000000000"


def _condition_without_profile(bundle):
    resource(bundle, "Condition", codes.CONDITION)["meta"]["profile"] = []


def _dangling_reference(bundle):
    resource(bundle, "Encounter")["subject"] = {"reference": "Patient/elsewhere"}


def _two_citizens(bundle):
    citizen = copy.deepcopy(bundle["entry"][0])
    citizen["fullUrl"] = "https://test.fhir.dk/Patient/Another"
    bundle["entry"].append(citizen)


def _bundle_type(bundle):
    bundle["type"] = "transaction"


VIOLATIONS = [
    ("missing CPR", _remove_cpr, "identifier", "borgerens CPR-nummer mangler"),
    ("name present", _add_name, "name", "borgerens navn må ikke indberettes"),
    ("address present", _add_address, "address", "borgerens adresse må ikke indberettes"),
    ("CPR in the wrong system", _wrong_cpr_system, "identifier.system", "profilen kræver"),
    ("CPR malformed", _malformed_cpr, "identifier.value", "gyldigt format"),
    ("no managing organisation", _no_managing_organisation, "managingOrganization", "mangler"),
    ("wrong fixed service code", _wrong_service_code, "code.coding", "ikke tilladt"),
    ("wrong fixed intent", _wrong_intent, "intent", "profilen kræver"),
    (
        "missing discharge extension",
        _no_discharge_date,
        "extension:dischargeDate",
        "udskrivningsdato mangler",
    ),
    ("no almen/specialiseret/rehabilitering", _no_plan_type, "category", "almen, specialiseret"),
    ("category cardinality 1..2", _three_categories, "category", "højst forekomme 2 gange"),
    (
        "missing delivery type",
        _no_delivery_type,
        "activity.detail.extension:deliveryType",
        "leveringstype mangler",
    ),
    (
        "training outside a care plan",
        _training_without_care_plan,
        "basedOn",
        "skal høre til et forløb",
    ),
    (
        "cancelled without reason",
        _cancelled_without_reason,
        "activity.detail.statusReason",
        "annulleret",
    ),
    ("encounter without end", _encounter_without_end, "period.end", "kontaktens slut mangler"),
    (
        "condition code outside Conditions140",
        _unknown_condition_code,
        "code.coding",
        "ikke tilladt",
    ),
    (
        "condition claiming no profile",
        _condition_without_profile,
        "meta.profile",
        "kendt §140-profil",
    ),
    ("reference outside the bundle", _dangling_reference, "entry.resource", "ikke er med"),
    ("two citizens", _two_citizens, "entry:citizen", "præcis én borger"),
    ("bundle type", _bundle_type, "type", "profilen kræver"),
]


@pytest.mark.parametrize(
    ("spoil", "path", "danish"),
    [pytest.param(spoil, path, danish, id=name) for name, spoil, path, danish in VIOLATIONS],
)
def test_the_checker_catches_each_kind_of_violation(spoil, path, danish):
    bundle = example()
    spoil(bundle)
    problems = check_bundle(bundle)
    assert problems, "the violation went unnoticed"
    assert any(problem.path == path and danish in problem.message_da for problem in problems), [
        (problem.path, problem.message_da) for problem in problems
    ]
    # English for the logs, Danish for the leader.
    assert all(problem.message_en and problem.message_da for problem in problems)
