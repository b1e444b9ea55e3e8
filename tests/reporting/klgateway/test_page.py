"""The leader's KL Gateway page: who may use it, what a build shows, and whose deliveries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from rehabplan.audit.models import AuditEntry
from rehabplan.reporting.klgateway.facts import Period
from rehabplan.reporting.klgateway.services import delivery_build
from rehabplan.reporting.models import KlGatewayDelivery
from tests.reporting.klgateway.conftest import gop_course, prepare_for_kl_gateway

URL = "/kl-gateway/"


def test_the_address_is_the_documented_one():
    assert reverse("kl-gateway") == URL


@pytest.mark.parametrize("who", ["visitator", "therapist_user"])
def test_staff_other_than_the_leader_are_refused(client, kl_unit, delivery_dir, who):
    gop_course(kl_unit)
    delivery = delivery_build(municipality=kl_unit.municipality, period=Period(2026, 11))
    client.force_login(getattr(kl_unit, who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"period": "2026-11"}).status_code == 403
    assert client.get(reverse("kl-gateway-download", args=[delivery.pk])).status_code == 403
    assert KlGatewayDelivery.objects.count() == 1


def test_the_leader_sees_the_link_and_builds_a_delivery(client, kl_unit, delivery_dir):
    gop_course(kl_unit)
    client.force_login(kl_unit.leader)
    page = client.get("/")
    assert f'href="{URL}"' in page.content.decode()

    response = client.post(URL, {"period": "2026-11"}, follow=True)

    text = response.content.decode()
    assert "Indberetningen er lavet" in text
    assert "1 borger er indberettet." in text
    assert "november 2026" in text
    assert "Første indberetning" in text
    delivery = KlGatewayDelivery.objects.get()
    assert delivery.created_by == kl_unit.leader

    again = client.post(URL, {"period": "2026-11"}, follow=True).content.decode()
    assert "Rettelsen er lavet" in again
    assert "Rettelse nr. 1" in again


def test_a_refused_build_names_the_citizen_and_the_element_and_is_audited(
    client, kl_unit, delivery_dir
):
    bad = gop_course(kl_unit, plan_type="")
    client.force_login(kl_unit.leader)

    text = client.post(URL, {"period": "2026-11"}).content.decode()

    assert "Indberetningen er ikke lavet" in text
    assert f"{bad.citizen.full_name}: Genoptræningsplanens type" in text
    assert KlGatewayDelivery.objects.count() == 0
    entry = AuditEntry.objects.filter(user=kl_unit.leader).latest("at")
    assert entry.shown_citizen_ids == [bad.citizen_id]


def test_a_bad_period_gets_a_danish_error(client, kl_unit, delivery_dir):
    client.force_login(kl_unit.leader)
    text = client.post(URL, {"period": "2031-01"}).content.decode()
    assert "Vælg en af de viste måneder." in text
    assert KlGatewayDelivery.objects.count() == 0


def test_the_leader_downloads_the_file_and_the_download_is_audited(client, kl_unit, delivery_dir):
    course = gop_course(kl_unit)
    delivery = delivery_build(municipality=kl_unit.municipality, period=Period(2026, 11))
    client.force_login(kl_unit.leader)
    response = client.get(reverse("kl-gateway-download", args=[delivery.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert course.citizen.cpr.encode() in response.content
    entry = AuditEntry.objects.filter(user=kl_unit.leader, object_id=str(delivery.pk)).get()
    assert entry.shown_citizen_ids == [course.citizen_id]


def test_another_municipality_s_deliveries_never_show(client, kl_unit, varde, delivery_dir):
    prepare_for_kl_gateway(varde, sor_code="573001000016009")
    varde.counter[0] = 20
    gop_course(varde)
    theirs = delivery_build(municipality=varde.municipality, period=Period(2026, 11))
    client.force_login(kl_unit.leader)

    text = client.get(URL).content.decode()

    assert "Der er ikke lavet nogen indberetninger endnu." in text
    assert reverse("kl-gateway-download", args=[theirs.pk]) not in text
    assert client.get(reverse("kl-gateway-download", args=[theirs.pk])).status_code == 404
