"""The web session works for the API too, with the CSRF token on changes."""

from __future__ import annotations

import json

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_logged_in_user_reads_with_the_session(visitator, citizen):
    client = Client()
    client.force_login(visitator)
    body = json.loads(client.get("/api/v1/citizens").content)
    assert [item["id"] for item in body["items"]] == [citizen.pk]


def test_a_change_through_the_session_needs_the_csrf_token(visitator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(visitator)
    body = {"cpr": "0202021234", "first_name": "Anne", "last_name": "Andersen"}
    refused = client.post("/api/v1/citizens", body, content_type="application/json")
    assert refused.status_code in (401, 403)
    client.get("/")  # the web sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        "/api/v1/citizens", body, content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert accepted.status_code == 201
