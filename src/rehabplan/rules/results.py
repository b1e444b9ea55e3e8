"""Result values returned by the engine; each turns into JSON-ready data with `to_dict()`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from typing import Any

from rehabplan.rules.model import Explanation, Source


def jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [jsonable(item) for item in value]
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    return value


class JsonResult:
    def to_dict(self) -> dict[str, Any]:
        return {f.name: jsonable(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class Deadline(JsonResult):
    kind: str  # contact | decision | start
    due: dt.date | None
    basis: str  # calendar_days | working_days | weeks | gop
    depends_on: str | None  # the missing event, e.g. "decided"
    falls_on_closed_day: bool
    explanation: tuple[Explanation, ...]
    closed_day_reason: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = {
            "kind": self.kind,
            "due": self.due.isoformat() if self.due else None,
            "basis": self.basis,
            "depends_on": self.depends_on,
            "falls_on_closed_day": self.falls_on_closed_day,
            "explanation": [e.to_dict() for e in self.explanation],
        }
        if self.closed_day_reason:
            data["closed_day_reason"] = self.closed_day_reason
        return data


@dataclass(frozen=True)
class DeadlinesResult(JsonResult):
    standard_version: str
    municipality: str
    service: str
    deadlines: tuple[Deadline, ...]
    explanation: tuple[Explanation, ...] = ()

    def by_kind(self, kind: str) -> Deadline | None:
        return next((d for d in self.deadlines if d.kind == kind), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "standard_version": self.standard_version,
            "municipality": self.municipality,
            "service": self.service,
            "deadlines": [d.to_dict() for d in self.deadlines],
            "explanation": [e.to_dict() for e in self.explanation],
        }


STATUS_TEXT = {"met": "Opfyldt.", "unmet": "Ikke opfyldt.", "unknown": "Ukendt."}


@dataclass(frozen=True)
class Criterion(JsonResult):
    id: str
    status: str  # met | unmet | unknown
    text: str
    source: Source
    detail: str = ""

    def explain(self) -> Explanation:
        return Explanation(
            self.id, f"{self.text} {STATUS_TEXT[self.status]} {self.detail}".rstrip(), self.source
        )


@dataclass(frozen=True)
class EligibilityResult(JsonResult):
    outcome: str  # eligible | not_eligible | needs_assessment
    standard_version: str
    service: str
    decision: str  # grant | plan
    criteria: tuple[Criterion, ...]
    notes: tuple[Explanation, ...] = ()

    @property
    def explanation(self) -> tuple[Explanation, ...]:
        """One sentence per criterion (with its status), then general notes."""
        return tuple(c.explain() for c in self.criteria) + self.notes

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "standard_version": self.standard_version,
            "service": self.service,
            "decision": self.decision,
            "criteria": [c.to_dict() for c in self.criteria],
            "explanation": [e.to_dict() for e in self.explanation],
        }


@dataclass(frozen=True)
class LimitCheck(JsonResult):
    status: str  # met | unmet | unknown | not_applicable
    times: int | None
    period: str | None
    last_grant: dt.date | None
    next_possible: dt.date | None
    text: str


@dataclass(frozen=True)
class ExtentTier(JsonResult):
    """A named extent the assessor chooses in the decision (e.g. a short assessment)."""

    name: str
    max_sessions: int | None
    max_weeks: int | None
    max_sessions_per_week: int | None


@dataclass(frozen=True)
class LengthRange(JsonResult):
    """The decision states a length between `minimum` and `maximum` (weeks or sessions)."""

    unit: str  # weeks | sessions
    minimum: int
    maximum: int

    def contains(self, value: int) -> bool:
        return self.minimum <= value <= self.maximum


@dataclass(frozen=True)
class ExtentResult(JsonResult):
    standard_version: str
    service: str
    max_sessions: int | None
    max_weeks: int | None
    max_months: int | None
    typical_weeks: int | None
    min_sessions_per_week: int | None
    max_sessions_per_week: int | None
    session_minutes: int | None
    by_judgement: bool
    counts_toward: tuple[str, ...]
    frequency_limit: LimitCheck
    team_size_min: int | None
    team_size_max: int | None
    usual_modes: tuple[str, ...]
    exception_modes: tuple[str, ...]
    explanation: tuple[Explanation, ...]
    tiers: tuple[ExtentTier, ...] = ()
    tier: str | None = None  # the chosen tier; its limits are the ones above
    length_range: LengthRange | None = None

    def tier_named(self, name: str) -> ExtentTier | None:
        return next((tier for tier in self.tiers if tier.name == name), None)


@dataclass(frozen=True)
class Violation(JsonResult):
    rule_id: str
    severity: str  # block | warn
    text: str
    source: Source


@dataclass(frozen=True)
class PlanCheckResult(JsonResult):
    ok: bool
    standard_version: str
    service: str
    sessions: int
    weeks: int
    violations: tuple[Violation, ...]
    explanation: tuple[Explanation, ...]


@dataclass(frozen=True)
class TransportResult(JsonResult):
    standard_version: str
    service: str
    arrangement: str | None  # free | self_pay | own | individual_assessment_self_pay | None
    reassessed: bool
    text: str
    explanation: tuple[Explanation, ...]


@dataclass(frozen=True)
class ComplaintStep(JsonResult):
    order: int
    body: str
    address: str | None
    deadline: dt.date | None
    weeks: int | None
    depends_on: str | None


@dataclass(frozen=True)
class ComplaintRoute(JsonResult):
    topic: str  # decision | service | health
    steps: tuple[ComplaintStep, ...]
    text: str
    source: Source


@dataclass(frozen=True)
class ComplaintGuidance(JsonResult):
    standard_version: str
    service: str
    routes: tuple[ComplaintRoute, ...]
    explanation: tuple[Explanation, ...]


@dataclass(frozen=True)
class TerminationReason(JsonResult):
    code: str
    label: str


@dataclass(frozen=True)
class TerminationReasons(JsonResult):
    standard_version: str
    service: str
    reasons: tuple[TerminationReason, ...]
    explanation: tuple[Explanation, ...]


@dataclass(frozen=True)
class AttendanceRules(JsonResult):
    standard_version: str
    service: str
    citizen_cancellation: str | None  # day_before | as_soon_as_possible | None
    no_show_limit: int | None
    repeated_absence_ends: bool
    therapist_cancellation_replacement: bool
    sms_reminder_hours: int | None
    sms_on_request: bool
    explanation: tuple[Explanation, ...]


@dataclass(frozen=True)
class ReferralValidity(JsonResult):
    standard_version: str
    service: str
    months: int | None  # None: the standard sets no limit
    valid_until: dt.date | None
    explanation: tuple[Explanation, ...]


@dataclass(frozen=True)
class ProviderChoice(JsonResult):
    """Whether the citizen may choose another provider when the start deadline is missed."""

    standard_version: str
    service: str
    free_choice: str  # never | when_start_deadline_missed
    text: str
    explanation: tuple[Explanation, ...]

    @property
    def applies_when_late(self) -> bool:
        return self.free_choice == "when_start_deadline_missed"


@dataclass(frozen=True)
class LegalBasis(JsonResult):
    standard_version: str
    service: str
    text: str
    law: str  # serviceloven | aeldreloven | sundhedsloven
    depends_on: str | None
    assumption: bool
    explanation: tuple[Explanation, ...]


@dataclass(frozen=True)
class ClosedDay(JsonResult):
    day: dt.date
    reason: str


@dataclass(frozen=True)
class ClosedDays(JsonResult):
    standard_version: str
    days: tuple[ClosedDay, ...]
    explanation: tuple[Explanation, ...]


@dataclass(frozen=True)
class OpeningHours(JsonResult):
    standard_version: str
    service: str
    hours: dict[str, tuple[str, ...]]  # weekday name -> "HH:MM-HH:MM" spans
    any_hour_possible: bool
    explanation: tuple[Explanation, ...]
