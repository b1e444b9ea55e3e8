"""The daily figures follow every way a session, a place or a course's service is written:
the services' saves, bulk inserts and queryset updates that no signal sees, and deletions. Each
change is read through the key figures, as the leader sees them."""

from __future__ import annotations

import datetime

import pytest

from rehabplan.courses.models import Attendance, Course, Session, SessionStatus
from rehabplan.courses.models import AttendanceStatus as A
from rehabplan.reporting.kpi import attendance, capacity
from tests.course.conftest import at
from tests.reporting.kpi_activity.conftest import D, filters_for, place, rows, session, table

pytestmark = pytest.mark.django_db

AUTUMN = (D(2026, 10, 1), D(2026, 12, 31))


def _monthly(unit) -> dict[str, tuple[int, int]]:
    """Per month: (sessions held, places where the citizen stayed away)."""
    tables = attendance.SECTION.tables(filters_for(unit, *AUTUMN))
    held = {row["month"]: row["held"] for row in rows(table(tables, "aftaler-pr-maaned"))}
    no_show = {
        row["month"]: row["no_show"] for row in rows(table(tables, "udeblivelser-pr-maaned"))
    }
    return {month: (held[month], no_show[month]) for month in held}


def _services(unit) -> dict[str, int]:
    tables = attendance.SECTION.tables(filters_for(unit, *AUTUMN))
    return {row["service"]: row["places"] for row in rows(table(tables, "udeblivelser-pr-indsats"))}


@pytest.fixture
def november_place(unit):
    course = unit.course("SEL86-1", received_on=D(2026, 10, 1))
    booked = place(session(unit, at(D(2026, 11, 2), 10)), course, A.ATTENDED)
    assert _monthly(unit)["november 2026"] == (1, 0)
    return booked


def test_a_queryset_update_of_a_place(unit, november_place):
    Attendance.objects.filter(pk=november_place.pk).update(status=A.NO_SHOW)
    assert _monthly(unit)["november 2026"] == (1, 1)


def test_a_session_moved_to_another_month(unit, november_place):
    Session.objects.filter(pk=november_place.session_id).update(starts_at=at(D(2026, 12, 7), 10))
    figures = _monthly(unit)
    assert figures["november 2026"] == (0, 0)
    assert figures["december 2026"] == (1, 0)


def test_a_session_cancelled_by_save(unit, november_place):
    held = november_place.session
    held.status = SessionStatus.CANCELLED
    held.save()
    assert _monthly(unit)["november 2026"] == (0, 0)


def test_a_place_deleted_and_a_session_deleted(unit, november_place):
    november_place.delete()
    assert _services(unit) == {}
    Session.objects.filter(pk=november_place.session_id).delete()
    assert _monthly(unit)["november 2026"] == (0, 0)


def test_places_bulk_created(unit, november_place):
    other = unit.course("SEL86-2", received_on=D(2026, 10, 1))
    sessions = [session(unit, at(D(2026, 10, day), 9)) for day in (5, 6, 7)]
    Attendance.objects.bulk_create(
        Attendance(session=held, course=other, status=A.NO_SHOW) for held in sessions
    )
    assert _monthly(unit)["oktober 2026"] == (3, 3)


def test_a_course_given_another_service(unit, november_place):
    before = _services(unit)
    assert list(before.values()) == [1]
    Course.objects.filter(pk=november_place.course_id).update(service_code="SEL86-2")
    after = _services(unit)
    assert list(after.values()) == [1] and after.keys() != before.keys()


def test_a_therapists_load_follows_a_changed_duration(unit, november_place):
    def booked_hours() -> float:
        tables = capacity.SECTION.tables(filters_for(unit, *AUTUMN))
        load = rows(table(tables, "terapeutbelastning"))
        return next(row["booked_hours"] for row in load if row["sessions"])

    assert booked_hours() == 1.0
    Session.objects.filter(pk=november_place.session_id).update(duration_minutes=90)
    assert booked_hours() == 1.5


@pytest.mark.parametrize(
    ("local_time", "month"),
    [
        # 00:30 on 1 November in Denmark is still 31 October in UTC.
        ((D(2026, 11, 1), 0, 30), "november 2026"),
        ((D(2026, 10, 31), 23, 30), "oktober 2026"),
        # Summer time: 00:30 on 1 October is 22:30 on 30 September in UTC.
        ((D(2026, 10, 1), 0, 30), "oktober 2026"),
    ],
)
def test_a_change_just_after_midnight_counts_on_the_danish_day(unit, local_time, month):
    course = unit.course("SEL86-1", received_on=D(2026, 9, 1))
    day, hour, minute = local_time
    held = place(session(unit, at(day, hour, minute)), course, A.ATTENDED)
    assert _monthly(unit)[month] == (1, 0)
    Attendance.objects.filter(pk=held.pk).update(status=A.NO_SHOW)
    assert _monthly(unit)[month] == (1, 1)


def test_a_class_minimum_raised_later_counts_without_a_recount(unit):
    team_course = unit.course("SEL86-2", received_on=D(2026, 10, 1), team=True)
    place(session(unit, at(D(2026, 11, 3)), team_class=unit.team_class), team_course, A.ATTENDED)

    def under_minimum() -> int:
        tables = capacity.SECTION.tables(filters_for(unit, *AUTUMN))
        return rows(table(tables, "holdbelaegning"))[0]["under"]

    unit.team_class.minimum_to_run = 1
    unit.team_class.save()
    assert under_minimum() == 0
    unit.team_class.minimum_to_run = 2
    unit.team_class.save()
    assert under_minimum() == 1


def test_moments_are_danish_time():
    # The parametrised cases above rely on these offsets.
    assert at(D(2026, 11, 1), 0, 30).astimezone(datetime.UTC).date() == D(2026, 10, 31)
    assert at(D(2026, 10, 1), 0, 30).astimezone(datetime.UTC).date() == D(2026, 9, 30)
