"""Journal notes have a length limit, said in Danish, and long notes are shown folded."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from rehabplan.courses.models import ClinicalNote
from rehabplan.courses.models.notes import NOTE_MAX_LENGTH
from rehabplan.courses.services.notes import note_correct, note_write
from rehabplan.web.course.forms import NoteCorrectionForm
from tests.course.test_web import MONDAY

TOO_LONG = "x" * (NOTE_MAX_LENGTH + 1)


def test_the_service_refuses_a_note_over_the_limit_and_writes_nothing(demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    before = ClinicalNote.objects.count()
    with pytest.raises(ValidationError) as error:
        note_write(user=demo_unit.therapist_user, course=course, text=TOO_LONG)
    assert error.value.message_dict["text"] == ["Notatet må højst være 10.000 tegn."]
    original = ClinicalNote.objects.get(course=course)
    with pytest.raises(ValidationError):
        note_correct(user=demo_unit.therapist_user, note=original, text=TOO_LONG)
    assert ClinicalNote.objects.count() == before


def test_a_note_at_the_limit_is_kept(demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    note = note_write(user=demo_unit.therapist_user, course=course, text="y" * NOTE_MAX_LENGTH)
    assert len(note.text) == NOTE_MAX_LENGTH


def test_every_other_write_of_a_note_is_held_to_the_limit_too(demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    note = ClinicalNote(citizen=course.citizen, course=course, text=TOO_LONG)
    note.author = demo_unit.therapist_user
    with pytest.raises(ValidationError):
        note.save()


def test_the_note_form_says_in_danish_that_the_note_is_too_long():
    form = NoteCorrectionForm({"text": TOO_LONG})
    assert not form.is_valid()
    assert form.errors["text"] == ["Notatet må højst være 10.000 tegn."]


def test_the_correction_page_refuses_a_too_long_note_with_the_message(client, demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    note = ClinicalNote.objects.get(course=course)
    client.force_login(demo_unit.therapist_user)
    response = client.post(f"/notater/{note.pk}/ret/", {"text": TOO_LONG})
    assert "Notatet må højst være 10.000 tegn." in response.content.decode()
    assert not note.corrections.exists()


def test_a_long_note_is_folded_with_its_first_lines_on_the_course_page(client, demo_unit):
    course = demo_unit.course("SEL86-1", received_on=MONDAY)
    lines = [f"Linje {number}: går med rollator i korridoren." for number in range(1, 60)]
    note_write(user=demo_unit.therapist_user, course=course, text="\n".join(lines))
    client.force_login(demo_unit.therapist_user)
    content = client.get(f"/forloeb/{course.pk}/").content.decode()
    folded = content[content.index('<details class="note-text">') :]
    summary = folded[: folded.index("</summary>")]
    assert "Linje 1:" in summary and "Linje 3:" in summary
    assert "Linje 4:" not in summary
    assert "Linje 59:" in folded[folded.index("</summary>") : folded.index("</details>")]
    # A short note stays open.
    assert "<p>Forundersøgelse: går med rollator.</p>" in content
