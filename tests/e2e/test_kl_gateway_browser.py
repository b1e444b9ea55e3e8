"""The leader builds the month's KL Gateway delivery in the browser, at desktop and phone width."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rehabplan.demo.seed import DEMO_PASSWORD, seed_demo
from rehabplan.reporting.models import KlGatewayDelivery
from tests.e2e.screens import DESKTOP, PHONE, check_screen, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_leader_builds_a_delivery_and_a_correction(live_server, page, settings, tmp_path):
    settings.REHABPLAN_KL_GATEWAY_DIR = str(tmp_path)
    seed_demo(seed=2026, today=timezone.localdate())
    log_in(page, live_server.url, "leder", DEMO_PASSWORD)
    # The menu has the page (in the desktop and the mobile menu alike).
    expect(page.locator('a.nav-link[href="/kl-gateway/"]').first).to_be_attached()
    page.goto(f"{live_server.url}/kl-gateway/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Indberetning til KL Gateway")
    expect(page.get_by_text("Der er ikke lavet nogen indberetninger endnu.")).to_be_visible()

    # The month before this one is offered first; the leader builds it.
    page.get_by_role("button", name="Byg indberetning").click()
    page.get_by_text("Indberetningen er lavet").wait_for()
    delivery = KlGatewayDelivery.objects.get()
    assert delivery.citizens_count > 0
    table = page.get_by_role("table")
    expect(table).to_contain_text("Første indberetning")
    check_screen(page, "leder-kl-gateway", widths=(PHONE, DESKTOP))

    page.get_by_role("button", name="Byg indberetning").click()
    page.get_by_text("Rettelsen er lavet").wait_for()
    expect(page.get_by_role("table")).to_contain_text("Rettelse nr. 1")

    with page.expect_download() as download:
        page.get_by_role("link", name="Hent filen").first.click()
    assert download.value.suggested_filename.startswith("kl-gateway-140-999-")
    check_screen(page, "leder-kl-gateway-rettelse", widths=(PHONE, DESKTOP))
