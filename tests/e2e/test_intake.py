"""A visitator takes a GOP from upload to a confirmed case in the browser."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from rehabplan.accounts.roles import VISITATOR
from rehabplan.courses.models import Referral
from rehabplan.gop.sample import build_gop_xml

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fredericia_visitator(make_user):
    from rehabplan.organisation.models import Municipality

    fredericia = Municipality.objects.create(slug="fredericia", code=607, name="Fredericia Kommune")
    return make_user("fredericia-visitator", VISITATOR, fredericia)


def test_gop_upload_case_and_inbox(live_server, page, screenshot, fredericia_visitator, tmp_path):
    today = timezone.localdate()
    discharged = dt.datetime.combine(today - dt.timedelta(days=1), dt.time(11))
    plan = tmp_path / "gop.xml"
    plan.write_bytes(build_gop_xml(encoding="iso-8859-1", discharge_at=discharged))
    broken = tmp_path / "broken.xml"
    broken.write_bytes(build_gop_xml(letter_identifier="9", omit=["Patient/PersonGivenName"]))

    page.goto(f"{live_server.url}/log-ind/")
    page.get_by_label("Brugernavn").fill("fredericia-visitator")
    page.get_by_label("Adgangskode").fill("secret-pass-123")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("link", name="Indlæs genoptræningsplan").click()
    page.get_by_label("Genoptræningsplaner (XML-filer)").set_input_files([plan, broken])
    page.get_by_role("button", name="Indlæs").click()
    results = page.get_by_test_id("gop-results")
    expect(results).to_contain_text("gop.xml: Indlæst")
    expect(results).to_contain_text("broken.xml: Afvist")
    expect(results).to_contain_text("Patient/PersonGivenName")
    screenshot("intake-gop-upload")

    page.get_by_role("link", name="Forside", exact=True).click()
    inbox = page.get_by_test_id("intake-inbox")
    expect(inbox).to_contain_text("Åse Marie Bøgelund")
    expect(inbox).to_contain_text("3 dage tilbage")  # contact by day 4, discharged yesterday
    screenshot("intake-inbox")

    inbox.get_by_role("link", name="Åbn sagen").click()
    expect(page.locator("body")).to_contain_text("Går med rollator indendørs")
    dates = page.get_by_test_id("dates-form")
    dates.get_by_label("Udskrevet (dag 0)").fill(today.isoformat())
    dates.get_by_label("Begrundelse for rettelsen").fill("Udskrevet en dag senere")
    dates.get_by_role("button").click()
    expect(page.locator("body")).to_contain_text("Datoerne er rettet")
    expect(page.get_by_test_id("dates-confirmed")).to_be_visible()
    expect(page.get_by_test_id("referral-deadlines")).to_contain_text("4 dage tilbage")

    contacts = page.get_by_test_id("contacts-form")
    contacts.get_by_label("Første kontakt tilbudt den").fill(today.isoformat())
    contacts.get_by_role("button").click()
    met = f"Opfyldt {date_format(today)}"
    expect(page.get_by_test_id("referral-deadlines")).to_contain_text(met)
    screenshot("intake-case")
    referral = Referral.objects.get()
    assert referral.discharge_on == today
    assert referral.first_contact_offered_on == today
