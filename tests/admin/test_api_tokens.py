"""The administrator creates API tokens for its own municipality's users and system users,
sees each token once, and revokes them; a system user never logs in with a password."""

from __future__ import annotations

import datetime
import re

import pytest
from django.test import Client
from django.utils import timezone

from rehabplan.api.models import ApiToken
from rehabplan.api.tokens import token_user

pytestmark = pytest.mark.django_db

ADD = "/admin/api/apitoken/add/"


def _expiry(days: int) -> dict[str, str]:
    moment = timezone.localtime() + datetime.timedelta(days=days)
    return {"expires_at_0": moment.strftime("%d-%m-%Y"), "expires_at_1": "12:00:00"}


def _shown_token(response) -> str:
    match = re.search(r'value="(rp_[^"]+)"', response.content.decode())
    assert match, "the page does not show the token"
    return match.group(1)


def test_the_token_is_shown_once_and_works(admin_of_second, own):
    response = admin_of_second.post(
        ADD, {"user": own.visitator.pk, "name": "Omsorgssystem", **_expiry(30)}
    )
    assert response.status_code == 200
    plain_text = _shown_token(response)
    assert token_user(plain_text)[1] == own.visitator
    token = ApiToken.objects.get()
    assert token.created_by == own.administrator
    # The list and the token's own page show the prefix, never the secret.
    for page in (
        admin_of_second.get("/admin/api/apitoken/"),
        admin_of_second.get(f"/admin/api/apitoken/{token.pk}/change/"),
    ):
        assert page.status_code == 200
        assert token.prefix in page.content.decode()
        assert plain_text not in page.content.decode()


def test_another_municipalitys_user_cannot_be_chosen(admin_of_second, foreign):
    response = admin_of_second.post(ADD, {"user": foreign.visitator.pk, "name": "X", **_expiry(30)})
    assert "rp_" not in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_lifetime_over_a_year_is_refused_in_danish(admin_of_second, own):
    response = admin_of_second.post(ADD, {"user": own.visitator.pk, "name": "X", **_expiry(400)})
    assert "En nøgle kan højst gælde et år." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_revoking_stops_the_token(admin_of_second, own):
    plain_text = _shown_token(
        admin_of_second.post(ADD, {"user": own.visitator.pk, "name": "Robot", **_expiry(30)})
    )
    token = ApiToken.objects.get()
    admin_of_second.post(
        "/admin/api/apitoken/",
        {"action": "revoke_selected", "_selected_action": [token.pk]},
    )
    assert token_user(plain_text) is None
    assert ApiToken.objects.get().revoked_at is not None


def test_tokens_of_another_municipality_are_not_listed(admin_of_second, foreign, own):
    from rehabplan.api.tokens import api_token_create

    foreign_token = api_token_create(
        created_by=foreign.administrator, user=foreign.visitator, name="Fremmed robot"
    ).token
    listing = admin_of_second.get("/admin/api/apitoken/").content.decode()
    assert foreign_token.prefix not in listing
    assert admin_of_second.get(f"/admin/api/apitoken/{foreign_token.pk}/change/").status_code == 404


def test_a_system_user_never_logs_in_with_a_password(admin_of_second, own):
    system = own.visitator
    system.is_system = True
    system.set_password("hemmelig-kode-123")
    system.save()
    browser = Client()
    response = browser.post(
        "/log-ind/", {"username": system.username, "password": "hemmelig-kode-123"}
    )
    assert "_auth_user_id" not in browser.session
    assert response.status_code == 200  # the login form again, not a redirect in
