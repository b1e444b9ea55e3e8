"""Mine forløb with what is due, Mine hold, and the note on a course that belongs to no session."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.courses.due import DueKind, MeasuredOn, closing_due, intake_due, measurement_due
from rehabplan.courses.models import (
    ClinicalNote,
    Course,
    CourseStatus,
    MeasurementPhase,
    OutcomeMeasurement,
)
from rehabplan.courses.models.notes import NOTE_MAX_LENGTH
from rehabplan.courses.selectors.my_work import my_classes, my_courses
from tests.calendar.test_calendar import book

TODAY = datetime.date(2026, 12, 2)


def course_of(status, start_on=None, planned_end_on=None):
    return Course(status=status, start_on=start_on, planned_end_on=planned_end_on)


def test_the_intake_talk_is_due_until_the_course_has_started():
    waiting = course_of(CourseStatus.AWAITING_START, start_on=TODAY)
    assert intake_due(waiting).text == "Opstartssamtale, planlagt 2. december 2026"
    assert intake_due(course_of(CourseStatus.ACTIVE, start_on=TODAY)) is None


def test_the_test_during_the_course_is_due_from_half_way_with_no_test_since_the_start():
    start = TODAY - datetime.timedelta(days=30)
    course = course_of(CourseStatus.ACTIVE, start, start + datetime.timedelta(weeks=8))
    started = [MeasuredOn(MeasurementPhase.START, start)]
    assert measurement_due(course, started, TODAY).kind == DueKind.RETEST
    # Before half-way, or once tested during the course, nothing is due.
    assert measurement_due(course, started, start + datetime.timedelta(days=27)) is None
    tested = [*started, MeasuredOn(MeasurementPhase.DURING, TODAY)]
    assert measurement_due(course, tested, TODAY) is None
    # Without a start test, that is what is due.
    assert measurement_due(course, [], TODAY).kind == DueKind.START_TEST


def test_closing_is_due_near_the_planned_end_or_when_every_granted_session_is_used():
    course = course_of(CourseStatus.ACTIVE, TODAY, TODAY + datetime.timedelta(days=7))
    assert closing_due(course, used=1, granted=10, today=TODAY).kind == DueKind.CLOSING
    later = course_of(CourseStatus.ACTIVE, TODAY, TODAY + datetime.timedelta(days=8))
    assert closing_due(later, used=9, granted=10, today=TODAY) is None
    used_up = closing_due(later, used=10, granted=10, today=TODAY)
    assert used_up.text == "Afslutning: alle 10 bevilgede gange er brugt eller booket"
    proposed = course_of(CourseStatus.PROPOSED_FOR_ENDING)
    assert closing_due(proposed, used=0, granted=None, today=TODAY).kind == DueKind.CLOSING


def test_mine_forloeb_lists_her_courses_and_those_she_has_sessions_in(client, demo_unit, varde):
    today = timezone.localdate()
    hers = demo_unit.course("SEL86-1", received_on=today - datetime.timedelta(days=40))
    OutcomeMeasurement.objects.create(
        course=hers,
        test_code="chair_stand_30s",
        value=Decimal(8),
        unit="rejsninger",
        phase=MeasurementPhase.START,
        measured_on=hers.start_on or today,
        recorded_by=demo_unit.therapist_user,
    )
    hers.start_on = today - datetime.timedelta(days=40)
    hers.planned_end_on = today + datetime.timedelta(days=3)
    hers.save()
    colleagues = demo_unit.course("SEL86-1", received_on=today)
    colleagues.therapist = demo_unit.ot
    colleagues.save()
    helped = demo_unit.course("SEL86-1", received_on=today)
    helped.therapist = demo_unit.ot
    helped.save()
    upcoming = book(demo_unit, helped, today + datetime.timedelta(days=1), 10)
    other_town = varde.course("SEL86-1", received_on=today)
    rows = {row.course.pk: row for row in my_courses(therapist=demo_unit.pt, today=today)}
    assert set(rows) == {hers.pk, helped.pk}
    assert rows[helped.pk].next_session == upcoming
    assert {item.kind for item in rows[hers.pk].due} == {DueKind.RETEST, DueKind.CLOSING}
    assert colleagues.pk not in rows and other_town.pk not in rows
    client.force_login(demo_unit.therapist_user)
    page = client.get("/mine-forloeb/").content.decode()
    assert hers.citizen.full_name in page and "Gentest undervejs" in page
    entry = AuditEntry.objects.filter(summary="Mine forløb vist").latest("pk")
    assert set(entry.shown_citizen_ids) == {hers.citizen_id, helped.citizen_id}


def test_mine_hold_counts_participants_against_capacity_and_minimum(client, demo_unit):
    today = timezone.localdate()
    course = demo_unit.course("SEL86-1", received_on=today, team=True)
    session = book(demo_unit, course, today + datetime.timedelta(days=2), 10, kind="team")
    [row] = my_classes(therapist=demo_unit.pt)
    assert (row.participants, row.next_session, row.next_participants) == (1, session, 1)
    assert row.below_minimum
    type(course.team_class).objects.filter(pk=course.team_class_id).update(
        weekday=1, second_weekday=3
    )
    client.force_login(demo_unit.therapist_user)
    page = client.get("/mine-hold/").content.decode()
    assert "1 af 8 pladser, mindst 3" in page and "Under mindste antal deltagere" in page
    assert "Tirsdag og torsdag kl. 10.00" in page
    client.force_login(demo_unit.leader)
    assert client.get("/mine-hold/").status_code == 403


def test_a_standalone_note_is_written_on_the_course_audited_and_shown(client, demo_unit):
    course = demo_unit.course("SEL86-1", received_on=timezone.localdate())
    client.force_login(demo_unit.therapist_user)
    response = client.post(
        f"/forloeb/{course.pk}/notat/",
        {"note-kind": "phone", "note-text": "Datteren ringede: borgeren er faldet i weekenden."},
    )
    assert response.status_code == 302
    note = ClinicalNote.objects.of_municipality(demo_unit.municipality).get(kind="phone")
    assert note.course == course and note.session is None
    entry = AuditEntry.objects.filter(
        action=AuditAction.CREATE, citizen_id=course.citizen_id
    ).latest("pk")
    assert entry.summary == "Journalnotat skrevet (telefonsamtale)"
    page = client.get(f"/forloeb/{course.pk}/").content.decode()
    assert "Telefonsamtale" in page and "Datteren ringede" in page


def test_a_standalone_note_refuses_bad_input_in_danish_and_writes_nothing(client, demo_unit):
    course = demo_unit.course("SEL86-1", received_on=timezone.localdate())
    before = ClinicalNote.objects.count()
    client.force_login(demo_unit.therapist_user)
    too_long = client.post(
        f"/forloeb/{course.pk}/notat/",
        {"note-kind": "general", "note-text": "x" * (NOTE_MAX_LENGTH + 1)},
    )
    assert too_long.status_code == 400
    assert "Notatet må højst være 10.000 tegn." in too_long.content.decode()
    # A session's kind of note is not written without its session.
    wrong_kind = client.post(
        f"/forloeb/{course.pk}/notat/", {"note-kind": "session", "note-text": "Hej"}
    )
    assert wrong_kind.status_code == 400
    assert "Vælg typen af notat." in wrong_kind.content.decode()
    client.force_login(demo_unit.visitator)
    refused = client.post(
        f"/forloeb/{course.pk}/notat/", {"note-kind": "general", "note-text": "Hej"}
    )
    assert refused.status_code == 403
    assert ClinicalNote.objects.count() == before


def test_the_note_service_refuses_a_session_kind(demo_unit):
    import pytest
    from django.core.exceptions import ValidationError

    from rehabplan.courses.services.notes import note_write_standalone

    course = demo_unit.course("SEL86-1", received_on=timezone.localdate())
    with pytest.raises(ValidationError):
        note_write_standalone(
            user=demo_unit.therapist_user, course=course, text="Hej", kind="session"
        )
