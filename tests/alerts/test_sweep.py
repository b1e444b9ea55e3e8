"""The sweep: which alerts it makes, to whom, when, and when an alert counts as acted on."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from rehabplan.alerts.models import DeadlineAlert
from rehabplan.alerts.selectors import alerts_not_acted_on, my_alerts
from rehabplan.alerts.services.sweep import alerts_sweep
from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.courses.models import ReferralStatus
from tests.alerts.conftest import open_deadline

pytestmark = pytest.mark.django_db

D = dt.date
MONDAY = D(2026, 5, 18)  # Kristi Himmelfartsdag, Thursday 14 May, lies before it


@pytest.mark.parametrize(
    ("kind", "today", "expected"),
    [
        # Start: 2 working days before Monday 18 May is Wednesday 13 May (the 14th is a holiday).
        ("start", D(2026, 5, 12), 0),
        ("start", D(2026, 5, 13), 1),
        ("start", D(2026, 5, 15), 1),
        # Contact: 1 working day before is Friday 15 May.
        ("contact", D(2026, 5, 14), 0),
        ("contact", D(2026, 5, 15), 1),
        ("contact", D(2026, 5, 16), 1),
        ("contact", MONDAY, 1),
        # A deadline that has broken gets no new alert: the deadline list shows it overdue.
        ("contact", D(2026, 5, 19), 0),
    ],
)
def test_an_alert_comes_the_configured_working_days_before(demo_unit, kind, today, expected):
    open_deadline(demo_unit, kind, MONDAY)
    assert alerts_sweep(today=today).created == expected
    assert DeadlineAlert.objects.count() == expected


def test_a_second_sweep_makes_no_alert_twice(demo_unit):
    open_deadline(demo_unit, "start", MONDAY)
    assert alerts_sweep(today=D(2026, 5, 13)).created == 1
    assert alerts_sweep(today=D(2026, 5, 13)).created == 0
    assert alerts_sweep(today=D(2026, 5, 15)).created == 0
    assert DeadlineAlert.objects.count() == 1


def test_the_database_refuses_the_same_alert_twice(demo_unit):
    open_deadline(demo_unit, "start", MONDAY)
    alerts_sweep(today=D(2026, 5, 13))
    alert = DeadlineAlert.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        DeadlineAlert.objects.create(
            municipality=alert.municipality,
            deadline=alert.deadline,
            user=alert.user,
            due=alert.due,
            alert_on=alert.alert_on,
        )


def test_the_municipality_s_closed_day_moves_the_alert_earlier(demo_unit):
    from rehabplan.organisation.models import ClosedDay

    ClosedDay.objects.create(municipality=demo_unit.municipality, day=D(2026, 5, 15), reason="X")
    open_deadline(demo_unit, "contact", MONDAY)
    assert alerts_sweep(today=D(2026, 5, 13)).created == 1
    assert DeadlineAlert.objects.get().alert_on == D(2026, 5, 13)


def test_a_municipality_may_have_its_own_lead_time(demo_unit, varde, settings):
    settings.REHABPLAN_ALERT_LEAD_DAYS_BY_MUNICIPALITY = {"varde": {"contact": 3}}
    open_deadline(demo_unit, "contact", MONDAY)
    open_deadline(varde, "contact", MONDAY)
    alerts_sweep(today=D(2026, 5, 12))  # 3 working days before: Tuesday 12 May
    assert list(DeadlineAlert.objects.values_list("municipality__slug", flat=True)) == ["varde"]


def test_who_is_alerted(demo_unit, make_user):
    from rehabplan.accounts.roles import VISITATOR

    second_visitator = make_user("demo-visitator-2", VISITATOR, demo_unit.municipality)
    start = open_deadline(demo_unit, "start", MONDAY)
    in_class = open_deadline(demo_unit, "start", MONDAY, team=True)
    in_class.referral.course.therapist = None
    in_class.referral.course.save()
    nobody = open_deadline(demo_unit, "start", MONDAY)
    nobody.referral.course.therapist = None
    nobody.referral.course.save()
    decision = open_deadline(demo_unit, "decision", MONDAY, course=False)

    alerts_sweep(today=D(2026, 5, 15))

    def alerted(deadline):
        return set(DeadlineAlert.objects.filter(deadline=deadline).values_list("user", flat=True))

    therapist = demo_unit.therapist_user.pk
    visitators = {demo_unit.visitator.pk, second_visitator.pk}
    assert alerted(start) == {therapist}  # the course's fixed therapist
    assert alerted(in_class) == {therapist}  # the class's therapist
    assert alerted(nobody) == visitators  # no therapist, no decision: the unit's visitators
    assert alerted(decision) == visitators


def test_the_deciding_visitator_is_alerted_when_no_therapist_is_named(demo_unit, make_user):
    from rehabplan.accounts.roles import VISITATOR
    from rehabplan.courses.models import Decision

    make_user("demo-visitator-2", VISITATOR, demo_unit.municipality)
    deadline = open_deadline(demo_unit, "start", MONDAY)
    deadline.referral.course.therapist = None
    deadline.referral.course.save()
    Decision.objects.create(
        referral=deadline.referral,
        outcome="granted",
        decided_on=D(2026, 5, 1),
        decided_by=demo_unit.visitator,
        standard_version="test",
        legal_basis="Serviceloven § 86, stk. 1",
    )
    alerts_sweep(today=D(2026, 5, 15))
    assert list(DeadlineAlert.objects.values_list("user", flat=True)) == [demo_unit.visitator.pk]


def test_a_user_of_another_municipality_is_never_alerted(demo_unit, varde, make_user):
    """A therapist record tied by mistake to another municipality's user: that user gets nothing,
    the unit's own visitator does."""
    from rehabplan.accounts.roles import THERAPIST

    stranger = make_user("varde-terapeut-2", THERAPIST, varde.municipality)
    demo_unit.pt.user = stranger
    demo_unit.pt.save()
    open_deadline(demo_unit, "start", MONDAY)
    alerts_sweep(today=D(2026, 5, 15))
    assert list(DeadlineAlert.objects.values_list("user", flat=True)) == [demo_unit.visitator.pk]
    assert not my_alerts(user=stranger).exists()
    assert not alerts_not_acted_on(user=varde.leader).exists()


def test_a_deactivated_therapist_is_passed_over(demo_unit):
    demo_unit.therapist_user.is_active = False
    demo_unit.therapist_user.save()
    open_deadline(demo_unit, "start", MONDAY)
    alerts_sweep(today=D(2026, 5, 15))
    assert list(DeadlineAlert.objects.values_list("user", flat=True)) == [demo_unit.visitator.pk]


def test_each_new_alert_is_audited_naming_its_citizen(demo_unit):
    deadline = open_deadline(demo_unit, "start", MONDAY)
    alerts_sweep(today=D(2026, 5, 15))
    alert = DeadlineAlert.objects.get()
    entry = AuditEntry.objects.get(object_type="deadlinealert", object_id=str(alert.pk))
    assert entry.action == AuditAction.CREATE
    assert entry.citizen_id == deadline.referral.citizen_id
    assert entry.user is None and entry.user_name == "system"
    assert "Pia" not in entry.summary and "opstart senest 18. maj 2026" in entry.summary


@pytest.mark.parametrize("act", ["met", "withdrawn", "moved"])
def test_an_alert_is_acted_on_when_the_deadline_is_met_the_case_closed_or_the_day_moved(
    demo_unit, act
):
    deadline = open_deadline(demo_unit, "start", MONDAY)
    alerts_sweep(today=D(2026, 5, 15))
    user = demo_unit.therapist_user
    assert my_alerts(user=user).count() == 1
    assert alerts_not_acted_on(user=demo_unit.leader).count() == 1
    if act == "met":
        deadline.met_on = D(2026, 5, 15)
        deadline.save()
    elif act == "withdrawn":
        deadline.referral.status = ReferralStatus.WITHDRAWN
        deadline.referral.save()
    else:
        deadline.due = D(2026, 5, 29)
        deadline.save()
    assert my_alerts(user=user).count() == 0
    assert alerts_not_acted_on(user=demo_unit.leader).count() == 0
    if act == "moved":  # the new day gets its own alert when it nears
        assert alerts_sweep(today=D(2026, 5, 15)).created == 0
        assert alerts_sweep(today=D(2026, 5, 27)).created == 1
        assert my_alerts(user=user).get().due == D(2026, 5, 29)


def test_an_alert_not_acted_on_stays_after_the_deadline_broke(demo_unit):
    open_deadline(demo_unit, "start", MONDAY)
    alerts_sweep(today=D(2026, 5, 15))
    alerts_sweep(today=D(2026, 5, 20))
    assert alerts_not_acted_on(user=demo_unit.leader).count() == 1
