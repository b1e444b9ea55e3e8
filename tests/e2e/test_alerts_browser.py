"""Deadline alerts in the browser on the demo: the visitator sees hers on the start page at desktop
and phone width and marks one seen, the therapist chooses e-mail, the leader sees every alert
nobody has acted on."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from rehabplan.alerts.models import DeadlineAlert
from rehabplan.demo.seed import DEMO_PASSWORD, seed_demo
from tests.e2e.screens import DESKTOP, PHONE, check_screen, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
TODAY = dt.date.today()


def test_staff_see_their_deadline_alerts(live_server, page):
    seed_demo(seed=2026, today=TODAY)
    base = live_server.url

    log_in(page, base, "visitator", DEMO_PASSWORD)
    block = page.get_by_test_id("my-alerts")
    rows = block.get_by_test_id("alert-row")
    expect(rows.nth(1)).to_be_attached()
    assert "Ikke set" in block.inner_text() and "Set " in block.inner_text()
    check_screen(page, "alerts-visitator-forside", widths=(PHONE, DESKTOP))

    unseen = DeadlineAlert.objects.filter(user__username="visitator", seen_at__isnull=True).count()
    block.get_by_role("button", name="Markér som set").first.click()
    page.wait_for_url(f"{base}/")
    expect(page.get_by_text("Varslet er markeret som set.")).to_be_visible()
    after = DeadlineAlert.objects.filter(user__username="visitator", seen_at__isnull=True).count()
    assert after == unseen - 1

    page.get_by_test_id("all-my-alerts").click()
    page.wait_for_url(f"{base}/varsler/")
    check_screen(page, "alerts-mine", widths=(PHONE, DESKTOP))

    log_in(page, base, "terapeut", DEMO_PASSWORD)
    expect(page.get_by_test_id("my-alerts").get_by_test_id("alert-row").first).to_be_attached()
    check_screen(page, "alerts-terapeut-forside", widths=(PHONE, DESKTOP))
    page.get_by_test_id("my-alerts").get_by_role("link", name="Varsler som e-mail").click()
    check_screen(page, "alerts-settings", widths=(PHONE, DESKTOP))
    checkbox = page.get_by_label("Send mig også mine fristvarsler som e-mail")
    assert checkbox.is_checked()  # the demo therapist chose e-mail
    checkbox.uncheck()
    page.get_by_role("button", name="Gem valget").click()
    expect(page.get_by_text("Dit valg er gemt.")).to_be_visible()
    assert not page.get_by_label("Send mig også mine fristvarsler som e-mail").is_checked()

    log_in(page, base, "leder", DEMO_PASSWORD)
    unit = page.get_by_test_id("unit-alerts")
    assert "Vibeke Visitator" in unit.inner_text() and "Maja Holm" in unit.inner_text()
    check_screen(page, "alerts-leder-forside", widths=(PHONE, DESKTOP))
    unit.get_by_test_id("all-unit-alerts").click()
    page.wait_for_url(f"{base}/varsler/ikke-handlet/")
    expect(page.get_by_test_id("alert-row")).to_have_count(
        DeadlineAlert.objects.not_acted_on().count()
    )
    check_screen(page, "alerts-leader", widths=(PHONE, DESKTOP))
