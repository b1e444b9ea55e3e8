"""The demo: citizens with dementia on courses following the packages, some closed with test
results so the usage report has figures, some running, and a class running a package."""

from __future__ import annotations

import datetime

import pytest

from rehabplan.courses.models import CourseStatus
from rehabplan.demo.seed import seed_demo
from rehabplan.trainingpackages.models import ClassPackage, CoursePackage
from rehabplan.trainingpackages.services.report import package_usage

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


def test_the_demo_has_courses_on_packages_and_the_report_has_figures(catalogue):
    municipality = seed_demo(seed=2026, today=TODAY).municipality
    choices = CoursePackage.objects.of_municipality(municipality).select_related("course")
    statuses = {choice.course.status for choice in choices}
    assert CourseStatus.CLOSED in statuses and CourseStatus.ACTIVE in statuses
    assert {choice.package_key for choice in choices} == {"aerobic_mild", "strength_moderate"}
    assert len({choice.dementia_type for choice in choices}) >= 2
    assert len({choice.phase for choice in choices}) == 2
    assert ClassPackage.objects.of_municipality(municipality).count() == 1
    lines = package_usage(
        municipality_id=municipality.pk,
        start=TODAY - datetime.timedelta(days=730),
        end=TODAY,
    )
    assert len(lines) == 2
    assert all(line.completion["completed"] + line.completion["stopped"] > 0 for line in lines)
    assert all(test.measured > 0 for line in lines for test in line.tests)


def test_without_packages_the_demo_makes_none(monkeypatch):
    from rehabplan.exercises import packages as packages_module
    from rehabplan.exercises.packages import Catalogue

    monkeypatch.setattr(packages_module, "default_catalogue", lambda: Catalogue([]))
    municipality = seed_demo(seed=2026, today=TODAY).municipality
    assert not CoursePackage.objects.of_municipality(municipality).exists()
