"""The demo's system user gets a fresh API token at every start; the one before stops working."""

from __future__ import annotations

import pytest
from django.test import Client

from rehabplan.api.models import ApiToken
from rehabplan.demo.api_access import SYSTEM_USERNAME, demo_api_token

pytestmark = pytest.mark.django_db


def _get(token: str, path: str):
    return Client(headers={"Authorization": f"Bearer {token}"}).get(path)


def test_each_start_gives_a_working_token_and_revokes_the_last(municipality, administrator):
    first = demo_api_token(municipality)
    assert _get(first, "/api/v1/organisation").status_code == 200

    second = demo_api_token(municipality)

    assert _get(second, "/api/v1/referrals").status_code == 200
    assert _get(first, "/api/v1/referrals").status_code == 401
    tokens = ApiToken.objects.filter(user__username=SYSTEM_USERNAME)
    assert tokens.count() == 2
    assert tokens.filter(revoked_at=None).count() == 1
    system = tokens.first().user
    assert system.is_system and not system.has_usable_password()
    assert set(system.groups.values_list("name", flat=True)) == {"visitator", "terapeut"}
