"""The therapist's day in the browser: Min dag, the team screen, and closing a course."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rehabplan.courses.models import AttendanceStatus, CourseStatus, SessionKind
from rehabplan.courses.services.goals import goal_create
from rehabplan.courses.services.sessions import session_book
from tests.course.conftest import (  # noqa: F401  (course fixtures)
    demo_unit,
    make_unit,
    started_earlier_today,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_therapist_documents_a_team_class_and_closes_a_course(
    live_server,
    page,
    screenshot,
    demo_unit,  # noqa: F811
):
    today = timezone.localdate()
    started = started_earlier_today()
    demo_unit.team_class.weekday = today.weekday()
    demo_unit.team_class.starts_at = started.time()
    demo_unit.team_class.save()
    courses = [
        demo_unit.course("SEL86-1", received_on=today - datetime.timedelta(days=14), team=True)
        for _ in range(3)
    ]
    for course in courses:
        goal_create(
            user=demo_unit.therapist_user,
            course=course,
            text="Gå en tur i skoven",
            set_on=today - datetime.timedelta(days=14),
        )
        session = session_book(
            user=demo_unit.therapist_user,
            course=course,
            kind=SessionKind.TEAM,
            starts_at=started,
            confirmed=True,
        )
    page.goto(f"{live_server.url}/log-ind/")
    page.get_by_label("Brugernavn").fill(demo_unit.therapist_user.username)
    page.get_by_label("Adgangskode").fill("secret-pass-123")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_test_id("my-day")).to_contain_text("Balancehold")
    screenshot("course-min-dag")

    page.get_by_role("link", name="Dokumentér holdet").click()
    page.get_by_label("Test for hele holdet").select_option("chair_stand_30s")
    page.get_by_label("Tidspunkt i forløbet").select_option("start")
    for number, course in enumerate(courses):
        name = course.citizen.full_name
        page.get_by_label(f"Fremmøde for {name}").select_option(
            "no_show" if number == 2 else "attended"
        )
        if number < 2:
            page.get_by_label(f"Kort notat om {name}").fill(f"Deltog aktivt ({number}).")
            page.get_by_label(f"Testresultat for {name}").fill(str(9 + number))
    screenshot("course-team-screen-filled")
    page.get_by_role("button", name="Gem for alle deltagere").click()
    page.get_by_text("Gemt: fremmøde for 3 deltagere, 2 notater, 2 testresultater.").wait_for()
    screenshot("course-team-screen-saved")
    assert courses[2].attendances.get(session=session).status == AttendanceStatus.NO_SHOW

    page.get_by_role("link", name=courses[0].citizen.full_name).click()
    expect(page.get_by_test_id("course-status")).to_have_text("I gang")
    screenshot("course-page")
    page.get_by_test_id("close-course").click()
    expect(page.get_by_test_id("gp-blocked")).to_contain_text("ikke et gyldigt samtykke")
    page.get_by_label("Afslutningsårsag (fra kvalitetsstandarden)").select_option("goals_reached")
    page.get_by_label("Lånte træningsredskaber").select_option("yes")
    page.get_by_label("30 sekunders rejse-sætte-sig-test ved slut (gentagelser)").fill("13")
    page.get_by_label("Send status til borgeren (Digital Post), borgeren har ønsket det").check()
    screenshot("course-closing")
    page.get_by_role("button", name="Afslut forløbet").click()
    page.get_by_text("Forløbet er afsluttet").wait_for()
    expect(page.get_by_test_id("course-status")).to_have_text("Afsluttet")
    expect(page.get_by_test_id("test-changes")).to_contain_text("forbedret med 4 gentagelser")
    screenshot("course-closed")
    courses[0].refresh_from_db()
    assert courses[0].status == CourseStatus.CLOSED
