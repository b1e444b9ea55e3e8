"""First contact and first training offered through the API: they meet the contact and start
deadlines as on the case page, a field left out keeps its value, and the change is logged."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from rehabplan.accounts.roles import LEADER, THERAPIST, VISITATOR
from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.courses.models import Referral

pytestmark = pytest.mark.django_db


def _record(client, referral_id, **body):
    return client.post(
        f"/api/v1/referrals/{referral_id}/contacts", body, content_type="application/json"
    )


def _met(body):
    return {deadline["kind"]: deadline["met_on"] for deadline in body["deadlines"]}


def test_the_offers_meet_the_deadlines_and_are_logged(post_gop, visitator_api):
    referral_id = post_gop().json()["referral"]["id"]
    today = timezone.localdate()
    start = today + dt.timedelta(days=2)

    response = _record(
        visitator_api,
        referral_id,
        first_contact_offered_on=today.isoformat(),
        first_training_offered_on=start.isoformat(),
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["first_contact_offered_on"] == today.isoformat()
    assert _met(body) == {"contact": today.isoformat(), "start": start.isoformat()}
    assert AuditEntry.objects.filter(
        action=AuditAction.CHANGE,
        object_type="referral",
        summary="Første kontakt, første træning eller udsættelse registreret",
    ).exists()


def test_a_field_left_out_keeps_its_value(post_gop, visitator_api):
    referral_id = post_gop().json()["referral"]["id"]
    today = timezone.localdate()
    _record(visitator_api, referral_id, first_contact_offered_on=today.isoformat())

    later = _record(
        visitator_api,
        referral_id,
        first_training_offered_on=(today + dt.timedelta(days=5)).isoformat(),
    )

    assert later.status_code == 200
    referral = Referral.objects.get(pk=referral_id)
    assert referral.first_contact_offered_on == today
    assert referral.first_training_offered_on == today + dt.timedelta(days=5)


def test_a_postponement_needs_its_date_in_danish(post_gop, visitator_api):
    referral_id = post_gop().json()["referral"]["id"]

    response = _record(visitator_api, referral_id, postponed_by_citizen=True)

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "postponed_on", "message": "Skriv datoen, hvor borgeren bad om at udskyde."}
    ]
    assert Referral.objects.get(pk=referral_id).postponed_by_citizen is False


@pytest.mark.parametrize("role", [THERAPIST, LEADER])
def test_only_a_visitator_records_offers(post_gop, as_user, fredericia_staff, role):
    referral_id = post_gop().json()["referral"]["id"]
    today = timezone.localdate().isoformat()

    refused = _record(as_user(fredericia_staff[role]), referral_id, first_contact_offered_on=today)

    assert refused.status_code == 403
    assert Referral.objects.get(pk=referral_id).first_contact_offered_on is None


def test_another_municipalitys_referral_is_not_found(post_gop, as_user, staff_of, naestved):
    referral_id = post_gop().json()["referral"]["id"]
    stranger = as_user(staff_of(naestved)[VISITATOR])

    response = _record(
        stranger, referral_id, first_contact_offered_on=timezone.localdate().isoformat()
    )

    assert response.status_code == 404
    assert Referral.objects.get(pk=referral_id).first_contact_offered_on is None
