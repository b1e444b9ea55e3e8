"""The generator's parts on their own: reproducible citizens, and a therapist calendar that
never books a slot twice, over a class, or past the weekly limit."""

from __future__ import annotations

import datetime
import random
from zoneinfo import ZoneInfo

import pytest

from rehabplan import cpr
from rehabplan.citizens.models import Citizen
from rehabplan.demo.scale.copy_writer import TableWriter
from rehabplan.demo.scale.people import plan_citizens
from rehabplan.demo.scale.sizes import Period, ScaleSizes
from rehabplan.demo.scale.staff import ClassInfo, StaffMember
from rehabplan.demo.scale.therapist_calendar import TherapistCalendar

TODAY = datetime.date(2026, 11, 23)
MONDAY = datetime.date(2026, 11, 16)


def _citizens(seed: int):
    return plan_citizens(
        rng=random.Random(seed),
        writer=TableWriter(Citizen, ["id"]),
        count=300,
        today=TODAY,
        taken=set(),
    )


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_citizens_with_valid_unique_cpr_numbers():
    first, again, other = _citizens(5), _citizens(5), _citizens(6)
    assert [c.cpr for c in first] == [c.cpr for c in again]
    assert [c.cpr for c in first] != [c.cpr for c in other]
    assert len({c.cpr for c in first}) == len(first)
    for citizen in first:
        assert cpr.cpr_digits(citizen.cpr, today=TODAY) == citizen.cpr


def test_sizes_scale_with_the_numbers_asked_for():
    full = ScaleSizes.for_counts(citizens=30_000, attendances=1_000_000)
    assert (full.referrals, full.therapists, full.classes) == (40_000, 120, 100)
    assert (full.audit_entries, full.sessions) == (2_000_000, 850_000)
    tiny = ScaleSizes.for_counts(citizens=60, attendances=2_000)
    assert (tiny.referrals, tiny.therapists, tiny.classes) == (80, 12, 10)


def test_the_history_never_starts_before_the_standard():
    period = Period.ending(TODAY, standard_from=datetime.date(2024, 1, 1))
    assert period.first == datetime.date(2024, 1, 1)
    assert period.last == TODAY + datetime.timedelta(days=28)


def _calendar(limit: int = 50) -> TherapistCalendar:
    therapist = StaffMember(
        therapist_id=7, user_id=None, profession="PT", max_sessions_per_week=limit
    )
    team = ClassInfo(
        class_id=1,
        therapist_id=7,
        location_id=1,
        weekdays=(0,),
        starts_at=datetime.time(9, 0),
        duration_minutes=60,
        capacity=8,
        level="basal",
    )
    return TherapistCalendar(
        therapists=[therapist],
        classes=[team],
        first=MONDAY,
        last=MONDAY + datetime.timedelta(days=13),
    )


def test_a_day_is_booked_slot_by_slot_around_the_class():
    calendar = _calendar()
    starts = [calendar.take(7, MONDAY, preferred=0) for _slot in range(12)]
    booked = [minute for minute in starts if minute is not None]
    # Twelve slots from 7:30; the class 9:00-10:00 covers two of them.
    assert len(booked) == 10 == len(set(booked))
    assert 9 * 60 not in booked and 9 * 60 + 45 not in booked
    assert calendar.take(7, MONDAY, preferred=0) is None
    # Another weekday has all twelve.
    assert calendar.take(7, MONDAY + datetime.timedelta(days=1), preferred=2) == 9 * 60


def test_sessions_already_booked_are_kept_free():
    calendar = _calendar()
    existing = datetime.datetime.combine(
        MONDAY + datetime.timedelta(days=1),
        datetime.time(8, 0),
        tzinfo=ZoneInfo("Europe/Copenhagen"),
    )
    calendar.block_existing([(7, existing, 45, True)])
    first = calendar.take(7, existing.date(), preferred=0)
    # 8:00-8:45 touches the slots 7:30-8:15 and 8:15-9:00.
    assert first == 9 * 60


def test_the_weekly_limit_holds():
    calendar = _calendar(limit=3)
    tuesday = MONDAY + datetime.timedelta(days=1)
    assert all(calendar.take(7, tuesday, preferred=0) is not None for _slot in range(3))
    assert calendar.take(7, tuesday + datetime.timedelta(days=1), preferred=0) is None
    assert calendar.take(7, tuesday + datetime.timedelta(days=7), preferred=0) is not None
