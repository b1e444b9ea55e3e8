"""The therapist's week in the browser on the demo: Min dag, her calendar day by day and the
week, a team session's documentation, Mine forløb, Mine hold, a note on a course; and the
leader's week of every therapist."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from rehabplan.demo.seed import DEMO_PASSWORD, seed_demo
from tests.e2e.screens import check_screen, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
TODAY = dt.date.today()


def test_the_therapist_goes_through_her_week_and_the_leader_sees_everyones(live_server, page):
    seed_demo(seed=2026, today=TODAY)
    base = live_server.url
    log_in(page, base, "terapeut", DEMO_PASSWORD)
    my_day = page.get_by_test_id("my-day")
    if TODAY.weekday() < 5:
        expect(my_day.locator("article").first).to_be_attached()
    check_screen(page, "week-min-dag")

    my_day.get_by_role("link", name="Min kalender").click()
    expect(page.get_by_test_id("calendar-date")).to_contain_text("(i dag)")
    check_screen(page, "week-calendar-day")
    page.get_by_role("link", name="Næste dag").click()
    tomorrow = TODAY + dt.timedelta(days=1)
    page.wait_for_url(re.compile(rf"dag={tomorrow:%Y-%m-%d}"))

    page.get_by_role("link", name="Vis ugen").click()
    expect(page.get_by_test_id("calendar-day").nth(4)).to_be_attached()
    check_screen(page, "week-calendar-week")
    if tomorrow.weekday() == 0:  # tomorrow's week starts with her Monday class
        page.get_by_role("link", name="Forrige uge").click()
    page.get_by_role("link", name=re.compile("^Dokumentér holdet")).first.click()
    page.wait_for_url(re.compile(r"/aftaler/\d+/$"))
    check_screen(page, "week-team-session")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Mine forløb").click()
    courses = page.get_by_test_id("my-courses")
    expect(courses).to_contain_text("Gentest undervejs")
    expect(courses).to_contain_text("Afslutning")
    expect(courses).to_contain_text("Opstartssamtale")
    check_screen(page, "week-my-courses")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Mine hold").click()
    expect(page.get_by_test_id("my-class").first).to_be_attached()
    check_screen(page, "week-my-classes")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Mine forløb").click()
    page.get_by_test_id("my-course").first.get_by_role("link").first.click()
    page.get_by_text("Skriv notat").click()
    page.get_by_label("Type").select_option(label="Samtale med pårørende")
    page.get_by_label("Notat", exact=True).fill("Datteren fortæller, at borgeren går ture igen.")
    page.get_by_role("button", name="Gem notat").click()
    expect(page.get_by_text("Notatet er gemt.")).to_be_visible()
    expect(page.get_by_text("Datteren fortæller, at borgeren går ture igen.")).to_be_visible()
    check_screen(page, "week-course-note")

    log_in(page, base, "leder", DEMO_PASSWORD)
    nav = page.get_by_role("navigation", name="Hovedmenu")
    nav.get_by_role("link", name="Terapeuternes uge").click()
    expect(page.get_by_test_id("team-week-row")).to_have_count(10)
    check_screen(page, "week-team-week")
