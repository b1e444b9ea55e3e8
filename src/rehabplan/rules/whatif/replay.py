"""Replaying history under the standard in force and under a draft, side by side.

For every case the replay asks the engine twice, with the same dates and facts: once with the
registry in force and once with the draft's. It counts deadlines met and missed, caps the sessions
held by the draft's extent, and lists the citizens whose eligibility comes out differently with
the criteria that make the difference. Results of the engine are cached per (standard, service,
date); a case costs two deadline and two eligibility look-ups and no other objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from rehabplan.rules.conditions import UNMET
from rehabplan.rules.deadlines import deadlines
from rehabplan.rules.eligibility import NOT_ELIGIBLE, eligibility
from rehabplan.rules.facts import Facts
from rehabplan.rules.registry import StandardsRegistry
from rehabplan.rules.results import EligibilityResult
from rehabplan.rules.whatif.cases import HistoricCase

KINDS = ("contact", "decision", "start")
CURRENT, DRAFT = "current", "draft"
MET, MISSED = "met", "missed"
# The result lists at most this many citizens; the counts cover all of them.
CHANGED_LIST_LIMIT = 1000


@dataclass(frozen=True)
class Reason:
    """A criterion that makes the difference: the rule, its Danish text and its source."""

    rule_id: str
    text: str
    source: str
    detail: str
    standard: str  # CURRENT or DRAFT: the standard whose rule it is

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule_id": self.rule_id,
            "text": self.text,
            "source": self.source,
            "detail": self.detail,
            "standard": self.standard,
        }


@dataclass(frozen=True)
class ChangedCase:
    case_id: int
    citizen_id: int
    service: str
    assessed_on: dt.date
    current_outcome: str
    draft_outcome: str
    reasons: tuple[Reason, ...]

    @property
    def refused_by_draft(self) -> bool:
        return self.draft_outcome == NOT_ELIGIBLE

    def to_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "citizen_id": self.citizen_id,
            "service": self.service,
            "assessed_on": self.assessed_on.isoformat(),
            "current_outcome": self.current_outcome,
            "draft_outcome": self.draft_outcome,
            "refused_by_draft": self.refused_by_draft,
            "reasons": [reason.to_dict() for reason in self.reasons],
        }


@dataclass
class DeadlineTally:
    """Deadlines of one kind for one service: met and missed under each standard, and how many
    cases changed from one to the other."""

    kind: str
    current_met: int = 0
    current_missed: int = 0
    draft_met: int = 0
    draft_missed: int = 0
    met_to_missed: int = 0
    missed_to_met: int = 0
    in_current: bool = False  # the standard in force sets this deadline for the service
    in_draft: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ServiceTally:
    service: str
    name: str = ""
    cases: int = 0
    deadlines: dict[str, DeadlineTally] = field(
        default_factory=lambda: {kind: DeadlineTally(kind) for kind in KINDS}
    )
    sessions_current: int = 0
    sessions_draft: int = 0
    minutes_current: int = 0
    minutes_draft: int = 0
    capped_cases: int = 0
    refused_by_draft: int = 0
    granted_by_draft: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "name": self.name,
            "cases": self.cases,
            "deadlines": [self.deadlines[kind].to_dict() for kind in KINDS],
            "sessions_current": self.sessions_current,
            "sessions_draft": self.sessions_draft,
            "minutes_current": self.minutes_current,
            "minutes_draft": self.minutes_draft,
            "capped_cases": self.capped_cases,
            "refused_by_draft": self.refused_by_draft,
            "granted_by_draft": self.granted_by_draft,
        }


@dataclass(frozen=True)
class ReplayResult:
    municipality: str
    as_of: dt.date
    cases: int
    current_versions: tuple[str, ...]
    draft_version: str
    services: tuple[ServiceTally, ...]
    changed: tuple[ChangedCase, ...]
    changed_total: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "municipality": self.municipality,
            "as_of": self.as_of.isoformat(),
            "cases": self.cases,
            "current_versions": list(self.current_versions),
            "draft_version": self.draft_version,
            "services": [tally.to_dict() for tally in self.services],
            "changed": [case.to_dict() for case in self.changed],
            "changed_total": self.changed_total,
        }


def _status(due: dt.date | None, done: dt.date | None, as_of: dt.date) -> str | None:
    """Met, missed, or None when the deadline does not apply or is still running."""
    if due is None:
        return None
    if done is not None:
        return MET if done <= due else MISSED
    return MISSED if due < as_of else None


class _Side:
    """One standard's answers, cached per (service, date) and per rule of the extent."""

    def __init__(self, registry: StandardsRegistry, municipality: str) -> None:
        self.registry = registry
        self.municipality = municipality
        self._caps: dict[tuple[str, dt.date], int | None] = {}
        self._signatures: dict[tuple[str, dt.date, tuple[str, ...]], tuple] = {}
        self.versions: set[str] = set()
        self._criteria: dict[tuple[str, dt.date], frozenset[str]] = {}

    def signature(self, service: str, on: dt.date, rule_types: tuple[str, ...]) -> tuple:
        """What the rules of `rule_types` for `service` on `on` say, comparable across standards:
        equal signatures give equal answers for the same case, so the engine is asked once."""
        key = (service, on, rule_types)
        found = self._signatures.get(key)
        if found is None:
            resolved = self.registry.resolve(self.municipality, on)
            found = tuple(
                (rule.qualified_id, rule.type, repr(sorted(rule.params.items())), rule.text)
                for rule_type in rule_types
                for rule in resolved.rules_for(service, rule_type)
            )
            self._signatures[key] = found
        return found

    def due_dates(self, case: HistoricCase) -> dict[str, dt.date | None]:
        result = deadlines(
            self.registry,
            self.municipality,
            case.service,
            discharge=case.discharge,
            received=case.received,
            granted=case.granted,
            decided=case.decided,
            gop_start=case.gop_start,
            on=case.standard_date,
        )
        self.versions.add(result.standard_version)
        return {deadline.kind: deadline.due for deadline in result.deadlines}

    def eligibility(self, case: HistoricCase) -> EligibilityResult:
        return eligibility(
            self.registry,
            self.municipality,
            case.service,
            on=case.assessed_on,
            facts=self._answerable(case),
        )

    def _answerable(self, case: HistoricCase) -> Facts:
        """The case's facts with only the judgements this standard asks for the service.

        A judgement recorded under the standard in force may name a criterion the draft drops
        (or the other way round); the engine refuses unknown keys, so an answer to a question
        this standard does not ask is left out, and a question nobody answered stays open.
        """
        answers = case.facts.assessments
        if not answers:
            return case.facts
        key = (case.service, case.assessed_on)
        asked = self._criteria.get(key)
        if asked is None:
            resolved = self.registry.resolve(self.municipality, case.assessed_on)
            rules = resolved.rules_for(case.service, "criterion")
            asked = frozenset(r.id for r in rules) | frozenset(r.qualified_id for r in rules)
            self._criteria[key] = asked
        kept = {name: value for name, value in answers.items() if name in asked}
        if len(kept) == len(answers):
            return case.facts
        return replace(case.facts, assessments=kept)

    def max_sessions(self, service: str, on: dt.date) -> int | None:
        key = (service, on)
        if key not in self._caps:
            rule = self.registry.resolve(self.municipality, on).one(service, "extent")
            self._caps[key] = rule.params.get("max_sessions") if rule is not None else None
        return self._caps[key]

    def service_name(self, service: str, on: dt.date) -> str:
        return self.registry.resolve(self.municipality, on).service(service).name


class Replay:
    """Accumulates cases batch by batch, so a caller never holds the whole history at once."""

    def __init__(
        self,
        current: StandardsRegistry,
        draft: StandardsRegistry,
        municipality: str,
        *,
        as_of: dt.date,
        draft_version: str = "",
    ) -> None:
        self._current = _Side(current, municipality)
        self._draft = _Side(draft, municipality)
        self.municipality = municipality
        self.as_of = as_of
        self.draft_version = draft_version
        self.cases = 0
        self._services: dict[str, ServiceTally] = {}
        self._changed: list[ChangedCase] = []
        self._changed_total = 0

    def add(self, cases: Iterable[HistoricCase]) -> int:
        """Replay `cases`; returns how many were added."""
        added = 0
        for case in cases:
            self._add(case)
            added += 1
        self.cases += added
        return added

    def _add(self, case: HistoricCase) -> None:
        tally = self._tally(case)
        tally.cases += 1
        self._count_deadlines(case, tally)
        before, after = self._eligibility_change(case)
        refused, granted = _turned(before, after)
        self._count_sessions(case, tally, refused)
        if before is not None and after is not None and (refused or granted):
            if refused:
                tally.refused_by_draft += 1
            else:
                tally.granted_by_draft += 1
            self._changed_total += 1
            if len(self._changed) < CHANGED_LIST_LIMIT:
                self._changed.append(_changed(case, before, after, refused))

    def _tally(self, case: HistoricCase) -> ServiceTally:
        tally = self._services.get(case.service)
        if tally is None:
            name = self._draft.service_name(case.service, case.standard_date)
            tally = self._services[case.service] = ServiceTally(case.service, name)
        return tally

    def _count_deadlines(self, case: HistoricCase, tally: ServiceTally) -> None:
        """Each deadline met or missed under the current standard and under the draft."""
        current, draft = self._current, self._draft
        current_due = current.due_dates(case)
        on = case.standard_date
        if current.signature(case.service, on, _DEADLINE_RULES) == draft.signature(
            case.service, on, _DEADLINE_RULES
        ):
            draft_due = current_due
        else:
            draft_due = draft.due_dates(case)
        done = {"contact": case.contacted, "decision": case.decided, "start": case.started}
        for kind in KINDS:
            counts = tally.deadlines[kind]
            counts.in_current = counts.in_current or kind in current_due
            counts.in_draft = counts.in_draft or kind in draft_due
            before = _status(current_due.get(kind), done[kind], self.as_of)
            after = _status(draft_due.get(kind), done[kind], self.as_of)
            _count_statuses(counts, before, after)

    def _eligibility_change(
        self, case: HistoricCase
    ) -> tuple[EligibilityResult | None, EligibilityResult | None]:
        """The case judged by both standards; (None, None) when their criteria are the same."""
        current, draft = self._current, self._draft
        assessed_on = case.assessed_on
        if current.signature(case.service, assessed_on, _CRITERIA_RULES) == draft.signature(
            case.service, assessed_on, _CRITERIA_RULES
        ):
            return None, None
        return current.eligibility(case), draft.eligibility(case)

    def _count_sessions(self, case: HistoricCase, tally: ServiceTally, refused: bool) -> None:
        """Sessions and therapist minutes held, and what the draft would have allowed."""
        held = case.sessions_held
        sessions = held
        if refused:
            sessions = 0
        else:
            cap = self._draft.max_sessions(case.service, case.standard_date)
            if cap is not None and held > cap:
                sessions = cap
                tally.capped_cases += 1
        tally.sessions_current += held
        tally.sessions_draft += sessions
        tally.minutes_current += case.therapist_minutes
        if sessions == held:
            tally.minutes_draft += case.therapist_minutes
        elif held:
            tally.minutes_draft += round(case.therapist_minutes * sessions / held)

    def result(self) -> ReplayResult:
        order = {code: index for index, code in enumerate(_SERVICE_ORDER)}
        services = sorted(self._services.values(), key=lambda t: order.get(t.service, 99))
        return ReplayResult(
            municipality=self.municipality,
            as_of=self.as_of,
            cases=self.cases,
            current_versions=tuple(sorted(self._current.versions)),
            draft_version=self.draft_version,
            services=tuple(services),
            changed=tuple(self._changed),
            changed_total=self._changed_total,
        )


_DEADLINE_RULES = ("deadline", "closed_days", "provider")
_CRITERIA_RULES = ("criterion", "frequency_limit")
_SERVICE_ORDER = ("SUL140", "SEL86-1", "SEL86-2", "RAAD", "SUL119", "SUL140a")


def _changed(
    case: HistoricCase, current: EligibilityResult, draft: EligibilityResult, refused: bool
) -> ChangedCase:
    # Refused by the draft: the draft's unmet criteria. Granted by the draft: the criteria that
    # refused the citizen under the standard in force and no longer do.
    if refused:
        deciding, side = draft, DRAFT
        other_unmet = {c.id for c in current.criteria if c.status == UNMET}
    else:
        deciding, side = current, CURRENT
        other_unmet = {c.id for c in draft.criteria if c.status == UNMET}
    reasons = tuple(
        Reason(c.id, c.text, c.source.cite(), c.detail, side)
        for c in deciding.criteria
        if c.status == UNMET and c.id not in other_unmet
    )
    return ChangedCase(
        case.case_id,
        case.citizen_id,
        case.service,
        case.assessed_on,
        current.outcome,
        draft.outcome,
        reasons,
    )


def replay(
    current: StandardsRegistry,
    draft: StandardsRegistry,
    municipality: str,
    cases: Iterable[HistoricCase],
    *,
    as_of: dt.date,
    draft_version: str = "",
) -> ReplayResult:
    """Replay every case under both standards (see `Replay` for batches)."""
    run = Replay(current, draft, municipality, as_of=as_of, draft_version=draft_version)
    run.add(cases)
    return run.result()


def _count_statuses(counts: DeadlineTally, before: str | None, after: str | None) -> None:
    """One deadline's status under the current standard (before) and the draft (after)."""
    if before == MET:
        counts.current_met += 1
    elif before == MISSED:
        counts.current_missed += 1
    if after == MET:
        counts.draft_met += 1
    elif after == MISSED:
        counts.draft_missed += 1
    if before == MET and after == MISSED:
        counts.met_to_missed += 1
    elif before == MISSED and after == MET:
        counts.missed_to_met += 1


def _turned(before: EligibilityResult | None, after: EligibilityResult | None) -> tuple[bool, bool]:
    """(refused by the draft, granted by the draft): the eligibility turned either way."""
    if before is None or after is None:
        return False, False
    refused = after.outcome == NOT_ELIGIBLE and before.outcome != NOT_ELIGIBLE
    granted = before.outcome == NOT_ELIGIBLE and after.outcome != NOT_ELIGIBLE
    return refused, granted
