"""A GET of an address that only takes a form's POST leads to the form's page, never a bare 405."""

from __future__ import annotations

import pytest

from rehabplan.accounts.roles import ADMINISTRATOR, LEADER, THERAPIST, VISITATOR
from tests.privacy.walk import requests_for


@pytest.mark.parametrize("role", (VISITATOR, THERAPIST, LEADER, ADMINISTRATOR))
def test_no_address_answers_a_get_with_method_not_allowed(client, world, role):
    a, _b = world
    client.force_login(a.users[role])
    refused = [
        request.url for request in requests_for(a.ids) if client.get(request.url).status_code == 405
    ]
    assert refused == []
