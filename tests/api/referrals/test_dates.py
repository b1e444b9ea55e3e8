"""Correcting a referral's dates through the API: the deadlines are counted again from the
corrected dates, the correction is logged with its reason, a field left out keeps its value."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from rehabplan.accounts.roles import THERAPIST, VISITATOR
from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.courses.models import Referral

pytestmark = pytest.mark.django_db


def _correct(client, referral_id, **body):
    return client.post(
        f"/api/v1/referrals/{referral_id}/dates", body, content_type="application/json"
    )


def _dues(body):
    return {deadline["kind"]: deadline["due"] for deadline in body["deadlines"]}


def test_an_earlier_discharge_moves_the_deadlines_and_is_logged(post_gop, visitator_api):
    imported = post_gop().json()["referral"]
    discharge = dt.date.fromisoformat(imported["discharge_on"]) - dt.timedelta(days=1)

    response = _correct(
        visitator_api,
        imported["id"],
        discharge_on=discharge.isoformat(),
        reason="Rettet efter epikrisen",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["discharge_on"] == discharge.isoformat()
    assert body["received_on"] == imported["received_on"]
    before, after = _dues(imported), _dues(body)
    assert before.keys() == after.keys() and before != after
    assert AuditEntry.objects.filter(
        action=AuditAction.CHANGE,
        object_type="referral",
        summary="Datoer rettet; frister genberegnet: Rettet efter epikrisen",
    ).exists()


def test_sending_no_date_confirms_a_gops_discharge(post_gop, visitator_api):
    imported = post_gop().json()["referral"]

    response = _correct(visitator_api, imported["id"])

    assert response.status_code == 200
    referral = Referral.objects.get(pk=imported["id"])
    assert referral.discharge_on.isoformat() == imported["discharge_on"]
    assert referral.gop_content["dates_confirmed"]["by"]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (
            {"received_on": (timezone.localdate() + dt.timedelta(days=1)).isoformat()},
            "received_on",
            "Modtagelsesdatoen kan ikke ligge i fremtiden.",
        ),
        ({"received_on": None}, "received_on", "Skriv modtagelsesdatoen."),
    ],
)
def test_a_wrong_date_is_refused_in_danish(post_gop, visitator_api, body, field, message):
    imported = post_gop().json()["referral"]

    response = _correct(visitator_api, imported["id"], **body)

    assert response.status_code == 422
    assert {"field": field, "message": message} in response.json()["errors"]
    assert (
        Referral.objects.get(pk=imported["id"]).received_on.isoformat() == (imported["received_on"])
    )


def test_a_therapist_may_not_and_another_municipality_finds_nothing(
    post_gop, as_user, fredericia_staff, staff_of, naestved
):
    referral_id = post_gop().json()["referral"]["id"]
    today = timezone.localdate().isoformat()

    assert (
        _correct(as_user(fredericia_staff[THERAPIST]), referral_id, received_on=today).status_code
        == 403
    )
    stranger = as_user(staff_of(naestved)[VISITATOR])
    assert _correct(stranger, referral_id, received_on=today).status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE, object_type="referral").exists()
