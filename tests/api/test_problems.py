"""Every error is an RFC 9457 problem with a Danish detail, never an HTML page or a 500."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _problem(response) -> dict:
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert {"type", "title", "status", "detail"} <= set(body)
    assert body["status"] == response.status_code
    return body


def test_no_credentials_is_401_not_a_login_redirect():
    body = _problem(Client().get("/api/v1/citizens"))
    assert body["status"] == 401
    assert "API-nøgle" in body["detail"]


def test_a_role_without_the_permission_is_403(leader, token_for, api_client):
    client = api_client(token_for(leader))
    valid = {"cpr": "0202021234", "first_name": "Anne", "last_name": "Andersen"}
    body = _problem(client.post("/api/v1/citizens", valid, content_type="application/json"))
    assert body["status"] == 403
    assert body["detail"] == "Din rolle giver ikke adgang til denne handling."


def test_bad_fields_are_422_with_each_field_named_in_danish(visitator, token_for, api_client):
    client = api_client(token_for(visitator))
    response = client.post(
        "/api/v1/citizens",
        {"cpr": "010", "first_name": "Ann\x00e"},
        content_type="application/json",
    )
    body = _problem(response)
    assert body["status"] == 422
    fields = {error["field"]: error["message"] for error in body["errors"]}
    assert fields == {
        "cpr": "Teksten er for kort.",
        "first_name": "Teksten må ikke indeholde NUL-tegn.",
        "last_name": "Feltet skal udfyldes.",
    }


def test_a_rule_of_the_service_is_422_in_its_own_words(visitator, citizen, token_for, api_client):
    client = api_client(token_for(visitator))
    response = client.post(
        "/api/v1/citizens",
        {"cpr": citizen.cpr, "first_name": "Anne", "last_name": "Dobbelt"},
        content_type="application/json",
    )
    body = _problem(response)
    assert body["detail"] == "Der findes allerede en borger med dette CPR-nummer."


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/v1/citizens/0", 422), ("/api/v1/citizens/99999999999999999999", 422)],
)
def test_ids_outside_the_database_range_are_refused_at_the_edge(
    visitator, token_for, api_client, path, status
):
    assert _problem(api_client(token_for(visitator)).get(path))["status"] == status


def test_unreadable_json_is_400(visitator, token_for, api_client):
    client = api_client(token_for(visitator))
    response = client.post("/api/v1/citizens", "{ikke json", content_type="application/json")
    assert _problem(response)["detail"] == "Forespørgslen kunne ikke læses."


def test_an_unknown_citizen_is_404(visitator, token_for, api_client):
    body = _problem(api_client(token_for(visitator)).get("/api/v1/citizens/424242"))
    assert body["detail"] == "Borgeren findes ikke."
