"""A citizen carried through the whole flow in the browser: a visitator imports the hospital's
GOP and sets the plan, a therapist holds the intake talk, books and documents a session and closes
the course with a status report. A screenshot is saved at each step (test-artifacts/)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rehabplan.accounts.roles import THERAPIST, VISITATOR
from rehabplan.courses.models import Course, CourseStatus
from rehabplan.gop.sample import build_gop_xml
from rehabplan.organisation.models import Municipality, Profession, Therapist, WorkingHours
from rehabplan.outbox.models import OutboxMessage
from tests.course.conftest import started_earlier_today

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "secret-pass-123"


@pytest.fixture
def fredericia_staff(make_user):
    fredericia = Municipality.objects.create(slug="fredericia", code=607, name="Fredericia Kommune")
    visitator = make_user("fredericia-visitator", VISITATOR, fredericia)
    therapist_user = make_user("fredericia-terapeut", THERAPIST, fredericia)
    therapist_user.first_name, therapist_user.last_name = "Maja", "Holm"
    therapist_user.save()
    therapist = Therapist.objects.create(
        municipality=fredericia,
        name="Maja Holm",
        profession=Profession.PHYSIOTHERAPIST,
        user=therapist_user,
    )
    for weekday in range(7):
        WorkingHours.objects.create(
            therapist=therapist, weekday=weekday, starts_at=dt.time(0), ends_at=dt.time(23, 59)
        )
    return visitator, therapist_user


def _log_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/")


def test_gop_upload_to_closed_course(live_server, page, screenshot, fredericia_staff, tmp_path):
    today = timezone.localdate()
    gop = tmp_path / "genoptraeningsplan.xml"
    gop.write_bytes(
        build_gop_xml(
            encoding="iso-8859-1",
            hospital_contact_start=dt.datetime.combine(today - dt.timedelta(days=6), dt.time(9)),
            discharge_at=dt.datetime.combine(today - dt.timedelta(days=1), dt.time(11)),
        )
    )

    # The visitator imports the plan and sets level and plan.
    _log_in(page, live_server, "fredericia-visitator")
    page.get_by_role("link", name="Indlæs genoptræningsplan").click()
    page.get_by_label("Genoptræningsplaner (XML-filer)").set_input_files([gop])
    page.get_by_role("button", name="Indlæs").click()
    expect(page.get_by_test_id("gop-results")).to_contain_text("Indlæst")
    screenshot("flow-01-gop-imported")
    page.get_by_role("link", name="Forside", exact=True).click()
    page.get_by_test_id("intake-inbox").get_by_role("link", name="Åbn sagen").click()
    page.wait_for_url(re.compile(r"/henvisninger/\d+/$"))
    screenshot("flow-02-case")
    referral_url = page.url
    referral_id = int(referral_url.rstrip("/").split("/")[-1])
    page.goto(f"{live_server.url}/henvisninger/{referral_id}/afgoerelse/")
    page.get_by_label("Niveau", exact=True).select_option("basal")
    page.get_by_label("Plan for genoptræningen").fill("Gangtræning og styrke, individuelt.")
    screenshot("flow-03-plan")
    page.get_by_role("button", name="Gem plan og send planbrev").click()
    expect(page.locator("body")).to_contain_text("planbrevet er lagt i udbakken")
    assert OutboxMessage.objects.filter(kind="plan_letter").exists()
    screenshot("flow-04-plan-letter")
    page.get_by_role("button", name="Log af").click()

    # The therapist takes over: intake talk, goal, a session, documentation.
    _log_in(page, live_server, "fredericia-terapeut")
    course = Course.objects.get(referral_id=referral_id)
    page.goto(f"{live_server.url}/forloeb/{course.pk}/")
    page.get_by_label("Dato for opstartssamtalen").fill(today.isoformat())
    page.get_by_label("Forundersøgelse og samtale (notat)").fill("Går med rollator.")
    page.get_by_role("button", name="Gem opstartssamtale og start forløbet").click()
    expect(page.get_by_test_id("course-status")).to_have_text("I gang")
    page.get_by_text("Nyt mål", exact=True).click()
    page.get_by_label("Mål med borgerens egne ord").fill("Jeg vil kunne gå til købmanden selv.")
    page.get_by_role("button", name="Gem mål").click()
    page.get_by_text("Registrér test", exact=True).click()
    page.locator("#id_test_code").select_option("timed_up_and_go")
    page.locator("#id_phase").select_option("start")
    page.get_by_label("Resultat (i testens enhed)").fill("18,4")
    page.get_by_role("button", name="Gem testresultat").click()
    screenshot("flow-05-course-started")

    page.get_by_role("link", name="Book aftale").click()
    page.get_by_label("Type").select_option("individual")
    started = started_earlier_today()
    page.get_by_label("Dato").fill(started.date().isoformat())
    page.get_by_label("Klokkeslæt").fill(started.strftime("%H:%M"))
    page.get_by_role("button", name="Book").click()
    screenshot("flow-06-session-booked")
    session_id = course.attendances.get().session_id
    page.goto(f"{live_server.url}/aftaler/{session_id}/")
    name = course.citizen.full_name
    page.get_by_label(f"Fremmøde for {name}").select_option("attended")
    page.get_by_label(f"Kort notat om {name}").fill("Gangtræning 20 min, god energi.")
    page.get_by_role("button", name="Gem for alle deltagere").click()
    screenshot("flow-07-session-documented")

    # Closing: end reason, end value, status to the citizen; no consent blocks the GP.
    page.goto(f"{live_server.url}/forloeb/{course.pk}/")
    page.get_by_test_id("close-course").click()
    expect(page.get_by_test_id("gp-blocked")).to_contain_text("ikke et gyldigt samtykke")
    page.get_by_label("Afslutningsårsag (fra kvalitetsstandarden)").select_option("goals_reached")
    page.get_by_label("Lånte træningsredskaber", exact=True).select_option("yes")
    page.get_by_label("Timed Up and Go ved slut (s)").fill("12,1")
    page.get_by_label("Send status til borgeren (Digital Post), borgeren har ønsket det").check()
    screenshot("flow-08-closing")
    page.get_by_role("button", name="Afslut forløbet").click()
    expect(page.get_by_test_id("course-status")).to_have_text("Afsluttet")
    expect(page.get_by_test_id("test-changes")).to_contain_text("forbedret med 6,3")
    screenshot("flow-09-closed")
    course.refresh_from_db()
    assert course.status == CourseStatus.CLOSED
    report = OutboxMessage.objects.get(kind="status_report")
    assert report.recipient_kind == "citizen" and report.channel == "digital_post"
