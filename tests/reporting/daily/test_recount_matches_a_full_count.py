"""After any sequence of writes, counting only the stale days gives the same daily figures as
counting every day from scratch, and the figures add up to the sessions and places themselves."""

from __future__ import annotations

import datetime
import random
from collections import Counter

import pytest
from django.db.models import Sum

from rehabplan.courses.models import Attendance, Session, SessionStatus
from rehabplan.courses.models import AttendanceStatus as A
from rehabplan.reporting.daily.refresh import bring_up_to_date, rebuild
from rehabplan.reporting.models import DailyPlaces, DailySessions
from tests.course.conftest import at
from tests.reporting.kpi_activity.conftest import D, place, session

pytestmark = pytest.mark.django_db

WRITES = 40


def _snapshot(model, municipality) -> Counter:
    fields = [f.attname for f in model._meta.concrete_fields if f.attname != "id"]
    return Counter(model.objects.filter(municipality=municipality).values_list(*fields))


def _write_at_random(unit, rng: random.Random, courses) -> None:
    sessions = list(Session.objects.filter(municipality=unit.municipality))
    places = list(Attendance.objects.filter(session__municipality=unit.municipality))
    choice = rng.randrange(7) if sessions else 0
    if choice == 0:
        # Late evenings and early mornings cross the UTC date line.
        moment = at(
            D(2026, 10, 25) + datetime.timedelta(days=rng.randrange(14)),
            *rng.choice([(0, 30), (1, 15), (10, 0), (22, 45), (23, 30)]),
        )
        team = rng.random() < 0.4
        session(
            unit, moment, team_class=unit.team_class if team else None, minutes=rng.choice([45, 60])
        )
    elif choice == 1:
        held = rng.choice(sessions)
        course = rng.choice(courses)
        if not Attendance.objects.filter(session=held, course=course).exists():
            place(held, course, rng.choice(list(A)))
    elif choice == 2 and places:
        Attendance.objects.filter(pk=rng.choice(places).pk).update(status=rng.choice(list(A)))
    elif choice == 3:
        moved = rng.choice(sessions)
        Session.objects.filter(pk=moved.pk).update(
            starts_at=moved.starts_at + datetime.timedelta(hours=rng.choice([-26, -3, 2, 49]))
        )
    elif choice == 4:
        Session.objects.filter(pk=rng.choice(sessions).pk).update(
            status=rng.choice(list(SessionStatus))
        )
    elif choice == 5 and places:
        rng.choice(places).delete()
    elif choice == 6:
        rng.choice(sessions).delete()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_stale_days_counted_again_equal_every_day_counted(unit, seed):
    rng = random.Random(seed)
    courses = [
        unit.course("SEL86-1", received_on=D(2026, 10, 1)),
        unit.course("SEL86-2", received_on=D(2026, 10, 1), team=True),
    ]
    municipality = unit.municipality
    for _ in range(WRITES):
        _write_at_random(unit, rng, courses)
        if rng.random() < 0.3:
            bring_up_to_date(municipality.pk)
    bring_up_to_date(municipality.pk)
    counted_as_we_went = (
        _snapshot(DailySessions, municipality),
        _snapshot(DailyPlaces, municipality),
    )
    rebuild(municipality.pk)
    assert (_snapshot(DailySessions, municipality), _snapshot(DailyPlaces, municipality)) == (
        counted_as_we_went
    )
    sessions = DailySessions.objects.filter(municipality=municipality)
    assert (sessions.aggregate(total=Sum("sessions"))["total"] or 0) == Session.objects.count()
    places = DailyPlaces.objects.filter(municipality=municipality)
    for status in A:
        counted = places.aggregate(total=Sum(status.value))["total"] or 0
        assert counted == Attendance.objects.filter(status=status).count(), status
