"""The figures of "Frister" and "Ventetid og henvisninger" from known data, table by table."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from rehabplan.courses.models import Course, Referral
from rehabplan.courses.models.sessions import Session, SessionStatus
from rehabplan.reporting.kpi import deadlines as deadline_figures
from rehabplan.reporting.kpi.attendance import SECTION as ATTENDANCE
from rehabplan.reporting.kpi.deadlines import SECTION as DEADLINES
from rehabplan.reporting.kpi.waiting import SECTION as WAITING
from tests.course.conftest import at
from tests.reporting.dashboard.conftest import D, filters_for, set_deadline, started_course

TODAY = D(2026, 4, 15)


def table(section, key, filters):
    return next(t for t in section.tables(filters) if t.key == key)


def column(kpi_table, key):
    index = next(i for i, c in enumerate(kpi_table.columns) if c.key == key)
    return [row[index].value for row in kpi_table.rows]


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setattr(deadline_figures.timezone, "localdate", lambda: TODAY)


# (due, met_on, expected outcome) around the deadline day and today (15 April).
DEADLINE_CASES = [
    (D(2026, 3, 10), D(2026, 3, 9), "met"),  # a day early
    (D(2026, 3, 10), D(2026, 3, 10), "met"),  # on the day itself
    (D(2026, 3, 10), D(2026, 3, 11), "missed"),  # a day late
    (D(2026, 4, 14), None, "missed"),  # open, its day passed yesterday
    (D(2026, 4, 15), None, "open"),  # open, its day is today
    (D(2026, 4, 20), None, "open"),  # open, still to come
]


@pytest.mark.django_db
@pytest.mark.parametrize(("due", "met_on", "outcome"), DEADLINE_CASES)
def test_met_missed_and_open_at_the_deadline_day(unit, fixed_today, due, met_on, outcome):
    course = started_course(unit, "SEL86-1", D(2026, 3, 2), 10)
    course.referral.deadlines.all().delete()
    set_deadline(course.referral, "start", due, met_on=met_on)
    compliance = table(DEADLINES, "overholdelse", filters_for(unit))
    assert len(compliance.rows) == 1
    counts = {key: column(compliance, key)[0] for key in ("met", "missed", "open")}
    assert counts == {key: int(key == outcome) for key in ("met", "missed", "open")}
    share = column(compliance, "share_met")[0]
    assert share == {"met": 100.0, "missed": 0.0, "open": None}[outcome]


@pytest.mark.django_db
def test_share_per_rule_trend_per_month_and_reasons(unit, fixed_today):
    made = []
    for due, met_on, reason in [
        (D(2026, 2, 10), D(2026, 2, 10), ""),
        (D(2026, 2, 11), D(2026, 2, 20), "capacity"),
        (D(2026, 3, 10), D(2026, 3, 1), ""),
        (D(2026, 3, 12), None, ""),  # missed, no reason recorded
    ]:
        course = started_course(unit, "SEL86-1", D(2026, 2, 2), 10)
        course.referral.deadlines.all().delete()
        made.append(set_deadline(course.referral, "start", due, met_on=met_on, miss_reason=reason))
    filters = filters_for(unit)
    compliance = table(DEADLINES, "overholdelse", filters)
    assert column(compliance, "share_met") == [50.0]
    trend = table(DEADLINES, "udvikling", filters)
    assert column(trend, "month")[:3] == ["januar 2026", "februar 2026", "marts 2026"]
    assert column(trend, "share_start")[:3] == [None, 50.0, 50.0]
    assert column(trend, "missed")[:3] == [0, 1, 1]
    reasons = table(DEADLINES, "aarsager", filters)
    assert dict(zip(column(reasons, "reason"), column(reasons, "missed"), strict=True)) == {
        "Borgerens ønske": 0,
        "Kapacitet": 1,
        "Frit valg benyttet": 0,
        "Andet": 0,
        "Ikke registreret": 1,
    }
    # A deadline due outside the period is not counted.
    set_deadline(made[0].referral, "contact", D(2025, 12, 31), met_on=D(2026, 1, 9))
    assert column(table(DEADLINES, "overholdelse", filters), "missed") == [2]


@pytest.mark.django_db
def test_an_unmet_deadline_of_a_withdrawn_referral_is_not_counted(unit, fixed_today):
    course = started_course(unit, "SEL86-1", D(2026, 2, 2), 10)
    course.referral.deadlines.all().delete()
    set_deadline(course.referral, "start", D(2026, 2, 10))
    Referral.objects.filter(pk=course.referral_id).update(status="withdrawn")
    assert table(DEADLINES, "overholdelse", filters_for(unit)).rows == ()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("waits", "median", "bands"),
    [
        ((0, 7, 8), 7.0, [2, 1, 0, 0, 0]),
        ((14, 15, 28, 29), 21.5, [0, 1, 2, 1, 0]),
        ((56, 57, 100), 57.0, [0, 0, 0, 1, 2]),
        ((-2, 3), 0.5, [2, 0, 0, 0, 0]),  # a start registered before the receipt
    ],
)
def test_waiting_median_and_bands(unit, waits, median, bands):
    for wait in waits:
        started_course(unit, "SEL86-1", D(2026, 3, 2), wait)
    waiting = table(WAITING, "ventetid", filters_for(unit))
    total = waiting.rows[-1]
    assert total[0].value == "Alle indsatser"
    assert column(waiting, "started")[-1] == len(waits)
    assert column(waiting, "median")[-1] == median
    band_keys = ["band_0-7", "band_8-14", "band_15-28", "band_29-56", "band_57-"]
    assert [column(waiting, key)[-1] for key in band_keys] == bands
    distribution = table(WAITING, "fordeling", filters_for(unit))
    assert column(distribution, "courses") == bands


@pytest.mark.django_db
def test_volumes_per_service_and_source(unit):
    unit.course("SEL86-1", received_on=D(2026, 3, 2))
    unit.course("SEL86-1", received_on=D(2026, 3, 3), start=False)
    unit.course("SUL140", received_on=D(2026, 3, 4))
    unit.course("SUL140", received_on=D(2025, 3, 4))  # before the period
    volumes = table(WAITING, "henvisninger", filters_for(unit))
    totals = dict(zip(column(volumes, "service"), column(volumes, "total"), strict=True))
    assert sorted(totals.values()) == [1, 2]
    assert sum(column(volumes, "source_hospital_gop")) == 1
    assert sum(column(volumes, "source_citizen")) == 2


@pytest.mark.django_db
def test_active_courses_per_month(unit):
    running = started_course(unit, "SEL86-1", D(2026, 1, 5), 10)  # from 15 January
    ended = started_course(unit, "SEL86-1", D(2026, 1, 5), 30)  # 4 February to 10 March
    Course.objects.filter(pk=ended.pk).update(ended_on=D(2026, 3, 10), status="closed")
    cancelled = started_course(unit, "SEL86-1", D(2026, 1, 5), 10)
    Course.objects.filter(pk=cancelled.pk).update(status="cancelled")
    assert running.start_on == D(2026, 1, 15)
    active = table(WAITING, "aktive", filters_for(unit))
    assert column(active, "active") == [1, 2, 2, 1, 1, 1]


@pytest.mark.django_db
def test_sessions_held_per_month(unit):
    for day, status in [
        (D(2026, 1, 31), SessionStatus.HELD),
        (D(2026, 2, 1), SessionStatus.HELD),
        (D(2026, 2, 2), SessionStatus.HELD),
        (D(2026, 2, 3), SessionStatus.CANCELLED),
        (D(2026, 2, 4), SessionStatus.PLANNED),
    ]:
        Session.objects.create(
            municipality=unit.municipality,
            kind="individual",
            contact_type="centre",
            therapist=unit.pt,
            starts_at=at(day, 0, 30),  # just after midnight: the local month counts
            status=status,
        )
    sessions = table(ATTENDANCE, "aftaler-pr-maaned", filters_for(unit))
    assert column(sessions, "held")[:3] == [1, 2, 0]


@pytest.mark.django_db
def test_each_filter_changes_the_figures(unit, fixed_today):
    in_class = started_course(unit, "SEL86-1", D(2026, 2, 2), 10, team=True)
    alone = started_course(unit, "SUL140", D(2026, 2, 2), 20)
    Course.objects.filter(pk=alone.pk).update(therapist=unit.ot)
    for course in (in_class, alone):
        course.referral.deadlines.all().delete()
        set_deadline(course.referral, "start", D(2026, 2, 10), met_on=D(2026, 2, 12))
    everything = filters_for(unit)
    chosen = {
        "service_code": "SEL86-1",
        "location_id": unit.location.pk,
        "team_class_id": unit.team_class.pk,
        "therapist_id": unit.pt.pk,
    }
    assert sum(column(table(DEADLINES, "overholdelse", everything), "missed")) == 2
    assert column(table(WAITING, "ventetid", everything), "started")[-1] == 2
    for name, value in chosen.items():
        narrowed = filters_for(unit, **{name: value})
        missed = column(table(DEADLINES, "overholdelse", narrowed), "missed")
        assert sum(missed) == 1, name
        assert column(table(WAITING, "ventetid", narrowed), "started")[-1] == 1, name
    # The period filter: nothing started in March.
    march = filters_for(unit, period_start=D(2026, 3, 1), period_end=D(2026, 3, 31))
    assert column(table(WAITING, "ventetid", march), "started") == [0]


@pytest.mark.django_db
def test_an_individual_course_is_at_the_location_where_it_was_trained(unit, fixed_today):
    alone = started_course(unit, "SUL140", D(2026, 2, 2), 20)
    alone.referral.deadlines.all().delete()
    set_deadline(alone.referral, "start", D(2026, 2, 10), met_on=D(2026, 2, 12))
    at_the_centre = filters_for(unit, location_id=unit.location.pk)
    # No class and no session yet: the course is at no location.
    assert column(table(WAITING, "ventetid", at_the_centre), "started")[-1] == 0
    trained = Session.objects.create(
        municipality=unit.municipality,
        kind="individual",
        contact_type="centre",
        therapist=unit.pt,
        location=unit.location,
        starts_at=timezone.make_aware(datetime.datetime(2026, 2, 12, 10)),
        status=SessionStatus.HELD,
    )
    trained.attendances.create(course=alone, status="attended")
    assert column(table(WAITING, "ventetid", at_the_centre), "started")[-1] == 1
    assert sum(column(table(DEADLINES, "overholdelse", at_the_centre), "missed")) == 1


@pytest.mark.django_db
def test_sessions_follow_the_filters(unit):
    course = started_course(unit, "SEL86-1", D(2026, 2, 2), 10, team=True)
    session = Session.objects.create(
        municipality=unit.municipality,
        kind="team",
        contact_type="centre",
        team_class=unit.team_class,
        therapist=unit.pt,
        location=unit.location,
        starts_at=timezone.make_aware(datetime.datetime(2026, 2, 16, 10)),
        status=SessionStatus.HELD,
    )
    session.attendances.create(course=course, status="attended")
    Session.objects.create(
        municipality=unit.municipality,
        kind="individual",
        contact_type="home",
        therapist=unit.ot,
        starts_at=timezone.make_aware(datetime.datetime(2026, 2, 17, 10)),
        status=SessionStatus.HELD,
    )
    assert column(table(ATTENDANCE, "aftaler-pr-maaned", filters_for(unit)), "held")[1] == 2
    for name, value in {
        "service_code": "SEL86-1",
        "location_id": unit.location.pk,
        "team_class_id": unit.team_class.pk,
        "therapist_id": unit.pt.pk,
    }.items():
        narrowed = filters_for(unit, **{name: value})
        assert column(table(ATTENDANCE, "aftaler-pr-maaned", narrowed), "held")[1] == 1, name
