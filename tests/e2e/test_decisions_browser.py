"""In the browser: a visitator assesses, decides, opens the letter and records its receipt."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from rehabplan.accounts.roles import VISITATOR
from rehabplan.courses.models import Decision

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_visitator_decides_a_varde_application_in_the_browser(
    live_server, page, screenshot, make_user
):
    from rehabplan.citizens.services import citizen_create
    from rehabplan.courses.services.referrals import referral_register
    from rehabplan.organisation.models import Municipality

    varde = Municipality.objects.create(slug="varde", code=573, name="Varde Kommune")
    visitator = make_user("visitator-varde", VISITATOR, varde)
    citizen = citizen_create(
        user=visitator, cpr="010150-1234", first_name="Åse", last_name="Bøgelund"
    )
    referral = referral_register(
        user=visitator,
        citizen=citizen,
        service_code="SEL86-2",
        source="citizen",
        received_on=datetime.date(2026, 11, 2),
    )
    page.goto(f"{live_server.url}/log-ind/")
    page.get_by_label("Brugernavn").fill(visitator.username)
    page.get_by_label("Adgangskode").fill("secret-pass-123")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_test_id("decisions-worklist")).to_be_visible()
    screenshot("decisions-1-worklist")

    page.get_by_role("link", name="Afgørelse for Åse Bøgelund").click()
    page.get_by_role("link", name="Registrér FSIII-funktionsvurdering").click()
    page.get_by_label("Gå (valgfrit)", exact=True).select_option("3")
    page.get_by_label("Forflytte sig (valgfrit)", exact=True).first.select_option("2")
    screenshot("decisions-2-assessment")
    page.get_by_role("button", name="Gem vurdering").click()

    page.get_by_label("Afgørelsesdato").fill("2026-11-10")
    page.get_by_label("Er borgeren motiveret for træning?").select_option("yes")
    page.get_by_label("Kan borgeren træne på egen hånd eller i andet regi?").select_option("no")
    page.get_by_label("Er der behov for både fysio- og ergoterapeut?").select_option("no")
    page.get_by_label("Borgeren har væsentligt nedsat funktionsevne.").select_option("yes")
    page.get_by_label("Borgeren har potentiale til at fastholde", exact=False).select_option("yes")
    page.get_by_role("button", name="Opdatér vurdering og omfang").click()
    expect(page.get_by_test_id("eligibility-outcome")).to_have_text("Alle kriterier er opfyldt.")
    page.get_by_label(re.compile(r"^Afgørelse$")).select_option("granted")
    page.get_by_label("Gange pr. uge").fill("3")
    page.get_by_role("button", name="Træf afgørelse og send brev").click()
    expect(page.get_by_text("Omfanget afviger fra kvalitetsstandarden").first).to_be_visible()
    screenshot("decisions-3-deviation-refused")
    page.get_by_label("Begrundelse for afvigelse fra standardens omfang").fill(
        "Intensiv periode efter fald, så borgeren kan blive boende hjemme."
    )
    page.get_by_role("button", name="Træf afgørelse og send brev").click()
    page.wait_for_url(re.compile(r"/afgoerelser/\d+/$"))
    decision = Decision.objects.get(referral=referral)
    assert page.url == f"{live_server.url}/afgoerelser/{decision.pk}/"
    screenshot("decisions-4-decision")

    page.get_by_label("Borgeren modtog brevet den").fill("2026-11-12")
    page.get_by_role("button", name="Registrér modtagelse").click()
    expect(page.get_by_test_id("complaint-deadline")).to_contain_text("10. december 2026")
    screenshot("decisions-5-received")
    page.get_by_role("link", name="Tilbage til borgeren").click()
    expect(page.get_by_test_id("decisions-section")).to_be_visible()
    screenshot("decisions-6-citizen-page")
    response = page.request.get(f"{live_server.url}/afgoerelser/{decision.pk}/brev.pdf")
    assert response.headers["content-type"] == "application/pdf"
