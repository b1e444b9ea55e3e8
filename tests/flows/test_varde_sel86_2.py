"""Varde, vedligeholdende træning (serviceloven § 86, stk. 2), quality standard October 2017:
at most 20 sessions including intake and closing, 1-3 a week (3 only when both PT and OT are
needed), start within 6 weeks of the grant, råd og vejledning only within a year of the last course.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from rehabplan.courses.models import Course, CourseStatus, Decision, ReferralSource
from rehabplan.courses.selectors.decisions import DecisionAnswers, decision_basis
from rehabplan.courses.services.course_state import course_start
from rehabplan.courses.services.decisions import decision_make
from rehabplan.courses.services.intake import intake_register
from rehabplan.courses.services.sessions import BookingBlocked, session_book

COPENHAGEN = ZoneInfo("Europe/Copenhagen")
RECEIVED = datetime.date(2026, 3, 2)
GRANTED = datetime.date(2026, 3, 9)


@pytest.fixture
def varde(unit_for):
    return unit_for("varde")


def _application(unit, cpr="0101401234"):
    return intake_register(
        user=unit["visitator"],
        service_code="SEL86-2",
        source=ReferralSource.CITIZEN,
        received_on=RECEIVED,
        cpr=cpr,
        first_name="Inger",
        last_name="Madsen",
        today=RECEIVED,
    )


def _answers(needs_pt_and_ot: bool | None = None) -> DecisionAnswers:
    return DecisionAnswers(needs_pt_and_ot=needs_pt_and_ot, motivated=True, can_train_alone=False)


def _all_judged(referral, answers: DecisionAnswers) -> DecisionAnswers:
    """The visitator judges every professional criterion as met."""
    basis = decision_basis(referral, on=GRANTED, answers=answers)
    judgements = {
        criterion["id"].split(":", 1)[-1]: True
        for criterion in basis.eligibility.to_dict()["criteria"]
        if criterion["status"] == "unknown"
    }
    return DecisionAnswers(
        needs_pt_and_ot=answers.needs_pt_and_ot,
        motivated=answers.motivated,
        can_train_alone=answers.can_train_alone,
        judgements=judgements,
    )


def test_grant_starts_the_six_week_clock_and_the_20_session_cap_blocks_the_21st(varde):
    referral = _application(varde)
    answers = _all_judged(referral, _answers())
    decision = decision_make(
        user=varde["visitator"],
        referral=referral,
        outcome="granted",
        decided_on=GRANTED,
        answers=answers,
        granted_sessions=20,
        granted_weeks=12,
        sessions_per_week=2,
        period_start=GRANTED,
        period_end=GRANTED + datetime.timedelta(weeks=12),
    )
    assert decision.letter is not None and decision.letter.kind == "decision_letter"
    start = referral.deadlines.get(kind="start")
    assert start.due == datetime.date(2026, 4, 20)  # 6 weeks after the grant
    course = Course.objects.get(referral=referral)
    course_start(user=varde["therapist_user"], course=course, intake_on=GRANTED, note="Opstart.")
    therapist = varde["therapists"][0]
    day = datetime.date(2026, 3, 10)
    booked = 0
    while booked < 20:
        if day.weekday() in (1, 3):  # two a week
            session_book(
                user=varde["therapist_user"],
                course=course,
                kind="individual",
                starts_at=datetime.datetime.combine(day, datetime.time(10), tzinfo=COPENHAGEN),
                therapist=therapist,
                confirmed=True,
            )
            booked += 1
        day += datetime.timedelta(days=1)
    while day.weekday() != 1:
        day += datetime.timedelta(days=1)
    with pytest.raises(BookingBlocked) as error:
        session_book(
            user=varde["therapist_user"],
            course=course,
            kind="individual",
            starts_at=datetime.datetime.combine(day, datetime.time(10), tzinfo=COPENHAGEN),
            therapist=therapist,
            confirmed=True,
        )
    assert "20" in str(error.value)
    assert course.attendances.count() == 20


def test_three_a_week_needs_both_pt_and_ot_or_a_written_reason(varde):
    referral = _application(varde)
    answers = _all_judged(referral, _answers(needs_pt_and_ot=False))
    with pytest.raises(ValidationError) as error:
        decision_make(
            user=varde["visitator"],
            referral=referral,
            outcome="granted",
            decided_on=GRANTED,
            answers=answers,
            granted_sessions=20,
            granted_weeks=7,
            sessions_per_week=3,
            period_start=GRANTED,
            period_end=GRANTED + datetime.timedelta(weeks=7),
        )
    assert "deviation_reason" in error.value.message_dict
    assert not Decision.objects.exists()
    both = _all_judged(referral, _answers(needs_pt_and_ot=True))
    decision = decision_make(
        user=varde["visitator"],
        referral=referral,
        outcome="granted",
        decided_on=GRANTED,
        answers=both,
        granted_sessions=20,
        granted_weeks=7,
        sessions_per_week=3,
        period_start=GRANTED,
        period_end=GRANTED + datetime.timedelta(weeks=7),
    )
    assert decision.deviation_reason == ""


def test_advice_after_a_course_only_within_a_year_of_its_end(varde):
    from rehabplan.citizens.selectors import citizen_search

    referral = _application(varde)
    decision_make(
        user=varde["visitator"],
        referral=referral,
        outcome="granted",
        decided_on=GRANTED,
        answers=_all_judged(referral, _answers()),
        granted_sessions=20,
        granted_weeks=12,
        sessions_per_week=1,
        period_start=GRANTED,
        period_end=GRANTED + datetime.timedelta(weeks=12),
    )
    Course.objects.filter(referral=referral).update(
        status=CourseStatus.CLOSED, ended_on=datetime.date(2026, 6, 1)
    )
    citizen = citizen_search(user=varde["visitator"], term="Madsen")[0]
    within = intake_register(
        user=varde["visitator"],
        service_code="RAAD",
        source=ReferralSource.CITIZEN,
        received_on=datetime.date(2027, 5, 31),
        citizen=citizen,
        today=datetime.date(2027, 5, 31),
    )
    basis = decision_basis(within, on=datetime.date(2027, 5, 31), answers=DecisionAnswers())
    statuses = {c["id"]: c["status"] for c in basis.eligibility.to_dict()["criteria"]}
    assert "unmet" not in statuses.values()
    late = intake_register(
        user=varde["visitator"],
        service_code="RAAD",
        source=ReferralSource.CITIZEN,
        received_on=datetime.date(2027, 6, 2),
        citizen=citizen,
        today=datetime.date(2027, 6, 2),
    )
    basis = decision_basis(late, on=datetime.date(2027, 6, 2), answers=DecisionAnswers())
    assert basis.eligibility.outcome == "not_eligible"


def test_an_invalid_cpr_and_an_impossible_date_get_danish_errors(varde):
    with pytest.raises(ValidationError) as error:
        _application(varde, cpr="3213401234")
    assert "gyldig fødselsdato" in " ".join(error.value.messages)
    with pytest.raises(ValidationError) as error:
        intake_register(
            user=varde["visitator"],
            service_code="SEL86-2",
            source=ReferralSource.CITIZEN,
            received_on=datetime.date(2027, 1, 1),
            cpr="0101401234",
            first_name="Inger",
            last_name="Madsen",
            today=RECEIVED,
        )
    assert error.value.messages
