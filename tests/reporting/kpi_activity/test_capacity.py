"""Hold og terapeuter: class fill, occurrences under the minimum and therapist load, by hand."""

from __future__ import annotations

import datetime

import pytest

from rehabplan.courses.models import AttendanceStatus as A
from rehabplan.courses.models import SessionStatus
from rehabplan.organisation.models import Absence, ClosedDay, WorkingHours
from rehabplan.reporting.kpi.capacity import SECTION
from rehabplan.reporting.kpi.figures import UnknownDrilldown
from tests.course.conftest import at
from tests.reporting.kpi_activity.conftest import (
    D,
    drills,
    filters_for,
    place,
    rows,
    session,
    table,
)

pytestmark = pytest.mark.django_db

MONDAYS = (D(2026, 11, 2), D(2026, 11, 9), D(2026, 11, 16), D(2026, 11, 23))


def _class_month(unit):
    """The class (8 seats, at least 3) on four Mondays of November:
    2 Nov: three attended and one cancelled in time -> 3 seats taken;
    9 Nov: one attended, one no-show -> 2 (under the minimum);
    16 Nov: cancelled by the therapist -> not an occurrence;
    23 Nov: one booked, one cancelled late -> 2 (under the minimum)."""
    courses = [unit.course("SEL86-2", received_on=D(2026, 10, 1), team=True) for _ in range(4)]
    plan = {
        MONDAYS[0]: (A.ATTENDED, A.ATTENDED, A.ATTENDED, A.CANCELLED_IN_TIME),
        MONDAYS[1]: (A.ATTENDED, A.NO_SHOW),
        MONDAYS[3]: (A.BOOKED, A.CANCELLED_LATE),
    }
    for day, statuses in plan.items():
        occurrence = session(unit, at(day), team_class=unit.team_class)
        for course, status in zip(courses, statuses, strict=False):
            place(occurrence, course, status)
    cancelled = session(
        unit, at(MONDAYS[2]), team_class=unit.team_class, status=SessionStatus.CANCELLED
    )
    for course in courses[:2]:
        place(cancelled, course, A.CANCELLED_BY_THERAPIST)
    return courses


def test_class_fill_and_occurrences_under_the_minimum(unit):
    _class_month(unit)
    fill = rows(table(SECTION.tables(filters_for(unit)), "holdbelaegning"))
    assert fill == [
        {
            "team_class": "Balancehold",
            "occurrences": 3,
            "offered": 24,
            "taken": 7,
            "fill": 29.2,
            "minimum": 3,
            "under": 2,
        }
    ]


def test_under_minimum_drill_down_lists_those_occurrences_courses(unit):
    courses = _class_month(unit)
    filters = filters_for(unit)
    tables = SECTION.tables(filters)
    under = drills(table(tables, "holdbelaegning"), "under")[0]
    assert under == {"figur": "under-minimum", "holdet": str(unit.team_class.pk)}
    # 9 Nov: courses 0 and 1; 23 Nov: courses 0 and 1 (booked, cancelled late).
    assert set(SECTION.cases(under, filters).courses) == set(courses[:2])
    taken = drills(table(tables, "holdbelaegning"), "taken")[0]
    assert set(SECTION.cases(taken, filters).courses) == set(courses[:3])


def _working_week(unit):
    """Pia works 8-16 Monday to Friday. In the week of 2 November the unit is closed on
    Wednesday and she is absent on Thursday: 3 days x 8 hours = 24 hours available."""
    for weekday in range(5):
        WorkingHours.objects.create(
            therapist=unit.pt,
            weekday=weekday,
            starts_at=datetime.time(8),
            ends_at=datetime.time(16),
        )
    ClosedDay.objects.create(municipality=unit.municipality, day=D(2026, 11, 4), reason="Kursus")
    Absence.objects.create(therapist=unit.pt, first_day=D(2026, 11, 5), last_day=D(2026, 11, 5))


def test_therapist_load_subtracts_closed_days_and_absence(unit):
    _working_week(unit)
    course = unit.course("SEL86-1", received_on=D(2026, 10, 1))
    place(session(unit, at(D(2026, 11, 2)), team_class=unit.team_class), course, A.ATTENDED)
    place(session(unit, at(D(2026, 11, 3), 13), minutes=45), course, A.ATTENDED)
    # A cancelled session is not booked time.
    session(unit, at(D(2026, 11, 6), 13), status=SessionStatus.CANCELLED)
    week = filters_for(unit, D(2026, 11, 2), D(2026, 11, 8))
    load = {
        row["therapist"]: row for row in rows(table(SECTION.tables(week), "terapeutbelastning"))
    }
    assert load["Pia Fys"] == {
        "therapist": "Pia Fys",
        "available_hours": 24.0,
        "booked_hours": 1.8,  # 105 minutes
        "load": 7.3,
        "sessions": 2,
    }
    # Otto has no working hours: nothing available, nothing booked, no share.
    assert load["Otto Ergo"]["available_hours"] == 0.0
    assert load["Otto Ergo"]["load"] is None


def test_the_calendar_counts_the_same_available_hours(unit):
    from rehabplan.courses.selectors.calendar import therapist_calendar

    _working_week(unit)
    calendar = therapist_calendar(therapist=unit.pt, first_day=D(2026, 11, 2), days=7)
    assert calendar.working_hours == 24.0


@pytest.mark.parametrize(
    ("chosen", "occurrences", "therapists"),
    [
        ({}, 3, {"Pia Fys", "Otto Ergo"}),
        ({"therapist_id": "pt"}, 3, {"Pia Fys"}),
        ({"therapist_id": "ot"}, 0, {"Otto Ergo"}),
        ({"team_class_id": "class"}, 3, {"Pia Fys"}),
        ({"location_id": "location"}, 3, {"Pia Fys"}),
        ({"service_code": "SEL86-2"}, 3, {"Pia Fys"}),
        ({"service_code": "SEL86-1"}, 0, set()),
    ],
)
def test_each_filter(unit, chosen, occurrences, therapists):
    _class_month(unit)
    ids = {
        "class": unit.team_class.pk,
        "location": unit.location.pk,
        "ot": unit.ot.pk,
        "pt": unit.pt.pk,
    }
    chosen = {key: ids.get(value, value) for key, value in chosen.items()}
    tables = SECTION.tables(filters_for(unit, **chosen))
    assert sum(row["occurrences"] for row in rows(table(tables, "holdbelaegning"))) == occurrences
    assert {row["therapist"] for row in rows(table(tables, "terapeutbelastning"))} == therapists


def test_period_boundary_days(unit):
    _class_month(unit)
    first_monday = rows(
        table(SECTION.tables(filters_for(unit, MONDAYS[0], MONDAYS[0])), "holdbelaegning")
    )
    assert first_monday[0]["occurrences"] == 1
    before = rows(
        table(SECTION.tables(filters_for(unit, D(2026, 11, 1), D(2026, 11, 1))), "holdbelaegning")
    )
    assert before == []
    last = rows(table(SECTION.tables(filters_for(unit, MONDAYS[3], MONDAYS[3])), "holdbelaegning"))
    assert last[0]["under"] == 1


def test_another_municipality_is_never_counted(unit, other):
    _class_month(unit)
    _class_month(other)
    tables = SECTION.tables(filters_for(unit))
    assert rows(table(tables, "holdbelaegning"))[0]["taken"] == 7
    assert {row["therapist"] for row in rows(table(tables, "terapeutbelastning"))} == {
        "Pia Fys",
        "Otto Ergo",
    }
    assert len(rows(table(tables, "terapeutbelastning"))) == 2


@pytest.mark.parametrize(
    "drilldown",
    [
        {},
        {"figur": "under-minimum"},
        {"figur": "under-minimum", "holdet": "-1"},
        {"figur": "under-minimum", "holdet": "99999999"},
        {"figur": "terapeut"},
        {"figur": "terapeut", "terapeuten": "1x"},
        {"figur": "andet", "holdet": "1"},
    ],
)
def test_unknown_drill_down_parameters_are_refused(unit, drilldown):
    with pytest.raises(UnknownDrilldown):
        SECTION.cases(drilldown, filters_for(unit))


def test_a_foreign_class_or_therapist_is_refused(unit, other):
    _class_month(other)
    filters = filters_for(unit)
    with pytest.raises(UnknownDrilldown):
        SECTION.cases({"figur": "under-minimum", "holdet": str(other.team_class.pk)}, filters)
    with pytest.raises(UnknownDrilldown):
        SECTION.cases({"figur": "terapeut", "terapeuten": str(other.pt.pk)}, filters)


def test_therapist_drill_down_lists_her_courses(unit):
    courses = _class_month(unit)
    other_course = unit.course("SEL86-1", received_on=D(2026, 10, 1))
    place(session(unit, at(D(2026, 11, 3), 13), therapist=unit.ot), other_course, A.ATTENDED)
    filters = filters_for(unit)
    load = table(SECTION.tables(filters), "terapeutbelastning")
    otto = next(
        d
        for d, r in zip(drills(load, "sessions"), rows(load), strict=True)
        if r["therapist"] == "Otto Ergo"
    )
    assert list(SECTION.cases(otto, filters).courses) == [other_course]
    pia = {"figur": "terapeut", "terapeuten": str(unit.pt.pk)}
    assert set(SECTION.cases(pia, filters).courses) == set(courses)
