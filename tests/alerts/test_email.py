"""Alerts by e-mail: only to those who chose it, once, in Danish, without the citizen's data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from rehabplan.alerts.models import AlertPreference, DeadlineAlert
from rehabplan.alerts.services.staff import alert_mark_seen, alert_preference_set
from rehabplan.alerts.services.sweep import alerts_sweep
from rehabplan.audit.models import AuditAction, AuditEntry
from tests.alerts.conftest import open_deadline

pytestmark = pytest.mark.django_db

D = dt.date
MONDAY = D(2026, 5, 18)
FRIDAY = D(2026, 5, 15)


@pytest.fixture
def therapist(demo_unit):
    user = demo_unit.therapist_user
    user.email = "pia@demo.example"
    user.save()
    return user


def test_no_e_mail_without_the_user_s_choice(demo_unit, therapist, mailoutbox):
    open_deadline(demo_unit, "start", MONDAY)
    assert alerts_sweep(today=FRIDAY).emailed == 0
    assert mailoutbox == []
    assert DeadlineAlert.objects.get().emailed_at is None


def test_one_e_mail_with_every_new_alert_and_never_again(demo_unit, therapist, mailoutbox):
    alert_preference_set(user=therapist, by_email=True)
    first = open_deadline(demo_unit, "start", MONDAY)
    second = open_deadline(demo_unit, "contact", MONDAY)
    assert alerts_sweep(today=FRIDAY).emailed == 1
    assert alerts_sweep(today=FRIDAY).emailed == 0
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["pia@demo.example"]
    assert mail.subject == "Rehabplan: 2 frister kræver handling"
    assert "Opstart senest 18. maj 2026 (3 dage tilbage) for en borger" in mail.body
    assert "Kontakt senest 18. maj 2026" in mail.body
    for deadline in (first, second):
        assert f"http://127.0.0.1:8000/henvisninger/{deadline.referral_id}/" in mail.body
        citizen = deadline.referral.citizen
        assert citizen.last_name not in mail.body and citizen.first_name not in mail.body
        assert citizen.cpr[:6] not in mail.body
    assert DeadlineAlert.objects.filter(emailed_at__isnull=True).count() == 0
    entry = AuditEntry.objects.get(summary__contains="sendt som e-mail")
    assert entry.action == AuditAction.CHANGE
    assert set(entry.shown_citizen_ids) == {first.referral.citizen_id, second.referral.citizen_id}


def test_a_later_alert_comes_in_a_later_e_mail(demo_unit, therapist, mailoutbox):
    alert_preference_set(user=therapist, by_email=True)
    open_deadline(demo_unit, "start", MONDAY)
    alerts_sweep(today=FRIDAY)
    open_deadline(demo_unit, "start", D(2026, 5, 19))
    alerts_sweep(today=FRIDAY)
    assert [mail.body.count("for en borger") for mail in mailoutbox] == [1, 1]


def test_seen_or_acted_on_alerts_are_not_e_mailed(demo_unit, therapist, mailoutbox):
    seen = open_deadline(demo_unit, "start", MONDAY)
    met = open_deadline(demo_unit, "start", MONDAY)
    alerts_sweep(today=FRIDAY)
    alert_mark_seen(user=therapist, alert_id=DeadlineAlert.objects.get(deadline=seen).pk)
    met.met_on = FRIDAY
    met.save()
    alert_preference_set(user=therapist, by_email=True)
    alerts_sweep(today=FRIDAY)
    assert mailoutbox == []


def test_e_mail_is_chosen_only_with_an_address(demo_unit):
    user = demo_unit.visitator
    with pytest.raises(ValidationError) as refused:
        alert_preference_set(user=user, by_email=True)
    assert refused.value.message_dict["by_email"][0].startswith("Din bruger har ingen e-mail")
    assert not AlertPreference.objects.filter(user=user, by_email=True).exists()


def test_a_deactivated_user_gets_no_e_mail(demo_unit, therapist, mailoutbox):
    alert_preference_set(user=therapist, by_email=True)
    open_deadline(demo_unit, "start", MONDAY)
    alerts_sweep(today=FRIDAY)
    mailoutbox.clear()
    DeadlineAlert.objects.update(emailed_at=None)
    therapist.is_active = False
    therapist.save()
    alerts_sweep(today=FRIDAY)
    assert mailoutbox == []


def test_the_choice_is_audited(demo_unit, therapist):
    alert_preference_set(user=therapist, by_email=True)
    alert_preference_set(user=therapist, by_email=True)  # no change, no entry
    alert_preference_set(user=therapist, by_email=False)
    entries = AuditEntry.objects.filter(user=therapist, object_type="alertpreference")
    assert [entry.changes["by_email"] for entry in entries.order_by("id")] == [
        [False, True],
        [True, False],
    ]
