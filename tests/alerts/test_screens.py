"""The alerts on screen: the start page, marking an alert seen, the e-mail choice and the
leader's list; each in its own municipality only, and every change in the audit log."""

from __future__ import annotations

import pytest
from django.utils import timezone

from rehabplan.alerts.models import AlertPreference, DeadlineAlert
from rehabplan.alerts.services.sweep import alerts_sweep
from rehabplan.audit.models import AuditAction, AuditEntry
from tests.alerts.conftest import open_deadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def alerted(demo_unit):
    """A decision deadline due today: an alert to the unit's visitator."""
    today = timezone.localdate()
    deadline = open_deadline(demo_unit, "decision", today, course=False)
    alerts_sweep(today=today)
    return DeadlineAlert.objects.get(deadline=deadline)


def test_the_visitator_sees_her_alert_on_the_start_page(client, demo_unit, alerted):
    citizen = alerted.deadline.referral.citizen
    client.force_login(demo_unit.visitator)
    content = client.get("/").content.decode()
    assert "Mine fristvarsler" in content
    assert citizen.full_name in content and "Udløber i dag" in content and "Ikke set" in content
    assert "Markér som set" in content
    entry = AuditEntry.objects.filter(user=demo_unit.visitator, action=AuditAction.VIEW).last()
    assert citizen.pk in entry.shown_citizen_ids


def test_marking_seen_is_audited_and_keeps_the_alert_until_acted_on(client, demo_unit, alerted):
    client.force_login(demo_unit.visitator)
    response = client.post(f"/varsler/{alerted.pk}/set/", {"tilbage": "forside"})
    assert response.status_code == 302 and response.url == "/"
    alerted.refresh_from_db()
    assert alerted.seen_at is not None
    entry = AuditEntry.objects.get(object_type="deadlinealert", action=AuditAction.CHANGE)
    assert entry.user == demo_unit.visitator
    assert entry.citizen_id == alerted.deadline.referral.citizen_id
    assert entry.summary == "Fristvarsel markeret som set"
    client.post(f"/varsler/{alerted.pk}/set/")  # again: nothing new
    assert AuditEntry.objects.filter(object_type="deadlinealert", action="change").count() == 1
    content = client.get("/varsler/").content.decode()
    assert "Set " in content and "Markér som set" not in content


def test_nobody_else_marks_an_alert_seen(client, demo_unit, varde, alerted):
    for user in (demo_unit.therapist_user, demo_unit.leader, varde.visitator):
        client.force_login(user)
        response = client.post(f"/varsler/{alerted.pk}/set/", follow=True)
        assert "Varslet findes ikke blandt dine varsler." in response.content.decode()
    alerted.refresh_from_db()
    assert alerted.seen_at is None
    assert not AuditEntry.objects.filter(object_type="deadlinealert", action="change").exists()


def test_a_get_of_the_seen_address_goes_to_the_list(client, demo_unit, alerted):
    client.force_login(demo_unit.visitator)
    response = client.get(f"/varsler/{alerted.pk}/set/")
    assert response.status_code == 302 and response.url == "/varsler/"


def test_the_leader_sees_the_alerts_not_acted_on(client, demo_unit, alerted):
    client.force_login(demo_unit.leader)
    home = client.get("/").content.decode()
    assert "Fristvarsler, der ikke er handlet på" in home
    assert alerted.deadline.referral.citizen.full_name in home
    page = client.get("/varsler/ikke-handlet/")
    content = page.content.decode()
    assert page.status_code == 200
    assert alerted.deadline.referral.citizen.full_name in content
    assert demo_unit.visitator.display_name in content and "Ikke set" in content
    assert "Markér som set" not in content
    entry = AuditEntry.objects.filter(user=demo_unit.leader, action=AuditAction.VIEW).last()
    assert entry.shown_citizen_ids == [alerted.deadline.referral.citizen_id]


def test_the_leader_s_list_is_paged(client, demo_unit):
    today = timezone.localdate()
    for _ in range(27):
        open_deadline(demo_unit, "decision", today, course=False)
    alerts_sweep(today=today)
    client.force_login(demo_unit.leader)
    first = client.get("/varsler/ikke-handlet/").content.decode()
    assert first.count('data-testid="alert-row"') == 25 and "Side 1 af 2" in first
    second = client.get("/varsler/ikke-handlet/?side=2").content.decode()
    assert second.count('data-testid="alert-row"') == 2


@pytest.mark.parametrize("role", ["visitator", "therapist_user"])
def test_only_the_leader_reaches_the_unit_s_list(client, demo_unit, alerted, role):
    client.force_login(getattr(demo_unit, role))
    assert client.get("/varsler/ikke-handlet/").status_code == 403


def test_another_municipality_never_sees_an_alert(client, demo_unit, varde, alerted):
    name = alerted.deadline.referral.citizen.full_name
    for user in (varde.visitator, varde.therapist_user, varde.leader):
        client.force_login(user)
        for url in ("/", "/varsler/", "/varsler/ikke-handlet/"):
            response = client.get(url)
            assert name not in response.content.decode(), (user, url)


def test_the_e_mail_choice_has_a_label_and_is_saved(client, demo_unit):
    user = demo_unit.therapist_user
    user.email = "pia@demo.example"
    user.save()
    client.force_login(user)
    form = client.get("/varsler/indstillinger/").content.decode()
    assert '<label class="form-label" for="id_by_email">' in form
    assert "E-mailen sendes til pia@demo.example." in form
    response = client.post("/varsler/indstillinger/", {"by_email": "on"})
    assert response.status_code == 302
    assert AlertPreference.objects.get(user=user).by_email
    client.post("/varsler/indstillinger/", {})
    assert not AlertPreference.objects.get(user=user).by_email


def test_the_e_mail_choice_without_an_address_is_refused_in_danish(client, demo_unit):
    client.force_login(demo_unit.visitator)
    response = client.post("/varsler/indstillinger/", {"by_email": "on"})
    assert response.status_code == 200
    assert "Din bruger har ingen e-mailadresse." in response.content.decode()
    assert not AlertPreference.objects.filter(user=demo_unit.visitator).exists()


def test_a_colleague_s_alert_is_not_on_my_start_page(client, demo_unit, alerted):
    client.force_login(demo_unit.therapist_user)
    content = client.get("/").content.decode()
    assert alerted.deadline.referral.citizen.full_name not in content
    assert "Du har ingen fristvarsler." in content
    assert client.get("/varsler/").content.decode().count('data-testid="alert-row"') == 0


def test_the_start_page_s_audit_row_names_the_citizen_of_a_therapist_s_alert(client, demo_unit):
    """The therapist's start page shows no deadline list: only her alert names the citizen."""
    today = timezone.localdate()
    deadline = open_deadline(demo_unit, "start", today)
    alerts_sweep(today=today)
    client.force_login(demo_unit.therapist_user)
    content = client.get("/").content.decode()
    citizen = deadline.referral.citizen
    assert citizen.full_name in content
    entry = AuditEntry.objects.filter(user=demo_unit.therapist_user, action="view").last()
    assert entry.shown_citizen_ids == [citizen.pk]


@pytest.mark.parametrize(
    ("role", "address"),
    [
        ("visitator", "/varsler/"),
        ("therapist_user", "/varsler/"),
        ("leader", "/varsler/ikke-handlet/"),
    ],
)
def test_the_main_menu_leads_each_role_to_its_alerts(client, demo_unit, role, address):
    client.force_login(getattr(demo_unit, role))
    content = client.get("/").content.decode()
    assert f'href="{address}" class="nav-link"><span>Fristvarsler</span>' in content
