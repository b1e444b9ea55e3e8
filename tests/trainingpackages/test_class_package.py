"""A team class runs a package; a course following it can be placed on the class, its seats
counted by the booking's own rule."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.courses.models import Attendance, Course, DeliveryType, SessionKind
from rehabplan.courses.services.sessions import session_book
from rehabplan.organisation.models import TeamClass
from rehabplan.trainingpackages.models import ClassPackage
from rehabplan.trainingpackages.selectors.assignment import classes_running
from rehabplan.trainingpackages.services.assignment import (
    class_package_clear,
    class_package_set,
    course_package_assign,
    course_place_on_class,
)
from tests.course.conftest import at

RECEIVED = datetime.date(2026, 8, 3)
TARGET = {"dementia_type": "alzheimers", "phase": "mild", "living": "home"}

pytestmark = pytest.mark.django_db


def _following(unit, ref="national:aerobic_mild"):
    course = unit.course("SEL86-1", received_on=RECEIVED)
    course_package_assign(user=unit.therapist_user, course=course, package_ref=ref, **TARGET)
    return course


def test_the_leader_sets_replaces_and_clears_a_class_package(demo_unit, catalogue):
    team = demo_unit.team_class
    class_package_set(user=demo_unit.leader, team_class=team, package_ref="national:aerobic_mild")
    class_package_set(
        user=demo_unit.leader, team_class=team, package_ref="national:strength_moderate"
    )
    assert ClassPackage.objects.get(team_class=team).package_key == "strength_moderate"
    class_package_clear(user=demo_unit.leader, team_class=team)
    assert not ClassPackage.objects.exists()
    summaries = list(
        AuditEntry.objects.filter(object_id=str(team.pk))
        .order_by("pk")
        .values_list("action", "summary")
    )
    runs = "Holdet Balancehold kører"
    assert summaries == [
        (AuditAction.CREATE, f"{runs} træningspakken Konditionstræning ved let demens"),
        (AuditAction.CHANGE, f"{runs} træningspakken Styrke og balance ved moderat demens"),
        (
            AuditAction.DELETE,
            f"{runs} ikke længere træningspakken Styrke og balance ved moderat demens",
        ),
    ]
    with pytest.raises(ValidationError) as error:
        class_package_clear(user=demo_unit.leader, team_class=team)
    assert error.value.messages == ["Holdet kører ingen træningspakke."]


def test_another_municipality_cannot_set_the_class_package(demo_unit, varde, catalogue):
    with pytest.raises(ValidationError):
        class_package_set(
            user=varde.leader, team_class=demo_unit.team_class, package_ref="national:aerobic_mild"
        )
    assert not ClassPackage.objects.exists()


def test_the_classes_running_the_course_package_are_offered(demo_unit, catalogue):
    course = _following(demo_unit)
    other = TeamClass.objects.create(
        municipality=demo_unit.municipality, name="Styrkehold", location=demo_unit.location,
        weekday=2, starts_at=datetime.time(9, 0), capacity=8, minimum_to_run=3, level="basal",
        profession="PT", therapist=demo_unit.pt,
    )  # fmt: skip
    class_package_set(
        user=demo_unit.leader, team_class=demo_unit.team_class, package_ref="national:aerobic_mild"
    )
    class_package_set(
        user=demo_unit.leader, team_class=other, package_ref="national:strength_moderate"
    )
    assert classes_running(course.training_package) == [demo_unit.team_class]


def test_placing_the_course_on_the_class_books_its_first_class_date(demo_unit, catalogue):
    course = _following(demo_unit)
    team = demo_unit.team_class
    class_package_set(user=demo_unit.leader, team_class=team, package_ref="national:aerobic_mild")
    course_place_on_class(user=demo_unit.therapist_user, course=course, team_class=team)
    course.refresh_from_db()
    assert (course.team_class, course.delivery_type) == (team, DeliveryType.TEAM)
    attendance = Attendance.objects.get(course=course)
    starts = timezone.localtime(attendance.session.starts_at)
    assert starts.weekday() == team.weekday and starts.date() >= timezone.localdate()
    assert attendance.session.team_class == team


def test_a_class_not_running_the_package_is_refused(demo_unit, catalogue):
    course = _following(demo_unit)
    class_package_set(
        user=demo_unit.leader, team_class=demo_unit.team_class,
        package_ref="national:strength_moderate",
    )  # fmt: skip
    with pytest.raises(ValidationError) as error:
        course_place_on_class(
            user=demo_unit.therapist_user, course=course, team_class=demo_unit.team_class
        )
    assert error.value.message_dict["team_class"] == [
        "Vælg et af de hold, der kører forløbets træningspakke."
    ]
    course.refresh_from_db()
    assert course.team_class is None


def test_a_full_class_date_is_refused_by_the_booking_rule_and_nothing_changes(demo_unit, catalogue):
    team = demo_unit.team_class
    TeamClass.objects.filter(pk=team.pk).update(capacity=1, minimum_to_run=1)
    team.refresh_from_db()
    class_package_set(user=demo_unit.leader, team_class=team, package_ref="national:aerobic_mild")
    today = timezone.localdate()
    monday = today + datetime.timedelta(days=(team.weekday - today.weekday()) % 7)
    seated = demo_unit.course("SEL86-1", received_on=RECEIVED, team=True)
    session_book(
        user=demo_unit.therapist_user, course=seated, kind=SessionKind.TEAM,
        starts_at=at(monday), confirmed=True,
    )  # fmt: skip
    course = _following(demo_unit)
    Course.objects.filter(pk=course.pk).update(start_on=monday)
    course.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        course_place_on_class(user=demo_unit.therapist_user, course=course, team_class=team)
    assert error.value.messages == ["Holdet er fuldt (1 plads)."]
    course.refresh_from_db()
    assert course.team_class is None
    assert not Attendance.objects.filter(course=course).exists()


def test_the_class_pages_for_the_leader(client, demo_unit, catalogue):
    client.force_login(demo_unit.leader)
    page = client.get(reverse("class-packages")).content.decode()
    assert "Balancehold" in page and "Vælg pakke" in page
    url = reverse("class-package", args=[demo_unit.team_class.pk])
    response = client.post(url, {"action": "set", "package": "national:nope"})
    assert response.status_code == 400
    assert "Vælg en af mulighederne på listen." in response.content.decode()
    response = client.post(url, {"action": "set", "package": "national:aerobic_mild"})
    assert response.status_code == 302
    page = client.get(reverse("class-packages")).content.decode()
    assert "Konditionstræning ved let demens" in page
    response = client.post(url, {"action": "clear"})
    assert response.status_code == 302
    assert not ClassPackage.objects.exists()


def test_only_who_plans_classes_opens_the_class_pages(client, demo_unit, varde, catalogue):
    client.force_login(demo_unit.therapist_user)
    assert client.get(reverse("class-packages")).status_code == 403
    client.force_login(varde.leader)
    url = reverse("class-package", args=[demo_unit.team_class.pk])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"action": "set", "package": "national:aerobic_mild"}).status_code == 404
    )


def test_the_course_page_offers_the_class_and_places_the_course(client, demo_unit, catalogue):
    course = _following(demo_unit)
    class_package_set(
        user=demo_unit.leader, team_class=demo_unit.team_class, package_ref="national:aerobic_mild"
    )
    client.force_login(demo_unit.therapist_user)
    page = client.get(reverse("course-detail", args=[course.pk])).content.decode()
    assert "Sæt forløbet på holdet" in page
    url = reverse("course-package-class", args=[course.pk])
    assert client.get(url).status_code == 302
    response = client.post(url, {"team_class": demo_unit.team_class.pk})
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.team_class == demo_unit.team_class
    page = client.get(reverse("course-detail", args=[course.pk])).content.decode()
    assert "Forløbet er sat på holdet Balancehold" in page
    assert "Booket: 1,0 gange om ugen over 1 uger." in page


def test_my_classes_shows_the_class_package(client, demo_unit, catalogue):
    class_package_set(
        user=demo_unit.leader, team_class=demo_unit.team_class, package_ref="national:aerobic_mild"
    )
    client.force_login(demo_unit.therapist_user)
    page = client.get(reverse("my-classes")).content.decode()
    assert "Træningspakke: Konditionstræning ved let demens" in page
