"""The migration that makes a class occurrence one row merges the rows earlier races created."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from rehabplan.courses.models import (
    Attendance,
    AttendanceStatus,
    ClinicalNote,
    Session,
    SessionKind,
    SessionStatus,
)
from tests.course.conftest import at

MONDAY = datetime.date(2026, 8, 3)
BEFORE = [("courses", "0004_course_blocked_weekdays")]

pytestmark = pytest.mark.django_db(transaction=True)


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def test_duplicate_occurrences_are_merged_without_losing_a_participant_or_note(demo_unit):
    team = demo_unit.team_class
    first, second, third = (
        demo_unit.course("SEL86-1", received_on=MONDAY, team=True) for _ in range(3)
    )
    _migrate(BEFORE)
    try:
        rows = [
            Session.objects.create(
                municipality=demo_unit.municipality,
                kind=SessionKind.TEAM,
                contact_type="centre",
                team_class=team,
                therapist=team.therapist,
                starts_at=at(MONDAY),
            )
            for _ in range(3)
        ]
        Attendance.objects.create(session=rows[0], course=first)
        Attendance.objects.create(session=rows[1], course=second)
        # The same course on two rows: the documented place is the one kept.
        Attendance.objects.create(session=rows[1], course=first)
        Attendance.objects.create(session=rows[2], course=third, status=AttendanceStatus.ATTENDED)
        rows[2].status = SessionStatus.HELD
        rows[2].save()
        ClinicalNote.objects.create(
            citizen=third.citizen,
            course=third,
            session=rows[2],
            kind="session",
            text="Gik 200 meter.",
            author=demo_unit.therapist_user,
        )
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    session = Session.objects.get(team_class=team)
    assert session.pk == rows[0].pk
    assert session.status == SessionStatus.HELD
    assert sorted(session.attendances.values_list("course_id", flat=True)) == sorted(
        [first.pk, second.pk, third.pk]
    )
    assert session.notes.get().text == "Gik 200 meter."
