"""A therapist reads the quality standard: navigation, date, comparisons and a rule link.

At desktop and at phone width, on the demo data.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from rehabplan.demo.seed import DEMO_PASSWORD, seed_demo
from tests.e2e.screens import follow_menu_link, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
TODAY = dt.date(2026, 11, 23)
WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}


@pytest.mark.parametrize("device", list(WIDTHS))
def test_therapist_reads_compares_and_follows_a_rule_link(live_server, page, screenshot, device):
    width, height = WIDTHS[device]
    page.set_viewport_size({"width": width, "height": height})
    seed_demo(seed=2026, today=TODAY)

    log_in(page, live_server.url, "terapeut", DEMO_PASSWORD)

    follow_menu_link(page, "Kvalitetsstandard")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kvalitetsstandard: Demo Kommune")
    expect(page.get_by_role("heading", name="Vedligeholdende træning", exact=True)).to_be_visible()
    _assert_no_sideways_scrolling(page)
    screenshot(f"standard-{device}")

    # Another date: before the Ældrelov, no Ældrelov legal basis.
    page.get_by_label("Standarden pr. dato").fill("2025-06-30")
    page.get_by_role("button", name="Vis standarden").click()
    expect(page.get_by_test_id("standard-date")).to_have_text(
        "Standarden, som den gælder 30. juni 2025."
    )
    expect(page.get_by_text("Ældreloven § 9")).to_have_count(0)

    # Compare with the version in force from 1 July 2025: the national change shows.
    page.get_by_label("Sammenlign med kommune").select_option(label="Demo Kommune")
    page.get_by_label("Sammenlign med dato").fill("2025-07-01")
    page.get_by_role("button", name="Vis standarden").click()
    comparison = page.get_by_test_id("comparison")
    # The count does not wait for the page the click loads: wait for it first.
    expect(comparison.get_by_role("rowheader", name=re.compile("Lovgrundlag"))).to_have_count(3)
    expect(comparison).to_contain_text("Ældreloven § 9")
    screenshot(f"standard-compare-version-{device}")

    # Compare with another municipality on the same day.
    page.get_by_label("Sammenlign med kommune").select_option(label="Næstved Kommune")
    page.get_by_label("Sammenlign med dato").fill("")
    page.get_by_role("button", name="Vis standarden").click()
    comparison = page.get_by_test_id("comparison")
    expect(comparison).to_contain_text("Start senest 10 kalenderdage efter afgørelsen.")
    _assert_no_sideways_scrolling(page)
    screenshot(f"standard-compare-municipality-{device}")

    # From a deadline explanation on the worklist to its rule.
    follow_menu_link(page, "Frister")
    page.get_by_role("link", name="Se reglen i kvalitetsstandarden").first.click()
    page.wait_for_url(re.compile(r"/kvalitetsstandard/demo/\?dato=\d{4}-\d{2}-\d{2}#regel-"))
    target = page.locator(":target")
    # The URL changes before the new page's body is there: wait for the target to exist.
    expect(target).to_have_count(1)
    assert target.is_visible() and target.get_by_text("Det betyder").is_visible()
    assert _in_viewport(page, target)
    screenshot(f"standard-rule-{device}")


def _assert_no_sideways_scrolling(page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1, f"the page scrolls sideways by {overflow}px"


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and 0 <= box["y"] < size["height"]
