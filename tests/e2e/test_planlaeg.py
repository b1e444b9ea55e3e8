"""The leader plans a week of new courses in the demo municipality, moves a citizen and accepts."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from rehabplan.courses.models import Course, CourseStatus
from rehabplan.demo.seed import DEMO_PASSWORD, seed_demo
from rehabplan.scheduling.weeks import iso_week_of
from tests.e2e.screens import check_screen, follow_menu_link, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
# The planner books nothing in the past, so the demo is seeded on the real date and plans next week.
TODAY = dt.date.today()


def test_leader_plans_adjusts_and_accepts_a_week(live_server, page, screenshot):
    seed_demo(seed=2026, today=TODAY)
    waiting = Course.objects.filter(
        status=CourseStatus.AWAITING_START, attendances__isnull=True
    ).count()
    assert waiting > 0

    log_in(page, live_server.url, "leder", DEMO_PASSWORD)
    follow_menu_link(page, "Planlæg")
    page.get_by_label("Uge", exact=True).fill(iso_week_of(TODAY + dt.timedelta(days=7)))
    page.locator("main").get_by_role("button", name="Planlæg").click()
    page.get_by_text("Hvem starter hvor og hvornår").wait_for(timeout=60_000)
    expect(page.get_by_test_id("proposal-state")).to_have_text("Klar")
    # Beside the on-time starts: the therapists' hours and the class seats the plan uses.
    expect(page.get_by_test_id("therapist-hours")).to_contain_text("timer (")
    expect(page.get_by_test_id("class-fill")).to_contain_text("pladser brugt")
    assert page.get_by_test_id("classes-under-minimum").inner_text()
    check_screen(page, "planlaeg-proposal")

    # Move the first citizen: the plan is checked again and the outcome is shown in words.
    page.locator("form.adjust-form").first.get_by_role("button", name="Flyt").click()
    expect(page.locator(".alert").first).to_be_visible()
    screenshot("planlaeg-adjusted")

    page.get_by_role("button", name="Godkend og book").click()
    expect(page.locator(".alert-success")).to_contain_text("Godkendt:")
    expect(page.get_by_test_id("proposal-state")).to_have_text("Godkendt")
    screenshot("planlaeg-accepted")
    booked = Course.objects.filter(status=CourseStatus.AWAITING_START, attendances__isnull=False)
    assert booked.distinct().count() >= 1
