"""Fremmøde: sessions delivered per month, no-show and late-cancellation rates, by hand."""

from __future__ import annotations

import pytest

from rehabplan.courses.models import AttendanceStatus as A
from rehabplan.courses.models import SessionStatus
from rehabplan.reporting.kpi.attendance import SECTION
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


def _november(unit):
    """SEL86-1: one of each outcome; SEL86-2 on the class: two attended, one no-show.
    Around the period: a no-show on 31 October at 23:30 and one on 1 December at 00:00."""
    course = unit.course("SEL86-1", received_on=D(2026, 10, 1))
    team_course = unit.course("SEL86-2", received_on=D(2026, 10, 1), team=True)
    statuses = (A.ATTENDED, A.NO_SHOW, A.CANCELLED_LATE, A.CANCELLED_IN_TIME, A.BOOKED)
    for day, status in zip((2, 3, 4, 5, 6), statuses, strict=True):
        place(session(unit, at(D(2026, 11, day), 16)), course, status)
    cancelled = session(unit, at(D(2026, 11, 9), 16), status=SessionStatus.CANCELLED)
    place(cancelled, course, A.CANCELLED_BY_THERAPIST)
    for day, status in ((2, A.ATTENDED), (9, A.ATTENDED), (16, A.NO_SHOW)):
        place(session(unit, at(D(2026, 11, day)), team_class=unit.team_class), team_course, status)
    place(session(unit, at(D(2026, 10, 31), 23, 30)), course, A.NO_SHOW)
    place(session(unit, at(D(2026, 12, 1), 0)), course, A.NO_SHOW)
    # The last evening of the period counts.
    place(session(unit, at(D(2026, 11, 30), 23, 30)), team_course, A.ATTENDED)
    return course, team_course


def test_rates_per_service_and_class(unit):
    _november(unit)
    tables = SECTION.tables(filters_for(unit))
    by_service = {row["service"]: row for row in rows(table(tables, "udeblivelser-pr-indsats"))}
    assert len(by_service) == 2
    sel86_1, sel86_2 = sorted(by_service.values(), key=lambda row: row["places"])
    # SEL86-1: attended, no-show, late, in time = 4 places (booked and therapist's not counted).
    assert (sel86_1["places"], sel86_1["no_show"], sel86_1["late"]) == (4, 1, 1)
    assert (sel86_1["no_show_rate"], sel86_1["late_rate"]) == (25.0, 25.0)
    assert (sel86_2["places"], sel86_2["no_show"], sel86_2["no_show_rate"]) == (4, 1, 25.0)
    assert sel86_2["late_rate"] == 0.0
    by_class = rows(table(tables, "udeblivelser-pr-hold"))
    assert by_class == [
        {
            "team_class": "Balancehold",
            "places": 3,
            "no_show": 1,
            "late": 0,
            "no_show_rate": 33.3,
            "late_rate": 0.0,
        }
    ]


def test_months_and_sessions_delivered(unit):
    _november(unit)
    tables = SECTION.tables(filters_for(unit, D(2026, 10, 1), D(2026, 12, 31)))
    delivered = rows(table(tables, "aftaler-pr-maaned"))
    assert [row["month"] for row in delivered] == ["oktober 2026", "november 2026", "december 2026"]
    # November: 5 individual held sessions, 3 class sessions and the late evening = 9 held;
    # the therapist's cancelled session is not delivered.
    assert [row["held"] for row in delivered] == [1, 9, 1]
    assert [row["attended"] for row in delivered] == [0, 4, 0]
    monthly = rows(table(tables, "udeblivelser-pr-maaned"))
    assert [row["places"] for row in monthly] == [1, 8, 1]
    assert [row["no_show_rate"] for row in monthly] == [100.0, 25.0, 100.0]
    assert table(tables, "aftaler-pr-maaned").chart.kind == "line"


def test_a_month_without_places_has_no_rate(unit):
    tables = SECTION.tables(filters_for(unit))
    monthly = rows(table(tables, "udeblivelser-pr-maaned"))
    assert monthly[0]["places"] == 0
    assert monthly[0]["no_show_rate"] is None


@pytest.mark.parametrize(
    ("chosen", "places"),
    [
        ({}, 8),
        ({"service_code": "SEL86-1"}, 4),
        ({"service_code": "SEL86-2"}, 4),
        ({"team_class_id": "class"}, 3),
        ({"location_id": "location"}, 3),
        ({"therapist_id": "ot"}, 0),
        ({"therapist_id": "pt"}, 8),
    ],
)
def test_each_filter(unit, chosen, places):
    _november(unit)
    ids = {
        "class": unit.team_class.pk,
        "location": unit.location.pk,
        "ot": unit.ot.pk,
        "pt": unit.pt.pk,
    }
    chosen = {key: ids.get(value, value) for key, value in chosen.items()}
    tables = SECTION.tables(filters_for(unit, **chosen))
    assert sum(row["places"] for row in rows(table(tables, "udeblivelser-pr-indsats"))) == places


def test_period_boundary_days(unit):
    _november(unit)
    # 31 October 23:30 is October's, 1 December 00:00 December's, 30 November 23:30 November's.
    october = SECTION.tables(filters_for(unit, D(2026, 10, 31), D(2026, 10, 31)))
    assert rows(table(october, "udeblivelser-pr-maaned"))[0]["no_show"] == 1
    last_day = SECTION.tables(filters_for(unit, D(2026, 11, 30), D(2026, 11, 30)))
    assert rows(table(last_day, "aftaler-pr-maaned"))[0]["held"] == 1
    december = SECTION.tables(filters_for(unit, D(2026, 12, 1), D(2026, 12, 1)))
    assert rows(table(december, "udeblivelser-pr-maaned"))[0]["no_show"] == 1


def test_drill_down_lists_the_courses_behind_a_count(unit):
    course, team_course = _november(unit)
    filters = filters_for(unit)
    tables = SECTION.tables(filters)
    service_drills = drills(table(tables, "udeblivelser-pr-indsats"), "late")
    late = next(drill for drill in service_drills if drill)
    assert list(SECTION.cases(late, filters).courses) == [course]
    class_drill = drills(table(tables, "udeblivelser-pr-hold"), "no_show")[0]
    assert list(SECTION.cases(class_drill, filters).courses) == [team_course]
    held = drills(table(tables, "aftaler-pr-maaned"), "held")[0]
    assert set(SECTION.cases(held, filters).courses) == {course, team_course}


def test_another_municipality_is_never_counted(unit, other):
    _november(unit)
    _november(other)
    tables = SECTION.tables(filters_for(unit))
    assert sum(row["places"] for row in rows(table(tables, "udeblivelser-pr-indsats"))) == 8
    drill = {"figur": "udeblevet"}
    assert all(
        c.municipality_id == unit.municipality.pk
        for c in SECTION.cases(drill, filters_for(unit)).courses
    )


@pytest.mark.parametrize(
    "drilldown",
    [
        {},
        {"figur": "noget"},
        {"figur": "udeblevet", "maaned": "2026-13"},
        {"figur": "udeblevet", "maaned": "2027-01"},
        {"figur": "udeblevet", "maaned": "nov"},
        {"figur": "udeblevet", "indsats": "UKENDT"},
        {"figur": "udeblevet", "holdet": "abc"},
        {"figur": "udeblevet", "holdet": "999999"},
    ],
)
def test_unknown_drill_down_parameters_are_refused(unit, drilldown):
    with pytest.raises(UnknownDrilldown):
        SECTION.cases(drilldown, filters_for(unit))


def test_a_foreign_class_is_refused(unit, other):
    with pytest.raises(UnknownDrilldown):
        SECTION.cases({"figur": "udeblevet", "holdet": str(other.team_class.pk)}, filters_for(unit))
