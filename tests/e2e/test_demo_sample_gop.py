"""A newcomer to the demo fetches the sample GOP from the upload page, uploads it and opens the
new referral with the plan's content."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rehabplan.courses.models import Referral
from rehabplan.demo.seed import DEMO_PASSWORD, seed_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_newcomer_receives_the_sample_gop_in_the_demo(live_server, page, screenshot, tmp_path):
    seed_demo(seed=2026, today=timezone.localdate())
    before = Referral.objects.count()

    page.goto(f"{live_server.url}/log-ind/")
    page.get_by_label("Brugernavn").fill("visitator")
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/")

    page.get_by_role("link", name="Indlæs genoptræningsplan").click()
    sample = page.get_by_test_id("gop-sample")
    with page.expect_download() as download_info:
        sample.get_by_role("link", name="Hent eksempel på genoptræningsplan").click()
    download = download_info.value
    assert download.suggested_filename == "eksempel-genoptraeningsplan.xml"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert b"<Identifier>999</Identifier>" in path.read_bytes().replace(b"m100:", b"")
    screenshot("demo-sample-gop-upload-page")

    page.get_by_label("Genoptræningsplaner (XML-filer)").set_input_files(path)
    page.get_by_role("button", name="Indlæs").click()
    results = page.get_by_test_id("gop-results")
    expect(results).to_contain_text("eksempel-genoptraeningsplan.xml: Indlæst")
    assert Referral.objects.count() == before + 1
    referral = Referral.objects.latest("id")
    name = referral.citizen.full_name
    expect(results).to_contain_text(f"genoptræningsplan for {name} (borgeren er oprettet)")

    results.get_by_role("link", name="Åbn sagen").click()
    expect(page.get_by_test_id("referral-citizen")).to_have_text(name)
    excerpts = page.get_by_test_id("gop-journal-excerpts").inner_text()
    assert "Status: går 30 m med rollator." in excerpts
    assert "Mette Eksempel, Fysioterapeut" in excerpts
    assert "Mette Eksempel, Fysioterapeut, Terapiafdelingen" in (
        page.get_by_test_id("gop-team").inner_text()
    )
    assert "Eksempelfil: borgeren er opdigtet." in page.content()
    today = timezone.localdate()
    assert referral.discharge_on == today
    screenshot("demo-sample-gop-case")

    page.get_by_role("link", name="Forside", exact=True).click()
    expect(page.get_by_test_id("intake-inbox")).to_contain_text(name)
