from __future__ import annotations

import pytest
from django.test import Client

from rehabplan.api.tokens import api_token_create


@pytest.fixture
def token_for(administrator):
    """A function giving the plain text of a new token for a user of any municipality."""

    def make(user) -> str:
        creator = administrator if administrator.municipality_id == user.municipality_id else None
        if creator is None:
            creator = type(user).objects.create_superuser("root-" + user.username, password="x")
        return api_token_create(created_by=creator, user=user, name="test").plain_text

    return make


@pytest.fixture
def api_client():
    """A client that calls the API with a token."""

    def make(token: str) -> Client:
        return Client(headers={"Authorization": f"Bearer {token}"})

    return make
