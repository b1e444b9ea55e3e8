"""A POST sent again with the same Idempotency-Key acts once and answers as the first time."""

from __future__ import annotations

import json

import pytest

from rehabplan.api.models import IdempotentRequest
from rehabplan.audit.models import AuditEntry
from rehabplan.citizens.models import Citizen

pytestmark = pytest.mark.django_db

ANNE = {"cpr": "0202021234", "first_name": "Anne", "last_name": "Andersen"}


def _post(client, body, key):
    return client.post(
        "/api/v1/citizens",
        json.dumps(body),
        content_type="application/json",
        headers={"Idempotency-Key": key} if key else {},
    )


def test_a_repeated_key_returns_the_first_answer_and_creates_once(visitator, token_for, api_client):
    client = api_client(token_for(visitator))
    first = _post(client, ANNE, "henvisning-17")
    again = _post(client, ANNE, "henvisning-17")
    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert Citizen.objects.filter(cpr=ANNE["cpr"]).count() == 1
    assert AuditEntry.objects.filter(action="create", object_type="citizen").count() == 1


def test_the_key_belongs_to_its_caller(visitator, make_user, municipality, token_for, api_client):
    colleague = make_user("kollega", "visitator", municipality)
    _post(api_client(token_for(visitator)), ANNE, "k")
    # The colleague's own "k" is a different request: it runs, and meets the service's rule.
    response = _post(api_client(token_for(colleague)), ANNE, "k")
    assert response.status_code == 422
    assert "Idempotent-Replayed" not in response


def test_the_same_key_for_another_request_is_refused(visitator, token_for, api_client):
    client = api_client(token_for(visitator))
    _post(client, ANNE, "k")
    response = _post(client, {**ANNE, "first_name": "Anna"}, "k")
    assert response.status_code == 422
    assert "allerede brugt" in json.loads(response.content)["detail"]


def test_an_error_is_not_remembered_so_a_corrected_retry_runs(visitator, token_for, api_client):
    client = api_client(token_for(visitator))
    assert _post(client, {**ANNE, "last_name": ""}, "k").status_code == 422
    assert not IdempotentRequest.objects.exists()
    assert _post(client, ANNE, "k").status_code == 201


@pytest.mark.parametrize("key", ["", "x" * 256, "nøgle", "a\tb"])
def test_a_malformed_key_is_400(visitator, token_for, api_client, key):
    response = api_client(token_for(visitator)).post(
        "/api/v1/citizens", ANNE, content_type="application/json", headers={"Idempotency-Key": key}
    )
    assert response.status_code == 400
    assert not Citizen.objects.exists()


def test_without_a_key_each_post_acts(visitator, token_for, api_client):
    client = api_client(token_for(visitator))
    assert _post(client, ANNE, None).status_code == 201
    assert _post(client, ANNE, None).status_code == 422


def test_a_repeated_search_runs_again_and_is_audited_again(
    visitator, citizen, token_for, api_client
):
    from rehabplan.audit.models import AuditAction

    client = api_client(token_for(visitator))
    for _ in range(2):
        response = client.post(
            "/api/v1/citizens/search",
            {"term": citizen.cpr},
            content_type="application/json",
            headers={"Idempotency-Key": "soeg-1"},
        )
        assert response.status_code == 200
        assert "Idempotent-Replayed" not in response
    assert AuditEntry.objects.filter(action=AuditAction.SEARCH).count() == 2
