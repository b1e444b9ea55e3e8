"""Staff choosing a course's training package at the same moment: one row, the rest replacing it
in turn with a history row each (threads on PostgreSQL; fails without the course row lock)."""

import datetime

import pytest
from django.db import connection

from rehabplan.trainingpackages.models import CoursePackage, CoursePackageHistory
from rehabplan.trainingpackages.services.assignment import course_package_assign
from tests.concurrency.contenders import run_together
from tests.trainingpackages.conftest import catalogue  # noqa: F401 - shared fixture

CONTENDERS = 8

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_staff_choosing_at_once_leave_one_choice_and_a_history_row_each(demo_unit, catalogue):  # noqa: F811
    course = demo_unit.course("SEL86-1", received_on=datetime.date(2026, 8, 3))
    refs = ["national:aerobic_mild", "national:strength_moderate"]

    def choose(index):
        return course_package_assign(
            user=demo_unit.therapist_user if index % 2 else demo_unit.visitator,
            course=course,
            package_ref=refs[index % 2],
            dementia_type="alzheimers",
            phase="mild" if index % 2 == 0 else "moderate",
            living="home",
        )

    outcomes = run_together(CONTENDERS, choose)

    assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes if not o.ok]
    assert CoursePackage.objects.filter(course=course).count() == 1
    assert CoursePackageHistory.objects.filter(course=course).count() == CONTENDERS - 1
    course.refresh_from_db()
    assert course.plan_text.count("Træningspakke:") == 1


def test_leaders_setting_a_class_package_at_once_leave_one_row(demo_unit, catalogue):  # noqa: F811
    from rehabplan.trainingpackages.models import ClassPackage
    from rehabplan.trainingpackages.services.assignment import class_package_set

    team = demo_unit.team_class
    refs = ["national:aerobic_mild", "national:strength_moderate"]

    def choose(index):
        return class_package_set(
            user=demo_unit.leader, team_class=team, package_ref=refs[index % 2]
        )

    outcomes = run_together(CONTENDERS, choose)

    assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes if not o.ok]
    assert ClassPackage.objects.filter(team_class=team).count() == 1
