"""Næstved, genoptræning efter serviceloven § 86, stk. 1: a decision within 10 working days of the
application and a start within 10 calendar days of the decision (Næstved Kommune, kvalitetsstandard
for træning). Easter 2026 falls inside the first period: Maundy Thursday 2 April, Good Friday
3 April and Easter Monday 6 April are not working days."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from rehabplan.courses.models import Course, ReferralSource
from rehabplan.courses.selectors.decisions import DecisionAnswers, decision_basis
from rehabplan.courses.services.decisions import decision_make, decision_record_receipt
from rehabplan.courses.services.intake import intake_register

RECEIVED = datetime.date(2026, 3, 30)  # Monday before Easter
DECIDED = datetime.date(2026, 4, 8)


@pytest.fixture
def naestved(unit_for):
    return unit_for("naestved")


@pytest.fixture
def application(naestved):
    return intake_register(
        user=naestved["visitator"],
        service_code="SEL86-1",
        source=ReferralSource.RELATIVE,
        applicant="Datteren, Lise Holm",
        consent_given_on=RECEIVED,
        received_on=RECEIVED,
        cpr="1505451234",
        first_name="Ejnar",
        last_name="Holm",
        today=RECEIVED,
    )


def _judged(referral) -> DecisionAnswers:
    answers = DecisionAnswers(motivated=True, can_train_alone=False)
    basis = decision_basis(referral, on=DECIDED, answers=answers)
    judgements = {
        criterion["id"].split(":", 1)[-1]: True
        for criterion in basis.eligibility.to_dict()["criteria"]
        if criterion["status"] == "unknown"
    }
    return DecisionAnswers(motivated=True, can_train_alone=False, judgements=judgements)


def test_decision_within_ten_working_days_and_start_within_ten_days_of_it(naestved, application):
    decision_deadline = application.deadlines.get(kind="decision")
    assert decision_deadline.due == datetime.date(2026, 4, 16)
    assert decision_deadline.basis == "working_days"
    start = application.deadlines.get(kind="start")
    assert start.due is None and start.depends_on == "decided"

    decision = decision_make(
        user=naestved["visitator"],
        referral=application,
        outcome="granted",
        decided_on=DECIDED,
        answers=_judged(application),
        granted_sessions=24,
        granted_weeks=12,
        sessions_per_week=2,
        period_start=DECIDED,
        period_end=DECIDED + datetime.timedelta(weeks=12),
    )
    application.refresh_from_db()
    decision_deadline = application.deadlines.get(kind="decision")
    assert decision_deadline.met_on == DECIDED
    start = application.deadlines.get(kind="start")
    assert start.due == datetime.date(2026, 4, 18)  # a Saturday: kept, and flagged
    assert start.falls_on_closed_day is True
    assert Course.objects.filter(referral=application).exists()

    decision_record_receipt(
        user=naestved["visitator"], decision=decision, received_on=datetime.date(2026, 4, 10)
    )
    decision.refresh_from_db()
    assert decision.complaint_deadline == datetime.date(2026, 5, 8)  # 4 weeks from receipt


def test_an_application_from_a_relative_needs_the_citizens_consent(naestved):
    with pytest.raises(ValidationError) as error:
        intake_register(
            user=naestved["visitator"],
            service_code="SEL86-1",
            source=ReferralSource.RELATIVE,
            applicant="Datteren",
            received_on=RECEIVED,
            cpr="1505451234",
            first_name="Ejnar",
            last_name="Holm",
            today=RECEIVED,
        )
    assert "samtykke" in " ".join(error.value.messages).lower()


def test_a_refusal_names_the_unmet_criteria_in_its_letter(naestved, application):
    import io

    from pypdf import PdfReader

    answers = DecisionAnswers(motivated=True, can_train_alone=True)
    decision = decision_make(
        user=naestved["visitator"],
        referral=application,
        outcome="refused",
        decided_on=DECIDED,
        answers=answers,
        refusal_reason="Borgeren kan genvinde funktionen ved egen træning.",
    )
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(bytes(decision.letter.document))).pages
    )
    assert "Ankestyrelsen" in text
    assert "egen træning" in text
