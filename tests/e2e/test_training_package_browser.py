"""The leader adapts a national training package in the browser: copies it, changes an
exercise's dosage with a reason, saves, and sees version 1 with the difference table; a change
without a reason is refused naming the item. At phone and desktop width."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from rehabplan.demo.seed import DEMO_PASSWORD, seed_demo
from tests.e2e.screens import check_screen, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
TODAY = dt.date(2026, 11, 23)
WIDTHS = {"desktop": (1366, 900), "phone": (390, 844)}


@pytest.mark.parametrize("device", list(WIDTHS))
def test_the_leader_copies_a_package_changes_a_dosage_with_a_reason_and_sees_the_difference(
    live_server, page, device
):
    width, height = WIDTHS[device]
    page.set_viewport_size({"width": width, "height": height})
    seed_demo(seed=2026, today=TODAY)
    log_in(page, live_server.url, "leder", DEMO_PASSWORD)

    page.goto(f"{live_server.url}/traeningspakker/")
    page.get_by_label("Fase").select_option(label="Let")
    page.get_by_label("Demenstype").select_option(label="Alzheimers sygdom")
    page.get_by_role("button", name="Vis pakker").click()
    page.get_by_role("link", name="Konditionstræning på hold ved let Alzheimers sygdom").click()
    page.get_by_role("link", name="Tilpas til kommunen").click()

    page.get_by_label("Den lokale pakkes navn", exact=True).fill("Konditionshold i Sundhedshuset")
    row = page.get_by_test_id("exercise-row").filter(has_text="Rejse sig fra stol (hoveddel)")
    row.get_by_label(re.compile(r"^Sæt")).fill("2")
    page.get_by_role("button", name="Gem version").click()

    errors = page.get_by_test_id("form-errors")
    expect(errors).to_contain_text(
        "Skriv en begrundelse for ændringen af øvelse: Rejse sig fra stol (hoveddel)."
    )
    check_screen(page, f"tilpas-pakke-fejl-{device}")

    row = page.get_by_test_id("exercise-row").filter(has_text="Rejse sig fra stol (hoveddel)")
    row.get_by_label(re.compile(r"^Begrundelse")).fill(
        "Borgerne bliver for trætte af tre sæt efter cyklingen."
    )
    page.get_by_role("button", name="Gem version").click()

    expect(page.get_by_test_id("version-heading")).to_have_text(
        "Konditionshold i Sundhedshuset, version 1"
    )
    table = page.get_by_test_id("national-differences")
    expect(table).to_contain_text("Øvelse: Rejse sig fra stol (hoveddel)")
    expect(table).to_contain_text("3 sæt × 10 gentagelser")
    expect(table).to_contain_text("2 sæt × 10 gentagelser")
    expect(table).to_contain_text("Borgerne bliver for trætte af tre sæt efter cyklingen.")
    check_screen(page, f"lokal-version-1-{device}")
