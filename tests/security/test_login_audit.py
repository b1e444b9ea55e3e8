"""Successful, failed and refused logins, lockouts and logouts in the audit log."""

from __future__ import annotations

import pytest
from django.test import Client

from rehabplan.audit.models import AuditAction, AuditEntry
from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_successful_login_is_audited(visitator, login):
    login(Client(), "visitator", PASSWORD)
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN)
    assert entry.user == visitator
    assert entry.municipality == visitator.municipality
    assert "10.0.0.1" in entry.summary


def test_a_failed_login_is_audited_with_the_name_tried_and_never_the_password(visitator, login):
    login(Client(), "visitator", "my-secret-guess")
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.user is None
    assert entry.user_name == "visitator"
    assert entry.municipality == visitator.municipality
    stored = f"{entry.summary} {entry.changes} {entry.search_term}"
    assert "my-secret-guess" not in stored


def test_a_failed_login_with_an_unknown_name_has_no_municipality(db, login):
    login(Client(), "nobody", "wrong")
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.user_name == "nobody"
    assert entry.municipality is None


def test_a_cpr_number_typed_as_user_name_is_not_kept(db, login):
    login(Client(), "010150-1234", "wrong")
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert "1234" not in entry.user_name


def test_the_lockout_is_audited_once_and_later_attempts_as_refused(visitator, login, settings):
    client = Client()
    for _attempt in range(settings.LOGIN_FAILURE_LIMIT):
        login(client, "visitator", "wrong")
    login(client, "visitator", PASSWORD)
    login(client, "visitator", PASSWORD)

    lockouts = AuditEntry.objects.filter(action=AuditAction.LOCKOUT)
    assert lockouts.count() == 1
    assert lockouts.get().user_name == "visitator"
    assert lockouts.get().municipality == visitator.municipality
    failed = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED)
    assert failed.count() == settings.LOGIN_FAILURE_LIMIT + 2
    assert failed.filter(summary__contains="spærret").count() == 2
    assert not AuditEntry.objects.filter(action=AuditAction.LOGIN).exists()


def test_logout_is_audited(visitator, login):
    client = Client()
    login(client, "visitator", PASSWORD)
    client.post("/log-af/")
    entry = AuditEntry.objects.get(action=AuditAction.LOGOUT)
    assert entry.user == visitator
