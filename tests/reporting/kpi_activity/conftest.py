"""Known data for the activity sections: sessions and places, classes, tests and end reasons,
written straight to the database so each figure can be worked out by hand."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from rehabplan.courses.models import (
    Attendance,
    ContactType,
    Course,
    OutcomeMeasurement,
    Session,
    SessionKind,
    SessionStatus,
)
from rehabplan.reference.outcome_tests import get_outcome_test
from rehabplan.reporting.kpi.figures import KpiFilters, KpiTable
from tests.course.conftest import at, demo_unit, make_unit, varde  # noqa: F401  (fixtures)

D = datetime.date
NOVEMBER = (D(2026, 11, 1), D(2026, 11, 30))


def filters_for(
    unit: Any, first: datetime.date = NOVEMBER[0], last: datetime.date = NOVEMBER[1], **chosen: Any
) -> KpiFilters:
    return KpiFilters(
        municipality_id=unit.municipality.pk, period_start=first, period_end=last, **chosen
    )


def session(
    unit: Any,
    starts_at: datetime.datetime,
    *,
    team_class: Any = None,
    therapist: Any = None,
    location: Any = None,
    status: str = SessionStatus.HELD,
    minutes: int = 60,
) -> Session:
    return Session.objects.create(
        municipality=unit.municipality,
        kind=SessionKind.TEAM if team_class else SessionKind.INDIVIDUAL,
        contact_type=ContactType.CENTRE,
        team_class=team_class,
        therapist=therapist or (team_class.therapist if team_class else unit.pt),
        location=location or (team_class.location if team_class else None),
        starts_at=starts_at,
        duration_minutes=minutes,
        status=status,
    )


def place(session: Session, course: Course, status: str) -> Attendance:
    return Attendance.objects.create(session=session, course=course, status=status)


def measure(
    unit: Any, course: Course, code: str, phase: str, value: float, day: datetime.date
) -> None:
    OutcomeMeasurement.objects.create(
        course=course,
        test_code=code,
        value=value,
        unit=get_outcome_test(code).unit,
        phase=phase,
        measured_on=day,
        recorded_by=unit.therapist_user,
    )


def rows(table: KpiTable) -> list[dict[str, Any]]:
    """The table as one dict per row, column key -> value."""
    keys = [column.key for column in table.columns]
    return [{key: cell.value for key, cell in zip(keys, row, strict=True)} for row in table.rows]


def drills(table: KpiTable, column: str) -> list[dict[str, str]]:
    index = [c.key for c in table.columns].index(column)
    return [row[index].cases for row in table.rows]


def table(tables: list[KpiTable], key: str) -> KpiTable:
    return next(t for t in tables if t.key == key)


@pytest.fixture
def unit(demo_unit):  # noqa: F811
    return demo_unit


@pytest.fixture
def other(varde):  # noqa: F811
    return varde
