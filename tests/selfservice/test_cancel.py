"""A citizen cancels their own appointment: in time or late by the standard's rule (demo: the day
before), recorded and audited as when staff record it; never another's, a past or a closed one."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.courses.models import AttendanceStatus
from rehabplan.courses.services.sessions import session_cancel_by_therapist, sessions_used
from rehabplan.selfservice.cancellation import citizen_cancel
from rehabplan.web.selfservice import views
from tests.course.conftest import at
from tests.selfservice.conftest import book, log_in

pytestmark = pytest.mark.django_db
ACTOR = "Borgeren selv (engangskode)"


def _attendance(session):
    return session.attendances.get()


def test_cancelling_the_day_before_is_in_time_and_gives_the_session_back(client, world, sms_dir):
    attendance = _attendance(world.karen_sessions[0])
    used_before = sessions_used(world.karen_course)
    log_in(client, world.karen, sms_dir)
    page = client.get(f"/borger/aftaler/{attendance.pk}/afbud/").content.decode()
    assert 'data-testid="cancel-in-time"' in page
    assert "Reglen er, at du skal melde afbud senest dagen før." in page

    response = client.post(f"/borger/aftaler/{attendance.pk}/afbud/", follow=True)
    assert "Afbuddet kom i god tid." in response.content.decode()
    assert "Du har meldt afbud i god tid." in response.content.decode()
    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.CANCELLED_IN_TIME
    assert attendance.recorded_by is None
    assert sessions_used(world.karen_course) == used_before - 1
    change = AuditEntry.objects.get(
        action=AuditAction.CHANGE, object_type="attendance", object_id=str(attendance.pk)
    )
    assert change.user is None and change.user_name == ACTOR
    assert change.citizen_id == world.karen.pk
    assert change.changes["status"] == ["booked", "cancelled_in_time"]
    assert change.changes["reason"] == "Afbuddet kom senest dagen før, som standarden kræver."
    opened = AuditEntry.objects.filter(summary="Selvbetjening: afbud til aftale åbnet")
    assert opened.get().user_name == ACTOR


def test_cancelling_on_the_day_is_late_and_counts_as_used(world):
    session = world.karen_sessions[0]
    morning = timezone.localtime(session.starts_at).replace(hour=8)
    used_before = sessions_used(world.karen_course)
    attendance = citizen_cancel(
        citizen=world.karen, attendance_id=_attendance(session).pk, actor_name=ACTOR, now=morning
    )
    assert attendance.status == AttendanceStatus.CANCELLED_LATE
    assert sessions_used(world.karen_course) == used_before
    change = AuditEntry.objects.get(
        action=AuditAction.CHANGE, object_type="attendance", object_id=str(attendance.pk)
    )
    assert change.changes["reason"] == (
        "Standarden kræver afbud senest dagen før; afbuddet kom samme dag."
    )


def test_the_page_says_before_cancelling_that_it_is_late(client, world, sms_dir, monkeypatch):
    session = world.karen_sessions[0]
    log_in(client, world.karen, sms_dir)
    morning = timezone.localtime(session.starts_at).replace(hour=8)
    # The page's clock only: the session and the audit log keep the real time.
    monkeypatch.setattr(views, "timezone", SimpleNamespace(now=lambda: morning))
    page = client.get(f"/borger/aftaler/{_attendance(session).pk}/afbud/").content.decode()
    assert 'data-testid="cancel-late"' in page
    response = client.post(f"/borger/aftaler/{_attendance(session).pk}/afbud/", follow=True)
    assert "Afbuddet kom for sent" in response.content.decode()
    assert _attendance(session).status == AttendanceStatus.CANCELLED_LATE


def test_a_session_that_has_begun_cannot_be_cancelled(client, world, sms_dir):
    session = world.karen_sessions[0]
    with pytest.raises(ValidationError, match="begyndt eller overstået"):
        citizen_cancel(
            citizen=world.karen,
            attendance_id=_attendance(session).pk,
            actor_name=ACTOR,
            now=session.starts_at,
        )
    past = book(
        world.unit,
        world.karen_course,
        at(timezone.localdate() - datetime.timedelta(days=1), 7),
    )
    log_in(client, world.karen, sms_dir)
    page = client.get(f"/borger/aftaler/{_attendance(past).pk}/afbud/").content.decode()
    assert 'data-testid="cannot-cancel"' in page
    response = client.post(f"/borger/aftaler/{_attendance(past).pk}/afbud/", follow=True)
    assert "begyndt eller overstået" in response.content.decode()
    assert _attendance(past).status == AttendanceStatus.BOOKED


def test_another_citizen_s_session_cannot_be_cancelled(client, world, sms_dir):
    theirs = _attendance(world.other_session)
    with pytest.raises(ValidationError, match="findes ikke"):
        citizen_cancel(citizen=world.karen, attendance_id=theirs.pk, actor_name=ACTOR)
    log_in(client, world.karen, sms_dir)
    assert client.get(f"/borger/aftaler/{theirs.pk}/afbud/").status_code == 404
    assert client.post(f"/borger/aftaler/{theirs.pk}/afbud/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == AttendanceStatus.BOOKED
    assert not AuditEntry.objects.filter(citizen_id=world.other.pk, user_name=ACTOR).exists()


def test_a_cancellation_is_recorded_once(client, world, sms_dir):
    attendance = _attendance(world.karen_sessions[1])
    citizen_cancel(citizen=world.karen, attendance_id=attendance.pk, actor_name=ACTOR)
    with pytest.raises(ValidationError, match="allerede meldt afbud"):
        citizen_cancel(citizen=world.karen, attendance_id=attendance.pk, actor_name=ACTOR)
    changes = AuditEntry.objects.filter(
        action=AuditAction.CHANGE, object_type="attendance", object_id=str(attendance.pk)
    )
    assert changes.count() == 1


def test_a_session_the_therapist_cancelled_cannot_be_cancelled_again(world):
    session = world.karen_sessions[1]
    session_cancel_by_therapist(user=world.unit.therapist_user, session=session, reason="Syg")
    with pytest.raises(ValidationError):
        citizen_cancel(citizen=world.karen, attendance_id=_attendance(session).pk, actor_name=ACTOR)
    assert _attendance(session).status == AttendanceStatus.CANCELLED_BY_THERAPIST
