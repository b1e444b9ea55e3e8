"""Deadlines through the API: each with the rule, the source and the date the web's explanation
shows, and the open deadlines of the municipality, the most urgent first, page by page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from rehabplan.accounts.roles import LEADER, VISITATOR
from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.citizens.services import citizen_create
from rehabplan.courses.models import StoredDeadline
from rehabplan.courses.services.intake import intake_register

pytestmark = pytest.mark.django_db


def _referral(user, cpr, received_on):
    citizen = citizen_create(user=user, cpr=cpr, first_name="Åse", last_name="Bøgelund")
    return intake_register(
        user=user,
        citizen=citizen,
        service_code="SEL86-1",
        source="citizen",
        received_on=received_on,
    )


def test_a_referrals_deadlines_come_with_their_explanation(post_gop, visitator_api):
    referral_id = post_gop().json()["referral"]["id"]

    response = visitator_api.get(f"/api/v1/referrals/{referral_id}/deadlines")

    assert response.status_code == 200
    body = response.json()
    assert body["referral_id"] == referral_id
    assert body["standard_on"] == "2026-11-20"  # the discharge decides the standard
    assert body["standard_url"].endswith("?dato=2026-11-20")
    start = {item["kind"]: item for item in body["deadlines"]}["start"]
    stored = StoredDeadline.objects.get(referral_id=referral_id, kind="start")
    assert start["due"] == "2026-11-27"
    assert start["label"] == "Opstart"
    assert start["standard_version"] == stored.standard_version
    assert len(start["explanation"]) == len(stored.explanation) > 0
    for line, kept in zip(start["explanation"], stored.explanation, strict=True):
        assert line["rule_id"] == kept["rule_id"]
        assert line["text"] == kept["text"]
        assert line["source"]["title"] == kept["source"]["title"]
        assert kept["source"]["issuer"] in line["source_text"]
        assert line["rule_url"].startswith(body["standard_url"])
    assert any(line["rule_url"].count("#regel-") for line in start["explanation"])
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW, object_id=str(referral_id), summary="Frister vist via API"
    ).exists()


def test_another_municipalitys_deadlines_are_not_found(as_user, staff_of, naestved, post_gop):
    referral_id = post_gop().json()["referral"]["id"]
    stranger = as_user(staff_of(naestved)[VISITATOR])

    assert stranger.get(f"/api/v1/referrals/{referral_id}/deadlines").status_code == 404


def test_open_deadlines_are_paged_in_order_of_date_and_logged(
    as_user, fredericia_staff, staff_of, naestved
):
    visitator = fredericia_staff[VISITATOR]
    today = timezone.localdate()
    late = _referral(visitator, "010150-1234", today)
    early = _referral(visitator, "120443-1234", today - dt.timedelta(days=30))
    elsewhere = staff_of(naestved)[VISITATOR]
    _referral(elsewhere, "010150-1234", today - dt.timedelta(days=60))
    expected = list(StoredDeadline.objects.filter(referral__in=[late, early]).order_by("due", "pk"))
    assert len(expected) == 4
    api = as_user(fredericia_staff[LEADER])

    seen, cursor = [], None
    for _page in range(4):
        query = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = api.get("/api/v1/deadlines", query).json()
        seen += page["items"]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert [item["id"] for item in seen] == [deadline.pk for deadline in expected]
    first = seen[0]
    assert first["referral_id"] == early.pk
    assert first["citizen_id"] == early.citizen_id
    assert first["citizen_name"] == "Åse Bøgelund"
    assert first["service_code"] == "SEL86-1"
    assert first["overdue"] is (first["days_left"] < 0)
    assert first["rule_id"] and "#regel-" in first["rule_url"]
    logged = AuditEntry.objects.filter(summary="Fristlisten hentet via API").order_by("id")
    assert [entry.shown_citizen_ids for entry in logged] == [
        [StoredDeadline.objects.get(pk=item["id"]).referral.citizen_id] for item in seen
    ]


def test_only_the_deadlines_at_risk(visitator_api, fredericia_staff):
    visitator = fredericia_staff[VISITATOR]
    today = timezone.localdate()
    _referral(visitator, "010150-1234", today)
    overdue = _referral(visitator, "120443-1234", today - dt.timedelta(days=60))

    items = visitator_api.get("/api/v1/deadlines", {"at_risk": "true"}).json()["items"]

    assert items and {item["referral_id"] for item in items} == {overdue.pk}
    assert all(item["at_risk"] and item["overdue"] for item in items)


def test_an_administrator_sees_no_deadlines(as_user, administrator):
    assert as_user(administrator).get("/api/v1/deadlines").status_code == 403


def test_deadlines_due_the_same_day_are_paged_by_id_without_repeats(
    visitator_api, fredericia_staff
):
    visitator = fredericia_staff[VISITATOR]
    today = timezone.localdate()
    for cpr in ("010150-1234", "120443-1234", "020202-1234"):
        _referral(visitator, cpr, today)
    StoredDeadline.objects.update(due=today)
    ids = sorted(StoredDeadline.objects.values_list("pk", flat=True))

    seen, cursor = [], None
    while True:
        query = {"limit": 4, **({"cursor": cursor} if cursor else {})}
        page = visitator_api.get("/api/v1/deadlines", query).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert seen == ids


def test_a_cursor_of_another_list_is_refused(visitator_api, fredericia_staff):
    visitator = fredericia_staff[VISITATOR]
    for cpr in ("010150-1234", "120443-1234"):
        _referral(visitator, cpr, timezone.localdate())
    referrals_cursor = visitator_api.get("/api/v1/referrals", {"limit": 1}).json()["next_cursor"]

    response = visitator_api.get("/api/v1/deadlines", {"cursor": referrals_cursor})

    assert response.status_code == 400
