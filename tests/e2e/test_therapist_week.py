"""The therapist's week in the browser on the demo: Min dag, her calendar day by day and the
week, a team session's documentation, Mine forløb, Mine hold, a note on a course; and the
leader's week of every therapist."""

from __future__ import annotations

import datetime as dt
import re

import pytest

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
        assert my_day.locator("article").count() >= 1
    check_screen(page, "week-min-dag")

    my_day.get_by_role("link", name="Min kalender").click()
    assert "(i dag)" in page.get_by_test_id("calendar-date").inner_text()
    check_screen(page, "week-calendar-day")
    page.get_by_role("link", name="Næste dag").click()
    tomorrow = TODAY + dt.timedelta(days=1)
    assert f"dag={tomorrow:%Y-%m-%d}" in page.url

    page.get_by_role("link", name="Vis ugen").click()
    assert page.get_by_test_id("calendar-day").count() >= 5
    check_screen(page, "week-calendar-week")
    if tomorrow.weekday() == 0:  # tomorrow's week starts with her Monday class
        page.get_by_role("link", name="Forrige uge").click()
    page.get_by_role("link", name=re.compile("^Dokumentér holdet")).first.click()
    page.wait_for_url(re.compile(r"/aftaler/\d+/$"))
    check_screen(page, "week-team-session")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Mine forløb").click()
    courses = page.get_by_test_id("my-courses")
    assert "Gentest undervejs" in courses.inner_text()
    assert "Afslutning" in courses.inner_text()
    assert "Opstartssamtale" in courses.inner_text()
    check_screen(page, "week-my-courses")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Mine hold").click()
    assert page.get_by_test_id("my-class").count() >= 1
    check_screen(page, "week-my-classes")

    page.get_by_role("navigation", name="Hovedmenu").get_by_role("link", name="Mine forløb").click()
    page.get_by_test_id("my-course").first.get_by_role("link").first.click()
    page.get_by_text("Skriv notat").click()
    page.get_by_label("Type").select_option(label="Samtale med pårørende")
    page.get_by_label("Notat", exact=True).fill("Datteren fortæller, at borgeren går ture igen.")
    page.get_by_role("button", name="Gem notat").click()
    assert page.get_by_text("Notatet er gemt.").is_visible()
    assert page.get_by_text("Datteren fortæller, at borgeren går ture igen.").is_visible()
    check_screen(page, "week-course-note")

    log_in(page, base, "leder", DEMO_PASSWORD)
    nav = page.get_by_role("navigation", name="Hovedmenu")
    nav.get_by_role("link", name="Terapeuternes uge").click()
    assert page.get_by_test_id("team-week-row").count() == 10
    check_screen(page, "week-team-week")
