"""Searches: a searchset of the caller's municipality only, by patient or subject, paged with
_count and a next link, every citizen shown named in the audit log."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from rehabplan.audit.models import AuditAction, AuditEntry
from tests.fhir.conftest import parsed

TYPES = [
    "Patient",
    "ServiceRequest",
    "CarePlan",
    "Goal",
    "Appointment",
    "Encounter",
    "Observation",
    "Condition",
]


@pytest.mark.parametrize("type_name", TYPES)
def test_each_type_searches_the_own_municipality_only(
    fhir_client, therapist_user, records, foreign, type_name
):
    client = fhir_client(therapist_user)
    response = client.get(f"/fhir/{type_name}")
    assert response.status_code == 200, response.content
    bundle = parsed(response)
    assert bundle.type == "searchset" and bundle.total >= 1
    resources = [entry.resource for entry in bundle.entry]
    assert {resource.__resource_type__ for resource in resources} == {type_name}
    assert "Fremmedsen" not in response.content.decode()
    assert foreign.citizen.cpr not in response.content.decode()
    entry = AuditEntry.objects.order_by("-id").first()
    assert entry.action == AuditAction.SEARCH and entry.user == therapist_user
    assert entry.shown_citizen_ids == [records.citizen.pk]


# Every type but Patient by patient and subject; an Appointment has no subject in FHIR.
BY_CITIZEN = [
    (name, parameter)
    for name in TYPES
    if name != "Patient"
    for parameter in ("patient", "subject")
    if (name, parameter) != ("Appointment", "subject")
]


@pytest.mark.parametrize(("type_name", "parameter"), BY_CITIZEN)
def test_search_by_the_citizen(fhir_client, therapist_user, records, type_name, parameter):
    client = fhir_client(therapist_user)
    own = parsed(client.get(f"/fhir/{type_name}?{parameter}=Patient/{records.citizen.pk}"))
    assert own.total >= 1
    for entry in own.entry:
        reference = getattr(entry.resource, "subject", None)
        if reference is None:  # Appointment
            reference = entry.resource.participant[0].actor
        assert reference.reference == f"Patient/{records.citizen.pk}"
    other = parsed(client.get(f"/fhir/{type_name}?{parameter}={records.citizen.pk + 999}"))
    assert other.total == 0 and not other.entry


def test_another_municipalitys_citizen_is_never_found(fhir_client, visitator, records, foreign):
    client = fhir_client(visitator)
    bundle = parsed(client.get(f"/fhir/ServiceRequest?patient=Patient/{foreign.citizen.pk}"))
    assert bundle.total == 0
    bundle = parsed(client.get(f"/fhir/Patient?identifier={foreign.citizen.cpr}"))
    assert bundle.total == 0


def test_the_patient_is_found_by_cpr_number(fhir_client, visitator, records):
    client = fhir_client(visitator)
    bundle = parsed(client.get("/fhir/Patient?identifier=urn:oid:1.2.208.176.1.2|0101501234"))
    assert [entry.resource.id for entry in bundle.entry] == [str(records.citizen.pk)]


def test_count_pages_with_a_next_link(fhir_client, therapist_user, records):
    client = fhir_client(therapist_user)
    first = parsed(client.get(f"/fhir/Encounter?patient={records.citizen.pk}&_count=1"))
    # The attended session and the intake talk.
    assert first.total == 2 and len(first.entry) == 1
    links = {link.relation: link.url for link in first.link}
    assert set(links) == {"self", "next"}
    following = urlsplit(links["next"])
    second = parsed(client.get(f"{following.path}?{following.query}"))
    assert len(second.entry) == 1 and {link.relation for link in second.link} == {"self"}
    ids = {first.entry[0].resource.id, second.entry[0].resource.id}
    assert ids == {str(records.attendance.pk), f"intake-{records.course.pk}"}


@pytest.mark.parametrize(
    "query",
    [
        "_count=0",
        "_count=-1",
        "_count=abc",
        "_count=1000",
        "_count=1&_count=2",
        "_offset=-5",
        "patient=Patient/abc",
        "patient=99999999999999",
        "patient=%00",
        "unknown=1",
        "patient=1&subject=1",
        "patient=",
    ],
)
def test_bad_search_parameters_are_a_400_operation_outcome(
    fhir_client, therapist_user, records, query
):
    response = fhir_client(therapist_user).get(f"/fhir/Observation?{query}")
    assert response.status_code == 400
    outcome = parsed(response)
    assert outcome.__resource_type__ == "OperationOutcome"
    assert outcome.issue[0].code == "invalid" and outcome.issue[0].diagnostics
