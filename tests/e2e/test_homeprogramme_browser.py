"""A therapist builds a home programme in the browser from a template and the library, downloads
the PDF and records a week trained at home; the citizen then sees it on /borger/ and records a
week too. Every screen is checked (screens.check_screen)."""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from rehabplan.homeprogrammes.models import AdherenceSource, AdherenceWeek, HomeProgramme
from tests.e2e.screens import PHONE, WIDTHS, check_screen, log_in
from tests.selfservice.conftest import (  # noqa: F401 - shared fixtures
    demo_unit,
    last_code,
    make_unit,
    sms_dir,
    world,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _monday(weeks_ago: int) -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday(), weeks=weeks_ago)


def test_build_download_and_record(live_server, page, world, sms_dir):  # noqa: F811
    base = live_server.url
    course = world.karen_course
    log_in(page, base, world.unit.therapist_user.username, "secret-pass-123")
    page.goto(f"{base}/forloeb/{course.pk}/")
    page.get_by_test_id("build-programme").click()
    page.wait_for_url(f"{base}/hjemmetraening/{course.pk}/nyt/")
    check_screen(page, "hjemmeprogram-tomt")

    page.get_by_text("Start forfra: fra en skabelon").click()
    page.get_by_role("link", name="Skabelon: Balance og faldforebyggelse").click()
    expect(page.get_by_test_id("programme-row")).to_have_count(4)
    page.get_by_label("Søg øvelse i biblioteket").fill("knæstræk")
    page.get_by_test_id("programme-builder").get_by_role("button", name="Søg", exact=True).click()
    page.get_by_test_id("add-knee_extension_sitting").click()
    expect(page.get_by_test_id("programme-row")).to_have_count(5)
    # The first row goes, the new one's dosage is changed.
    page.get_by_role("button", name="Fjern Rejse sig fra stol", exact=True).click()
    expect(page.get_by_test_id("programme-row")).to_have_count(4)
    page.locator("#id_row-3-repetitions").fill("15")
    page.get_by_label("Besked til borgeren").fill("Træn om formiddagen.")
    page.get_by_label("Startdato").fill(course.start_on.strftime("%d-%m-%Y"))
    check_screen(page, "hjemmeprogram-bygger")
    page.get_by_test_id("save-programme").click()
    page.wait_for_url(f"{base}/forloeb/{course.pk}/")
    programme = HomeProgramme.objects.get(course=course)
    assert [row.exercise_key for row in programme.exercises.all()] == [
        "mini_squat_support",
        "tandem_stand",
        "one_leg_stand",
        "knee_extension_sitting",
    ]
    assert programme.exercises.get(exercise_key="knee_extension_sitting").repetitions == 15
    expect(page.get_by_test_id("home-programme")).to_contain_text("Knæstræk i siddende")

    with page.expect_download() as download:
        page.get_by_test_id("programme-pdf").click()
    data = Path(download.value.path()).read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert "Knæstræk i siddende" in text and "Træn om formiddagen." in text

    page.get_by_text("Registrér træning hjemme").click()
    page.locator("#id_adherence_week_start").select_option(_monday(0).isoformat())
    page.locator("#id_adherence_sessions_done").fill("2")
    page.get_by_role("button", name="Gem træning hjemme").click()
    page.wait_for_url(f"{base}/forloeb/{course.pk}/")
    assert "Træningen hjemme er registreret." in page.content()
    check_screen(page, "forloeb-med-hjemmeprogram")
    page.goto(f"{base}/hjemmetraening/{course.pk}/versioner/")
    check_screen(page, "hjemmeprogram-versioner")
    page.goto(f"{base}/hjemmetraening/program/{programme.pk}/")
    check_screen(page, "hjemmeprogram-version")
    page.goto(f"{base}/hjemmetraening/{course.pk}/traening/")
    check_screen(page, "hjemmeprogram-traening")
    week = AdherenceWeek.objects.get(course=course)
    assert week.sessions_done == 2 and week.source == AdherenceSource.STAFF

    # The citizen logs in and records last week.
    page.context.clear_cookies()
    page.set_viewport_size({"width": PHONE, "height": 844})
    page.goto(f"{base}/borger/log-ind/")
    page.get_by_label("Dit CPR-nummer").fill(world.karen.formatted_cpr)
    page.get_by_label("SMS til min mobil").check()
    page.get_by_role("button", name="Send mig en kode").click()
    page.wait_for_url(f"{base}/borger/log-ind/kode/")
    page.get_by_label("Koden").fill(last_code(sms_dir))
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base}/borger/")
    page.get_by_role("link", name="Træning hjemme").click()
    page.wait_for_url(f"{base}/borger/hjemmetraening/")
    expect(page.get_by_test_id("home-programme")).to_contain_text("Knæstræk i siddende")
    page.get_by_label("Hvilken uge?").select_option(_monday(1).isoformat())
    page.get_by_label("Hvor mange gange har du trænet?").fill("3")
    page.get_by_role("button", name="Gem", exact=True).click()
    page.wait_for_url(f"{base}/borger/hjemmetraening/")
    check_screen(page, "borger-hjemmetraening", widths=WIDTHS)
    with page.expect_download() as download:
        page.get_by_test_id("citizen-programme-pdf").click()
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert AdherenceWeek.objects.get(course=course, week_start=_monday(1)).source == (
        AdherenceSource.CITIZEN
    )
