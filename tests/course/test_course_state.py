"""The course state machine: legal moves work, illegal ones are refused in Danish, all audited."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from rehabplan.audit.models import AuditEntry
from rehabplan.courses.models import ClinicalNote, CourseStatus, NoteKind
from rehabplan.courses.services.course_state import (
    course_cancel,
    course_close,
    course_continue,
    course_propose_ending,
    course_start,
)

DAY = datetime.date(2026, 11, 2)


def test_intake_talk_starts_the_course_with_an_intake_note(demo_unit):
    course = demo_unit.course("SEL86-1", received_on=DAY, start=False)
    assert course.status == CourseStatus.AWAITING_START
    course_start(
        user=demo_unit.therapist_user,
        course=course,
        intake_on=DAY + datetime.timedelta(days=3),
        note="Forundersøgelse: nedsat balance.",
        plan_text="Holdtræning to gange om ugen.",
    )
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE
    assert course.intake_on == DAY + datetime.timedelta(days=3)
    assert course.plan_text == "Holdtræning to gange om ugen."
    note = ClinicalNote.objects.get(course=course)
    assert note.kind == NoteKind.INTAKE


@pytest.mark.parametrize(
    ("move", "message"),
    [
        (
            lambda unit, c: course_close(
                user=unit.therapist_user, course=c, ended_on=DAY, end_reason="goals_reached"
            ),
            "Forløbet kan ikke afsluttes, fordi det har status 'Afventer opstart'.",
        ),
        (
            lambda unit, c: course_propose_ending(user=unit.therapist_user, course=c, reason="x"),
            "Forløbet kan ikke foreslås afsluttet, fordi det har status 'Afventer opstart'.",
        ),
        (
            lambda unit, c: course_continue(user=unit.therapist_user, course=c, reason="x"),
            "Forløbet kan ikke fortsætte, fordi det har status 'Afventer opstart'.",
        ),
    ],
)
def test_illegal_moves_are_refused_in_danish(demo_unit, move, message):
    course = demo_unit.course("SEL86-1", received_on=DAY, start=False)
    with pytest.raises(ValidationError) as error:
        move(demo_unit, course)
    assert error.value.messages == [message]
    course.refresh_from_db()
    assert course.status == CourseStatus.AWAITING_START


def test_a_closed_course_cannot_be_started_closed_or_cancelled_again(demo_unit):
    course = demo_unit.course("SEL86-1", received_on=DAY)
    course_close(
        user=demo_unit.therapist_user, course=course, ended_on=DAY, end_reason="goals_reached"
    )
    for call in (
        lambda: course_start(user=demo_unit.therapist_user, course=course, intake_on=DAY, note="x"),
        lambda: course_close(
            user=demo_unit.therapist_user, course=course, ended_on=DAY, end_reason="goals_reached"
        ),
        lambda: course_cancel(user=demo_unit.therapist_user, course=course, reason="fejl"),
    ):
        with pytest.raises(ValidationError, match="status 'Afsluttet'"):
            call()


def test_end_reason_must_come_from_the_standard(demo_unit):
    course = demo_unit.course("SEL86-1", received_on=DAY)
    with pytest.raises(ValidationError) as error:
        course_close(user=demo_unit.therapist_user, course=course, ended_on=DAY, end_reason="træt")
    assert "afslutningsårsag fra standarden" in error.value.message_dict["end_reason"][0]


def test_propose_then_continue_keeps_the_reason_and_every_move_is_audited(demo_unit):
    course = demo_unit.course("SEL86-1", received_on=DAY)
    course_propose_ending(user=demo_unit.therapist_user, course=course, reason="Ingen fremgang")
    assert course.status == CourseStatus.PROPOSED_FOR_ENDING
    course_continue(user=demo_unit.therapist_user, course=course, reason="Ny målsætning aftalt")
    assert course.status == CourseStatus.ACTIVE
    assert "Ny målsætning aftalt" in ClinicalNote.objects.filter(course=course).first().text
    course_close(
        user=demo_unit.therapist_user,
        course=course,
        ended_on=DAY + datetime.timedelta(days=30),
        end_reason="goals_reached",
    )
    summaries = list(
        AuditEntry.objects.filter(object_type="course", object_id=str(course.pk))
        .order_by("id")
        .values_list("summary", flat=True)
    )
    assert summaries[0].startswith("Forløb oprettet")
    assert any(s.startswith("Forløbet foreslået afsluttet: Ingen fremgang") for s in summaries)
    assert any(s.startswith("Forløbet fortsætter") for s in summaries)
    assert summaries[-1] == "Forløbet afsluttet: Målene er nået"
