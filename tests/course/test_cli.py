"""The command line closes a course through the same service as the screen."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from rehabplan.audit.models import AuditEntry
from rehabplan.courses.models import CourseStatus
from rehabplan.courses.services.measurements import measurement_record
from rehabplan.outbox.models import OutboxMessage

START = datetime.date(2026, 10, 5)


def test_course_close_command_closes_and_sends_to_the_citizen(demo_unit, capsys):
    course = demo_unit.course("SEL86-1", received_on=START)
    measurement_record(
        user=demo_unit.therapist_user,
        course=course,
        test_code="chair_stand_30s",
        value=8,
        phase="start",
        measured_on=START,
    )
    call_command(
        "course_close",
        "--forloeb",
        str(course.pk),
        "--bruger",
        demo_unit.therapist_user.username,
        "--dato",
        "2026-11-16",
        "--aarsag",
        "goals_reached",
        "--slutvaerdi",
        "chair_stand_30s=12",
        "--send-borger",
    )
    course.refresh_from_db()
    assert course.status == CourseStatus.CLOSED
    assert OutboxMessage.objects.filter(citizen=course.citizen, channel="digital_post").count() == 1
    assert "forbedret med 4 gentagelser" in OutboxMessage.objects.get().body_text
    assert AuditEntry.objects.filter(summary__startswith="Forløbet afsluttet").exists()
    assert "1 statusbeskrivelser" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--dato", "23-11-2026", "--aarsag", "goals_reached"], "--dato skal være en dato"),
        (["--dato", "2026-11-16", "--aarsag", "træt"], "afslutningsårsag fra standarden"),
        (
            ["--dato", "2026-11-16", "--aarsag", "goals_reached", "--send-laege"],
            "ikke et gyldigt samtykke",
        ),
    ],
)
def test_bad_input_exits_2_with_a_danish_message(demo_unit, extra, message):
    course = demo_unit.course("SEL86-1", received_on=START)
    with pytest.raises(CommandError) as error:
        call_command(
            "course_close",
            "--forloeb",
            str(course.pk),
            "--bruger",
            demo_unit.therapist_user.username,
            *extra,
        )
    assert error.value.returncode == 2
    assert message in str(error.value)
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE


def test_a_visitator_cannot_close_from_the_command_line(demo_unit):
    course = demo_unit.course("SEL86-1", received_on=START)
    with pytest.raises(CommandError, match="må ikke dokumentere forløb"):
        call_command(
            "course_close",
            "--forloeb",
            str(course.pk),
            "--bruger",
            demo_unit.visitator.username,
            "--dato",
            "2026-11-16",
            "--aarsag",
            "goals_reached",
        )


def test_course_state_command_uses_the_state_machine(demo_unit, capsys):
    course = demo_unit.course("SEL86-1", received_on=START)
    user = demo_unit.therapist_user.username
    call_command(
        "course_state",
        "foreslaa-afslutning",
        "--forloeb",
        str(course.pk),
        "--bruger",
        user,
        "--begrundelse",
        "Ingen fremgang",
    )
    course.refresh_from_db()
    assert course.status == CourseStatus.PROPOSED_FOR_ENDING
    assert "Foreslået afsluttet" in capsys.readouterr().out
    with pytest.raises(CommandError) as error:
        call_command(
            "course_state",
            "foreslaa-afslutning",
            "--forloeb",
            str(course.pk),
            "--bruger",
            user,
            "--begrundelse",
            "igen",
        )
    assert error.value.returncode == 2
    assert "kan ikke foreslås afsluttet, fordi det har status 'Foreslået afsluttet'" in str(
        error.value
    )
