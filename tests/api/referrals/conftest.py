"""The referral flow through the API: two municipalities with their staff, and a client per
user that calls with a personal token."""

from __future__ import annotations

import pytest

from rehabplan.accounts.roles import LEADER, THERAPIST, VISITATOR
from rehabplan.gop.sample import build_gop_xml
from tests.decisions.conftest import naestved  # noqa: F401  (fixture)


@pytest.fixture
def fredericia(db):
    from rehabplan.organisation.models import Municipality

    return Municipality.objects.create(slug="fredericia", code=607, name="Fredericia Kommune")


@pytest.fixture
def staff_of(make_user):
    """The visitator, therapist and leader of a municipality."""

    def make(municipality) -> dict[str, object]:
        return {
            role: make_user(f"{role}-{municipality.slug}", role, municipality)
            for role in (VISITATOR, THERAPIST, LEADER)
        }

    return make


@pytest.fixture
def as_user(token_for, api_client):
    """A test client calling the API with a token of `user`."""
    clients: dict[int, object] = {}

    def make(user):
        if user.pk not in clients:
            clients[user.pk] = api_client(token_for(user))
        return clients[user.pk]

    return make


@pytest.fixture
def fredericia_staff(staff_of, fredericia):
    return staff_of(fredericia)


@pytest.fixture
def visitator_api(as_user, fredericia_staff):
    return as_user(fredericia_staff[VISITATOR])


@pytest.fixture
def gop_xml():
    """A GOP file to Fredericia; keyword arguments go to build_gop_xml."""

    def build(**overrides) -> bytes:
        return build_gop_xml(**overrides)

    return build


@pytest.fixture
def post_gop(visitator_api, gop_xml):
    def post(client=None, content_type="application/xml", headers=None, **overrides):
        return (client or visitator_api).post(
            "/api/v1/gop", gop_xml(**overrides), content_type=content_type, headers=headers
        )

    return post
