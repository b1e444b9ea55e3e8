"""Every add, change and delete in the admin is in the audit log, in the same transaction."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from rehabplan.accounts.models import User
from rehabplan.accounts.roles import THERAPIST
from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.organisation.models import ClosedDay, Location


def _entries(action: str, object_type: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action=action, object_type=object_type))


def test_adding_a_location_is_logged_with_its_fields(admin_of_second, own):
    admin_of_second.post(
        "/admin/organisation/location/add/",
        {"name": "Ny sal", "address": "Torvet 2", "postcode": "6800", "city": "Varde"},
    )
    location = Location.objects.get(name="Ny sal")
    [entry] = _entries(AuditAction.CREATE, "location")
    assert entry.object_id == str(location.pk)
    assert entry.municipality == own.municipality
    assert entry.user == own.administrator
    assert entry.changes["name"] == [None, "Ny sal"]


def test_changing_a_team_class_is_logged_with_old_and_new_values(admin_of_second, own):
    team_class = own.team_class
    admin_of_second.post(
        f"/admin/organisation/teamclass/{team_class.pk}/change/",
        {
            "name": "Omdøbt hold",
            "location": own.location.pk,
            "weekday": team_class.weekday,
            "starts_at": "10:00",
            "duration_minutes": 60,
            "capacity": 12,
            "minimum_to_run": 3,
            "level": "basal",
            "profession": "PT",
            "therapist": own.therapist.pk,
            "active": "on",
        },
    )
    [entry] = _entries(AuditAction.CHANGE, "teamclass")
    assert entry.municipality == own.municipality
    assert entry.changes == {"name": ["Egen balancehold", "Omdøbt hold"], "capacity": [8, 12]}


def test_changing_working_hours_in_the_therapist_form_is_logged(admin_of_second, own):
    hours = own.working_hours
    admin_of_second.post(
        f"/admin/organisation/therapist/{own.therapist.pk}/change/",
        {
            "name": own.therapist.name,
            "profession": "PT",
            "max_sessions_per_week": 30,
            "active": "on",
            "working_hours-TOTAL_FORMS": 1,
            "working_hours-INITIAL_FORMS": 1,
            "working_hours-0-id": hours.pk,
            "working_hours-0-therapist": own.therapist.pk,
            "working_hours-0-weekday": 0,
            "working_hours-0-starts_at": "09:00",
            "working_hours-0-ends_at": "15:00",
            "absences-TOTAL_FORMS": 0,
            "absences-INITIAL_FORMS": 0,
        },
    )
    [entry] = _entries(AuditAction.CHANGE, "therapist")
    assert entry.changes == {f"arbejdstid {hours.pk}: starts_at": ["08:00:00", "09:00:00"]}


def test_deleting_a_closed_day_is_logged(admin_of_second, own):
    day = own.closed_day
    admin_of_second.post(f"/admin/organisation/closedday/{day.pk}/delete/", {"post": "yes"})
    assert not ClosedDay.objects.filter(pk=day.pk).exists()
    [entry] = _entries(AuditAction.DELETE, "closedday")
    assert entry.object_id == str(day.pk)
    assert entry.municipality == own.municipality
    assert entry.changes["reason"] == ["Egen lukket", None]


def test_deleting_with_the_list_action_is_logged(admin_of_second, own):
    day = own.closed_day
    admin_of_second.post(
        "/admin/organisation/closedday/",
        {"action": "delete_selected", "_selected_action": [day.pk], "post": "yes"},
    )
    assert not ClosedDay.objects.filter(pk=day.pk).exists()
    assert [entry.object_id for entry in _entries(AuditAction.DELETE, "closedday")] == [str(day.pk)]


def test_a_new_user_is_logged_without_the_password_hash(admin_of_second, own):
    admin_of_second.post(
        "/admin/accounts/user/add/",
        {
            "username": "ny-terapeut",
            "usable_password": "true",
            "password1": "Rehab-plan-2026!",
            "password2": "Rehab-plan-2026!",
            "groups": [Group.objects.get(name=THERAPIST).pk],
        },
    )
    user = User.objects.get(username="ny-terapeut")
    [entry] = _entries(AuditAction.CREATE, "user")
    assert entry.municipality == own.municipality
    assert entry.changes["username"] == [None, "ny-terapeut"]
    assert entry.changes["groups"] == [None, THERAPIST]
    assert entry.changes["password"] == [None, "***"]
    assert user.password not in str(entry.changes)


def test_a_password_change_is_logged_without_the_password(admin_of_second, own):
    user = own.visitator
    admin_of_second.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": "Nyt-kodeord-2026!", "password2": "Nyt-kodeord-2026!"},
    )
    user.refresh_from_db()
    assert user.check_password("Nyt-kodeord-2026!")
    [entry] = _entries(AuditAction.CHANGE, "user")
    assert entry.object_id == str(user.pk)
    assert entry.changes == {"password": ["***", "***"]}
    assert "Nyt-kodeord" not in str(entry.changes) and user.password not in str(entry.changes)


def test_an_administrators_own_password_change_is_logged(admin_of_second, own):
    response = admin_of_second.post(
        "/admin/password_change/",
        {
            "old_password": "secret-pass-123",
            "new_password1": "Eget-nyt-kodeord-2026!",
            "new_password2": "Eget-nyt-kodeord-2026!",
        },
    )
    assert response.status_code == 302
    own.administrator.refresh_from_db()
    assert own.administrator.check_password("Eget-nyt-kodeord-2026!")
    [entry] = _entries(AuditAction.CHANGE, "user")
    assert entry.object_id == str(own.administrator.pk)
    assert entry.user == own.administrator
    assert entry.changes == {"password": ["***", "***"]}


def test_a_refused_own_password_change_is_not_logged(admin_of_second, own):
    response = admin_of_second.post(
        "/admin/password_change/",
        {
            "old_password": "forkert",
            "new_password1": "Eget-nyt-kodeord-2026!",
            "new_password2": "Eget-nyt-kodeord-2026!",
        },
    )
    assert response.status_code == 200
    assert _entries(AuditAction.CHANGE, "user") == []


@pytest.fixture
def failing_audit(monkeypatch):
    """The audit write fails, as a full disk or a lost connection would make it."""

    def fail(**kwargs: object) -> None:
        raise RuntimeError("audit log unavailable")

    monkeypatch.setattr("rehabplan.web.admin.audited.audit_record", fail)


def test_a_password_is_not_changed_when_its_audit_row_cannot_be_written(
    admin_of_second, own, failing_audit
):
    user = own.visitator
    admin_of_second.raise_request_exception = False
    response = admin_of_second.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": "Nyt-kodeord-2026!", "password2": "Nyt-kodeord-2026!"},
    )
    assert response.status_code == 500
    user.refresh_from_db()
    assert user.check_password("secret-pass-123")


def test_a_list_deletion_is_undone_when_its_audit_row_cannot_be_written(
    admin_of_second, own, failing_audit
):
    day = own.closed_day
    admin_of_second.raise_request_exception = False
    response = admin_of_second.post(
        "/admin/organisation/closedday/",
        {"action": "delete_selected", "_selected_action": [day.pk], "post": "yes"},
    )
    assert response.status_code == 500
    assert ClosedDay.objects.filter(pk=day.pk).exists()


def test_no_audit_row_claims_a_deletion_that_failed(admin_of_second, own, monkeypatch):
    # The audit row is written before the records are deleted; a failed deletion takes it back.
    from rehabplan.organisation.admin import ClosedDayAdmin

    def fail(self, request, queryset):
        raise RuntimeError("deletion failed")

    monkeypatch.setattr(ClosedDayAdmin, "delete_queryset", fail)
    day = own.closed_day
    admin_of_second.raise_request_exception = False
    response = admin_of_second.post(
        "/admin/organisation/closedday/",
        {"action": "delete_selected", "_selected_action": [day.pk], "post": "yes"},
    )
    assert response.status_code == 500
    assert ClosedDay.objects.filter(pk=day.pk).exists()
    assert not _entries(AuditAction.DELETE, "closedday")
