"""The reason for a missed deadline: who may record it, what is refused, what is audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.courses.models import StoredDeadline
from rehabplan.courses.services.miss_reasons import deadline_record_miss_reason
from tests.reporting.dashboard.conftest import D, set_deadline, started_course


@pytest.fixture
def missed(unit):
    course = started_course(unit, "SEL86-1", D(2026, 2, 2), 10)
    return set_deadline(course.referral, "start", D(2026, 2, 10), met_on=D(2026, 2, 12))


def url(deadline: StoredDeadline) -> str:
    return reverse("referral-miss-reason", kwargs={"referral_id": deadline.referral_id})


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["visitator", "leader"])
def test_a_visitator_or_leader_records_the_reason_and_it_is_audited(client, unit, missed, role):
    client.force_login(getattr(unit, role))
    page = client.get(reverse("referral-detail", kwargs={"referral_id": missed.referral_id}))
    assert 'data-testid="miss-reason-form-start"' in page.content.decode()
    before = AuditEntry.objects.filter(action=AuditAction.CHANGE).count()
    response = client.post(
        url(missed),
        {"kind": "start", "miss-start-miss_reason": "capacity", "miss-start-miss_reason_note": ""},
    )
    assert response.status_code == 302
    missed.refresh_from_db()
    assert missed.miss_reason == "capacity"
    entry = AuditEntry.objects.filter(action=AuditAction.CHANGE).order_by("-id").first()
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE).count() == before + 1
    assert entry.action == AuditAction.CHANGE
    assert entry.citizen_id == missed.referral.citizen_id
    assert entry.changes == {"miss_reason": ["", "capacity"]}
    assert "Kapacitet" in entry.summary


@pytest.mark.django_db
def test_a_therapist_may_not_record_the_reason(client, unit, missed):
    client.force_login(unit.therapist_user)
    page = client.get(reverse("referral-detail", kwargs={"referral_id": missed.referral_id}))
    assert 'data-testid="miss-reason-form-start"' not in page.content.decode()
    response = client.post(url(missed), {"kind": "start", "miss-start-miss_reason": "capacity"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        deadline_record_miss_reason(
            user=unit.therapist_user, referral=missed.referral, kind="start", reason="capacity"
        )
    missed.refresh_from_db()
    assert missed.miss_reason == ""


@pytest.mark.django_db
def test_other_needs_a_note_shown_as_a_danish_error_and_nothing_is_written(client, unit, missed):
    client.force_login(unit.visitator)
    before = AuditEntry.objects.filter(action=AuditAction.CHANGE).count()
    response = client.post(
        url(missed),
        {"kind": "start", "miss-start-miss_reason": "other", "miss-start-miss_reason_note": " "},
    )
    assert response.status_code == 400
    assert "Skriv en bemærkning, når årsagen er “andet”." in response.content.decode()
    missed.refresh_from_db()
    assert missed.miss_reason == ""
    assert AuditEntry.objects.filter(action=AuditAction.CHANGE).count() == before
    deadline_record_miss_reason(
        user=unit.visitator,
        referral=missed.referral,
        kind="start",
        reason="other",
        note="Borgeren var indlagt igen.",
    )
    missed.refresh_from_db()
    assert (missed.miss_reason, missed.miss_reason_note) == ("other", "Borgeren var indlagt igen.")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("due", "met_on", "message"),
    [
        (D(2026, 2, 10), D(2026, 2, 10), "Fristen er ikke overskredet."),  # met on the day
        (D(2099, 2, 10), None, "Fristen er ikke overskredet."),  # still open
    ],
)
def test_a_deadline_that_was_not_missed_takes_no_reason(unit, due, met_on, message):
    course = started_course(unit, "SEL86-1", D(2026, 2, 2), 10)
    set_deadline(course.referral, "start", due, met_on=met_on)
    with pytest.raises(ValidationError) as error:
        deadline_record_miss_reason(
            user=unit.visitator, referral=course.referral, kind="start", reason="capacity"
        )
    assert message in str(error.value)


@pytest.mark.django_db
def test_an_unknown_reason_is_refused(unit, missed):
    with pytest.raises(ValidationError) as error:
        deadline_record_miss_reason(
            user=unit.visitator, referral=missed.referral, kind="start", reason="vejret"
        )
    assert "Vælg en årsag." in str(error.value)


@pytest.mark.django_db
def test_another_municipalitys_deadline_is_out_of_reach(client, unit, other):
    course = started_course(other, "SEL86-1", D(2026, 2, 2), 10, citizen=other.citizen("Ingrid"))
    foreign = set_deadline(course.referral, "start", D(2026, 2, 10), met_on=D(2026, 2, 12))
    client.force_login(unit.visitator)
    response = client.post(url(foreign), {"kind": "start", "miss-start-miss_reason": "capacity"})
    assert response.status_code in (403, 404)
    foreign.refresh_from_db()
    assert foreign.miss_reason == ""
    with pytest.raises(ValidationError):
        deadline_record_miss_reason(
            user=unit.visitator, referral=course.referral, kind="start", reason="capacity"
        )
