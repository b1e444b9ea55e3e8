"""Closing hands over the current home programme: marked with the day, named in the closing note
and listed exercise by exercise in the status report."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from rehabplan.courses.models import ClinicalNote, CourseStatus, NoteKind
from rehabplan.courses.services.closing import course_closing, status_report_letter
from rehabplan.homeprogrammes.models import HomeProgramme
from rehabplan.letters import Recipient

pytestmark = pytest.mark.django_db


def close(course, user, on):
    return course_closing(
        user=user,
        course=course,
        closing_talk_on=on,
        end_reason="goals_reached",
        equipment_returned=None,
    )


def test_closing_hands_over_the_programme_and_the_report_lists_it(course, demo_unit, programme):
    today = timezone.localdate()
    close(course, demo_unit.therapist_user, today)
    programme.refresh_from_db()
    assert programme.handed_over_on == today
    note = ClinicalNote.objects.get(course=course, kind=NoteKind.CLOSING)
    assert "Hjemmetræningsprogram udleveret" in note.text
    assert "1. Knæstræk i siddende: 3 sæt × 10 gentagelser, hold 5 sekunder" in note.text
    letter = status_report_letter(course=course, recipient=Recipient("Karen"), on=today)
    section = next(s for s in letter.sections if s.heading == "Hjemmetræningsprogram")
    assert section.bullets[1] == (
        "2. Rejse sig fra stol: 3 sæt × 8 gentagelser, pause 60 sekunder mellem sæt, "
        "5 gange om ugen"
    )


def test_a_programme_starting_after_the_closing_talk_stops_the_closing(course, demo_unit):
    from rehabplan.homeprogrammes.services import programme_from_template

    later = timezone.localdate() + datetime.timedelta(days=10)
    programme_from_template(
        course=course, user=demo_unit.therapist_user, template_key="hip_alloplasty", start_on=later
    )
    with pytest.raises(ValidationError) as error:
        close(course, demo_unit.therapist_user, timezone.localdate())
    assert error.value.message_dict["closing_talk_on"] == [
        "Hjemmeprogrammet begynder først efter afslutningssamtalen."
    ]
    course.refresh_from_db()
    assert course.status != CourseStatus.CLOSED
    assert HomeProgramme.objects.get(course=course).handed_over_on is None


def test_the_closing_form_shows_the_programme(client, course, demo_unit, programme):
    client.force_login(demo_unit.therapist_user)
    html = client.get(reverse("course-close", args=[course.pk])).content.decode()
    assert "Programmet markeres som udleveret ved afslutningssamtalen" in html
    assert "Knæstræk i siddende: 3 sæt × 10 gentagelser" in html


def test_closing_without_a_programme_still_works(course, demo_unit):
    close(course, demo_unit.therapist_user, timezone.localdate())
    course.refresh_from_db()
    assert course.status == CourseStatus.CLOSED
