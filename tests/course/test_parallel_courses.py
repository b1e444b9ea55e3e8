"""Registering training under one law while a course under the other is open warns, with a
link to the open course; the referral page leads on to its assessment, decision and course."""

import datetime

from django.utils import timezone

from rehabplan.courses.models import Referral
from rehabplan.courses.services.course_state import course_cancel

RECEIVED = datetime.date(2026, 11, 9)


def _register_application(client, unit, citizen):
    client.force_login(unit.visitator)
    return client.post(
        f"/borgere/{citizen.pk}/modtagelse/ny/",
        {
            "service_code": "SEL86-1",
            "source": "citizen",
            "received_on": timezone.localdate().strftime("%d-%m-%Y"),
        },
        follow=True,
    )


def test_a_section_86_application_during_an_open_section_140_course_warns(client, demo_unit):
    course = demo_unit.course("SUL140", received_on=RECEIVED)
    client.force_login(demo_unit.visitator)
    form = client.get(f"/borgere/{course.citizen.pk}/modtagelse/ny/").content.decode()
    assert 'data-testid="open-courses"' in form
    assert f'href="/forloeb/{course.pk}/"' in form
    page = _register_application(client, demo_unit, course.citizen).content.decode()
    assert Referral.objects.filter(citizen=course.citizen, service_code="SEL86-1").exists()
    assert "åbent forløb efter sundhedsloven § 140" in page
    assert f'href="/forloeb/{course.pk}/"' in page


def test_no_warning_when_the_section_140_course_is_closed(client, demo_unit):
    course = demo_unit.course("SUL140", received_on=RECEIVED)
    course_cancel(user=demo_unit.visitator, course=course, reason="Fejlregistreret")
    page = _register_application(client, demo_unit, course.citizen).content.decode()
    assert 'data-testid="parallel-course"' not in page


def test_a_section_140_plan_during_an_open_section_86_course_warns_the_other_way(client, demo_unit):
    social = demo_unit.course("SEL86-1", received_on=RECEIVED)
    hospital = demo_unit.course("SUL140", received_on=RECEIVED, citizen=social.citizen)
    client.force_login(demo_unit.visitator)
    page = client.get(f"/henvisninger/{hospital.referral.pk}/").content.decode()
    assert "åbent forløb efter serviceloven § 86" in page
    assert f'href="/forloeb/{social.pk}/"' in page
    page = client.get(f"/henvisninger/{social.referral.pk}/").content.decode()
    assert "åbent forløb efter sundhedsloven § 140" in page


def test_the_referral_page_leads_to_the_assessment_and_on_to_decision_and_course(client, demo_unit):
    page = _register_application(client, demo_unit, demo_unit.citizen()).content.decode()
    referral = Referral.objects.get()
    assert f'href="/henvisninger/{referral.pk}/funktionsvurdering/"' in page
    assert f'href="/henvisninger/{referral.pk}/afgoerelse/"' in page
    course = demo_unit.course("SEL86-1", received_on=RECEIVED)
    page = client.get(f"/henvisninger/{course.referral.pk}/").content.decode()
    assert f'href="/forloeb/{course.pk}/"' in page
