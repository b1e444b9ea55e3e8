"""The facts KL Gateway needs are kept in the set-up: hospital units by the municipality's
administrator, the municipality's SOR code by the superuser, each checked."""

from __future__ import annotations

import pytest

from rehabplan.organisation.models import HospitalUnit, Municipality


@pytest.fixture
def administrator(administrator):
    # The admin site takes staff only; an administrator's account is made staff.
    administrator.is_staff = True
    administrator.save(update_fields=["is_staff"])
    return administrator


def test_the_administrator_adds_a_hospital_unit_to_the_own_municipality(
    client, administrator, other_municipality
):
    client.force_login(administrator)
    response = client.post(
        "/admin/organisation/hospitalunit/add/",
        {"name": "Sygehuset", "ean": "5790000000005", "sor_code": "999992000016001"},
    )
    assert response.status_code == 302
    unit = HospitalUnit.objects.get()
    assert unit.municipality == administrator.municipality
    HospitalUnit.objects.create(
        municipality=other_municipality, name="Andet sygehus", ean="1", sor_code="123456"
    )
    listing = client.get("/admin/organisation/hospitalunit/").content.decode()
    assert "Sygehuset" in listing and "Andet sygehus" not in listing


def test_a_sor_code_must_be_digits(client, administrator):
    client.force_login(administrator)
    response = client.post(
        "/admin/organisation/hospitalunit/add/",
        {"name": "Sygehuset", "ean": "5790000000005", "sor_code": "SOR-12"},
    )
    assert response.status_code == 200
    assert "En SOR-kode består af 6 til 18 cifre." in response.content.decode()
    assert HospitalUnit.objects.count() == 0


def test_the_superuser_sets_the_municipality_s_sor_code(client, municipality, django_user_model):
    superuser = django_user_model.objects.create_superuser(
        username="root", password="secret-pass-123"
    )
    client.force_login(superuser)
    url = f"/admin/organisation/municipality/{municipality.pk}/change/"
    form = client.get(url).content.decode()
    assert 'name="sor_code"' in form
    client.post(url, {"unit_name": "Træning", "sor_code": "999991000016005"})
    assert Municipality.objects.get(pk=municipality.pk).sor_code == "999991000016005"
