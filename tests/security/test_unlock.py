"""The administrator's unlock page: own municipality only, every unlock audited."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.test import Client, override_settings

from rehabplan.audit.models import AuditAction, AuditEntry
from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def locked_visitator(visitator, login, settings):
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        login(Client(), "visitator", "wrong")
    assert login(Client(), "visitator", PASSWORD).status_code == 429
    return visitator


def test_the_administrator_sees_and_unlocks_a_user_of_the_municipality(
    locked_visitator, administrator, login
):
    client = Client()
    client.force_login(administrator)
    page = client.get("/brugere/spaerrede/")
    assert page.status_code == 200
    assert "visitator" in page.content.decode()
    assert "Ophæv spærring" in page.content.decode()

    response = client.post("/brugere/spaerrede/ophaev/", {"username": "visitator"})

    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="visitator").exists()
    entry = AuditEntry.objects.get(action=AuditAction.UNLOCK)
    assert entry.user == administrator
    assert entry.municipality == administrator.municipality
    assert "visitator" in entry.summary
    assert login(Client(), "visitator", PASSWORD).status_code == 302


def test_an_administrator_of_another_municipality_cannot_unlock(
    locked_visitator, other_administrator
):
    client = Client()
    client.force_login(other_administrator)
    assert "visitator" not in client.get("/brugere/spaerrede/").content.decode()

    client.post("/brugere/spaerrede/ophaev/", {"username": "visitator"})

    assert AccessAttempt.objects.filter(username="visitator").exists()
    assert not AuditEntry.objects.filter(action=AuditAction.UNLOCK).exists()


def test_other_roles_may_not_open_the_page(locked_visitator, leader):
    client = Client()
    client.force_login(leader)
    assert client.get("/brugere/spaerrede/").status_code == 403
    assert client.post("/brugere/spaerrede/ophaev/", {"username": "visitator"}).status_code == 403
    assert AccessAttempt.objects.filter(username="visitator").exists()


@override_settings(LOGIN_ADDRESS_FAILURE_LIMIT=4)
def test_unlocking_an_address_keeps_attempts_on_another_municipalitys_users(
    visitator, administrator, other_administrator, login
):
    login(Client(), "visitator", "wrong", address="10.5.5.5")
    login(Client(), "ghost", "wrong", address="10.5.5.5")
    login(Client(), "admin-varde", "wrong", address="10.5.5.5")
    login(Client(), "admin-varde", "wrong", address="10.5.5.5")
    client = Client()
    client.force_login(administrator)
    assert "10.5.5.5" in client.get("/brugere/spaerrede/").content.decode()

    client.post("/brugere/spaerrede/ophaev/", {"ip_address": "10.5.5.5"})

    left = set(AccessAttempt.objects.values_list("username", flat=True))
    assert left == {"admin-varde"}
    entry = AuditEntry.objects.get(action=AuditAction.UNLOCK)
    assert "10.5.5.5" in entry.summary


def test_the_unlock_services_refuse_anyone_but_an_administrator(locked_visitator, leader):
    from django.core.exceptions import PermissionDenied

    from rehabplan.accounts.login.services import unlock_account, unlock_address

    with pytest.raises(PermissionDenied):
        unlock_account(user=leader, username="visitator")
    with pytest.raises(PermissionDenied):
        unlock_address(user=leader, ip_address="10.0.0.1")
    assert AccessAttempt.objects.filter(username="visitator").exists()
