"""Cursor pages: every citizen once, in id order, and a forged cursor refused."""

from __future__ import annotations

import json

import pytest

from rehabplan.citizens.services import citizen_create

pytestmark = pytest.mark.django_db


def test_pages_follow_each_other_without_gaps_or_repeats(visitator, token_for, api_client):
    for number in range(7):
        citizen_create(
            user=visitator,
            cpr=f"01015{number:01d}1234"[:6] + f"{1000 + number:04d}",
            first_name="Borger",
            last_name=f"Nummer {number}",
        )
    client = api_client(token_for(visitator))
    seen, cursor = [], None
    while True:
        query = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = json.loads(client.get("/api/v1/citizens", query).content)
        seen.extend(item["id"] for item in body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(seen)
    assert len(seen) == len(set(seen)) == 7


@pytest.mark.parametrize("cursor", ["abc", "MQ", "1:forged:signature"])
def test_a_cursor_not_given_out_is_400(visitator, token_for, api_client, cursor):
    response = api_client(token_for(visitator)).get("/api/v1/citizens", {"cursor": cursor})
    assert response.status_code == 400
    assert "markør" in json.loads(response.content)["detail"]


@pytest.mark.parametrize("limit", [0, -1, 201, "mange"])
def test_page_size_is_bounded(visitator, token_for, api_client, limit):
    response = api_client(token_for(visitator)).get("/api/v1/citizens", {"limit": limit})
    assert response.status_code == 422
