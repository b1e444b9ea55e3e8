"""Personal API tokens: shown once, stored hashed, expiring, revocable, tied to one user."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from rehabplan.api.models import ApiToken
from rehabplan.api.tokens import api_token_create, api_token_revoke, token_user
from rehabplan.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_the_plain_token_is_never_stored(administrator, visitator):
    created = api_token_create(created_by=administrator, user=visitator, name="Omsorgssystem")
    stored = ApiToken.objects.get()
    assert created.plain_text.startswith(f"rp_{stored.prefix}_")
    secret = created.plain_text.split("_", 2)[2]
    assert secret not in stored.secret_hash
    assert token_user(created.plain_text) == (stored, visitator)
    assert AuditEntry.objects.filter(object_type="apitoken", action="create").count() == 1


@pytest.mark.parametrize(
    "tamper",
    [
        lambda plain: plain[:-1] + ("A" if plain[-1] != "A" else "B"),
        lambda plain: plain.replace("rp_", "xx_", 1),
        lambda plain: plain.split("_", 2)[0] + "_" + "0" * 12 + "_" + plain.split("_", 2)[2],
        lambda plain: "",
        lambda plain: "rp__",
        lambda plain: plain + "æ",
    ],
)
def test_a_wrong_token_finds_nobody(administrator, visitator, tamper):
    created = api_token_create(created_by=administrator, user=visitator, name="Robot")
    assert token_user(tamper(created.plain_text)) is None


def test_expired_revoked_and_inactive_tokens_stop_working(administrator, visitator):
    created = api_token_create(created_by=administrator, user=visitator, name="Robot")
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert token_user(created.plain_text) is None

    second = api_token_create(created_by=administrator, user=visitator, name="Robot 2")
    api_token_revoke(user=administrator, token=second.token)
    assert token_user(second.plain_text) is None
    assert AuditEntry.objects.filter(object_type="apitoken", action="change").count() == 1

    third = api_token_create(created_by=administrator, user=visitator, name="Robot 3")
    visitator.is_active = False
    visitator.save()
    assert token_user(third.plain_text) is None


def test_tokens_are_limited_to_a_year_and_the_own_municipality(
    administrator, make_user, other_municipality, visitator
):
    with pytest.raises(ValidationError, match="højst gælde et år"):
        api_token_create(
            created_by=administrator,
            user=visitator,
            name="Robot",
            expires_at=timezone.now() + datetime.timedelta(days=400),
        )
    with pytest.raises(ValidationError, match="fremtiden"):
        api_token_create(
            created_by=administrator,
            user=visitator,
            name="Robot",
            expires_at=timezone.now() - datetime.timedelta(days=1),
        )
    stranger = make_user("fremmed", "visitator", other_municipality)
    with pytest.raises(PermissionDenied):
        api_token_create(created_by=administrator, user=stranger, name="Robot")
    assert not ApiToken.objects.exists()


def test_the_api_answers_a_revoked_token_with_401(administrator, visitator, api_client):
    created = api_token_create(created_by=administrator, user=visitator, name="Robot")
    client = api_client(created.plain_text)
    assert client.get("/api/v1/citizens").status_code == 200
    api_token_revoke(user=administrator, token=created.token)
    response = client.get("/api/v1/citizens")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
