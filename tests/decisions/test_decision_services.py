"""Decisions through the services: engine facts, extent, deadlines, letters and the outbox."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from rehabplan.audit.models import AuditEntry
from rehabplan.courses.models import Course, CourseStatus, DecisionOutcome, ReferralStatus
from rehabplan.courses.selectors.decisions import DecisionAnswers, decision_basis
from rehabplan.courses.services.assessments import assessment_record
from rehabplan.courses.services.decisions import (
    decision_make,
    decision_record_receipt,
    decision_set_plan,
)
from rehabplan.outbox.models import MessageKind, OutboxMessage
from tests.decisions.conftest import pdf_text

D = datetime.date
NAESTVED_YES = DecisionAnswers(
    motivated=True,
    can_train_alone=False,
    judgements={"SEL86-1.sudden_loss": True, "SEL86-1.potential": True},
)
VARDE_YES = DecisionAnswers(
    motivated=True,
    can_train_alone=False,
    needs_pt_and_ot=False,
    judgements={"SEL86-2.reduced_function": True, "SEL86-2.potential": True},
)


def _deadlines(referral):
    return {d.kind: d for d in referral.deadlines.all()}


@pytest.mark.django_db
class TestNaestvedSel861:
    def test_decision_within_10_working_days_and_start_within_10_days_of_it(
        self, naestved, staff, make_citizen, make_referral
    ):
        visitator, _therapist = staff(naestved)
        citizen = make_citizen(visitator)
        # Monday 2 November 2026: 10 working days later is Monday 16 November.
        referral = make_referral(visitator, citizen, "SEL86-1", D(2026, 11, 2))
        assert _deadlines(referral)["decision"].due == D(2026, 11, 16)
        assert _deadlines(referral)["start"].due is None

        decision = decision_make(
            user=visitator,
            referral=referral,
            outcome=DecisionOutcome.GRANTED,
            decided_on=D(2026, 11, 10),
            answers=NAESTVED_YES,
            granted_weeks=12,
            sessions_per_week=2,
        )
        referral.refresh_from_db()
        stored = _deadlines(referral)
        assert referral.status == ReferralStatus.GRANTED
        assert referral.decided_on == D(2026, 11, 10)
        assert stored["decision"].met_on == D(2026, 11, 10)
        # Start within 10 calendar days of the decision.
        assert stored["start"].due == D(2026, 11, 20)
        assert "naestved@2022-01-01" in stored["start"].standard_version
        assert decision.standard_version.startswith("naestved@2022-01-01")
        course = Course.objects.get(referral=referral)
        assert course.status == CourseStatus.AWAITING_START
        assert decision.eligibility["outcome"] == "eligible"
        assert decision.legal_basis == "Serviceloven § 86, stk. 1"

    def test_grant_letter_goes_through_the_outbox_and_reads_back(
        self, naestved, staff, make_citizen, make_referral
    ):
        visitator, _therapist = staff(naestved)
        citizen = make_citizen(visitator)
        referral = make_referral(visitator, citizen, "SEL86-1", D(2026, 11, 2))
        decision = decision_make(
            user=visitator,
            referral=referral,
            outcome=DecisionOutcome.GRANTED,
            decided_on=D(2026, 11, 10),
            answers=NAESTVED_YES,
            granted_weeks=12,
            sessions_per_week=2,
        )
        message = OutboxMessage.objects.get(citizen=citizen)
        assert decision.letter == message
        assert message.kind == MessageKind.DECISION_LETTER
        assert message.channel == "digital_post"
        assert message.state == "queued"
        text = pdf_text(message.document)
        assert "Afgørelse om genoptræning" in text
        assert "Serviceloven § 86, stk. 1" in text
        assert "12 uger" in text and "2 gange om ugen" in text
        assert "20. november 2026" in text  # start deadline
        assert "Kørsel kan bevilges efter individuel vurdering mod egenbetaling" in text
        assert "erstatningstid" in text  # how cancellations work here
        assert "4 uger" in text and "Ankestyrelsen" in text
        assert "Rådmandshaven 20, 4700 Næstved" in text
        assert "Islands Brygge 67" in text

    def test_complaint_deadline_counts_from_the_day_the_letter_is_received(
        self, naestved, staff, make_citizen, make_referral
    ):
        visitator, _therapist = staff(naestved)
        citizen = make_citizen(visitator)
        referral = make_referral(visitator, citizen, "SEL86-1", D(2026, 11, 2))
        decision = decision_make(
            user=visitator,
            referral=referral,
            outcome=DecisionOutcome.REFUSED,
            decided_on=D(2026, 11, 10),
            answers=DecisionAnswers(motivated=True, can_train_alone=True),
            refusal_reason="Du kan træne på egen hånd med det program, du har fået.",
        )
        assert decision.complaint_deadline is None
        decision = decision_record_receipt(
            user=visitator, decision=decision, received_on=D(2026, 11, 12)
        )
        assert decision.letter_received_on == D(2026, 11, 12)
        assert decision.complaint_deadline == D(2026, 12, 10)
        referral.refresh_from_db()
        assert referral.decision_received_on == D(2026, 11, 12)
        with pytest.raises(ValidationError) as error:
            decision_record_receipt(user=visitator, decision=decision, received_on=D(2026, 11, 9))
        assert "før afgørelsen" in str(error.value)

    def test_refusal_needs_a_reason_and_its_letter_lists_the_unmet_criteria(
        self, naestved, staff, make_citizen, make_referral
    ):
        visitator, _therapist = staff(naestved)
        citizen = make_citizen(visitator)
        referral = make_referral(visitator, citizen, "SEL86-1", D(2026, 11, 2))
        answers = DecisionAnswers(motivated=False, can_train_alone=True)
        with pytest.raises(ValidationError) as error:
            decision_make(
                user=visitator,
                referral=referral,
                outcome=DecisionOutcome.REFUSED,
                decided_on=D(2026, 11, 10),
                answers=answers,
            )
        assert "Skriv begrundelsen for afslaget." in error.value.message_dict["refusal_reason"]
        decision = decision_make(
            user=visitator,
            referral=referral,
            outcome=DecisionOutcome.REFUSED,
            decided_on=D(2026, 11, 10),
            answers=answers,
            refusal_reason="Du er ikke motiveret for træning nu.",
        )
        referral.refresh_from_db()
        assert referral.status == ReferralStatus.REFUSED
        assert not Course.objects.filter(referral=referral).exists()
        text = pdf_text(decision.letter.document)
        assert "Afslag på genoptræning" in text
        assert "Du er ikke motiveret for træning nu." in text
        assert "Betingelser, du ikke opfylder" in text
        assert "motiveret for at genopnå" in text
        assert "kan ikke selv træne" in text
        assert "Ankestyrelsen" in text

    def test_grant_is_refused_while_a_criterion_is_unmet_or_unjudged(
        self, naestved, staff, make_citizen, make_referral
    ):
        visitator, _therapist = staff(naestved)
        citizen = make_citizen(visitator)
        referral = make_referral(visitator, citizen, "SEL86-1", D(2026, 11, 2))
        with pytest.raises(ValidationError) as error:
            decision_make(
                user=visitator,
                referral=referral,
                outcome=DecisionOutcome.GRANTED,
                decided_on=D(2026, 11, 10),
                answers=DecisionAnswers(motivated=True, can_train_alone=False),
            )
        assert "Vurder alle kriterier" in error.value.message_dict["outcome"][0]
        with pytest.raises(ValidationError) as error:
            decision_make(
                user=visitator,
                referral=referral,
                outcome=DecisionOutcome.GRANTED,
                decided_on=D(2026, 11, 10),
                answers=DecisionAnswers(
                    motivated=False, can_train_alone=False, judgements=NAESTVED_YES.judgements
                ),
            )
        assert "ikke er opfyldt" in error.value.message_dict["outcome"][0]

    def test_a_decided_referral_cannot_be_decided_again(
        self, naestved, staff, make_citizen, make_referral
    ):
        visitator, _therapist = staff(naestved)
        citizen = make_citizen(visitator)
        referral = make_referral(visitator, citizen, "SEL86-1", D(2026, 11, 2))
        kwargs = dict(
            user=visitator,
            referral=referral,
            outcome=DecisionOutcome.REFUSED,
            decided_on=D(2026, 11, 10),
            refusal_reason="Ikke i målgruppen.",
        )
        decision_make(**kwargs)
        with pytest.raises(ValidationError) as error:
            decision_make(**kwargs)
        assert "allerede afgjort" in str(error.value)

    def test_aeldreloven_is_the_legal_basis_for_a_covered_citizen_from_1_july_2025(
        self, naestved, staff, make_citizen, make_referral
    ):
        visitator, _therapist = staff(naestved)
        covered = make_citizen(visitator, covered_by_aeldreloven=True)
        before = make_referral(visitator, covered, "SEL86-1", D(2025, 6, 16))
        after = make_referral(visitator, covered, "SEL86-1", D(2025, 7, 1))
        early = decision_make(
            user=visitator,
            referral=before,
            outcome=DecisionOutcome.REFUSED,
            decided_on=D(2025, 6, 30),
            refusal_reason="Kan træne selv.",
        )
        late = decision_make(
            user=visitator,
            referral=after,
            outcome=DecisionOutcome.GRANTED,
            decided_on=D(2025, 7, 1),
            answers=NAESTVED_YES,
            granted_weeks=12,
            sessions_per_week=1,
        )
        assert early.legal_basis == "Serviceloven § 86, stk. 1"
        assert late.legal_basis == "Ældreloven § 9 (træning)"
        assert "Ældreloven § 9 (træning)" in pdf_text(late.letter.document)

    def test_audit_entries_for_assessment_decision_letter_and_receipt(
        self, naestved, staff, make_citizen, make_referral
    ):
        visitator, _therapist = staff(naestved)
        citizen = make_citizen(visitator)
        referral = make_referral(visitator, citizen, "SEL86-1", D(2026, 11, 2))
        assessment_record(
            user=visitator,
            citizen=citizen,
            referral=referral,
            phase="visitation",
            assessed_on=D(2026, 11, 5),
            levels={"J3.8": 2, "J1.1": 1},
        )
        decision = decision_make(
            user=visitator,
            referral=referral,
            outcome=DecisionOutcome.GRANTED,
            decided_on=D(2026, 11, 10),
            answers=NAESTVED_YES,
            granted_weeks=12,
            sessions_per_week=2,
        )
        decision_record_receipt(user=visitator, decision=decision, received_on=D(2026, 11, 11))
        entries = AuditEntry.objects.filter(citizen_id=citizen.pk)
        types = {(e.action, e.object_type) for e in entries}
        assert ("create", "assessment") in types
        assert ("create", "decision") in types
        assert ("create", "outboxmessage") in types
        assert ("change", "decision") in types


@pytest.mark.django_db
class TestVardeSel862:
    def test_extent_is_capped_at_20_sessions_and_2_a_week_without_pt_and_ot(
        self, varde, staff, make_citizen, make_referral
    ):
        visitator, _therapist = staff(varde)
        citizen = make_citizen(visitator)
        referral = make_referral(visitator, citizen, "SEL86-2", D(2026, 11, 2))
        basis = decision_basis(referral, on=D(2026, 11, 10), answers=VARDE_YES)
        assert basis.extent.max_sessions == 20
        assert basis.extent.max_sessions_per_week == 2
        assert basis.defaults.sessions == 20
        assert basis.defaults.period_end == D(2027, 2, 10)  # up to 3 months
        with_both = decision_basis(
            referral,
            on=D(2026, 11, 10),
            answers=DecisionAnswers(needs_pt_and_ot=True),
        )
        assert with_both.extent.max_sessions_per_week == 3

    def test_three_a_week_without_pt_and_ot_needs_a_reason_which_is_kept(
        self, varde, staff, make_citizen, make_referral
    ):
        visitator, _therapist = staff(varde)
        citizen = make_citizen(visitator)
        referral = make_referral(visitator, citizen, "SEL86-2", D(2026, 11, 2))
        kwargs = dict(
            user=visitator,
            referral=referral,
            outcome=DecisionOutcome.GRANTED,
            decided_on=D(2026, 11, 10),
            answers=VARDE_YES,
            granted_sessions=20,
            sessions_per_week=3,
        )
        with pytest.raises(ValidationError) as error:
            decision_make(**kwargs)
        message = error.value.message_dict["deviation_reason"][0]
        assert "skriv en begrundelse" in message
        assert "3 gange om ugen er flere end standardens højst 2" in message
        with pytest.raises(ValidationError) as error:
            decision_make(**{**kwargs, "granted_sessions": 24, "sessions_per_week": 2})
        assert "24 gange er flere end standardens højst 20" in str(error.value)
        reason = "Borgeren har brug for intensiv træning efter et fald for at kunne bo hjemme."
        decision = decision_make(**kwargs, deviation_reason=reason)
        assert decision.deviation_reason == reason
        assert decision.sessions_per_week == 3
        assert decision.engine_extent["max_sessions_per_week"] == 2
        assert reason in pdf_text(decision.letter.document)

    def test_three_a_week_is_within_the_standard_when_pt_and_ot_are_both_needed(
        self, varde, staff, make_citizen, make_referral
    ):
        visitator, _therapist = staff(varde)
        citizen = make_citizen(visitator)
        referral = make_referral(visitator, citizen, "SEL86-2", D(2026, 11, 2))
        answers = DecisionAnswers(**{**VARDE_YES.to_dict(), "needs_pt_and_ot": True})
        decision = decision_make(
            user=visitator,
            referral=referral,
            outcome=DecisionOutcome.GRANTED,
            decided_on=D(2026, 11, 10),
            answers=answers,
            granted_sessions=20,
            sessions_per_week=3,
        )
        assert decision.deviation_reason == ""
        # Varde: start within 6 weeks of the grant.
        assert referral.deadlines.get(kind="start").due == D(2026, 12, 22)
        text = pdf_text(decision.letter.document)
        assert "Du sørger selv for transport." in text  # the letter says du
        assert "senest dagen før" in text

    @pytest.mark.parametrize(
        ("ended_on", "status"),
        [
            (D(2026, 1, 15), "met"),  # ten months before the decision
            (D(2025, 11, 11), "met"),  # one day short of a year
            (D(2025, 11, 10), "unmet"),  # a year to the day
            (D(2025, 6, 30), "unmet"),
            (None, "unmet"),  # never had a maintenance course
        ],
    )
    def test_raad_only_within_a_year_of_the_last_sel86_2_course(
        self, varde, staff, make_citizen, make_referral, ended_on, status
    ):
        visitator, _therapist = staff(varde)
        citizen = make_citizen(visitator)
        if ended_on is not None:
            Course.objects.create(
                municipality=varde,
                citizen=citizen,
                service_code="SEL86-2",
                status=CourseStatus.CLOSED,
                ended_on=ended_on,
            )
        referral = make_referral(visitator, citizen, "RAAD", D(2026, 11, 2))
        basis = decision_basis(referral, on=D(2026, 11, 10))
        (criterion,) = [c for c in basis.eligibility.criteria if c.id == "varde:RAAD.recent_course"]
        assert criterion.status == status
        assert basis.eligibility.outcome == ("eligible" if status == "met" else "not_eligible")
        assert basis.extent.max_sessions == 3


@pytest.mark.django_db
class TestSul140Plan:
    def test_plan_letter_without_grant_wording(
        self, fredericia, staff, make_citizen, make_referral
    ):
        visitator, _therapist = staff(fredericia)
        citizen = make_citizen(visitator)
        referral = make_referral(
            visitator,
            citizen,
            "SUL140",
            D(2026, 11, 16),
            source="hospital_gop",
            discharge_on=D(2026, 11, 16),
            referring_unit="Ortopædkirurgisk afdeling, Kolding Sygehus",
        )
        with pytest.raises(ValidationError):
            decision_make(
                user=visitator,
                referral=referral,
                outcome=DecisionOutcome.GRANTED,
                decided_on=D(2026, 11, 17),
            )
        decision = decision_set_plan(
            user=visitator,
            referral=referral,
            level="avanceret",
            plan_text="Gangtræning og styrketræning af hoften, 2 gange om ugen på hold.",
            decided_on=D(2026, 11, 17),
        )
        referral.refresh_from_db()
        assert referral.status == ReferralStatus.PLANNED
        assert referral.gop_level == "avanceret"
        course = Course.objects.get(referral=referral)
        assert course.status == CourseStatus.AWAITING_START
        assert decision.letter.kind == MessageKind.PLAN_LETTER
        text = pdf_text(decision.letter.document)
        assert "Sundhedsloven § 140" in text
        assert "avanceret niveau" in text
        assert "Gangtræning og styrketræning" in text
        assert "23. november 2026" in text  # day 7 after discharge
        assert "Styrelsen for Patientklager" in text
        lowered = text.lower()
        for word in ("bevilg", "afslag", "klagefrist", "ankestyrelsen"):
            assert word not in lowered


@pytest.mark.django_db
class TestOtherServices:
    def test_fredericia_maintenance_training_once_a_year_from_the_last_grant(
        self, fredericia, staff, make_citizen, make_referral
    ):
        visitator, _therapist = staff(fredericia)
        citizen = make_citizen(visitator)
        earlier = make_referral(visitator, citizen, "SEL86-2", D(2026, 3, 2))
        decision_make(
            user=visitator,
            referral=earlier,
            outcome=DecisionOutcome.GRANTED,
            decided_on=D(2026, 3, 9),
            answers=DecisionAnswers(
                motivated=True,
                can_train_alone=False,
                judgements={"SEL86-2.target": True},
            ),
            granted_weeks=12,
            sessions_per_week=1,
        )
        Course.objects.filter(referral=earlier).update(
            status=CourseStatus.CLOSED, ended_on=D(2026, 6, 1)
        )
        again = make_referral(visitator, citizen, "SEL86-2", D(2026, 11, 2))
        basis = decision_basis(again, on=D(2026, 11, 10))
        (limit,) = [c for c in basis.eligibility.criteria if c.id.endswith("once_a_year")]
        assert limit.status == "unmet"
        assert "9. marts 2027" in limit.detail
        assert basis.extent.max_weeks == 12 and basis.extent.max_sessions_per_week == 1

    def test_sul119_needs_the_programme_and_grants_through_the_same_path(
        self, fredericia, staff, make_citizen, make_referral
    ):
        visitator, _therapist = staff(fredericia)
        citizen = make_citizen(visitator)
        referral = make_referral(visitator, citizen, "SUL119", D(2026, 11, 2), source="gp")
        assert decision_basis(referral, on=D(2026, 11, 10)).eligibility.outcome == (
            "needs_assessment"
        )
        decision = decision_make(
            user=visitator,
            referral=referral,
            outcome=DecisionOutcome.GRANTED,
            decided_on=D(2026, 11, 10),
            answers=DecisionAnswers(programme="kol"),
            granted_weeks=8,
            sessions_per_week=2,
        )
        assert decision.legal_basis == "Sundhedsloven § 119"
        text = pdf_text(decision.letter.document)
        assert "Der er egenbetaling for kørsel." in text
        assert "Styrelsen for Patientklager" in text


@pytest.mark.django_db
def test_an_open_course_for_another_service_asks_for_a_judgement_of_the_impairment(
    varde, staff, make_citizen, make_referral
):
    visitator, _therapist = staff(varde)
    citizen = make_citizen(visitator)
    Course.objects.create(
        municipality=varde,
        citizen=citizen,
        service_code="SUL140a",
        status=CourseStatus.ACTIVE,
    )
    referral = make_referral(visitator, citizen, "SEL86-2", D(2026, 11, 2))
    basis = decision_basis(referral, on=D(2026, 11, 10), answers=VARDE_YES)
    statuses = {c.id: c.status for c in basis.eligibility.criteria}
    assert statuses["varde:SEL86-2.no_140a"] == "unknown"
    assert "SEL86-2.no_140a" in {a.key for a in basis.answerable}
    judged = DecisionAnswers(
        **{**VARDE_YES.to_dict(), "judgements": {**VARDE_YES.judgements, "SEL86-2.no_140a": True}}
    )
    basis = decision_basis(referral, on=D(2026, 11, 10), answers=judged)
    assert basis.eligibility.outcome == "eligible"
