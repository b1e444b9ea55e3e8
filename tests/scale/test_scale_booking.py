"""How the generator finds room for every place: referrals spread evenly over the history, a
session moved to another day of its week or to a colleague when the therapist's day is full,
and class seats settled before booking (full classes and the sessions asked for)."""

from __future__ import annotations

import datetime
import random
from collections import Counter
from dataclasses import dataclass

import pytest

from rehabplan.demo.scale.cases import SERVICES, CasePlan, spread_referrals
from rehabplan.demo.scale.class_seats import settle_classes
from rehabplan.demo.scale.people import CitizenPlan
from rehabplan.demo.scale.sizes import Period
from rehabplan.demo.scale.staff import ClassInfo, Staff, StaffMember
from rehabplan.demo.scale.therapist_calendar import TherapistCalendar
from rehabplan.demo.scale.training import Placed, Trainer

MONDAY = datetime.date(2026, 11, 2)
TUESDAY = MONDAY + datetime.timedelta(days=1)
FIRST_OF_HISTORY = datetime.date(2024, 1, 1)


def _citizens(count: int) -> list[CitizenPlan]:
    birth = datetime.date(1945, 5, 1)
    return [CitizenPlan(number, "", birth, "Test", "Borger") for number in range(count)]


def test_referrals_fall_evenly_over_the_history_and_a_citizens_lie_apart():
    period = Period(FIRST_OF_HISTORY, FIRST_OF_HISTORY + datetime.timedelta(days=1000), MONDAY)
    spread = spread_referrals(
        rng=random.Random(3), citizens=_citizens(3000), referrals=4000, period=period
    )
    assert len(spread) == 4000
    per_quarter = Counter((day - period.first).days * 8 // period.days for _c, day in spread)
    assert sorted(per_quarter) == list(range(8))
    assert max(per_quarter.values()) < 1.15 * 4000 / 8
    assert min(per_quarter.values()) > 0.85 * 4000 / 8
    by_citizen: dict[int, list[datetime.date]] = {}
    for citizen, day in spread:
        by_citizen.setdefault(citizen.citizen_id, []).append(day)
        assert citizen.first_seen <= day
    for days in by_citizen.values():
        gaps = [(later - earlier).days for earlier, later in zip(days, days[1:], strict=False)]
        assert all(gap >= period.days // 4 for gap in gaps)


def _member(therapist_id: int) -> StaffMember:
    return StaffMember(therapist_id, therapist_id, "PT", max_sessions_per_week=50)


def _case(therapist: StaffMember, *, last_day: datetime.date) -> CasePlan:
    return CasePlan(
        referral_id=1,
        citizen=_citizens(1)[0],
        mix=SERVICES[0],
        received=MONDAY,
        discharge=None,
        source="",
        course_id=1,
        start=MONDAY,
        weekdays=(0,),
        therapist=therapist,
        last_day=last_day,
    )


@pytest.fixture
def booking(db):
    """Two physiotherapists, no classes, two weeks of calendar; the place's training day is
    the first Monday."""
    own, colleague = _member(1), _member(2)
    period = Period(
        MONDAY, MONDAY + datetime.timedelta(days=30), MONDAY + datetime.timedelta(days=13)
    )
    calendar = TherapistCalendar(
        therapists=[own, colleague], classes=[], first=period.first, last=period.last
    )
    staff = Staff([own, colleague], [], [], [], frozenset())
    trainer = Trainer(
        rng=random.Random(1),
        staff=staff,
        period=period,
        municipality_id=1,
        calendar=calendar,
        class_sessions={},
    )
    return trainer, calendar, own, colleague


def _placed(trainer: Trainer, case: CasePlan) -> list[Placed]:
    result: list[Placed] = []
    trainer.train(case, lambda _case, placed: result.extend(placed))
    return result


def _fill_day(calendar: TherapistCalendar, therapist: StaffMember, day: datetime.date) -> None:
    while calendar.take(therapist.therapist_id, day, 0) is not None:
        pass


def test_a_session_moves_to_another_day_of_the_week_when_the_therapists_day_is_full(booking):
    trainer, calendar, own, _colleague = booking
    _fill_day(calendar, own, MONDAY)
    placed = _placed(trainer, _case(own, last_day=MONDAY + datetime.timedelta(days=4)))
    assert [place.day for place in placed] == [TUESDAY]
    assert placed[0].author_id == own.user_id
    assert trainer.counts.skipped == 0


def test_a_moved_session_stays_inside_its_course_else_goes_to_a_colleague(booking):
    trainer, calendar, own, colleague = booking
    _fill_day(calendar, own, MONDAY)
    placed = _placed(trainer, _case(own, last_day=MONDAY))
    assert [place.day for place in placed] == [MONDAY]
    assert placed[0].author_id == colleague.user_id
    # The colleague's calendar took it: her Monday has one slot fewer.
    assert calendar.take(colleague.therapist_id, MONDAY, 0) is not None
    assert sum(calendar.taken[1][:12]) == 2


def test_a_place_with_no_room_that_week_is_left_out(booking):
    trainer, calendar, own, colleague = booking
    for therapist in (own, colleague):
        for offset in range(5):
            _fill_day(calendar, therapist, MONDAY + datetime.timedelta(days=offset))
    assert _placed(trainer, _case(own, last_day=MONDAY + datetime.timedelta(days=4))) == []
    assert trainer.counts.skipped == 1


@dataclass
class _TeamCase:
    days: list[datetime.date]
    team: ClassInfo | None


def _class(capacity: int) -> ClassInfo:
    return ClassInfo(1, 1, 1, (0,), datetime.time(9), 60, capacity, "basal")


def _settle(cases: list[_TeamCase], *, sessions: int, existing=None) -> int:
    return settle_classes(
        rng=random.Random(1),
        cases=cases,
        existing=existing or {},
        sessions=sessions,
        meetings=lambda case: case.days,
        train_individually=lambda case: setattr(case, "team", None),
    )


def test_a_team_course_finding_its_class_full_trains_individually():
    team = _class(capacity=2)
    next_monday = MONDAY + datetime.timedelta(days=7)
    cases = [_TeamCase([MONDAY, next_monday], team) for _index in range(3)]
    # One seat on the second Monday is already taken by a citizen in the database.
    total = _settle(cases, sessions=0, existing={(1, next_monday): 1})
    assert [case.team for case in cases] == [team, None, None]
    # The first course shares the second Monday's session; the others train alone.
    assert total == 1 + 2 + 2


def test_team_courses_train_individually_until_the_sessions_asked_for():
    team = _class(capacity=10)
    cases = [_TeamCase([MONDAY], team) for _index in range(6)]
    assert _settle(cases, sessions=1) == 1
    assert all(case.team is team for case in cases)
    cases = [_TeamCase([MONDAY], team) for _index in range(6)]
    total = _settle(cases, sessions=4)
    # Three courses leave the class: three sessions of their own and the class's.
    assert total == 4
    assert sum(case.team is None for case in cases) == 3
