"""Referrals through the API: registered as on "Registrér henvisning", listed in pages, read
one at a time; every read of a citizen's referral is in the audit log."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from rehabplan.accounts.roles import LEADER, THERAPIST, VISITATOR
from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.citizens.models import Citizen
from rehabplan.citizens.services import citizen_create
from rehabplan.courses.models import Referral, ReferralStatus
from rehabplan.courses.services.intake import intake_register

pytestmark = pytest.mark.django_db


def _application(**overrides):
    body = {
        "cpr": "010150-1234",
        "first_name": "Karen",
        "last_name": "Sørensen",
        "service_code": "SEL86-1",
        "source": "citizen",
        "received_on": timezone.localdate().isoformat(),
    }
    body.update(overrides)
    return body


def _register(client, **overrides):
    return client.post(
        "/api/v1/referrals", _application(**overrides), content_type="application/json"
    )


def _citizen(user, cpr, first_name="Åse", last_name="Bøgelund"):
    return citizen_create(user=user, cpr=cpr, first_name=first_name, last_name=last_name)


def _referral(user, citizen, received_on=None):
    return intake_register(
        user=user,
        citizen=citizen,
        service_code="SEL86-1",
        source="citizen",
        received_on=received_on or timezone.localdate(),
    )


def test_an_application_registers_the_citizen_and_starts_the_clock(visitator_api):
    response = _register(visitator_api)

    assert response.status_code == 201, response.content
    body = response.json()
    referral = Referral.objects.get()
    assert body["id"] == referral.pk
    assert body["citizen_id"] == Citizen.objects.get(cpr="0101501234").pk
    assert body["service_code"] == "SEL86-1"
    assert body["service_name"] == referral.service_name
    assert body["status"] == ReferralStatus.NEW
    assert body["received_on"] == timezone.localdate().isoformat()
    # Fredericia § 86: a contact and a start deadline, computed at once.
    deadlines = {item["kind"]: item for item in body["deadlines"]}
    assert set(deadlines) == {"contact", "start"}
    assert deadlines["contact"]["due"] == referral.deadlines.get(kind="contact").due.isoformat()
    assert "dage tilbage" in deadlines["contact"]["state"]
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="referral", object_id=str(referral.pk)
    ).exists()


def test_a_known_citizen_by_id_is_logged_as_opened(visitator_api, fredericia_staff):
    citizen = _citizen(fredericia_staff[VISITATOR], "120443-1234")

    response = _register(visitator_api, citizen_id=citizen.pk, cpr="", first_name="")

    assert response.status_code == 201, response.content
    assert response.json()["citizen_id"] == citizen.pk
    assert AuditEntry.objects.filter(
        citizen_id=citizen.pk,
        action=AuditAction.VIEW,
        summary="Ansøgning/henvisning registreres via API",
    ).exists()


def test_another_municipalitys_citizen_is_not_found(visitator_api, staff_of, naestved):
    stranger = _citizen(staff_of(naestved)[VISITATOR], "120443-1234")

    response = _register(visitator_api, citizen_id=stranger.pk)

    assert response.status_code == 404
    assert Referral.objects.count() == 0


def test_the_services_refusal_comes_back_field_by_field_in_danish(visitator_api):
    response = _register(visitator_api, source="relative", applicant="Søren Sørensen (søn)")

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert "kræver borgerens samtykke" in problem["detail"]
    assert [error["field"] for error in problem["errors"]] == ["consent_given_on"]
    # Nothing is kept: neither the referral nor the citizen it would have registered.
    assert Referral.objects.count() == 0
    assert Citizen.objects.count() == 0


def test_a_gop_is_not_registered_by_hand(visitator_api):
    response = _register(visitator_api, service_code="SUL140", source="hospital_gop")

    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert "service_code" in fields
    assert "genoptræningsplaner indlæses" in response.json()["detail"]


def test_a_future_receipt_and_an_unknown_source_are_refused(visitator_api):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    assert _register(visitator_api, received_on=tomorrow.isoformat()).status_code == 422
    response = _register(visitator_api, source="brevdue")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "source"


@pytest.mark.parametrize("role", [THERAPIST, LEADER])
def test_only_a_visitator_registers(as_user, fredericia_staff, role):
    response = _register(as_user(fredericia_staff[role]))

    assert response.status_code == 403
    assert Referral.objects.count() == 0


def test_the_list_pages_filters_and_logs_the_citizens_it_shows(
    visitator_api, fredericia_staff, staff_of, naestved
):
    visitator = fredericia_staff[VISITATOR]
    karen = _citizen(visitator, "010150-1234", "Karen", "Sørensen")
    aase = _citizen(visitator, "120443-1234")
    first = _referral(visitator, karen)
    second = _referral(visitator, aase)
    third = _referral(visitator, karen)
    Referral.objects.filter(pk=third.pk).update(status=ReferralStatus.AWAITING_DECISION)
    elsewhere = staff_of(naestved)[VISITATOR]
    _referral(elsewhere, _citizen(elsewhere, "010150-1234"))

    response = visitator_api.get("/api/v1/referrals", {"limit": 2})
    page = response.json()
    assert [item["id"] for item in page["items"]] == [first.pk, second.pk]
    rest = visitator_api.get("/api/v1/referrals", {"limit": 2, "cursor": page["next_cursor"]})
    assert [item["id"] for item in rest.json()["items"]] == [third.pk]
    assert rest.json()["next_cursor"] is None

    shown = AuditEntry.objects.filter(summary="Henvisninger hentet via API").order_by("id")
    assert [sorted(entry.shown_citizen_ids) for entry in shown] == [
        sorted([karen.pk, aase.pk]),
        [karen.pk],
    ]

    by_citizen = visitator_api.get("/api/v1/referrals", {"citizen_id": karen.pk}).json()
    assert [item["id"] for item in by_citizen["items"]] == [first.pk, third.pk]
    waiting = visitator_api.get("/api/v1/referrals", {"status": "awaiting_decision"}).json()
    assert [item["id"] for item in waiting["items"]] == [third.pk]


def test_a_cursor_that_was_not_given_out_is_refused(visitator_api):
    response = visitator_api.get("/api/v1/referrals", {"cursor": "1"})

    assert response.status_code == 400
    assert "markør" in response.json()["detail"]


def test_one_referral_is_read_with_its_facts_and_logged(as_user, fredericia_staff):
    visitator = fredericia_staff[VISITATOR]
    citizen = _citizen(visitator, "120443-1234")
    referral = _referral(visitator, citizen)

    response = as_user(fredericia_staff[THERAPIST]).get(f"/api/v1/referrals/{referral.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["citizen_id"] == citizen.pk
    assert body["source"] == "citizen"
    assert body["diagnosis_text"] == ""
    assert {item["kind"] for item in body["deadlines"]} == {"contact", "start"}
    assert AuditEntry.objects.filter(
        user=fredericia_staff[THERAPIST],
        citizen_id=citizen.pk,
        action=AuditAction.VIEW,
        summary="Henvisning vist via API",
    ).exists()


def test_another_municipalitys_referral_is_not_found_and_not_logged(
    visitator_api, staff_of, naestved
):
    elsewhere = staff_of(naestved)[VISITATOR]
    citizen = _citizen(elsewhere, "120443-1234")
    referral = _referral(elsewhere, citizen)
    before = AuditEntry.objects.count()

    assert visitator_api.get(f"/api/v1/referrals/{referral.pk}").status_code == 404
    assert visitator_api.get(f"/api/v1/referrals?citizen_id={citizen.pk}").json()["items"] == []
    assert AuditEntry.objects.count() == before
