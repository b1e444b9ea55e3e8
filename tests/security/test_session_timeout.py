"""Sessions end after the idle time and after the absolute maximum, with a Danish message."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.web.security.session_timeout import LAST_ACTIVITY, LOGIN_AT

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_of(visitator):
    client = Client()
    client.force_login(visitator)
    return client


def shift(client: Client, key: str, seconds: float) -> None:
    session = client.session
    session[key] = session[key] - seconds
    session.save()


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_an_active_session_continues(client_of):
    shift(client_of, LAST_ACTIVITY, 29 * 60)
    assert client_of.get("/").status_code == 200
    assert is_logged_in(client_of)


def test_the_session_ends_after_30_idle_minutes(client_of, visitator):
    shift(client_of, LAST_ACTIVITY, 30 * 60 + 1)

    response = client_of.get("/frister/")

    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/?next=/frister/")
    assert not is_logged_in(client_of)
    page = client_of.get(response["Location"]).content.decode()
    assert "Du er blevet logget af, fordi du ikke har brugt Rehabplan i 30 minutter" in page
    entry = AuditEntry.objects.get(action=AuditAction.LOGOUT)
    assert entry.user == visitator
    assert "uden aktivitet" in entry.summary


@override_settings(SESSION_IDLE_MINUTES=5)
def test_the_idle_time_is_a_setting(client_of):
    shift(client_of, LAST_ACTIVITY, 5 * 60 + 1)
    assert client_of.get("/").status_code == 302
    assert not is_logged_in(client_of)


def test_the_session_ends_after_12_hours_however_active(client_of):
    shift(client_of, LOGIN_AT, 12 * 3600 + 1)

    response = client_of.get("/")

    assert response.status_code == 302
    assert not is_logged_in(client_of)
    page = client_of.get(response["Location"]).content.decode()
    assert "Du er blevet logget af, fordi du har været logget ind i 12 timer" in page


def test_background_polling_does_not_count_as_activity(client_of):
    shift(client_of, LAST_ACTIVITY, 20 * 60)
    before = client_of.session[LAST_ACTIVITY]
    client_of.get("/session/", HTTP_X_REHABPLAN_BACKGROUND="1")
    assert client_of.session[LAST_ACTIVITY] == before
    client_of.get("/")
    assert client_of.session[LAST_ACTIVITY] > before


def test_the_status_reports_the_time_left_and_keep_alive_renews_it(client_of):
    shift(client_of, LAST_ACTIVITY, 29 * 60)
    status = client_of.get("/session/", HTTP_X_REHABPLAN_BACKGROUND="1").json()
    assert 0 < status["seconds_left"] <= 60
    assert status["ends_by"] == "idle"

    renewed = client_of.post("/session/").json()

    assert renewed["seconds_left"] > 29 * 60
    # Right after a renewal, a second click renews again (activity is otherwise written at most
    # once a minute).
    shift(client_of, LAST_ACTIVITY, 10)
    assert client_of.post("/session/").json()["seconds_left"] >= 30 * 60 - 1


def test_an_expired_background_request_gets_401_and_the_login_address(client_of):
    shift(client_of, LAST_ACTIVITY, 31 * 60)
    response = client_of.get("/session/", HTTP_X_REHABPLAN_BACKGROUND="1", HTTP_HX_REQUEST="true")
    assert response.status_code == 401
    assert response["HX-Redirect"] == "/log-ind/"
    assert response.json()["login_url"] == "/log-ind/"


def test_pages_carry_the_warning_figures_for_the_script(client_of):
    page = client_of.get("/").content.decode()
    assert 'data-session-url="/session/"' in page
    assert 'data-session-warning-seconds="120"' in page
    assert "Forbliv logget ind" in page
    assert "js/session.js" in page
