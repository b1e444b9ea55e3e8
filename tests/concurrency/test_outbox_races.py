"""Two members of staff, or two workers, act on the same message at once: one retry of a failed
message, and one receipt recorded on its decision, each with one audit entry."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from rehabplan.audit.models import AuditEntry
from rehabplan.courses.models import DecisionOutcome
from rehabplan.courses.selectors.decisions import DecisionAnswers
from rehabplan.courses.services.decisions import decision_make
from rehabplan.outbox.dispatch.receipts import record_receipt
from rehabplan.outbox.models import MessageState, OutboxMessage
from rehabplan.outbox.services import outbox_retry
from tests.concurrency.contenders import run_together, unexpected

CONTENDERS = 4

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


@pytest.fixture
def refusal(naestved, staff, make_citizen, make_referral):
    visitator, _therapist = staff(naestved)
    citizen = make_citizen(visitator)
    referral = make_referral(visitator, citizen, "SEL86-1", datetime.date(2026, 11, 2))
    decision = decision_make(
        user=visitator,
        referral=referral,
        outcome=DecisionOutcome.REFUSED,
        decided_on=datetime.date(2026, 11, 10),
        answers=DecisionAnswers(motivated=True, can_train_alone=True),
        refusal_reason="Du kan træne på egen hånd med det program, du har fået.",
    )
    return visitator, decision


def test_a_failed_message_is_sent_again_once(refusal):
    visitator, decision = refusal
    OutboxMessage.objects.filter(pk=decision.letter_id).update(
        state=MessageState.FAILED, attempts=5
    )
    letter = OutboxMessage.objects.get(pk=decision.letter_id)
    outcomes = run_together(CONTENDERS, lambda index: outbox_retry(user=visitator, message=letter))
    assert unexpected(outcomes, ValidationError) == []
    assert sum(outcome.ok for outcome in outcomes) == 1
    assert AuditEntry.objects.filter(summary__contains="sendes igen").count() == 1


def test_a_receipt_reported_twice_at_once_is_recorded_once(refusal):
    _visitator, decision = refusal
    letter = OutboxMessage.objects.get(pk=decision.letter_id)
    outcomes = run_together(
        CONTENDERS,
        lambda index: record_receipt(
            message=letter, received_on=datetime.date(2026, 11, 12), user=None
        ),
    )
    assert unexpected(outcomes, Exception) == [] and all(outcome.ok for outcome in outcomes)
    assert AuditEntry.objects.filter(summary="Brevets modtagelse registreret").count() == 1
    decision.refresh_from_db()
    assert decision.letter_received_on == datetime.date(2026, 11, 12)
