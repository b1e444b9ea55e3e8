"""A therapist finds an exercise in the library by words and filters, opens it and follows its
harder step; at desktop and phone width."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from rehabplan.accounts.roles import THERAPIST
from tests.e2e.screens import DESKTOP, PHONE, check_screen, follow_menu_link, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
PASSWORD = "en-lang-adgangskode-til-test"


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_therapist_searches_and_opens_an_exercise(
    live_server, page, make_user, municipality, width
):
    user = make_user("terapeut-oevelser", THERAPIST, municipality)
    user.set_password(PASSWORD)
    user.save()
    page.set_viewport_size({"width": width, "height": 900})
    log_in(page, live_server.url, user.username, PASSWORD)

    follow_menu_link(page, "Øvelsesbibliotek")
    expect(page.get_by_role("heading", level=1)).to_have_text("Øvelsesbibliotek")
    page.get_by_label("Søg i øvelserne").fill("stol")
    page.get_by_label("Formål").select_option(label="Styrke")
    page.get_by_label("Niveau").select_option(label="Let")
    page.locator("main").get_by_role("button", name="Find øvelser").click()
    expect(page.get_by_test_id("exercise-count")).to_have_text(re.compile(r"^\d+ øvelser? fundet$"))
    assert page.get_by_label("Formål").input_value() == "strength"
    check_screen(page, f"oevelser-soegning-{width}", widths=(width,))

    page.get_by_test_id("exercise-table").get_by_role(
        "link", name="Rejse sig fra stol", exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rejse sig fra stol")
    expect(page.get_by_role("img", name="Tegning: Rejse sig fra stol")).to_be_visible()
    expect(page.get_by_test_id("exercise-instructions").locator("li").nth(2)).to_be_attached()
    check_screen(page, f"oevelse-{width}", widths=(width,))

    page.get_by_test_id("exercise-harder").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rejse sig fra stol med vægt")
    page.get_by_test_id("exercise-easier").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rejse sig fra stol")
