"""Throttling and lockout per user name and per address (django-axes with Rehabplan's limits)."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOCKED_TEXT = "for mange gange med forkert adgangskode"


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_right_password_after_the_limit_does_not_log_in(visitator, login, settings):
    client = Client()
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT - 1):
        assert login(client, "visitator", "wrong").status_code == 200
    # The failure that reaches the limit is answered with the lockout at once.
    assert login(client, "visitator", "wrong").status_code == 429

    response = login(client, "visitator", PASSWORD)

    assert response.status_code == 429
    assert not is_logged_in(client)
    assert LOCKED_TEXT in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_many_wrong_passwords_then_the_right_one_stays_locked(visitator, login):
    client = Client()
    for _attempt in range(40):
        login(client, "visitator", "wrong")
    response = login(client, "visitator", PASSWORD)
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_a_locked_user_name_is_locked_from_every_address(visitator, login, settings):
    for attempt in range(settings.LOGIN_FAILURE_LIMIT):
        login(Client(), "visitator", "wrong", address=f"10.0.1.{attempt}")

    client = Client()
    response = login(client, "visitator", PASSWORD, address="10.0.2.1")

    assert response.status_code == 429
    assert not is_logged_in(client)


def test_below_the_limit_the_right_password_logs_in(visitator, login, settings):
    client = Client()
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT - 1):
        login(client, "visitator", "wrong")
    response = login(client, "visitator", PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=8)
def test_an_address_is_locked_after_failures_for_many_user_names(visitator, login):
    # Eight different names, each far below the per-name limit, from one address.
    for attempt in range(8):
        login(Client(), f"guess-{attempt}", "wrong", address="10.9.9.9")

    client = Client()
    response = login(client, "visitator", PASSWORD, address="10.9.9.9")
    assert response.status_code == 429
    assert not is_logged_in(client)

    # The user name itself is not locked: from another address it still logs in.
    elsewhere = Client()
    assert login(elsewhere, "visitator", PASSWORD, address="10.9.9.10").status_code == 302
    assert is_logged_in(elsewhere)


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=8)
def test_the_address_limit_is_separate_from_the_user_limit(visitator, login, settings):
    # More failures from one address than the per-name limit, spread over names: not locked yet.
    assert settings.LOGIN_FAILURE_LIMIT < 7
    for attempt in range(7):
        login(Client(), f"guess-{attempt}", "wrong", address="10.9.9.9")
    client = Client()
    assert login(client, "visitator", PASSWORD, address="10.9.9.9").status_code == 302


def test_the_lock_lifts_after_the_cooloff(visitator, login, settings):
    import datetime

    from axes.models import AccessAttempt

    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        login(Client(), "visitator", "wrong")
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC)
        - datetime.timedelta(minutes=settings.LOGIN_COOLOFF_MINUTES + 1)
    )
    client = Client()
    assert login(client, "visitator", PASSWORD).status_code == 302


def test_the_admin_login_is_locked_too(administrator, login, settings):
    administrator.is_staff = True
    administrator.save()
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        login(Client(), "administrator", "wrong")
    client = Client()
    # The admin has no login form of its own: it sends the user to the product's locked login.
    admin_login = client.post(
        "/admin/login/",
        {"username": "administrator", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
    )
    assert admin_login.status_code == 302
    assert not is_logged_in(client)
    response = login(client, "administrator", PASSWORD)
    assert response.status_code == 429
    assert LOCKED_TEXT in response.content.decode()
    assert not is_logged_in(client)
    assert client.get("/admin/").status_code == 302
