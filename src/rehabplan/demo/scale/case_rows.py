"""The cases' rows: referrals, their deadlines, decisions and courses.

What the services would store from the rules engine is asked of the engine here too: every
referral's deadlines with their explanation, and each decision's eligibility, extent, legal
basis, transport and complaint guidance. Apart from the deadlines, the engine's answer depends
only on the service and the day, so it is asked once per service and day and reused.
"""

from __future__ import annotations

import random
from typing import Any

from rehabplan import rules
from rehabplan.courses.models import (
    Course,
    Decision,
    DecisionOutcome,
    DeliveryType,
    GopLevel,
    PlanType,
    Referral,
    ReferralStatus,
    StoredDeadline,
)
from rehabplan.demo.scale.cases import CasePlan
from rehabplan.demo.scale.clock import local_moment
from rehabplan.demo.scale.copy_writer import TableWriter
from rehabplan.demo.scale.engine import Engine
from rehabplan.demo.scale.sizes import Period

DIAGNOSES = (
    ("Hoftebrud, opereret", "DS720"),
    ("Knæalloplastik", "DZ966"),
    ("Hoftealloplastik", "DZ966"),
    ("Apopleksi", "DI639"),
    ("Lungebetændelse, svækket almen tilstand", "DJ189"),
    ("Skulderfraktur", "DS422"),
    ("Ryglidelse, opereret", "DM511"),
    ("Håndledsbrud", "DS525"),
)
HOSPITAL_UNITS = (
    "Ortopædkirurgisk afdeling, Demo Sygehus",
    "Medicinsk afdeling, Demo Sygehus",
    "Neurologisk afdeling, Regionshospitalet",
    "Geriatrisk afdeling, Regionshospitalet",
)
APPLICATION_DIAGNOSES = (
    "Svækket efter sygdom i eget hjem",
    "Faldtendens og nedsat gangfunktion",
    "Nedsat funktionsevne efter indlæggelse",
    "Artrose i knæ, smerter ved gang",
    "Parkinsons sygdom, behov for vedligeholdelse",
)
PLAN_TEXT = "Træning af gang, balance og styrke med fokus på hverdagens aktiviteter."
REFUSAL_TEXT = "Du kan nå dit mål ved at træne på egen hånd eller i et tilbud i andet regi."
GOP_SENDER_EAN = "5790000000005"


REFERRAL_FIELDS = [
    "id",
    "municipality",
    "citizen",
    "service_code",
    "source",
    "status",
    "received_on",
    "discharge_on",
    "plan_type",
    "gop_level",
    "diagnosis_text",
    "referring_unit",
    "gop_letter_identifier",
    "gop_sender_ean",
    "episode_of_care_identifier",
    "gop_content",
    "first_contact_offered_on",
    "first_training_offered_on",
    "postponed_by_citizen",
    "postponement_note",
    "free_choice",
    "decided_on",
    "decision_received_on",
    "created_at",
]
DEADLINE_FIELDS = [
    "referral",
    "kind",
    "due",
    "basis",
    "depends_on",
    "falls_on_closed_day",
    "met_on",
    "explanation",
    "standard_version",
    "computed_at",
]
DECISION_FIELDS = [
    "referral",
    "outcome",
    "decided_on",
    "decided_by",
    "standard_version",
    "legal_basis",
    "service_name",
    "eligibility",
    "engine_extent",
    "level",
    "extent_tier",
    "granted_sessions",
    "granted_weeks",
    "sessions_per_week",
    "period_start",
    "period_end",
    "deviation_reason",
    "refusal_reason",
    "plan_text",
    "transport",
    "complaint_guidance",
    "letter_received_on",
    "complaint_deadline",
    "created_at",
]
COURSE_FIELDS = [
    "id",
    "municipality",
    "citizen",
    "referral",
    "service_code",
    "status",
    "delivery_type",
    "level",
    "therapist",
    "team_class",
    "start_on",
    "planned_end_on",
    "ended_on",
    "end_reason",
    "end_reason_note",
    "standard_version",
    "plan_text",
    "blocked_weekdays",
    "intake_on",
    "ending_proposed_reason",
    "closing_talk_on",
    "self_training_programme",
    "continue_training_at",
    "equipment_returned",
    "created_at",
]


class CaseRows:
    """Writers for the four tables of the cases."""

    def __init__(self, referrals: TableWriter, courses: TableWriter) -> None:
        self.referrals = referrals
        self.courses = courses
        self.deadlines = TableWriter(StoredDeadline, DEADLINE_FIELDS)
        self.decisions = TableWriter(Decision, DECISION_FIELDS)

    def close(self) -> dict[str, int]:
        return {
            "referrals": self.referrals.close(),
            "deadlines": self.deadlines.close(),
            "decisions": self.decisions.close(),
            "courses": self.courses.close(),
        }


def referral_writer() -> TableWriter:
    return TableWriter(Referral, REFERRAL_FIELDS)


def course_writer() -> TableWriter:
    return TableWriter(Course, COURSE_FIELDS)


def write_case(
    *,
    rng: random.Random,
    rows: CaseRows,
    engine: Engine,
    case: CasePlan,
    municipality_id: int,
    visitator_ids: list[int],
    period: Period,
) -> str:
    """Write one case's referral, deadlines, decision and course; returns the standard
    version its deadlines follow."""
    level = rng.choice(GopLevel.values) if case.is_gop and case.decided else ""
    _write_referral(rng, rows, case, municipality_id, level)
    version = _write_deadlines(rows, engine, case, period)
    if case.decided is None:
        return version
    decision = engine.decision(case.mix.code, case.decided, case.refused)
    _write_decision(rng, rows, engine, case, decision, visitator_ids, level)
    if case.course_id is not None:
        _write_course(rng, rows, engine, case, municipality_id, level, version)
    return version


def _write_referral(
    rng: random.Random, rows: CaseRows, case: CasePlan, municipality_id: int, level: str
) -> None:
    if case.is_gop:
        text, code = rng.choice(DIAGNOSES)
        diagnosis = f"{text} ({code})"
        unit = rng.choice(HOSPITAL_UNITS)
        letter = f"SCALE-GOP-{case.referral_id:07d}"
        episode = f"SCALE-EPISODE-{case.referral_id:07d}"
        plan_type = PlanType.GENERAL if rng.random() < 0.85 else PlanType.SPECIALISED
    else:
        diagnosis, unit, letter, episode, plan_type = (
            rng.choice(APPLICATION_DIAGNOSES),
            "",
            "",
            "",
            "",
        )
    rows.referrals.add(
        (
            case.referral_id,
            municipality_id,
            case.citizen.citizen_id,
            case.mix.code,
            case.source,
            case.status,
            case.received,
            case.discharge,
            plan_type,
            level,
            diagnosis,
            unit,
            letter,
            GOP_SENDER_EAN if case.is_gop else "",
            episode,
            {},
            case.contacted,
            case.start,
            False,
            "",
            "",
            case.decided,
            case.letter_received,
            local_moment(case.received, rng.randint(8 * 60, 15 * 60)),
        )
    )


def _write_deadlines(rows: CaseRows, engine: Engine, case: CasePlan, period: Period) -> str:
    granted = case.decided if case.status == ReferralStatus.GRANTED else None
    computed = rules.deadlines(
        engine.registry,
        engine.slug,
        case.mix.code,
        discharge=case.discharge,
        received=case.received,
        granted=granted,
        decided=case.decided,
    )
    started = case.start if case.start and case.start <= period.today else None
    met = {"contact": case.contacted, "decision": case.decided, "start": started}
    computed_at = local_moment(case.decided or case.received, 16 * 60)
    for deadline in computed.deadlines:
        rows.deadlines.add(
            (
                case.referral_id,
                deadline.kind,
                deadline.due,
                deadline.basis or "",
                deadline.depends_on or "",
                deadline.falls_on_closed_day,
                met.get(deadline.kind),
                [item.to_dict() for item in deadline.explanation],
                computed.standard_version,
                computed_at,
            )
        )
    return computed.standard_version


def _write_decision(
    rng: random.Random,
    rows: CaseRows,
    engine: Engine,
    case: CasePlan,
    decision: dict[str, Any],
    visitator_ids: list[int],
    level: str,
) -> None:
    if case.is_gop or case.status == ReferralStatus.PLANNED:
        outcome = DecisionOutcome.PLAN
    else:
        outcome = DecisionOutcome.REFUSED if case.refused else DecisionOutcome.GRANTED
    terms = _granted_terms(case, decision) if outcome == DecisionOutcome.GRANTED else (None,) * 5
    guidance, complaint_deadline = engine.complaint(
        case.mix.code, case.decided, case.letter_received
    )
    rows.decisions.add(
        (
            case.referral_id,
            outcome,
            case.decided,
            rng.choice(visitator_ids),
            decision["standard_version"],
            decision["legal_basis"],
            decision["service_name"],
            decision["eligibility"],
            decision["engine_extent"],
            level,
            decision["tier"] if outcome == DecisionOutcome.GRANTED else "",
            *terms,
            "",
            REFUSAL_TEXT if case.refused else "",
            PLAN_TEXT if outcome == DecisionOutcome.PLAN else "",
            decision["transport"],
            guidance,
            case.letter_received,
            complaint_deadline,
            local_moment(case.decided, rng.randint(9 * 60, 15 * 60)),
        )
    )


def _granted_terms(case: CasePlan, decision: dict[str, Any]) -> tuple[Any, ...]:
    """The grant as the decision screen proposes it from the standard's extent (the course
    was planned inside it)."""
    defaults = decision["defaults"]
    return (
        defaults.sessions,
        defaults.weeks,
        defaults.sessions_per_week,
        defaults.period_start,
        defaults.period_end,
    )


def _write_course(
    rng: random.Random,
    rows: CaseRows,
    engine: Engine,
    case: CasePlan,
    municipality_id: int,
    level: str,
    version: str,
) -> None:
    closed = case.course_status == "closed"
    started = case.course_status in ("active", "closed")
    end_reason = ""
    if closed:
        reasons = engine.end_reasons(case.mix.code, case.discharge or case.received)
        end_reason = _end_reason(rng, reasons)
    team = case.team
    delivery = ""
    if case.start is not None:
        delivery = DeliveryType.TEAM if team else DeliveryType.INDIVIDUAL
    rows.courses.add(
        (
            case.course_id,
            municipality_id,
            case.citizen.citizen_id,
            case.referral_id,
            case.mix.code,
            case.course_status,
            delivery,
            team.level if team else level,
            case.therapist.therapist_id if case.therapist else None,
            team.class_id if team else None,
            case.start,
            case.last_day,
            case.last_day if closed else None,
            end_reason,
            "",
            version,
            PLAN_TEXT if case.is_gop else "",
            [],
            case.start if started else None,
            "",
            case.last_day if closed else None,
            "",
            "",
            None,
            local_moment(case.decided, 16 * 60),
        )
    )


def _end_reason(rng: random.Random, reasons: list[str]) -> str:
    """Most courses end with their goals reached (the standard's first reason)."""
    if not reasons:
        return ""
    return reasons[0] if rng.random() < 0.8 or len(reasons) == 1 else rng.choice(reasons[1:])
