"""The demo shows real figures on all three activity pages: sessions, no-shows and late
cancellations, classes under their minimum, therapists' load, tests at start and end and
several end reasons."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from rehabplan.organisation.models import Municipality
from rehabplan.reporting.kpi import attendance, capacity, outcomes
from rehabplan.reporting.kpi.figures import KpiFilters
from tests.reporting.kpi_activity.conftest import rows, table
from tests.shared_demo import seed_for_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    """Seeded once for the module (see tests/shared_demo.py)."""
    yield from seed_for_module(django_db_blocker, seed=2026, today=timezone.localdate())


@pytest.fixture
def last_year(seeded_demo):
    today = timezone.localdate()
    return KpiFilters(
        municipality_id=Municipality.objects.get(slug="demo").pk,
        period_start=today - datetime.timedelta(days=365),
        period_end=today,
    )


def test_attendance_has_no_shows_and_late_cancellations(last_year):
    tables = attendance.SECTION.tables(last_year)
    assert sum(row["held"] for row in rows(table(tables, "aftaler-pr-maaned"))) > 100
    by_service = rows(table(tables, "udeblivelser-pr-indsats"))
    assert sum(row["no_show"] for row in by_service) > 0
    assert sum(row["late"] for row in by_service) > 0
    assert rows(table(tables, "udeblivelser-pr-hold"))


def test_classes_under_minimum_and_therapist_load(last_year):
    tables = capacity.SECTION.tables(last_year)
    fill = rows(table(tables, "holdbelaegning"))
    assert sum(row["under"] for row in fill) > 0
    assert all(0 < row["fill"] <= 100 for row in fill)
    load = rows(table(tables, "terapeutbelastning"))
    assert all(row["available_hours"] > 0 for row in load)
    # The therapist on holiday has fewer hours available than her colleagues.
    assert len({row["available_hours"] for row in load}) > 1


def test_tests_at_start_and_end_and_several_end_reasons(last_year):
    tables = outcomes.SECTION.tables(last_year)
    tests = {row["test"]: row for row in rows(table(tables, "testresultater"))}
    assert tests["Timed Up and Go"]["courses"] > 10
    assert tests["Timed Up and Go"]["improved_share"] is not None
    assert tests["30 sekunders rejse-sætte-sig-test"]["courses"] > 10
    reasons = {row["reason"] for row in rows(table(tables, "afslutningsaarsager"))}
    assert len(reasons) > 2
