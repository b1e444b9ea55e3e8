"""A superuser adds a municipality in the admin by uploading its quality standard, by keyboard."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from rehabplan.organisation.models import Municipality

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SKOVLUND = Path(__file__).resolve().parents[1] / "fixtures" / "standards" / "skovlund.toml"


def test_a_superuser_uploads_a_new_municipalitys_standard(live_server, page, screenshot):
    from rehabplan.accounts.models import User

    User.objects.create_superuser(username="drift", password="x-Y-z-123456")
    page.goto(f"{live_server.url}/admin/organisation/municipalstandard/add/")
    page.get_by_label("Brugernavn").fill("drift")
    page.get_by_label("Adgangskode").fill("x-Y-z-123456")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/admin/organisation/municipalstandard/add/")

    page.get_by_label("Kvalitetsstandard (TOML-fil)").set_input_files(str(SKOVLUND))
    screenshot("admin-standard-upload")
    page.get_by_label("Kvalitetsstandard (TOML-fil)").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.get_by_text(
        "Skovlund Kommune er oprettet fra kvalitetsstandarden skovlund.toml."
    ).wait_for()
    expect(page.get_by_text("Vedligeholdende træning: Serviceloven § 86, stk. 2")).to_have_count(1)
    screenshot("admin-standard-uploaded")
    assert Municipality.objects.filter(slug="skovlund", code=998).exists()
