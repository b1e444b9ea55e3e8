"""A therapist chooses a training package for a citizen's course in the browser, and the leader
opens the usage report with the course in it; each screen checked at phone, tablet and desktop."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from rehabplan.courses.models import Course
from tests.course.conftest import demo_unit, make_unit  # noqa: F401 - shared fixtures
from tests.e2e.screens import check_screen, log_in
from tests.trainingpackages.conftest import catalogue  # noqa: F401 - shared fixture

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

PASSWORD = "secret-pass-123"


def test_a_package_is_chosen_for_a_course_and_shows_in_the_report(
    live_server,
    page,
    demo_unit,  # noqa: F811
    catalogue,  # noqa: F811
):
    start = datetime.date.today() - datetime.timedelta(days=14)
    course = demo_unit.course("SEL86-1", received_on=start)
    Course.objects.filter(pk=course.pk).update(start_on=start)
    base = live_server.url

    log_in(page, base, "demo-terapeut", PASSWORD)
    page.goto(f"{base}/forloeb/{course.pk}/")
    page.get_by_test_id("choose-package").click()
    page.get_by_label("Demenstype").select_option(label="Alzheimers sygdom")
    page.get_by_label("Fase").select_option(label="Let")
    page.get_by_label("Boform").select_option(label="Bor i eget hjem")
    page.get_by_role("button", name="Vis passende pakker").click()
    page.get_by_text("Pakker til borgerens målgruppe").wait_for()
    check_screen(page, "traeningspakke-vaelg")
    page.get_by_label("Konditionstræning ved let demens").check()
    page.get_by_test_id("assign-package").click()
    page.wait_for_url(f"{base}/forloeb/{course.pk}/")
    section = page.get_by_test_id("package-section")
    expect(section).to_contain_text("Konditionstræning ved let demens")
    expect(section).to_contain_text("Pakken: 3 gange om ugen à 60 minutter.")
    check_screen(page, "traeningspakke-forloeb")

    log_in(page, base, "demo-leder", PASSWORD)
    page.goto(f"{base}/traeningspakker/rapport/")
    page.get_by_label("Fra og med").fill((start - datetime.timedelta(days=30)).strftime("%d-%m-%Y"))
    page.get_by_label("Til og med").fill(datetime.date.today().strftime("%d-%m-%Y"))
    page.get_by_role("button", name="Vis rapporten").click()
    line = page.get_by_test_id("report-package")
    line.wait_for()
    expect(line).to_contain_text("Konditionstræning ved let demens")
    expect(line).to_contain_text("1 borger")
    check_screen(page, "traeningspakke-rapport")
    page.goto(f"{base}/traeningspakker/hold/")
    check_screen(page, "traeningspakke-hold")
    page.goto(f"{base}/traeningspakker/hold/{demo_unit.team_class.pk}/")
    page.get_by_label("Træningspakke").select_option(label="Konditionstræning ved let demens")
    page.get_by_test_id("set-class-package").click()
    page.wait_for_url(f"{base}/traeningspakker/hold/")
    expect(page.get_by_test_id("class-packages")).to_contain_text(
        "Konditionstræning ved let demens"
    )
