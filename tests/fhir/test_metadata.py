"""The CapabilityStatement lists exactly the served types, interactions and parameters."""

from __future__ import annotations

from django.test import Client

from tests.fhir.conftest import parsed


def test_the_capability_statement_lists_the_resources(db):
    statement = parsed(Client().get("/fhir/metadata"))
    assert statement.fhirVersion == "4.0.1" and statement.format == ["json"]
    (rest,) = statement.rest
    served = {resource.type: resource for resource in rest.resource}
    assert set(served) == {
        "Patient",
        "ServiceRequest",
        "CarePlan",
        "Goal",
        "Appointment",
        "Encounter",
        "Observation",
        "Condition",
    }
    for resource in served.values():
        assert [item.code for item in resource.interaction] == ["read", "search-type"]
    assert {p.name for p in served["Patient"].searchParam} == {"_id", "identifier"}
    assert {p.name for p in served["Observation"].searchParam} == {"patient", "subject"}
    assert {p.name for p in served["Appointment"].searchParam} == {"patient"}
    assert served["Patient"].profile == (
        "http://hl7.dk/fhir/core/StructureDefinition/dk-core-patient"
    )
