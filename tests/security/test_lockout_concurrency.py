"""Failed logins sent in parallel, each thread with its own database connection: none is lost."""

from __future__ import annotations

import threading

import pytest
from axes.models import AccessAttempt
from django.db import connection
from django.db.models import Sum
from django.test import Client

from rehabplan.audit.models import AuditAction, AuditEntry
from tests.security.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

PARALLEL = 12


def test_parallel_failures_are_all_counted_and_the_right_password_stays_locked(visitator, login):
    barrier = threading.Barrier(PARALLEL)
    statuses: list[int] = []
    errors: list[BaseException] = []

    def attack(number: int) -> None:
        try:
            client = Client()
            barrier.wait(timeout=30)
            statuses.append(login(client, "visitator", f"guess-{number}").status_code)
        except BaseException as error:  # reported by the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attack, args=(number,)) for number in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert len(statuses) == PARALLEL
    counted = AccessAttempt.objects.filter(username="visitator").aggregate(
        total=Sum("failures_since_start")
    )["total"]
    assert counted == PARALLEL
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).count() == PARALLEL
    assert AuditEntry.objects.filter(action=AuditAction.LOCKOUT).count() >= 1

    client = Client()
    assert login(client, "visitator", PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
