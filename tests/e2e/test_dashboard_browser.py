"""The leader opens Nøgletal on the demo: charts drawn, tables beside them, a filter, a
drill-down to the cases and a CSV download, at desktop and phone width."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rehabplan.courses.models import StoredDeadline
from rehabplan.demo.seed import DEMO_PASSWORD, seed_demo
from tests.e2e.screens import check_screen, follow_menu_link, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("width", "height", "name"), [(1366, 900, "desktop"), (390, 844, "phone")])
def test_leader_reads_the_key_figures(live_server, page, screenshot, width, height, name):
    seed_demo(seed=2026, today=timezone.localdate())
    page.set_viewport_size({"width": width, "height": height})
    log_in(page, live_server.url, "leder", DEMO_PASSWORD)
    if width < 992:
        follow_menu_link(page, "Nøgletal")
    else:
        # The desktop menu folds its last items under "Mere"; the start page's card is there too.
        page.get_by_role("link", name="Se nøgletal").click()
    page.wait_for_url("**/statistik/frister/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nøgletal")

    # The chart is drawn by Chart.js (the canvas is marked once drawn) and the same figures
    # are in the table under it.
    page.locator('canvas[data-kpi-chart][data-kpi-drawn="true"]').first.wait_for()
    compliance = page.get_by_test_id("kpi-figures-overholdelse")
    expect(compliance).to_contain_text("%")
    expect(compliance.locator("tbody tr").nth(2)).to_be_attached()
    screenshot(f"dashboard-frister-{name}")

    # A filter changes the figures: one service only.
    before = compliance.locator("tbody tr").count()
    page.get_by_label("Indsats (valgfrit)").select_option(index=1)
    page.get_by_role("button", name="Vis tal").click()
    page.wait_for_url("**ydelse=**")
    after = page.get_by_test_id("kpi-figures-overholdelse").locator("tbody tr").count()
    assert 0 < after < before

    # The CSV of the table: Danish headers, separated by semicolons.
    with page.expect_download() as download_info:
        page.get_by_test_id("kpi-csv-overholdelse").click()
    download = download_info.value
    assert download.suggested_filename.startswith("noegletal-frister-overholdelse")
    text = download.path().read_bytes().decode("utf-8-sig")
    assert text.startswith("Frist og indsats;Overholdt (andel);")

    # The waiting-time tab, then a drill-down to the cases behind a figure.
    page.get_by_test_id("kpi-tabs").get_by_role("link", name="Ventetid og henvisninger").click()
    page.wait_for_url("**/statistik/ventetid/**")
    page.locator('canvas[data-kpi-chart][data-kpi-drawn="true"]').first.wait_for()
    screenshot(f"dashboard-ventetid-{name}")
    page.get_by_test_id("kpi-figures-ventetid").locator("tbody a").first.click()
    page.wait_for_url("**/statistik/ventetid/sager/**")
    cases = page.get_by_test_id("kpi-cases")
    expect(cases.locator("tbody tr").first).to_be_attached()
    expect(cases.get_by_role("link").first).to_be_attached()
    screenshot(f"dashboard-cases-{name}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1


def test_the_dashboard_screens_pass_the_screen_checks(live_server, page):
    """Both sections, a case list and a referral with a missed deadline's reason form: no
    sideways scrolling, no id twice, no serious axe-core finding, at every width."""
    seed_demo(seed=2026, today=timezone.localdate())
    demo = live_server.url
    log_in(page, demo, "leder", DEMO_PASSWORD)
    for key in ("frister", "ventetid"):
        page.goto(f"{demo}/statistik/{key}/")
        page.locator('canvas[data-kpi-chart][data-kpi-drawn="true"]').first.wait_for()
        check_screen(page, f"leder-noegletal-{key}")
    page.goto(f"{demo}/statistik/frister/sager/?udfald=overskredet&aarsag=capacity")
    check_screen(page, "leder-noegletal-sager")
    missed = next(
        deadline
        for deadline in StoredDeadline.objects.filter(met_on__isnull=False, miss_reason="")
        if deadline.met_on > deadline.due
    )
    page.goto(f"{demo}/henvisninger/{missed.referral_id}/")
    form = page.get_by_test_id(f"miss-reason-form-{missed.kind}")
    form.get_by_role("button", name="Gem årsag").click()  # no reason chosen: a Danish error
    page.get_by_text("Vælg en årsag.").first.wait_for()
    check_screen(page, "leder-henvisning-aarsag-fejl")
    form = page.get_by_test_id(f"miss-reason-form-{missed.kind}")
    form.get_by_label("Årsag").select_option(label="Kapacitet")
    form.get_by_role("button", name="Gem årsag").click()
    page.get_by_text("Årsagen til den overskredne frist er registreret.").wait_for()
    missed.refresh_from_db()
    assert missed.miss_reason == "capacity"
