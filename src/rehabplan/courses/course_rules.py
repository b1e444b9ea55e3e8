"""The municipality's standard as it applies to one course: extent, attendance and ending rules.

Every number comes from the rules engine; this module only chooses the date and the facts the
engine is asked with, so screens, services and the command line ask the same question.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from rehabplan import rules
from rehabplan.courses.models import Course, Decision, DecisionOutcome
from rehabplan.formats.text import day_text
from rehabplan.organisation.standards import installation_registry


def standard_date(course: Course) -> datetime.date:
    """The day whose standard version governs the course: the event that started the clock."""
    return course.standard_date


def latest_decision(course: Course) -> Decision | None:
    if course.referral_id is None:
        return None
    return (
        Decision.objects.filter(referral_id=course.referral_id)
        .exclude(outcome=DecisionOutcome.REFUSED)
        .order_by("-decided_on", "-id")
        .first()
    )


def engine_extent(course: Course, *, facts: dict[str, Any] | None = None) -> rules.ExtentResult:
    return rules.extent(
        installation_registry(),
        course.municipality.slug,
        course.service_code,
        on=standard_date(course),
        facts=facts,
    )


@dataclass(frozen=True)
class GrantedExtent:
    """What the course may use: the decision's grant where there is one, else the standard."""

    max_sessions: int | None
    max_weeks: int | None
    sessions_per_week: int | None
    period_end: datetime.date | None
    from_decision: bool
    text: str


# `granted_extent` reads the latest decision itself unless the caller has read it already.
_NOT_READ: Any = object()


def granted_extent(course: Course, *, decision: Decision | None = _NOT_READ) -> GrantedExtent:
    """The grant of the course's latest decision (`decision`, when a list has read it for every
    course at once), else the extent the standard sets."""
    if decision is _NOT_READ:
        decision = latest_decision(course)
    if decision is not None and (decision.granted_sessions or decision.granted_weeks):
        return GrantedExtent(
            decision.granted_sessions,
            decision.granted_weeks,
            decision.sessions_per_week,
            decision.period_end,
            True,
            _granted_text(decision),
        )
    scope = engine_extent(course)
    return GrantedExtent(
        scope.max_sessions,
        scope.max_weeks,
        scope.max_sessions_per_week,
        None,
        False,
        _standard_text(scope),
    )


def _granted_text(decision: Decision) -> str:
    parts = []
    if decision.granted_sessions:
        parts.append(f"{decision.granted_sessions} gange")
    if decision.granted_weeks:
        parts.append(f"{decision.granted_weeks} uger")
    if decision.sessions_per_week:
        parts.append(f"{decision.sessions_per_week} gange om ugen")
    if decision.period_end:
        parts.append(f"til og med {day_text(decision.period_end)}")
    return "Bevilget: " + ", ".join(parts) + "."


def _standard_text(scope: rules.ExtentResult) -> str:
    parts = []
    if scope.max_sessions:
        parts.append(f"højst {scope.max_sessions} gange")
    if scope.max_weeks:
        parts.append(f"højst {scope.max_weeks} uger")
    if scope.max_months:
        parts.append(f"højst {scope.max_months} måneder")
    if scope.typical_weeks:
        parts.append(f"typisk {scope.typical_weeks} uger")
    if scope.max_sessions_per_week:
        parts.append(f"højst {scope.max_sessions_per_week} gange om ugen")
    if not parts:
        return "Standarden fastsætter intet omfang; det fastsættes efter en faglig vurdering."
    return "Efter standarden: " + ", ".join(parts) + "."


def attendance_rules(course: Course) -> rules.AttendanceRules:
    return rules.attendance_rules(
        installation_registry(),
        course.municipality.slug,
        course.service_code,
        on=standard_date(course),
    )


def termination_reasons(course: Course) -> rules.TerminationReasons:
    return rules.termination_reasons(
        installation_registry(),
        course.municipality.slug,
        course.service_code,
        on=standard_date(course),
    )


def termination_label(course: Course, code: str) -> str:
    for reason in termination_reasons(course).reasons:
        if reason.code == code:
            return reason.label
    return code
