"""Documenting sessions: the team screen in one save, cancellations and no-shows per standard."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from rehabplan.courses.models import (
    AttendanceStatus,
    ClinicalNote,
    CourseStatus,
    NoteKind,
    OutcomeMeasurement,
    SessionKind,
    SessionStatus,
)
from rehabplan.courses.services.notes import note_correct
from rehabplan.courses.services.sessions import (
    CANCELLED_BY_CITIZEN,
    ParticipantEntry,
    attendance_cancel_by_citizen,
    session_book,
    session_cancel_by_therapist,
    session_document,
)
from tests.course.conftest import at

MONDAY = datetime.date(2026, 11, 9)


def _book(unit, course, day, kind=SessionKind.INDIVIDUAL, hour=10):
    return session_book(
        user=unit.therapist_user,
        course=course,
        kind=kind,
        starts_at=at(day, hour),
        confirmed=True,
    )


@pytest.fixture
def team_session(demo_unit):
    courses = [demo_unit.course("SEL86-1", received_on=MONDAY, team=True) for _ in range(3)]
    session = None
    for course in courses:
        session = _book(demo_unit, course, MONDAY, kind=SessionKind.TEAM)
    return session, courses


def test_team_session_saved_in_one_screen_lands_in_each_record(demo_unit, team_session):
    session, (anna, bo, carl) = team_session
    rows = {a.course_id: a.pk for a in session.attendances.all()}
    result = session_document(
        user=demo_unit.therapist_user,
        session=session,
        test_code="chair_stand_30s",
        entries=[
            ParticipantEntry(rows[anna.pk], AttendanceStatus.ATTENDED, "Godt fremmøde.", "11"),
            ParticipantEntry(rows[bo.pk], AttendanceStatus.ATTENDED, "Svimmel ved øvelse 3.", "8"),
            ParticipantEntry(rows[carl.pk], AttendanceStatus.NO_SHOW),
        ],
    )
    assert len(result.notes) == 2 and len(result.measurements) == 2
    for course, status, note, value in (
        (anna, AttendanceStatus.ATTENDED, "Godt fremmøde.", 11),
        (bo, AttendanceStatus.ATTENDED, "Svimmel ved øvelse 3.", 8),
    ):
        assert course.attendances.get(session=session).status == status
        written = ClinicalNote.objects.get(citizen=course.citizen, session=session)
        assert (written.text, written.kind, written.course_id) == (
            note,
            NoteKind.SESSION,
            course.pk,
        )
        measurement = OutcomeMeasurement.objects.get(course=course)
        assert (measurement.value, measurement.unit, measurement.session_id) == (
            value,
            "gentagelser",
            session.pk,
        )
    assert carl.attendances.get(session=session).status == AttendanceStatus.NO_SHOW
    assert not ClinicalNote.objects.filter(citizen=carl.citizen, session=session).exists()
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD


def test_one_bad_test_value_saves_nothing(demo_unit, team_session):
    session, (anna, bo, _carl) = team_session
    rows = {a.course_id: a.pk for a in session.attendances.all()}
    with pytest.raises(ValidationError) as error:
        session_document(
            user=demo_unit.therapist_user,
            session=session,
            test_code="chair_stand_30s",
            entries=[
                ParticipantEntry(rows[anna.pk], AttendanceStatus.ATTENDED, "Fint.", "11"),
                ParticipantEntry(rows[bo.pk], AttendanceStatus.ATTENDED, "", "75"),
            ],
        )
    assert "uden for det mulige interval 0-60" in str(error.value.message_dict)
    assert not ClinicalNote.objects.filter(session=session).exists()
    assert anna.attendances.get(session=session).status == AttendanceStatus.BOOKED


def test_notes_are_append_only_and_a_correction_points_to_the_original(demo_unit, team_session):
    session, (anna, _bo, _carl) = team_session
    attendance = anna.attendances.get(session=session)
    session_document(
        user=demo_unit.therapist_user,
        session=session,
        entries=[ParticipantEntry(attendance.pk, AttendanceStatus.ATTENDED, "Gik 200 m.")],
    )
    original = ClinicalNote.objects.get(citizen=anna.citizen, session=session)
    with pytest.raises(PermissionError):
        original.text = "Gik 300 m."
        original.save()
    original.refresh_from_db()
    assert original.text == "Gik 200 m."
    correction = note_correct(user=demo_unit.therapist_user, note=original, text="Gik 300 m.")
    assert correction.corrects_id == original.pk
    texts = set(ClinicalNote.objects.filter(session=session).values_list("text", flat=True))
    assert texts == {"Gik 200 m.", "Gik 300 m."}


@pytest.mark.parametrize(
    ("cancelled_at", "expected"),
    [
        (at(datetime.date(2026, 11, 8), 21, 30), AttendanceStatus.CANCELLED_IN_TIME),
        (at(datetime.date(2026, 11, 9), 7, 0), AttendanceStatus.CANCELLED_LATE),
    ],
)
def test_fredericia_cancellation_is_in_time_by_the_day_before(fredericia, cancelled_at, expected):
    course = fredericia.course("SUL140", received_on=datetime.date(2026, 11, 2))
    session = _book(fredericia, course, MONDAY)
    attendance = attendance_cancel_by_citizen(
        user=fredericia.therapist_user,
        attendance=session.attendances.get(),
        cancelled_at=cancelled_at,
    )
    assert attendance.status == expected


def test_cancellation_time_in_the_team_screen_gives_the_status(demo_unit, team_session):
    session, (anna, _bo, _carl) = team_session
    attendance = anna.attendances.get(session=session)
    session_document(
        user=demo_unit.therapist_user,
        session=session,
        entries=[ParticipantEntry(attendance.pk, CANCELLED_BY_CITIZEN, cancelled_at=at(MONDAY, 8))],
    )
    attendance.refresh_from_db()
    assert attendance.status == AttendanceStatus.CANCELLED_LATE


def test_therapist_cancellation_offers_and_books_a_replacement(naestved):
    course = naestved.course("SEL86-1", received_on=datetime.date(2026, 11, 2))
    session = _book(naestved, course, MONDAY)
    result = session_cancel_by_therapist(
        user=naestved.therapist_user, session=session, reason="Terapeut syg"
    )
    assert result.replacement_required is True
    assert "erstatningstræning" in result.rule_text
    assert session.attendances.get().status == AttendanceStatus.CANCELLED_BY_THERAPIST
    # The cancelled session no longer counts, and the replacement points to it.
    replacement = session_book(
        user=naestved.therapist_user,
        course=course,
        kind=SessionKind.INDIVIDUAL,
        starts_at=at(MONDAY + datetime.timedelta(days=2)),
        replaces=session,
        confirmed=True,
    )
    assert replacement.replaces_id == session.pk
    assert course.attendances.filter(status=AttendanceStatus.BOOKED).count() == 1


def test_therapist_cancellation_with_a_new_time_rebooks_every_participant(demo_unit, team_session):
    session, courses = team_session
    result = session_cancel_by_therapist(
        user=demo_unit.therapist_user,
        session=session,
        reason="Salen er optaget",
        replacement_starts_at=at(MONDAY + datetime.timedelta(days=1), 13),
    )
    assert result.replacement is not None
    assert result.replacement.replaces_id == session.pk
    assert {a.course_id for a in result.replacement.attendances.all()} == {c.pk for c in courses}


def test_fredericia_two_no_shows_propose_the_course_for_ending(fredericia):
    course = fredericia.course("SUL140", received_on=datetime.date(2026, 11, 2))
    first = _book(fredericia, course, datetime.date(2026, 11, 4))
    second = _book(fredericia, course, MONDAY)
    for session in (first, second):
        result = session_document(
            user=fredericia.therapist_user,
            session=session,
            entries=[ParticipantEntry(session.attendances.get().pk, AttendanceStatus.NO_SHOW)],
        )
    course.refresh_from_db()
    assert course.status == CourseStatus.PROPOSED_FOR_ENDING
    assert result.proposed_for_ending == (course,) or result.proposed_for_ending[0].pk == course.pk
    assert course.ending_proposed_reason.startswith("Borgeren er udeblevet 2 gange")


def test_varde_has_no_no_show_count_so_the_course_stays_active(varde):
    course = varde.course("SEL86-2", received_on=datetime.date(2026, 11, 2))
    for day in (datetime.date(2026, 11, 4), MONDAY):
        session = _book(varde, course, day)
        session_document(
            user=varde.therapist_user,
            session=session,
            entries=[ParticipantEntry(session.attendances.get().pk, AttendanceStatus.NO_SHOW)],
        )
    course.refresh_from_db()
    assert course.status == CourseStatus.ACTIVE


def test_a_replacement_at_a_time_the_therapist_is_busy_is_refused_and_nothing_cancelled(
    naestved,
):
    course = naestved.course("SEL86-1", received_on=datetime.date(2026, 11, 2))
    session = _book(naestved, course, MONDAY)
    busy = _book(
        naestved,
        naestved.course("SEL86-1", received_on=datetime.date(2026, 11, 2)),
        MONDAY + datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="Pia Fys har allerede en aftale"):
        session_cancel_by_therapist(
            user=naestved.therapist_user,
            session=session,
            reason="Terapeut syg",
            replacement_starts_at=busy.starts_at,
        )
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED
    assert session.attendances.get().status == AttendanceStatus.BOOKED
    assert not session.replacements.exists()


def _starting_in(session, minutes: int):
    """Move the session so it starts `minutes` from now (negative: it has begun)."""
    session.starts_at = timezone.now() + datetime.timedelta(minutes=minutes)
    session.save(update_fields=["starts_at"])
    return session


def test_attendance_before_the_start_is_refused_in_danish_and_nothing_is_saved(
    demo_unit, team_session
):
    session, (anna, bo, carl) = team_session
    _starting_in(session, 90)
    rows = {a.course_id: a.pk for a in session.attendances.all()}
    with pytest.raises(ValidationError) as error:
        session_document(
            user=demo_unit.therapist_user,
            session=session,
            entries=[
                ParticipantEntry(rows[anna.pk], AttendanceStatus.ATTENDED, "Kom tidligt."),
                ParticipantEntry(rows[bo.pk], AttendanceStatus.NO_SHOW),
            ],
        )
    messages = error.value.message_dict
    assert set(messages) == {f"row-{rows[anna.pk]}", f"row-{rows[bo.pk]}"}
    assert (
        "mødt eller udeblevet kan først registreres fra aftalens start"
        in (messages[f"row-{rows[anna.pk]}"][0])
    )
    session.refresh_from_db()
    assert session.status != SessionStatus.HELD
    assert not ClinicalNote.objects.filter(session=session).exists()
    assert {a.status for a in session.attendances.all()} == {AttendanceStatus.BOOKED}


def test_before_the_start_a_cancellation_can_be_recorded(demo_unit, team_session):
    session, (anna, bo, carl) = team_session
    _starting_in(session, 90)
    rows = {a.course_id: a.pk for a in session.attendances.all()}
    session_document(
        user=demo_unit.therapist_user,
        session=session,
        entries=[
            ParticipantEntry(
                rows[anna.pk],
                CANCELLED_BY_CITIZEN,
                "Ringede og meldte afbud.",
                cancelled_at=timezone.now(),
            ),
            ParticipantEntry(rows[bo.pk], AttendanceStatus.CANCELLED_BY_THERAPIST),
        ],
    )
    # The standard wants a cancellation the day before: late, unless the session starts after
    # local midnight (the test run late in the evening).
    same_day = timezone.localdate(session.starts_at) == timezone.localdate()
    expected = AttendanceStatus.CANCELLED_LATE if same_day else AttendanceStatus.CANCELLED_IN_TIME
    assert session.attendances.get(course=anna).status == expected
    assert session.attendances.get(course=bo).status == AttendanceStatus.CANCELLED_BY_THERAPIST


def test_from_the_start_attendance_is_recorded(demo_unit, team_session):
    session, (anna, bo, carl) = team_session
    _starting_in(session, -1)
    rows = {a.course_id: a.pk for a in session.attendances.all()}
    session_document(
        user=demo_unit.therapist_user,
        session=session,
        entries=[ParticipantEntry(rows[anna.pk], AttendanceStatus.ATTENDED)],
    )
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
