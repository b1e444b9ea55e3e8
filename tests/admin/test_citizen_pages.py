"""Admin pages with citizen data are read by superusers only, and every one of them is logged
with the citizens it showed: one row per municipality, so each municipality's log tells who
looked at its citizens."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from rehabplan.accounts.models import User
from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.citizens.models import Consent
from rehabplan.citizens.services import citizen_create
from rehabplan.courses.models import Attendance, Course, Referral, Session
from rehabplan.outbox.models import OutboxMessage


@dataclass
class CitizenRecords:
    citizen: Any
    consent: Any
    referral: Any
    course: Any
    session: Any
    message: Any


def _records(unit: Any, cpr: str, last_name: str) -> CitizenRecords:
    citizen = citizen_create(user=unit.visitator, cpr=cpr, first_name="Karen", last_name=last_name)
    municipality = unit.municipality
    consent = Consent.objects.create(
        citizen=citizen,
        scope="sms_reminders",
        given_on=datetime.date(2026, 11, 2),
        recorded_by=unit.visitator,
    )
    referral = Referral.objects.create(
        municipality=municipality,
        citizen=citizen,
        service_code="SUL140",
        source="hospital",
        received_on=datetime.date(2026, 11, 2),
    )
    course = Course.objects.create(
        municipality=municipality, citizen=citizen, referral=referral, service_code="SUL140"
    )
    session = Session.objects.create(
        municipality=municipality,
        kind="individual",
        contact_type="centre",
        therapist=unit.therapist,
        starts_at=timezone.make_aware(datetime.datetime(2026, 11, 10, 10, 0)),
    )
    Attendance.objects.create(session=session, course=course)
    message = OutboxMessage.objects.create(
        municipality=municipality,
        citizen=citizen,
        kind="notice",
        channel="digital_post",
        recipient_kind="citizen",
        recipient_name=citizen.full_name,
        subject="Besked",
    )
    return CitizenRecords(citizen, consent, referral, course, session, message)


@pytest.fixture
def both(own, foreign) -> tuple[CitizenRecords, CitizenRecords]:
    return _records(own, "0101501234", "Egensen"), _records(foreign, "0202402345", "Fremmedsen")


@pytest.fixture
def superuser_client(db, client):
    client.force_login(User.objects.create_superuser(username="drift", password="x-Y-z-123456"))
    return client


PAGES = {
    "citizens/citizen": lambda records: records.citizen,
    "citizens/consent": lambda records: records.consent,
    "courses/referral": lambda records: records.referral,
    "courses/course": lambda records: records.course,
    "courses/session": lambda records: records.session,
    "outbox/outboxmessage": lambda records: records.message,
}


def _new_view_entries(before: int) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            pk__gt=before, action__in=[AuditAction.VIEW, AuditAction.SEARCH]
        ).order_by("pk")
    )


def _last_pk() -> int:
    last = AuditEntry.objects.order_by("-pk").first()
    return last.pk if last else 0


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_list_page_logs_the_citizens_it_showed(superuser_client, both, page):
    before = _last_pk()
    assert superuser_client.get(f"/admin/{page}/").status_code == 200
    entries = _new_view_entries(before)
    shown = {entry.municipality_id: entry.shown_citizen_ids for entry in entries}
    assert shown == {records.citizen.municipality_id: [records.citizen.pk] for records in both}


@pytest.mark.parametrize("page", sorted(PAGES))
@pytest.mark.parametrize("view", ["change", "history"])
def test_a_detail_page_logs_the_citizen_it_showed(superuser_client, both, page, view):
    records = both[1]
    obj = PAGES[page](records)
    before = _last_pk()
    assert superuser_client.get(f"/admin/{page}/{obj.pk}/{view}/").status_code == 200
    [entry] = _new_view_entries(before)
    assert entry.citizen_id == records.citizen.pk
    assert entry.citizen_name == "Karen Fremmedsen"
    assert entry.municipality == records.citizen.municipality
    assert entry.shown_citizen_ids == [records.citizen.pk]


def test_a_search_in_the_admin_is_logged_with_its_term(superuser_client, both):
    before = _last_pk()
    superuser_client.get("/admin/citizens/citizen/", {"q": "Fremmedsen"})
    [entry] = _new_view_entries(before)
    assert entry.action == AuditAction.SEARCH
    assert entry.search_term == "Fremmedsen"
    assert entry.shown_citizen_ids == [both[1].citizen.pk]


def test_reading_the_audit_log_in_the_admin_is_logged(superuser_client, both):
    before = _last_pk()
    superuser_client.get("/admin/audit/auditentry/")
    entries = _new_view_entries(before)
    assert sorted(id for entry in entries for id in entry.shown_citizen_ids) == sorted(
        records.citizen.pk for records in both
    )


@pytest.mark.parametrize("page", sorted(PAGES) + ["audit/auditentry"])
def test_an_administrator_sees_no_citizen_data_in_the_admin(admin_of_second, both, page):
    assert admin_of_second.get(f"/admin/{page}/").status_code == 403


def test_a_missing_record_is_not_found(superuser_client, both):
    assert superuser_client.get("/admin/citizens/citizen/999999/change/").status_code == 404


@pytest.mark.parametrize("page", sorted(PAGES))
def test_no_citizen_data_reaches_a_non_superuser_even_with_view_permission(leader, both, page):
    from django.contrib import admin
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = leader
    assert leader.has_perm("citizens.view_citizen")
    model = type(PAGES[page](both[0]))
    assert not admin.site._registry[model].get_queryset(request).exists()
