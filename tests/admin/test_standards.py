"""Quality standards in the admin: a superuser adds a municipality by uploading its file, an
administrator uploads a new version of its own municipality's standard and never another's."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rehabplan.accounts.models import User
from rehabplan.audit.models import AuditEntry
from rehabplan.organisation.models import Municipality, MunicipalStandard
from rehabplan.organisation.standards.services import standard_upload
from rehabplan.rules.registry import shipped_standards_dir

UPLOAD = "/admin/organisation/municipalstandard/add/"
LIST = "/admin/organisation/municipalstandard/"
SKOVLUND = Path(__file__).resolve().parents[1] / "fixtures" / "standards" / "skovlund.toml"


def _file(text: str, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")


def _shipped(slug: str) -> str:
    return (shipped_standards_dir() / f"{slug}.toml").read_text("utf-8")


@pytest.fixture
def superuser_client(client, db):
    client.force_login(User.objects.create_superuser(username="drift", password="x-Y-z-123456"))
    return client


def test_a_superuser_adds_a_municipality_by_uploading_its_standard(superuser_client):
    page = superuser_client.get(UPLOAD).content.decode()
    assert 'for="id_standard_file"' in page
    response = superuser_client.post(
        UPLOAD, {"standard_file": _file(SKOVLUND.read_text("utf-8"), "skovlund.toml")}
    )
    assert response.status_code == 302
    municipality = Municipality.objects.get(slug="skovlund")
    stored = MunicipalStandard.objects.get()
    assert stored.uploaded_by.username == "drift"
    entry = AuditEntry.objects.get(object_type="municipalstandard")
    assert (entry.user.username, entry.municipality, entry.action) == (
        "drift",
        municipality,
        "create",
    )
    detail = superuser_client.get(response["Location"]).content.decode()
    assert "Skovlund Kommune er oprettet fra kvalitetsstandarden skovlund.toml." in detail
    assert "Vedligeholdende træning: Serviceloven § 86, stk. 2" in detail


def test_adding_a_municipality_by_hand_leads_to_the_upload(superuser_client):
    response = superuser_client.get("/admin/organisation/municipality/add/")
    assert (response.status_code, response["Location"]) == (302, UPLOAD)


def test_a_bad_file_gives_the_loaders_danish_message_on_the_form(superuser_client):
    broken = SKOVLUND.read_text("utf-8").replace('unit = "weeks"', 'unit = "måneder"')
    response = superuser_client.post(UPLOAD, {"standard_file": _file(broken, "skovlund.toml")})
    assert response.status_code == 200
    page = response.content.decode()
    assert "fil skovlund.toml, nøgle version[0].rule[2](SEL86.start).unit, linje" in page
    assert "skal være en af" in page
    assert not Municipality.objects.filter(slug="skovlund").exists()
    assert not MunicipalStandard.objects.exists()


def test_an_administrator_uploads_a_new_version_of_its_own_standard(admin_of_second, own):
    # The second municipality is Varde (see tests/conftest.py).
    changed = _shipped("varde").replace("count = 6\n", "count = 5\n")
    response = admin_of_second.post(UPLOAD, {"standard_file": _file(changed, "varde.toml")})
    assert response.status_code == 302
    stored = MunicipalStandard.objects.of_municipality(own.municipality).get()
    assert stored.uploaded_by == own.administrator
    entry = AuditEntry.objects.get(object_type="municipalstandard")
    assert (entry.user, entry.municipality) == (own.administrator, own.municipality)


def test_an_administrator_cannot_upload_another_municipalitys_standard(
    admin_of_second, own, foreign
):
    # The first municipality is the demo: its file is refused for Varde's administrator.
    response = admin_of_second.post(UPLOAD, {"standard_file": _file(_shipped("demo"), "demo.toml")})
    assert response.status_code == 200
    assert (
        "Filen er kvalitetsstandarden for Demo Kommune, ikke for Varde Kommune."
        in response.content.decode()
    )
    new = admin_of_second.post(
        UPLOAD, {"standard_file": _file(SKOVLUND.read_text("utf-8"), "skovlund.toml")}
    )
    assert new.status_code == 200
    assert not Municipality.objects.filter(slug="skovlund").exists()
    assert not MunicipalStandard.objects.exists()
    assert not AuditEntry.objects.filter(object_type="municipalstandard").exists()


def test_the_service_refuses_an_administrator_another_municipality(own, foreign):
    # The same rule without the form's own-municipality argument.
    from rehabplan.organisation.standards.services import StandardRefused

    with pytest.raises(StandardRefused, match="din egen kommunes"):
        standard_upload(text=_shipped("demo"), file_name="demo.toml", user=own.administrator)
    assert not MunicipalStandard.objects.exists()


def test_a_visitator_cannot_reach_the_upload(client, own):
    client.force_login(own.visitator)
    assert client.get(UPLOAD, follow=True).status_code == 403


def test_an_administrator_sees_only_its_own_standards(admin_of_second, own, foreign):
    standard_upload(text=_shipped("demo"), file_name="demo.toml")
    mine = standard_upload(
        text=_shipped("varde"), file_name="varde.toml", user=own.administrator
    ).standard
    theirs = MunicipalStandard.objects.of_municipality(foreign.municipality).get()
    page = admin_of_second.get(LIST).content.decode()
    assert "varde.toml" in page
    assert "demo.toml" not in page
    assert admin_of_second.get(f"{LIST}{theirs.pk}/change/").status_code == 404
    detail = admin_of_second.get(f"{LIST}{mine.pk}/change/")
    assert detail.status_code == 200
    # History is read-only: no change, no delete.
    assert admin_of_second.post(f"{LIST}{mine.pk}/change/", {}).status_code == 403
    assert admin_of_second.post(f"{LIST}{mine.pk}/delete/", {"post": "yes"}).status_code == 403
    assert MunicipalStandard.objects.count() == 2


def test_name_code_and_short_name_come_from_the_file(superuser_client, own):
    form = (
        superuser_client.get(f"/admin/organisation/municipality/{own.municipality.pk}/change/")
        .context["adminform"]
        .form
    )
    assert not {"name", "code", "slug"} & set(form.fields)
    assert "unit_name" in form.fields
