"""Leaders open the key figures at once while days are stale: each request counts the stale days
again, and the per-municipality lock makes them take turns, so no day is counted twice."""

from __future__ import annotations

import contextlib
import threading

import pytest
from django.db import connection
from django.db.models import Sum

from rehabplan.courses.models import Attendance
from rehabplan.courses.models import AttendanceStatus as A
from rehabplan.reporting.daily import refresh
from rehabplan.reporting.models import DailyPlaces, DailySessions, StaleDay
from tests.concurrency.contenders import run_together, unexpected
from tests.course.conftest import at
from tests.reporting.kpi_activity.conftest import D, place, session

CONTENDERS = 4

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_simultaneous_recounts_count_each_day_once(demo_unit, monkeypatch):
    course = demo_unit.course("SEL86-1", received_on=D(2026, 10, 1))
    for day in (2, 3, 4):
        place(session(demo_unit, at(D(2026, 11, day))), course, A.ATTENDED)
    assert StaleDay.objects.filter(municipality=demo_unit.municipality).exists()
    recount = refresh.recount
    together = threading.Barrier(CONTENDERS)

    def recount_side_by_side(*arguments):
        # Without the lock every contender gets here at once and each writes the day's rows;
        # with it the first one waits in vain for company and goes on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            together.wait(timeout=2)
        return recount(*arguments)

    monkeypatch.setattr(refresh, "recount", recount_side_by_side)
    outcomes = run_together(
        CONTENDERS, lambda index: refresh.bring_up_to_date(demo_unit.municipality.pk)
    )

    assert unexpected(outcomes, Exception) == [] and all(outcome.ok for outcome in outcomes)
    assert sorted(outcome.result > 0 for outcome in outcomes) == [False] * 3 + [True]
    places = DailyPlaces.objects.filter(municipality=demo_unit.municipality)
    assert places.aggregate(total=Sum("attended"))["total"] == 3
    sessions = DailySessions.objects.filter(municipality=demo_unit.municipality)
    assert sessions.aggregate(total=Sum("sessions"))["total"] == 3
    assert Attendance.objects.count() == 3
