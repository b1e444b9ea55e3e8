"""The screens for choosing a course's package, and the package section on the course page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from rehabplan.courses.models import Course, CourseStatus, Goal
from rehabplan.trainingpackages.models import CoursePackage

RECEIVED = datetime.date(2026, 8, 3)
TARGET = {"dementia_type": "alzheimers", "phase": "mild", "living": "home"}

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(demo_unit, catalogue):
    course = demo_unit.course("SEL86-1", received_on=RECEIVED)
    Course.objects.filter(pk=course.pk).update(start_on=RECEIVED)
    return course


def _page(course):
    return reverse("course-package", args=[course.pk])


def _post(client, course, **data):
    return client.post(_page(course), {**TARGET, "package": "national:aerobic_mild", **data})


@pytest.mark.parametrize("role", ["visitator", "therapist_user", "leader"])
def test_visitator_therapist_and_leader_open_the_choice(client, demo_unit, course, role):
    client.force_login(getattr(demo_unit, role))
    response = client.get(_page(course))
    assert response.status_code == 200
    assert "Vælg borgerens demenstype, fase og boform" in response.content.decode()


def test_the_target_group_splits_the_packages(client, demo_unit, course):
    client.force_login(demo_unit.therapist_user)
    response = client.get(_page(course), TARGET)
    content = response.content.decode()
    matching, others = content.split("Andre pakker (uden for borgerens målgruppe)")
    assert "Konditionstræning ved let demens" in matching
    assert "Styrke og balance ved moderat demens" in others
    assert 'name="dementia_type" value="alzheimers"' in content


def test_a_target_group_with_a_foreign_choice_gets_a_danish_error(client, demo_unit, course):
    client.force_login(demo_unit.therapist_user)
    response = client.get(_page(course), {**TARGET, "phase": "x"})
    assert response.status_code == 400
    assert "Vælg en af mulighederne på listen." in response.content.decode()


def test_choosing_a_package_goes_back_to_the_course_with_its_section(client, demo_unit, course):
    client.force_login(demo_unit.therapist_user)
    response = _post(client, course)
    assert response.status_code == 302
    assert response["Location"] == reverse("course-detail", args=[course.pk])
    page = client.get(response["Location"]).content.decode()
    section = page.split('data-testid="package-section"')[1].split("</section>")[0]
    assert 'href="/traeningspakker/aerobic_mild/"' in section
    assert "Konditionstræning ved let demens" in section
    assert "Alzheimers sygdom, let fase, bor i eget hjem" in section
    assert "Pakken: 3 gange om ugen à 60 minutter." in section
    assert "Der er ikke booket træning endnu." in section
    assert "6 minutters gangtest" in section or "6-minutters gangtest" in section
    assert section.count("Mangler") == 4
    assert section.count("Tilføj som mål") == 2
    assert "Knæstræk siddende" in section or "2 sæt × 10 gentagelser" in section
    assert "Skift træningspakke" in section


def test_one_click_adds_a_goal_suggestion_through_the_goal_form(client, demo_unit, course):
    client.force_login(demo_unit.therapist_user)
    _post(client, course)
    page = client.get(reverse("course-detail", args=[course.pk])).content.decode()
    assert 'name="set_on" value="' in page
    set_on = page.split('name="set_on" value="')[1].split('"')[0]
    response = client.post(
        reverse("goal-create", args=[course.pk]),
        {"text": "Gå en tur på 30 minutter.", "set_on": set_on},
    )
    assert response.status_code == 302
    assert Goal.objects.get(course=course).text == "Gå en tur på 30 minutter."
    page = client.get(reverse("course-detail", args=[course.pk])).content.decode()
    assert page.count("Tilføj som mål") == 1


def test_outside_the_target_group_the_page_says_why_in_danish(client, demo_unit, course):
    client.force_login(demo_unit.therapist_user)
    response = _post(client, course, phase="severe")
    assert response.status_code == 400
    assert "Borgeren er uden for pakkens målgruppe (fasen)" in response.content.decode()
    assert not CoursePackage.objects.exists()
    response = _post(client, course, phase="severe", deviate="on")
    assert "Skriv, hvorfor målgruppen fraviges." in response.content.decode()
    response = _post(client, course, phase="severe", deviate="on", deviation_reason="Ønsker det.")
    assert response.status_code == 302
    assert CoursePackage.objects.get().outside_target_group


def test_a_closed_course_is_refused_on_the_page(client, demo_unit, course):
    Course.objects.filter(pk=course.pk).update(status=CourseStatus.CLOSED)
    client.force_login(demo_unit.therapist_user)
    response = _post(client, course)
    assert response.status_code == 400
    assert "Forløbet er afsluttet; der kan ikke vælges en træningspakke." in (
        response.content.decode()
    )


def test_an_administrator_may_not_choose(client, make_user, demo_unit, course):
    admin = make_user("demo-admin", "administrator", demo_unit.municipality)
    client.force_login(admin)
    assert client.get(_page(course)).status_code == 403
    assert _post(client, course).status_code == 403


def test_another_municipality_finds_no_course(client, demo_unit, varde, course):
    client.force_login(varde.therapist_user)
    assert client.get(_page(course)).status_code == 404
    assert _post(client, course).status_code == 404
    assert not CoursePackage.objects.exists()


def test_the_course_page_offers_the_choice_when_no_package(client, demo_unit, course):
    client.force_login(demo_unit.visitator)
    page = client.get(reverse("course-detail", args=[course.pk])).content.decode()
    assert "Forløbet følger ingen træningspakke." in page
    assert f'href="{_page(course)}"' in page


def test_the_measurement_form_preselects_the_first_missing_recommended_test(
    client, demo_unit, course
):
    client.force_login(demo_unit.therapist_user)
    _post(client, course)
    page = client.get(reverse("course-detail", args=[course.pk])).content.decode()
    form = page.split(reverse("measurement-create", args=[course.pk]))[1].split("</form>")[0]
    assert '<option value="six_minute_walk" selected>' in form
    assert '<option value="start" selected>' in form
