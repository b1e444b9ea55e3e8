"""GOP files through the API: the same import as an upload, with every reason for a rejection
in Danish, and the rejection's audit row kept although nothing else of the file is."""

from __future__ import annotations

import json

import pytest

from rehabplan.accounts.roles import LEADER, THERAPIST
from rehabplan.api.models import IdempotentRequest
from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.citizens.models import Citizen
from rehabplan.courses.models import Referral
from rehabplan.gop.limits import LIMITS

pytestmark = pytest.mark.django_db

SURNAME = "Emessage/RehabilitationPlan/Patient/PersonSurnameName"


def _rejections():
    return AuditEntry.objects.filter(summary__startswith="Genoptræningsplan afvist")


def test_a_plan_becomes_a_referral_with_the_citizen_and_the_deadlines(post_gop):
    response = post_gop()

    assert response.status_code == 201, response.content
    body = response.json()
    referral = Referral.objects.get()
    citizen = Citizen.objects.get()
    assert body["status"] == "imported"
    assert body["citizen_created"] is True
    assert "Åse Marie Bøgelund" in body["message"]
    assert body["referral"]["id"] == referral.pk
    assert body["referral"]["citizen_id"] == citizen.pk
    assert body["referral"]["service_code"] == "SUL140"
    assert body["referral"]["discharge_on"] == "2026-11-20"
    # Fredericia: contact by day 4, start by day 7 after the discharge (day 0).
    deadlines = {item["kind"]: item["due"] for item in body["referral"]["deadlines"]}
    assert deadlines == {"contact": "2026-11-24", "start": "2026-11-27"}
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, citizen_id=citizen.pk, object_id=str(referral.pk)
    ).exists()


def test_the_same_plan_again_changes_nothing(post_gop):
    assert post_gop().status_code == 201

    again = post_gop(encoding="iso-8859-1", content_type="text/xml")

    assert again.status_code == 200
    assert again.json()["status"] == "already_imported"
    assert Referral.objects.count() == 1


def test_a_corrected_plan_replaces_the_earlier_one(post_gop):
    first = post_gop().json()["referral"]["id"]

    response = post_gop(letter_identifier="1001234999")

    assert response.status_code == 200
    assert response.json()["status"] == "replaced"
    assert response.json()["referral"]["id"] == first


def test_json_carries_the_plan_in_the_encoding_its_declaration_names(visitator_api, gop_xml):
    text = gop_xml(encoding="iso-8859-1").decode("iso-8859-1")
    assert 'encoding="ISO-8859-1"' in text

    response = visitator_api.post(
        "/api/v1/gop", json.dumps({"xml": text}), content_type="application/json"
    )

    assert response.status_code == 201, response.content
    citizen = Citizen.objects.get()
    assert (citizen.first_name, citizen.last_name) == ("Åse Marie", "Bøgelund")


def test_a_rejected_plan_lists_every_problem_and_keeps_only_its_audit_row(post_gop):
    response = post_gop(omit=["Patient/PersonSurnameName"], headers={"Idempotency-Key": "gop-1"})

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["detail"].startswith(
        f"Genoptræningsplanen er afvist (1 fejl); intet fra planen er gemt. {SURNAME}: "
    )
    assert [error["field"] for error in problem["errors"]] == [SURNAME]
    assert Referral.objects.count() == 0
    assert Citizen.objects.count() == 0
    rejection = _rejections().get()
    assert rejection.changes == {"elements": [SURNAME]}
    assert "indsendt via API" in rejection.summary
    # The key is not remembered: the corrected plan may be sent with it.
    assert IdempotentRequest.objects.count() == 0


def test_a_plan_for_another_municipality_is_refused(post_gop):
    response = post_gop(receiver_municipality_code="999", receiver_organisation="Demo Kommune")

    assert response.status_code == 422
    assert "du kan kun indlæse planer til Fredericia Kommune" in response.json()["detail"]
    assert _rejections().count() == 1


def test_a_file_over_the_limit_is_refused_by_its_size(visitator_api):
    oversized = b"<" + b" " * LIMITS.max_bytes

    response = visitator_api.post("/api/v1/gop", oversized, content_type="application/xml")

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "(fil)"
    assert _rejections().count() == 1


def test_not_xml_at_all(visitator_api):
    response = visitator_api.post("/api/v1/gop", b"<Emessage", content_type="text/xml")

    assert response.status_code == 422
    assert "ikke gyldig XML" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    "body, content_type, status",
    [
        ("name=plan", "application/x-www-form-urlencoded", 415),
        ("plan", "text/plain", 415),
        ("{not json", "application/json", 400),
        ('{"xml": ""}', "application/json", 422),
        ('{"plan": "<Emessage/>"}', "application/json", 422),
        ('["<Emessage/>"]', "application/json", 422),
    ],
)
def test_a_body_the_import_cannot_take(visitator_api, body, content_type, status):
    response = visitator_api.post("/api/v1/gop", body, content_type=content_type)

    assert response.status_code == status
    assert response["Content-Type"] == "application/problem+json"
    assert _rejections().count() == 0


def test_an_unknown_declared_encoding_in_json(visitator_api):
    xml = '<?xml version="1.0" encoding="x-ukendt"?><Emessage/>'

    response = visitator_api.post(
        "/api/v1/gop", json.dumps({"xml": xml}), content_type="application/json"
    )

    assert response.status_code == 400
    assert "x-ukendt" in response.json()["detail"]


@pytest.mark.parametrize("role", [THERAPIST, LEADER])
def test_only_a_visitator_imports(as_user, fredericia_staff, post_gop, role):
    response = post_gop(client=as_user(fredericia_staff[role]))

    assert response.status_code == 403
    assert Referral.objects.count() == 0
