"""Known data for the dashboard's figures: courses and deadlines with chosen dates."""

from __future__ import annotations

import datetime

import pytest

from rehabplan.courses.models import Course, StoredDeadline
from rehabplan.reporting.kpi.figures import KpiFilters
from tests.course.conftest import demo_unit, make_unit, varde  # noqa: F401

D = datetime.date
PERIOD = (D(2026, 1, 1), D(2026, 6, 30))


def filters_for(unit, **chosen) -> KpiFilters:
    return KpiFilters(
        municipality_id=unit.municipality.pk,
        period_start=chosen.pop("period_start", PERIOD[0]),
        period_end=chosen.pop("period_end", PERIOD[1]),
        **chosen,
    )


def started_course(unit, service_code: str, received_on: datetime.date, wait: int, **kwargs):
    """A course from a referral received on `received_on` that started `wait` days later."""
    course = unit.course(service_code, received_on=received_on, **kwargs)
    Course.objects.filter(pk=course.pk).update(start_on=received_on + datetime.timedelta(days=wait))
    course.refresh_from_db()
    return course


def set_deadline(referral, kind: str, due: datetime.date, met_on=None, **fields) -> StoredDeadline:
    """Overwrite the stored deadline of `kind` with chosen dates (the engine's are not tested)."""
    deadline, _created = StoredDeadline.objects.update_or_create(
        referral=referral,
        kind=kind,
        defaults={"due": due, "met_on": met_on, "standard_version": "test", **fields},
    )
    return deadline


@pytest.fixture
def unit(demo_unit):  # noqa: F811
    return demo_unit


@pytest.fixture
def other(varde):  # noqa: F811
    return varde
