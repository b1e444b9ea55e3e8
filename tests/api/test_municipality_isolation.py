"""A token of a second municipality never sees the first municipality's data."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db


def test_another_municipalitys_token_sees_nothing_of_ours(
    citizen, make_user, other_municipality, token_for, api_client
):
    stranger = make_user("fremmed", "visitator", other_municipality)
    client = api_client(token_for(stranger))
    assert json.loads(client.get("/api/v1/citizens").content)["items"] == []
    assert client.get(f"/api/v1/citizens/{citizen.pk}").status_code == 404
    found = client.post(
        "/api/v1/citizens/search", {"term": citizen.cpr}, content_type="application/json"
    )
    assert json.loads(found.content) == []
    assert citizen.last_name not in found.content.decode()
