import pytest

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.citizens.services import citizen_update


def test_viewing_a_citizen_page_is_logged(client, visitator, citizen):
    client.force_login(visitator)
    client.get(f"/borgere/{citizen.pk}/")
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW).get()
    assert entry.user == visitator
    assert entry.citizen_id == citizen.pk
    assert entry.citizen_name == "Karen Sørensen"


def test_a_search_is_logged_with_its_term(client, visitator, citizen):
    client.force_login(visitator)
    client.post("/borgere/", {"term": "Sørensen"})
    entry = AuditEntry.objects.get(action=AuditAction.SEARCH)
    assert entry.search_term == "Sørensen"
    assert entry.user == visitator


def test_a_change_is_logged_with_what_changed(visitator, citizen):
    citizen_update(user=visitator, citizen=citizen, phone="12 34 56 78")
    entry = AuditEntry.objects.filter(action=AuditAction.CHANGE).get()
    assert entry.changes == {"phone": ["", "12 34 56 78"]}


def test_creating_a_citizen_is_logged(citizen):
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, citizen_id=citizen.pk).exists()


def test_the_audit_log_cannot_be_changed_or_deleted(citizen):
    entry = AuditEntry.objects.first()
    entry.summary = "rewritten"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(summary="x")


def test_the_admin_offers_no_way_to_edit_the_audit_log(admin_client, citizen):
    entry = AuditEntry.objects.first()
    assert admin_client.get(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 403
    response = admin_client.post(
        f"/admin/audit/auditentry/{entry.pk}/change/", {"summary": "rewritten"}
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.summary != "rewritten"


def test_the_leader_reads_the_audit_log_and_the_visitator_may_not(
    client, leader, visitator, citizen
):
    client.force_login(leader)
    response = client.get("/log/")
    assert response.status_code == 200
    assert "Borger oprettet" in response.content.decode()
    client.force_login(visitator)
    assert client.get("/log/").status_code == 403
