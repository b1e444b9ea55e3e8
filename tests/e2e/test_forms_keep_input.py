"""In the browser, on the demo: the warnings, links and forms of issue section 3 as users meet
them. A visitator registers § 86 for a citizen in an open § 140 course, goes from the referral
to the FSIII screen and saves it with one area "ikke relevant"; a therapist closes a course with
"Målene er nået"; a leader's move list offers only feasible moves, with names."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from rehabplan.courses.models import Assessment, Course, CourseStatus, GoalStatus
from rehabplan.demo.seed import DEMO_PASSWORD, DEMO_SLUG, seed_demo
from rehabplan.reference.fsiii import fsiii_code
from rehabplan.scheduling.models import PlanProposal
from rehabplan.scheduling.moves import feasible_moves
from rehabplan.scheduling.weeks import iso_week_of
from tests.e2e.screens import check_screen, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]
TODAY = dt.date.today()
OPEN = (CourseStatus.AWAITING_START, CourseStatus.ACTIVE, CourseStatus.PROPOSED_FOR_ENDING)


def _demo_courses():
    from rehabplan.organisation.models import Municipality

    return Course.objects.of_municipality(Municipality.objects.get(slug=DEMO_SLUG))


def test_visitator_is_warned_and_led_from_referral_to_a_grouped_fsiii_screen(live_server, page):
    seed_demo(seed=2026, today=TODAY)
    hospital = _demo_courses().filter(service_code="SUL140", status__in=OPEN).first()
    assert hospital is not None, "the demo has a citizen in an open § 140 course"
    citizen = hospital.citizen
    log_in(page, live_server.url, "visitator", DEMO_PASSWORD)

    page.goto(f"{live_server.url}/borgere/{citizen.pk}/modtagelse/ny/")
    expect(page.get_by_test_id("open-courses")).to_be_visible()
    check_screen(page, "forms-register-open-course")
    page.get_by_label("Indsats").select_option("SEL86-1")
    page.get_by_label("Hvem søger eller henviser").select_option("citizen")
    page.get_by_role("button", name="Registrér").click()
    page.wait_for_url(re.compile(r"/henvisninger/\d+/$"))
    warning = page.get_by_test_id("parallel-course")
    expect(warning).to_contain_text("åbent forløb efter sundhedsloven § 140")
    assert warning.get_by_role("link", name="Se det åbne forløb").get_attribute("href") == (
        f"/forloeb/{hospital.pk}/"
    )
    check_screen(page, "forms-referral-steps")

    page.get_by_test_id("referral-steps").get_by_role(
        "link", name="Lav funktionsvurdering (FSIII)"
    ).click()
    legends = page.locator("fieldset legend").all_inner_texts()
    assert legends[:4] == ["Egenomsorg", "Praktiske opgaver", "Mobilitet", "Mentale funktioner"]
    page.locator("label", has_text="Hele området Mentale funktioner er ikke relevant").click()
    mental = page.locator("fieldset[data-fsiii-area]").nth(3)
    assert set(mental.locator("select").evaluate_all("s => s.map(e => e.value)")) == {"9"}
    page.get_by_label("Gå (valgfrit)", exact=True).select_option("3")
    check_screen(page, "forms-fsiii-grouped")
    page.get_by_role("button", name="Gem vurdering").click()
    page.get_by_text("Funktionsvurderingen er gemt.").wait_for()
    assessment = Assessment.objects.filter(citizen=citizen).latest("id")
    levels = {item.code: item.level for item in assessment.items.all()}
    assert levels[fsiii_code("J3.8").code] == 3
    assert levels[fsiii_code("J4.2").code] == 9


def test_therapist_closes_with_goals_reached_after_the_servers_danish_message(live_server, page):
    seed_demo(seed=2026, today=TODAY)
    from django.contrib.auth import get_user_model

    from rehabplan.courses.services.goals import goal_create

    course = _demo_courses().filter(status=CourseStatus.ACTIVE).first()
    assert course is not None, "the demo has an active course"
    # A goal still open when the course is closed: the case the issue describes.
    goal_create(
        user=get_user_model().objects.get(username="terapeut"),
        course=course,
        text="Jeg vil kunne gå op ad trappen til min lejlighed",
        set_on=course.start_on or TODAY,
    )
    assert course.goals.filter(status=GoalStatus.ACTIVE).exists()
    log_in(page, live_server.url, "terapeut", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/forloeb/{course.pk}/afslut/")
    form = page.get_by_test_id("closing-form")
    assert form.get_attribute("novalidate") is not None
    form.get_by_label("Dato for afslutningssamtalen").fill("")
    form.get_by_label("Afslutningsårsag (fra kvalitetsstandarden)").select_option("goals_reached")
    page.get_by_role("button", name="Afslut forløbet").click()
    expect(page.get_by_text("Skriv datoen for afslutningssamtalen.").first).to_be_visible()
    check_screen(page, "forms-closing-missing-date")

    form = page.get_by_test_id("closing-form")
    form.get_by_label("Dato for afslutningssamtalen").fill(TODAY.isoformat())
    form.get_by_label("Afslutningsårsag (fra kvalitetsstandarden)").select_option("goals_reached")
    form.get_by_label("Lånte træningsredskaber").select_option("none")
    form.locator("label", has_text="Til borgeren").click()
    page.get_by_role("button", name="Afslut forløbet").click()
    page.wait_for_url(f"{live_server.url}/forloeb/{course.pk}/")
    goals = page.get_by_test_id("goals").inner_text()
    assert "Aktivt" not in goals and "Nået" in goals
    check_screen(page, "forms-closed-course")
    link = page.get_by_role("link", name=re.compile(r"Status efter træningsforløb \(PDF\)")).first
    report = page.request.get(live_server.url + link.get_attribute("href"))
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(report.body())).pages)
    assert "Nået" in text and "Aktivt" not in text


def test_leader_is_offered_only_feasible_moves_named(live_server, page):
    seed_demo(seed=2026, today=TODAY)
    log_in(page, live_server.url, "leder", DEMO_PASSWORD)
    page.get_by_role("link", name="Planlæg", exact=True).click()
    page.get_by_label("Uge", exact=True).fill(iso_week_of(TODAY + dt.timedelta(days=7)))
    page.locator("main").get_by_role("button", name="Planlæg").click()
    page.get_by_text("Hvem starter hvor og hvornår").wait_for(timeout=60_000)
    proposal = PlanProposal.objects.latest("id")
    moves = feasible_moves(proposal)
    rows = page.get_by_test_id("move-form").count() + page.get_by_test_id("no-move").count()
    assert rows == len(proposal.result["starts"]) > 0
    for form in page.get_by_test_id("move-form").all():
        course_id = form.locator("input[name=course_id]").get_attribute("value")
        offered = set(form.locator("option").evaluate_all("o => o.map(e => e.value)"))
        allowed = moves[course_id]
        assert offered == set(allowed.class_ids or allowed.therapist_ids)
        assert len(offered) > 1
    main = page.locator("main").inner_text()
    assert not re.search(r"\b(Forløb|Hold|Terapeut|Borger) \d+\b", main)
    check_screen(page, "forms-proposal-moves")
