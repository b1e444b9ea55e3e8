from __future__ import annotations

import pytest
from django.test import Client

from rehabplan.accounts.roles import ADMINISTRATOR

PASSWORD = "secret-pass-123"


@pytest.fixture
def other_administrator(make_user, other_municipality):
    return make_user("admin-varde", ADMINISTRATOR, other_municipality)


@pytest.fixture
def login():
    """POST the login form from one address, as a browser would."""

    def post(client: Client, username: str, password: str, address: str = "10.0.0.1"):
        return client.post(
            "/log-ind/", {"username": username, "password": password}, REMOTE_ADDR=address
        )

    return post
