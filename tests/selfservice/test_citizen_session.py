"""The citizen's login is its own: a staff login does not open the citizen pages, a citizen's
login does not open the staff pages, one ends the other, and it runs out when left idle."""

from __future__ import annotations

import time

import pytest

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.selfservice.login.session import CITIZEN_KEY
from tests.selfservice.conftest import log_in

pytestmark = pytest.mark.django_db


def _age_login(client, **seconds_ago: float) -> None:
    session = client.session
    state = dict(session[CITIZEN_KEY])
    for field, ago in seconds_ago.items():
        state[field] = time.time() - ago
    session[CITIZEN_KEY] = state
    session.save()


def test_a_staff_login_does_not_open_the_citizen_pages(client, world):
    client.force_login(world.unit.therapist_user)
    for url in ("/borger/", "/borger/breve/", "/borger/plan/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == "/borger/log-ind/"


def test_a_citizen_login_does_not_open_the_staff_pages(client, world, sms_dir):
    log_in(client, world.karen, sms_dir)
    response = client.get("/borgere/")
    assert response.status_code == 302 and response["Location"].startswith("/log-ind/")
    assert client.get("/").status_code == 302
    assert client.get("/borger/").status_code == 200


def test_a_staff_login_ends_the_citizen_login_in_the_same_browser(client, world, sms_dir):
    log_in(client, world.karen, sms_dir)
    client.force_login(world.unit.therapist_user)
    assert client.get("/borger/")["Location"] == "/borger/log-ind/"


def test_a_citizen_login_ends_a_staff_login_in_the_same_browser(client, world, sms_dir):
    client.force_login(world.unit.therapist_user)
    log_in(client, world.karen, sms_dir)
    assert client.get("/borgere/").status_code == 302
    assert client.get("/borger/").status_code == 200


def test_the_session_key_changes_at_login(client, world, sms_dir):
    client.get("/borger/log-ind/")
    client.post("/borger/log-ind/", {"cpr": world.karen.cpr, "channel": "sms"})
    before = client.session.session_key
    from tests.selfservice.conftest import last_code

    client.post("/borger/log-ind/kode/", {"code": last_code(sms_dir)})
    assert client.session.session_key != before


def test_the_login_ends_after_thirty_idle_minutes(client, world, sms_dir):
    log_in(client, world.karen, sms_dir)
    _age_login(client, last_activity=29 * 60)
    assert client.get("/borger/").status_code == 200
    _age_login(client, last_activity=30 * 60)
    response = client.get("/borger/", follow=True)
    assert response.redirect_chain == [("/borger/log-ind/", 302)]
    assert "ikke har brugt siden i 30 minutter" in response.content.decode()
    logout = AuditEntry.objects.get(action=AuditAction.LOGOUT, citizen_id=world.karen.pk)
    assert logout.summary == "Logget af efter 30 minutter uden aktivitet"
    assert client.get("/borger/").status_code == 302


def test_the_login_ends_two_hours_after_it_began(client, world, sms_dir):
    log_in(client, world.karen, sms_dir)
    _age_login(client, login_at=120 * 60)
    response = client.get("/borger/", follow=True)
    assert "har været logget ind i 120 minutter" in response.content.decode()


def test_logging_out(client, world, sms_dir):
    log_in(client, world.karen, sms_dir)
    assert client.get("/borger/log-af/")["Location"] == "/borger/"
    response = client.post("/borger/log-af/", follow=True)
    assert "Du er logget af." in response.content.decode()
    assert client.get("/borger/").status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.LOGOUT, citizen_id=world.karen.pk).exists()


def test_citizen_pages_are_not_stored_by_the_browser(client, world, sms_dir):
    log_in(client, world.karen, sms_dir)
    assert "no-store" in client.get("/borger/")["Cache-Control"]
