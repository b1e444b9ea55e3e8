"""Resultater: medians at start and end, direction-aware change, MCID share, end reasons."""

from __future__ import annotations

import re

import pytest

from rehabplan.courses.models import Course, CourseStatus, MeasurementPhase
from rehabplan.reference.outcome_tests import all_outcome_tests, get_outcome_test
from rehabplan.reporting.kpi.figures import UnknownDrilldown
from rehabplan.reporting.kpi.outcomes import SECTION
from tests.reporting.kpi_activity.conftest import D, drills, filters_for, measure, rows, table

pytestmark = pytest.mark.django_db

START, END = MeasurementPhase.START, MeasurementPhase.END


def _tested(unit):
    """Three courses with chair stand and TUG at start (October) and end (November):
    chair stand 10->13 (+3), 12->13 (+1), 8->10 (+2): medians 10, 13, +2; 2 of 3 improved >= 2.
    TUG 14.0->12.0 (2.0 s faster), 10.0->10.5 (0.5 s slower), 11.1->10.3 (0.8 s faster, which
    floating point makes 0.79999...): medians 11.1, 10.5, +0.8; 2 of 3 improved >= 0.8 s.
    Berg 40->45 on the first course (no MCID in the catalogue).
    Not counted: an end result in October, and an end result without a start."""
    courses = [unit.course("SEL86-1", received_on=D(2026, 9, 1)) for _ in range(5)]
    chair = ((10, 13), (12, 13), (8, 10))
    tug = ((14.0, 12.0), (10.0, 10.5), (11.1, 10.3))
    for course, (start, end), (tug_start, tug_end) in zip(courses, chair, tug, strict=False):
        measure(unit, course, "chair_stand_30s", START, start, D(2026, 10, 1))
        measure(unit, course, "chair_stand_30s", END, end, D(2026, 11, 20))
        measure(unit, course, "timed_up_and_go", START, tug_start, D(2026, 10, 1))
        measure(unit, course, "timed_up_and_go", END, tug_end, D(2026, 11, 20))
    measure(unit, courses[0], "berg_balance", START, 40, D(2026, 10, 1))
    measure(unit, courses[0], "berg_balance", END, 45, D(2026, 11, 20))
    measure(unit, courses[3], "chair_stand_30s", START, 5, D(2026, 9, 1))
    measure(unit, courses[3], "chair_stand_30s", END, 20, D(2026, 10, 31))
    measure(unit, courses[4], "chair_stand_30s", END, 20, D(2026, 11, 20))
    return courses


def _by_test(unit, **chosen):
    tables = SECTION.tables(filters_for(unit, **chosen))
    return {row["test"]: row for row in rows(table(tables, "testresultater"))}


def test_medians_change_and_share_with_the_direction_of_each_test(unit):
    _tested(unit)
    results = _by_test(unit)
    chair = results["30 sekunders rejse-sætte-sig-test"]
    assert (chair["courses"], chair["median_start"], chair["median_end"]) == (3, 10.0, 13.0)
    assert (chair["median_change"], chair["improved"], chair["improved_share"]) == (2.0, 2, 66.7)
    assert chair["threshold"] == "2"
    tug = results["Timed Up and Go"]
    assert (tug["courses"], tug["median_start"], tug["median_end"]) == (3, 11.1, 10.5)
    # Lower is better: the median of +2.0, -0.5 and +0.8 seconds saved.
    assert tug["median_change"] == 0.8
    assert (tug["improved"], tug["improved_share"]) == (2, 66.7)
    berg = results["Bergs Balanceskala"]
    assert (berg["courses"], berg["median_change"]) == (1, 5.0)
    assert berg["threshold"] == "–"
    assert berg["improved"] is None
    assert berg["improved_share"] is None


def test_every_important_difference_names_its_source():
    for test in all_outcome_tests():
        if test.important_difference is not None:
            assert test.important_difference.value > 0
            assert re.search(r"m\.fl\. (19|20)\d\d \(.+\): .+", test.important_difference.source)
    assert get_outcome_test("berg_balance").important_difference is None


def test_drill_down_lists_the_improved_courses(unit):
    courses = _tested(unit)
    filters = filters_for(unit)
    tests = table(SECTION.tables(filters), "testresultater")
    improved = {r["test"]: d for r, d in zip(rows(tests), drills(tests, "improved"), strict=True)}
    tug = SECTION.cases(improved["Timed Up and Go"], filters)
    assert set(tug.courses) == {courses[0], courses[2]}
    chair = SECTION.cases(improved["30 sekunders rejse-sætte-sig-test"], filters)
    assert set(chair.courses) == {courses[0], courses[2]}
    measured = SECTION.cases({"figur": "maalt", "test": "chair_stand_30s"}, filters)
    assert set(measured.courses) == set(courses[:3])


@pytest.mark.parametrize(
    ("chosen", "counted"),
    [
        ({"service_code": "SEL86-1"}, 3),
        ({"service_code": "SEL86-2"}, 0),
        ({"therapist_id": "pt"}, 3),
        ({"therapist_id": "ot"}, 0),
        ({"team_class_id": "class"}, 0),
        ({"location_id": "location"}, 0),
    ],
)
def test_each_filter(unit, chosen, counted):
    _tested(unit)
    ids = {
        "class": unit.team_class.pk,
        "location": unit.location.pk,
        "ot": unit.ot.pk,
        "pt": unit.pt.pk,
    }
    chosen = {key: ids.get(value, value) for key, value in chosen.items()}
    chair = _by_test(unit, **chosen).get("30 sekunders rejse-sætte-sig-test")
    assert (chair["courses"] if chair else 0) == counted


def test_period_boundary_days(unit):
    _tested(unit)
    october_last = _by_test(unit, first=D(2026, 10, 31), last=D(2026, 10, 31))
    assert october_last["30 sekunders rejse-sætte-sig-test"]["courses"] == 1
    assert _by_test(unit, first=D(2026, 11, 21), last=D(2026, 11, 30)) == {}
    assert (
        _by_test(unit, first=D(2026, 11, 20), last=D(2026, 11, 20))["Timed Up and Go"]["courses"]
        == 3
    )


def _close(course, reason, day):
    Course.objects.filter(pk=course.pk).update(
        status=CourseStatus.CLOSED, ended_on=day, end_reason=reason
    )


def test_end_reasons_per_service_with_the_standards_labels(unit):
    first = [unit.course("SEL86-1", received_on=D(2026, 9, 1)) for _ in range(4)]
    second = unit.course("SEL86-2", received_on=D(2026, 9, 1))
    for course, reason in zip(
        first, ("goals_reached", "goals_reached", "no_shows", ""), strict=True
    ):
        _close(course, reason, D(2026, 11, 10))
    _close(second, "goals_reached", D(2026, 12, 1))  # after the period
    filters = filters_for(unit)
    reasons = table(SECTION.tables(filters), "afslutningsaarsager")
    found = [(r["reason"], r["courses"], r["share"]) for r in rows(reasons)]
    assert found == [
        ("Målene er nået", 2, 50.0),
        ("Gentagne afbud eller udeblivelser", 1, 25.0),
        ("Ingen årsag registreret", 1, 25.0),
    ]
    drill = drills(reasons, "courses")[1]
    assert list(SECTION.cases(drill, filters).courses) == [first[2]]
    none = drills(reasons, "courses")[2]
    assert list(SECTION.cases(none, filters).courses) == [first[3]]


def test_another_municipality_is_never_counted(unit, other):
    _tested(unit)
    _tested(other)
    assert _by_test(unit)["Timed Up and Go"]["courses"] == 3
    measured = SECTION.cases({"figur": "maalt", "test": "timed_up_and_go"}, filters_for(unit))
    assert {c.municipality_id for c in measured.courses} == {unit.municipality.pk}


@pytest.mark.parametrize(
    "drilldown",
    [
        {},
        {"figur": "maalt"},
        {"figur": "maalt", "test": "ukendt"},
        {"figur": "forbedret", "test": "berg_balance"},
        {"figur": "afsluttet"},
        {"figur": "afsluttet", "indsats": "SEL86-1"},
        {"figur": "afsluttet", "indsats": "SEL86-1", "aarsag": "goals_reached"},
        {"figur": "afsluttet", "indsats": "UKENDT", "aarsag": "ingen"},
    ],
)
def test_unknown_drill_down_parameters_are_refused(unit, drilldown):
    with pytest.raises(UnknownDrilldown):
        SECTION.cases(drilldown, filters_for(unit))


def test_a_reason_of_another_municipality_is_refused(unit, other):
    course = other.course("SUL119", received_on=D(2026, 9, 1))
    _close(course, "no_progress", D(2026, 11, 10))
    with pytest.raises(UnknownDrilldown):
        SECTION.cases(
            {"figur": "afsluttet", "indsats": "SUL119", "aarsag": "no_progress"}, filters_for(unit)
        )
