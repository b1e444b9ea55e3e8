"""The audit table refuses UPDATE and DELETE in the database itself; retention is the one path."""

from __future__ import annotations

import datetime
import io
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction
from django.utils import timezone

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.audit.retention import audit_retention_delete, retention_permit
from rehabplan.audit.services import audit_record

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL (TRUNCATE, concurrent writers)"
)


def _raw(sql: str, params: list | None = None) -> int:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _entry(user, *, at: datetime.datetime | None = None, monkeypatch=None) -> AuditEntry:
    if at is not None:
        monkeypatch.setattr(timezone, "now", lambda: at)
    entry = audit_record(user=user, action=AuditAction.VIEW, summary="Borgerens side vist")
    if at is not None:
        monkeypatch.undo()
    return entry


def test_raw_update_is_refused(leader):
    entry = _entry(leader)
    with pytest.raises(IntegrityError, match="append-only"):
        _raw("UPDATE audit_auditentry SET summary = 'rewritten' WHERE id = %s", [entry.pk])
    entry.refresh_from_db()
    assert entry.summary == "Borgerens side vist"


def test_raw_delete_is_refused(leader):
    entry = _entry(leader)
    with pytest.raises(IntegrityError, match="append-only"):
        _raw("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_an_update_is_refused_even_with_the_retention_permit(leader):
    entry = _entry(leader)
    with pytest.raises(IntegrityError), transaction.atomic(), retention_permit("test"):
        _raw("UPDATE audit_auditentry SET summary = 'x' WHERE id = %s", [entry.pk])


@on_postgresql
def test_truncate_is_refused(leader):
    _entry(leader)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        # The test's own rows have deferred foreign-key checks pending; run them first.
        _raw("SET CONSTRAINTS ALL IMMEDIATE")
        _raw("TRUNCATE audit_auditentry")
    assert AuditEntry.objects.exists()


def test_retention_deletes_only_older_entries_and_logs_how_many(leader, monkeypatch):
    old = timezone.now() - datetime.timedelta(days=400)
    first = _entry(leader, at=old, monkeypatch=monkeypatch)
    second = _entry(leader, at=old, monkeypatch=monkeypatch)
    recent = _entry(leader)
    cutoff = timezone.localdate() - datetime.timedelta(days=365)
    record = audit_retention_delete(before=cutoff, user=leader, municipality=leader.municipality)
    remaining = set(AuditEntry.objects.values_list("pk", flat=True))
    assert {first.pk, second.pk} & remaining == set()
    assert {recent.pk, record.pk} <= remaining
    assert record.action == AuditAction.DELETE
    assert record.changes == {"deleted_before": cutoff.isoformat(), "deleted": 2}
    assert record.user == leader
    # The permit is gone: the log is append-only again.
    with pytest.raises(IntegrityError):
        _raw("DELETE FROM audit_auditentry WHERE id = %s", [recent.pk])


def test_retention_keeps_other_municipalities_entries(
    leader, make_user, other_municipality, monkeypatch
):
    from rehabplan.accounts.roles import LEADER

    other_leader = make_user("varde-leder", LEADER, other_municipality)
    old = timezone.now() - datetime.timedelta(days=400)
    theirs = _entry(other_leader, at=old, monkeypatch=monkeypatch)
    audit_retention_delete(
        before=timezone.localdate(), user=leader, municipality=leader.municipality
    )
    assert AuditEntry.objects.filter(pk=theirs.pk).exists()


def test_retention_refuses_a_date_in_the_future(leader):
    with pytest.raises(ValidationError):
        audit_retention_delete(
            before=timezone.localdate() + datetime.timedelta(days=1), user=leader
        )


@pytest.mark.django_db(transaction=True)
def test_a_transactional_test_with_audit_entries_is_emptied_after_it(leader, citizen):
    # Django empties every table after this test (TRUNCATE on PostgreSQL, DELETE on SQLite);
    # the session fixture in tests/conftest.py lets that through the retention permit.
    assert AuditEntry.objects.filter(citizen_id=citizen.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_the_table_is_empty_again_after_a_transactional_test():
    assert not AuditEntry.objects.exists()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_permit_in_one_transaction_lets_no_other_connection_delete(leader):
    """The retention's permit row is never committed: a concurrent DELETE is still refused."""
    entry = _entry(leader)
    permit_held = threading.Event()
    other_done = threading.Event()
    outcome: dict[str, object] = {}

    def retention_in_progress() -> None:
        try:
            with transaction.atomic(), retention_permit("held open"):
                permit_held.set()
                other_done.wait(timeout=30)
        finally:
            connections.close_all()

    def other_writer() -> None:
        permit_held.wait(timeout=30)
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])
        except IntegrityError as error:
            outcome["error"] = error
        finally:
            other_done.set()
            connections.close_all()

    threads = [
        threading.Thread(target=retention_in_progress),
        threading.Thread(target=other_writer),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert "error" in outcome
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_the_retention_command_counts_first_and_deletes_only_when_confirmed(
    leader, make_user, monkeypatch
):
    from django.core.management import call_command

    from rehabplan.accounts.models import User

    operator = User.objects.create_superuser(username="drift", password="x-Y-z-123456")
    old = timezone.now() - datetime.timedelta(days=400)
    stale = _entry(leader, at=old, monkeypatch=monkeypatch)
    cutoff = (timezone.localdate() - datetime.timedelta(days=365)).isoformat()
    out = io.StringIO()
    call_command("audit_retention", foer=cutoff, bruger="drift", stdout=out)
    assert "1 logposter" in out.getvalue() and "--ja" in out.getvalue()
    assert AuditEntry.objects.filter(pk=stale.pk).exists()
    out = io.StringIO()
    call_command("audit_retention", foer=cutoff, bruger="drift", ja=True, stdout=out)
    assert not AuditEntry.objects.filter(pk=stale.pk).exists()
    record = AuditEntry.objects.get(action=AuditAction.DELETE)
    assert record.user == operator and record.changes["deleted"] == 1


def test_the_retention_command_is_for_the_operator_only(leader):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="superbruger"):
        call_command("audit_retention", foer="2020-01-01", bruger=leader.username, ja=True)


def test_the_retention_count_and_the_deletion_agree_on_local_midnight(
    leader, make_user, monkeypatch
):
    from django.core.management import call_command

    from rehabplan.accounts.models import User

    User.objects.create_superuser(username="drift", password="x-Y-z-123456")
    cutoff = timezone.localdate() - datetime.timedelta(days=365)
    local_midnight = timezone.make_aware(
        datetime.datetime.combine(cutoff, datetime.time.min), timezone.get_default_timezone()
    )
    evening_before = _entry(
        leader, at=local_midnight - datetime.timedelta(minutes=30), monkeypatch=monkeypatch
    )
    night_after = _entry(
        leader, at=local_midnight + datetime.timedelta(minutes=30), monkeypatch=monkeypatch
    )
    out = io.StringIO()
    call_command("audit_retention", foer=cutoff.isoformat(), bruger="drift", stdout=out)
    assert out.getvalue().startswith("1 logposter")
    call_command("audit_retention", foer=cutoff.isoformat(), bruger="drift", ja=True, stdout=out)
    assert not AuditEntry.objects.filter(pk=evening_before.pk).exists()
    assert AuditEntry.objects.filter(pk=night_after.pk).exists()
