"""Who may enter the admin, and how."""

from __future__ import annotations

from rehabplan.accounts.roles import LEADER


def test_an_administrator_enters_the_admin_in_danish(admin_of_second):
    page = admin_of_second.get("/admin/").content.decode()
    assert "Rehabplan – opsætning" in page
    assert "Træningssteder" in page


def test_staff_status_without_the_administrator_role_does_not_open_the_admin(
    client, make_user, other_municipality
):
    leader = make_user("leder-med-staff", LEADER, other_municipality)
    leader.is_staff = True
    leader.save(update_fields=["is_staff"])
    client.force_login(leader)
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert client.get("/admin/audit/auditentry/", follow=True).status_code == 403


def test_the_admin_login_is_the_products_login(client, db):
    response = client.get("/admin/login/", {"next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"].startswith("/log-ind/")
    assert "next=/admin/" in response["Location"]
