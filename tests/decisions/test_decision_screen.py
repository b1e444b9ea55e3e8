"""The decision screen's selector: what the visitator sees, and that seeing it is logged."""

from __future__ import annotations

import datetime

import pytest

from rehabplan.audit.models import AuditAction, AuditEntry
from rehabplan.courses.models import DecisionOutcome
from rehabplan.courses.selectors.decisions import DecisionAnswers, decision_screen
from rehabplan.courses.services.decisions import decision_make

D = datetime.date
YES = DecisionAnswers(
    motivated=True,
    can_train_alone=False,
    judgements={"SEL86-1.sudden_loss": True, "SEL86-1.potential": True},
)


def _views(referral) -> list[str]:
    return list(
        AuditEntry.objects.filter(
            action=AuditAction.VIEW, citizen_id=referral.citizen_id
        ).values_list("summary", flat=True)
    )


@pytest.mark.django_db
def test_an_undecided_referral_shows_the_engine_basis_and_logs_the_view(
    naestved, staff, make_citizen, make_referral
):
    visitator, _therapist = staff(naestved)
    referral = make_referral(visitator, make_citizen(visitator), "SEL86-1", D(2026, 11, 2))

    screen = decision_screen(user=visitator, referral_id=referral.pk, on=D(2026, 11, 10))

    assert not screen.decided
    assert screen.basis is not None and not screen.basis.has_gop
    assert _views(referral) == ["Afgørelsesskærm vist"]


@pytest.mark.django_db
def test_a_decided_referral_points_to_its_decision_and_shows_nothing(
    naestved, staff, make_citizen, make_referral
):
    visitator, _therapist = staff(naestved)
    referral = make_referral(visitator, make_citizen(visitator), "SEL86-1", D(2026, 11, 2))
    decision = decision_make(
        user=visitator,
        referral=referral,
        outcome=DecisionOutcome.GRANTED,
        decided_on=D(2026, 11, 10),
        answers=YES,
        granted_weeks=12,
        sessions_per_week=2,
    )

    screen = decision_screen(user=visitator, referral_id=referral.pk, on=D(2026, 11, 11))

    assert screen.decided and screen.decision == decision
    assert screen.basis is None
    assert _views(referral) == []
