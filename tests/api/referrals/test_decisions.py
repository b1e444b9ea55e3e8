"""Assessment and decision through the API: the services of the decision screens, the letter
with its complaint guidance in the outbox, and the decisions read back (and logged)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from rehabplan.accounts.roles import LEADER, THERAPIST, VISITATOR
from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.citizens.services import citizen_create
from rehabplan.courses.models import Assessment, Decision, ReferralStatus
from rehabplan.courses.services.intake import intake_register
from rehabplan.outbox.models import MessageKind, OutboxMessage

pytestmark = pytest.mark.django_db

# Næstved § 86, stk. 1: every criterion met.
ANSWERS = {
    "motivated": True,
    "can_train_alone": False,
    "judgements": {"SEL86-1.sudden_loss": True, "SEL86-1.potential": True},
}


@pytest.fixture
def naestved_staff(staff_of, naestved):
    return staff_of(naestved)


@pytest.fixture
def referral(naestved_staff):
    visitator = naestved_staff[VISITATOR]
    citizen = citizen_create(
        user=visitator, cpr="010150-1234", first_name="Karen", last_name="Sørensen"
    )
    return intake_register(
        user=visitator,
        citizen=citizen,
        service_code="SEL86-1",
        source="citizen",
        received_on=timezone.localdate() - dt.timedelta(days=10),
    )


@pytest.fixture
def visitator(as_user, naestved_staff):
    return as_user(naestved_staff[VISITATOR])


def _decide(client, referral, **overrides):
    body = {
        "outcome": "granted",
        "decided_on": timezone.localdate().isoformat(),
        "answers": ANSWERS,
        "granted_weeks": 12,
        "sessions_per_week": 2,
    }
    body.update(overrides)
    return client.post(
        f"/api/v1/referrals/{referral.pk}/decisions", body, content_type="application/json"
    )


def _assess(client, referral, **overrides):
    body = {"assessed_on": timezone.localdate().isoformat(), "levels": {"J3.8": 2, "J1.1": 1}}
    body.update(overrides)
    return client.post(
        f"/api/v1/referrals/{referral.pk}/assessments", body, content_type="application/json"
    )


def test_a_visitator_records_an_assessment(visitator, referral):
    response = _assess(visitator, referral, note="Går med rollator.")

    assert response.status_code == 201, response.content
    body = response.json()
    assessment = Assessment.objects.get()
    assert body["id"] == assessment.pk
    assert body["referral_id"] == referral.pk
    assert body["citizen_id"] == referral.citizen_id
    assert body["phase"] == "visitation"
    assert {item["level"] for item in body["items"]} == {1, 2}
    assert all(item["label"] for item in body["items"])
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="assessment", citizen_id=referral.citizen_id
    ).exists()


def test_a_therapist_assesses_at_the_start_and_a_leader_not_at_all(
    as_user, naestved_staff, referral
):
    response = _assess(as_user(naestved_staff[THERAPIST]), referral)
    assert response.status_code == 201
    assert response.json()["phase"] == "start"

    assert _assess(as_user(naestved_staff[LEADER]), referral).status_code == 403


def test_an_unknown_code_or_level_is_refused_in_danish(visitator, referral):
    response = _assess(visitator, referral, levels={"X9.9": 2, "J1.1": 7})

    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {error["field"] for error in errors} == {"levels"}
    assert "Ukendt FSIII-kode: X9.9." in [error["message"] for error in errors]
    assert Assessment.objects.count() == 0


def test_a_grant_sends_the_letter_and_is_read_back(visitator, referral):
    response = _decide(visitator, referral)

    assert response.status_code == 201, response.content
    body = response.json()
    decision = Decision.objects.get()
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.GRANTED
    assert body["id"] == decision.pk
    assert body["citizen_id"] == referral.citizen_id
    assert body["outcome"] == "granted"
    assert body["legal_basis"] == "Serviceloven § 86, stk. 1"
    assert body["eligibility"] == "eligible"
    assert body["criteria"] and all(item["status"] == "met" for item in body["criteria"])
    assert (body["granted_weeks"], body["sessions_per_week"]) == (12, 2)
    assert body["decided_by"] == "visitator-naestved"
    letter = OutboxMessage.objects.get(kind=MessageKind.DECISION_LETTER)
    assert body["letter"] == {
        "id": letter.pk,
        "channel": "digital_post",
        "state": "queued",
        "url": f"/api/v1/decisions/{decision.pk}/letter",
    }
    assert any(
        "Ankestyrelsen" in step["body"]
        for route in body["complaint_routes"]
        for step in route["steps"]
    )

    listed = visitator.get(f"/api/v1/referrals/{referral.pk}/decisions")
    assert listed.status_code == 200
    assert listed.json() == [body]
    one = visitator.get(f"/api/v1/decisions/{decision.pk}")
    assert one.json() == body
    views = AuditEntry.objects.filter(action=AuditAction.VIEW, citizen_id=referral.citizen_id)
    assert set(views.values_list("summary", flat=True)) >= {
        "Afgørelser vist via API",
        "Afgørelse vist via API",
    }

    pdf = visitator.get(body["letter"]["url"])
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(
        action=AuditAction.EXPORT, citizen_id=referral.citizen_id
    ).exists()


def test_a_refusal_needs_its_reason(visitator, referral):
    response = _decide(visitator, referral, outcome="refused")

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "refusal_reason", "message": "Skriv begrundelsen for afslaget."}
    ]
    assert Decision.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_a_referral_is_decided_once(visitator, referral):
    assert _decide(visitator, referral).status_code == 201

    again = _decide(visitator, referral, outcome="refused", refusal_reason="Nej.")

    assert again.status_code == 422
    assert "allerede afgjort" in again.json()["detail"]
    assert Decision.objects.count() == 1


def test_unmet_criteria_refuse_a_grant(visitator, referral):
    response = _decide(visitator, referral, answers={"motivated": False})

    assert response.status_code == 422
    assert "kriterier ikke er opfyldt" in response.json()["detail"]


@pytest.mark.parametrize("role", [THERAPIST, LEADER])
def test_only_a_visitator_decides(as_user, naestved_staff, referral, role):
    assert _decide(as_user(naestved_staff[role]), referral).status_code == 403
    assert Decision.objects.count() == 0


def test_another_municipalitys_referral_is_not_found(as_user, fredericia_staff, referral):
    stranger = as_user(fredericia_staff[VISITATOR])

    assert _decide(stranger, referral).status_code == 404
    assert _assess(stranger, referral).status_code == 404
    assert stranger.get(f"/api/v1/referrals/{referral.pk}/decisions").status_code == 404
    assert Decision.objects.count() == Assessment.objects.count() == 0


def test_a_gop_gets_a_level_and_a_plan_not_a_grant(post_gop, visitator_api):
    referral_id = post_gop().json()["referral"]["id"]
    today = timezone.localdate().isoformat()

    grant = visitator_api.post(
        f"/api/v1/referrals/{referral_id}/decisions",
        {"outcome": "granted", "decided_on": today},
        content_type="application/json",
    )
    assert grant.status_code == 422
    assert "fastlæg niveau og plan" in grant.json()["detail"]

    plan = visitator_api.post(
        f"/api/v1/referrals/{referral_id}/plan",
        {"decided_on": today, "level": "basal", "plan_text": "Gangtræning to gange om ugen."},
        content_type="application/json",
    )
    assert plan.status_code == 201, plan.content
    assert plan.json()["outcome"] == "plan"
    assert plan.json()["level"] == "basal"
    assert plan.json()["letter"]["state"] == "queued"
    assert OutboxMessage.objects.get().kind == MessageKind.PLAN_LETTER


def test_assessments_are_listed_newest_first_and_the_view_is_logged(visitator, referral):
    today = timezone.localdate()
    older = _assess(visitator, referral, assessed_on=(today - dt.timedelta(days=3)).isoformat())
    newer = _assess(visitator, referral, levels={"J3.8": 3})
    assert older.status_code == newer.status_code == 201

    listed = visitator.get(f"/api/v1/referrals/{referral.pk}/assessments")

    assert listed.status_code == 200
    assert listed.json() == [newer.json(), older.json()]
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW,
        citizen_id=referral.citizen_id,
        summary="Funktionsvurderinger vist via API",
    ).exists()


def test_another_municipality_sees_no_assessments(as_user, fredericia_staff, visitator, referral):
    assert _assess(visitator, referral).status_code == 201
    stranger = as_user(fredericia_staff[VISITATOR])

    assert stranger.get(f"/api/v1/referrals/{referral.pk}/assessments").status_code == 404


def _receipt(client, decision_id, received_on):
    return client.post(
        f"/api/v1/decisions/{decision_id}/receipt",
        {"received_on": received_on.isoformat()},
        content_type="application/json",
    )


def test_the_letters_receipt_sets_the_complaint_deadline(visitator, referral):
    decision_id = _decide(visitator, referral).json()["id"]
    today = timezone.localdate()

    response = _receipt(visitator, decision_id, today)

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["letter_received_on"] == today.isoformat()
    # Næstved's standard: a complaint reaches the municipality within 4 weeks of receipt.
    assert body["complaint_deadline"] == (today + dt.timedelta(weeks=4)).isoformat()
    decision = Decision.objects.get()
    assert decision.complaint_deadline == today + dt.timedelta(weeks=4)
    assert AuditEntry.objects.filter(
        action=AuditAction.CHANGE, citizen_id=referral.citizen_id, object_type="decision"
    ).exists()


def test_a_receipt_in_the_future_is_refused_in_danish(visitator, referral):
    decision_id = _decide(visitator, referral).json()["id"]

    response = _receipt(visitator, decision_id, timezone.localdate() + dt.timedelta(days=1))

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "received_on", "message": "Modtagelsesdatoen kan ikke ligge i fremtiden."}
    ]
    assert Decision.objects.get().letter_received_on is None


@pytest.mark.parametrize("role", [THERAPIST, LEADER])
def test_only_a_visitator_records_the_receipt(as_user, naestved_staff, visitator, referral, role):
    decision_id = _decide(visitator, referral).json()["id"]

    refused = _receipt(as_user(naestved_staff[role]), decision_id, timezone.localdate())

    assert refused.status_code == 403
    assert Decision.objects.get().letter_received_on is None


def test_another_municipalitys_decision_gets_no_receipt(
    as_user, fredericia_staff, visitator, referral
):
    decision_id = _decide(visitator, referral).json()["id"]
    stranger = as_user(fredericia_staff[VISITATOR])

    assert _receipt(stranger, decision_id, timezone.localdate()).status_code == 404
    assert Decision.objects.get().letter_received_on is None
