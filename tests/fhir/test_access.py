"""Who may read: 401 without valid credentials, 403 for a role without the permission, 404 for
another municipality's or a malformed id, 405 for anything but reading, all as
OperationOutcomes with a Danish text."""

from __future__ import annotations

import pytest
from django.test import Client

from rehabplan.audit.models import AuditEntry
from tests.fhir.conftest import parsed


def _outcome(response, status: int, code: str) -> None:
    assert response.status_code == status, response.content
    outcome = parsed(response)
    assert outcome.__resource_type__ == "OperationOutcome"
    assert outcome.issue[0].severity == "error" and outcome.issue[0].code == code
    assert outcome.issue[0].diagnostics


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer rp_nope_nope"}])
def test_no_or_a_wrong_token_is_401(records, headers):
    response = Client(headers=headers).get(f"/fhir/Patient/{records.citizen.pk}")
    _outcome(response, 401, "login")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_role_without_the_permission_is_403(fhir_client, administrator, records):
    client = fhir_client(administrator)
    for url in (f"/fhir/Patient/{records.citizen.pk}", "/fhir/CarePlan", "/fhir/Condition"):
        _outcome(client.get(url), 403, "forbidden")


def test_another_municipalitys_ids_are_404_and_not_audited(
    fhir_client, therapist_user, records, foreign
):
    client = fhir_client(therapist_user)
    before = AuditEntry.objects.count()
    for url in (
        f"/fhir/Patient/{foreign.citizen.pk}",
        f"/fhir/ServiceRequest/{foreign.referral.pk}",
        f"/fhir/CarePlan/{foreign.course.pk}",
        f"/fhir/Goal/{foreign.goal.pk}",
        f"/fhir/Appointment/{foreign.attendance.pk}",
        f"/fhir/Encounter/{foreign.attendance.pk}",
        f"/fhir/Encounter/intake-{foreign.course.pk}",
        f"/fhir/Observation/{foreign.measurement.pk}",
        f"/fhir/Condition/{foreign.referral.pk}-1",
    ):
        response = client.get(url)
        _outcome(response, 404, "not-found")
        assert "Fremmedsen" not in response.content.decode()
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize(
    "resource_id",
    [
        "0",
        "-1",
        "abc",
        "99999999999999999999",
        "2147483648",
        "1%00",
        "%00",
        "1.5",
        "intake-",
        "-1-1",
    ],
)
def test_malformed_ids_are_404(fhir_client, therapist_user, records, resource_id):
    client = fhir_client(therapist_user)
    for type_name in ("Patient", "Encounter", "Condition"):
        _outcome(client.get(f"/fhir/{type_name}/{resource_id}"), 404, "not-found")


def test_writing_is_405_and_unknown_types_404(fhir_client, therapist_user, records):
    client = fhir_client(therapist_user)
    _outcome(client.post("/fhir/Patient", {}), 405, "not-supported")
    _outcome(client.delete(f"/fhir/Patient/{records.citizen.pk}"), 405, "not-supported")
    _outcome(client.get(f"/fhir/Patient/{records.citizen.pk}/_history"), 405, "not-supported")
    _outcome(client.get("/fhir/Medication"), 404, "not-found")
    _outcome(client.get("/fhir/"), 404, "not-found")


def test_a_web_session_post_needs_no_csrf_token_to_be_refused(client, visitator, records):
    client = Client(enforce_csrf_checks=True)
    client.force_login(visitator)
    _outcome(client.post("/fhir/Patient", {}), 405, "not-supported")


def test_the_rest_apis_rate_limit_applies(fhir_client, therapist_user, records, settings):
    settings.API_REQUESTS_PER_MINUTE = 1
    client = fhir_client(therapist_user)
    assert client.get("/fhir/Goal").status_code == 200
    response = client.get("/fhir/Goal")
    _outcome(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0


def test_a_user_of_no_municipality_is_403(db, records):
    from rehabplan.accounts.models import User

    client = Client()
    client.force_login(User.objects.create_superuser("rod", password="x"))
    _outcome(client.get(f"/fhir/Patient/{records.citizen.pk}"), 403, "forbidden")
