"""Versions of the home programme, the weekly count of sessions done, and their checks."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.courses.models import CourseStatus
from rehabplan.exercises.dosage import Dosage
from rehabplan.homeprogrammes.models import AdherenceSource, AdherenceWeek, HomeProgramme
from rehabplan.homeprogrammes.selectors import adherence_weeks, current_programme, programme_items
from rehabplan.homeprogrammes.services import (
    ProgrammeLine,
    adherence_record,
    programme_create_version,
    programme_hand_over,
)
from tests.homeprogrammes.conftest import monday

pytestmark = pytest.mark.django_db

LINES = [
    ProgrammeLine("sit_to_stand", Dosage(sets=3, repetitions=10, per_week=3), "Høj stol"),
    ProgrammeLine("knee_extension_sitting", Dosage(sets=2, repetitions=12)),
]


def create(course, user, **changes):
    arguments = {
        "course": course,
        "user": user,
        "lines": LINES,
        "start_on": monday(2),
        "per_week": 3,
        "note": "Træn om morgenen.",
        "reason": "first",
    }
    arguments.update(changes)
    return programme_create_version(**arguments)


def messages_of(error: ValidationError) -> dict[str, list[str]]:
    return error.value.message_dict


def test_a_version_keeps_its_exercises_in_order_with_dosage_and_audit(course, demo_unit):
    programme = create(course, demo_unit.therapist_user, source_label="Egen")
    assert programme.version == 1 and programme.municipality == course.municipality
    items = programme_items(programme)
    assert [item.key for item in items] == ["sit_to_stand", "knee_extension_sitting"]
    assert items[0].dosage_text == "3 sæt × 10 gentagelser, 3 gange om ugen"
    assert items[0].note == "Høj stol" and items[0].name == "Rejse sig fra stol"
    entry = AuditEntry.objects.get(object_type="homeprogramme", object_id=str(programme.pk))
    assert entry.action == AuditAction.CREATE and entry.citizen_id == course.citizen_id
    assert entry.changes["exercises"] == ["Rejse sig fra stol", "Knæstræk i siddende"]


def test_a_new_version_keeps_the_older_one(course, demo_unit, programme):
    second = create(course, demo_unit.therapist_user, reason="retest", lines=LINES[:1])
    assert second.version == programme.version + 1
    assert current_programme(course) == second
    programme.refresh_from_db()
    assert programme.exercises.count() == 3
    assert programme.source_label == "Knæ efter alloplastik"


@pytest.mark.parametrize(
    ("lines", "field", "message"),
    [
        ([], "exercises", "Programmet skal have mindst én øvelse."),
        (
            [ProgrammeLine("no_such_exercise", Dosage(sets=1, repetitions=1))],
            "exercises",
            "Øvelsen findes ikke i øvelsesbiblioteket.",
        ),
        (
            [ProgrammeLine("sit_to_stand", Dosage(repetitions=10))],
            "exercises",
            "Rejse sig fra stol: Angiv antal sæt.",
        ),
        (
            [ProgrammeLine("sit_to_stand", Dosage(sets=11, repetitions=10))],
            "exercises",
            "Rejse sig fra stol: Sæt skal være mellem 1 og 10.",
        ),
        (
            [ProgrammeLine("sit_to_stand", Dosage(sets=1, repetitions=1))] * 2,
            "exercises",
            "Rejse sig fra stol står to gange i programmet.",
        ),
    ],
)
def test_bad_lines_are_refused_in_danish_and_nothing_is_written(
    course, demo_unit, lines, field, message
):
    with pytest.raises(ValidationError) as error:
        create(course, demo_unit.therapist_user, lines=lines)
    assert message in messages_of(error)[field]
    assert not HomeProgramme.objects.exists()
    assert not AuditEntry.objects.filter(object_type="homeprogramme").exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"per_week": 0}, "per_week", "Træningsgange om ugen skal være mellem 1 og 14."),
        ({"per_week": 15}, "per_week", "Træningsgange om ugen skal være mellem 1 og 14."),
        ({"reason": "whim"}, "reason", "Vælg årsagen til programmet."),
        ({"start_on": None}, "start_on", "Angiv startdato."),
        ({"note": "x" * 2001}, "note", "Beskeden må højst have 2000 tegn."),
    ],
)
def test_bad_fields_are_refused_in_danish(course, demo_unit, changes, field, message):
    with pytest.raises(ValidationError) as error:
        create(course, demo_unit.therapist_user, **changes)
    assert messages_of(error)[field] == [message]


def test_a_programme_cannot_start_before_the_course(course, demo_unit):
    with pytest.raises(ValidationError) as error:
        create(course, demo_unit.therapist_user, start_on=course.start_on - datetime.timedelta(1))
    assert messages_of(error)["start_on"][0].startswith("Programmet kan ikke starte før forløbet")


def test_a_closed_course_gets_no_new_version(course, demo_unit):
    course.status = CourseStatus.CLOSED
    course.save()
    with pytest.raises(ValidationError) as error:
        create(course, demo_unit.therapist_user)
    assert messages_of(error)["__all__"] == ["Forløbet er afsluttet; programmet kan ikke ændres."]


def test_staff_of_another_municipality_cannot_write(course, naestved, programme):
    with pytest.raises(PermissionDenied):
        create(course, naestved.therapist_user)
    with pytest.raises(PermissionDenied):
        adherence_record(
            course=course, week_start=monday(1), sessions_done=2, by_user=naestved.therapist_user
        )
    with pytest.raises(PermissionDenied):
        programme_hand_over(course=course, user=naestved.therapist_user, on=monday(0))
    assert HomeProgramme.objects.of_municipality(naestved.municipality).count() == 0
    assert HomeProgramme.objects.for_user(naestved.therapist_user).count() == 0
    assert HomeProgramme.objects.for_user(course.therapist.user).count() == 1


def test_a_later_record_of_a_week_replaces_the_count(course, demo_unit, programme):
    adherence_record(
        course=course, week_start=monday(1), sessions_done=2, by_user=demo_unit.therapist_user
    )
    week = adherence_record(course=course, week_start=monday(1), sessions_done=4, by_citizen=True)
    assert AdherenceWeek.objects.filter(course=course).count() == 1
    week.refresh_from_db()
    assert week.sessions_done == 4 and week.source == AdherenceSource.CITIZEN
    assert week.recorded_by is None
    entries = AuditEntry.objects.filter(object_type="adherenceweek").order_by("id")
    assert [entry.changes["sessions_done"] for entry in entries] == [[None, 2], [2, 4]]
    assert entries[1].user_name == "borgeren selv" and entries[1].citizen_id == course.citizen_id


@pytest.mark.parametrize(
    ("week_start", "done", "field", "message"),
    [
        (lambda: monday(1), 15, "sessions_done", "Antal træningsgange skal være mellem 0 og 14."),
        (lambda: monday(1), -1, "sessions_done", "Antal træningsgange skal være mellem 0 og 14."),
        (lambda: monday(-1), 1, "week_start", "Ugen er ikke begyndt endnu."),
        (
            lambda: monday(1) + datetime.timedelta(1),
            1,
            "week_start",
            "Ugen skal begynde en mandag.",
        ),
    ],
)
def test_bad_weeks_are_refused(course, demo_unit, programme, week_start, done, field, message):
    with pytest.raises(ValidationError) as error:
        adherence_record(
            course=course,
            week_start=week_start(),
            sessions_done=done,
            by_user=demo_unit.therapist_user,
        )
    assert messages_of(error)[field] == [message]
    assert not AdherenceWeek.objects.exists()


def test_a_week_before_the_programme_is_refused(course, demo_unit, programme):
    with pytest.raises(ValidationError) as error:
        adherence_record(
            course=course, week_start=monday(4), sessions_done=1, by_user=demo_unit.therapist_user
        )
    assert messages_of(error)["week_start"][0].startswith("Ugen ligger før")


def test_no_week_without_a_programme(course, demo_unit):
    with pytest.raises(ValidationError) as error:
        adherence_record(
            course=course, week_start=monday(0), sessions_done=1, by_user=demo_unit.therapist_user
        )
    assert messages_of(error)["__all__"] == ["Forløbet har ikke et hjemmetræningsprogram."]


def test_weeks_are_taken_four_weeks_after_closing_and_not_later(course, demo_unit, programme):
    course.status = CourseStatus.CLOSED
    course.ended_on = timezone.localdate() - datetime.timedelta(days=28)
    course.save()
    adherence_record(course=course, week_start=monday(1), sessions_done=1, by_citizen=True)
    course.ended_on -= datetime.timedelta(days=1)
    course.save()
    with pytest.raises(ValidationError) as error:
        adherence_record(course=course, week_start=monday(1), sessions_done=1, by_citizen=True)
    assert "Forløbet er afsluttet" in messages_of(error)["__all__"][0]


def test_a_cancelled_course_takes_no_weeks(course, demo_unit, programme):
    course.status = CourseStatus.CANCELLED
    course.save()
    with pytest.raises(ValidationError):
        adherence_record(course=course, week_start=monday(1), sessions_done=1, by_citizen=True)


def test_adherence_rows_compare_with_the_target_in_words(course, demo_unit, programme):
    adherence_record(
        course=course, week_start=monday(1), sessions_done=5, by_user=demo_unit.therapist_user
    )
    adherence_record(course=course, week_start=monday(2), sessions_done=2, by_citizen=True)
    rows = adherence_weeks(course, programme)
    assert [row.week_start for row in rows] == [monday(0), monday(1), monday(2), monday(3)]
    assert [row.done for row in rows] == [None, 5, 2, None]
    assert [row.words for row in rows] == [
        "Ikke registreret", "Målet er nået", "Under målet", "Ikke registreret"
    ]  # fmt: skip
    assert rows[2].share == 40 and rows[2].source_label == "Registreret af borgeren"


def test_hand_over_marks_the_current_version(course, demo_unit, programme):
    second = create(course, demo_unit.therapist_user, reason="adjusted")
    handed = programme_hand_over(course=course, user=demo_unit.therapist_user, on=monday(0))
    assert handed == second
    second.refresh_from_db()
    programme.refresh_from_db()
    assert second.handed_over_on == monday(0) and programme.handed_over_on is None
    assert AuditEntry.objects.filter(
        object_type="homeprogramme", object_id=str(second.pk), action=AuditAction.CHANGE
    ).exists()


def test_hand_over_without_a_programme_does_nothing(course, demo_unit):
    assert programme_hand_over(course=course, user=demo_unit.therapist_user, on=monday(0)) is None
