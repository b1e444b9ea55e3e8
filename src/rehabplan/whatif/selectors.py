"""Reads for what-if: the municipality's history as replay cases, and runs for the screens."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rehabplan.citizens.models import Citizen
from rehabplan.courses.models import (
    AssessmentItem,
    Attendance,
    AttendanceStatus,
    Course,
    Decision,
    DecisionOutcome,
    Referral,
    ReferralStatus,
    SessionStatus,
    StoredDeadline,
)
from rehabplan.courses.standard_services import service_name
from rehabplan.rules import FactsError, parse_facts
from rehabplan.rules.whatif import HistoricCase
from rehabplan.whatif.models import WhatIfRun

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.organisation.models import Municipality

BATCH_SIZE = 1000
# A replaced referral lives on in its replacement; a withdrawn one or one sent to another
# municipality was never this municipality's case to meet deadlines for.
LEFT_OUT = (ReferralStatus.REPLACED, ReferralStatus.WITHDRAWN, ReferralStatus.OTHER_MUNICIPALITY)
ANSWER_FACTS = ("motivated", "can_train_alone", "needs_pt_and_ot", "programme")


def _referrals(
    municipality: Municipality, since: datetime.date, until: datetime.date
) -> QuerySet[Referral]:
    return (
        Referral.objects.of_municipality(municipality)
        .filter(received_on__gte=since, received_on__lte=until)
        .exclude(status__in=LEFT_OUT)
    )


def history_size(*, municipality: Municipality, since: datetime.date, until: datetime.date) -> int:
    """How many referrals and applications the replay covers."""
    return _referrals(municipality, since, until).count()


def historic_cases(
    *,
    municipality: Municipality,
    since: datetime.date,
    until: datetime.date,
    batch_size: int = BATCH_SIZE,
) -> Iterator[list[HistoricCase]]:
    """The referrals received from `since` to `until`, as replay cases, `batch_size` at a time.

    Each batch reads its own courses, decisions, attendance and assessments, so no more than one
    batch of records is held at once.
    """
    last_id = 0
    fields = (
        "id",
        "citizen_id",
        "service_code",
        "received_on",
        "discharge_on",
        "gop_start_on",
        "decided_on",
        "first_contact_offered_on",
        "first_training_offered_on",
    )
    while True:
        rows = list(
            _referrals(municipality, since, until)
            .filter(id__gt=last_id)
            .order_by("id")
            .values(*fields)[:batch_size]
        )
        if not rows:
            return
        last_id = rows[-1]["id"]
        yield _cases(municipality, rows, until)


def _cases(
    municipality: Municipality, rows: list[dict[str, Any]], until: datetime.date
) -> list[HistoricCase]:
    referral_ids = [row["id"] for row in rows]
    citizen_ids = {row["citizen_id"] for row in rows}
    met: dict[tuple[int, str], datetime.date] = {
        (referral_id, kind): met_on
        for referral_id, kind, met_on in StoredDeadline.objects.of_municipality(municipality)
        .filter(referral_id__in=referral_ids, met_on__isnull=False)
        .values_list("referral_id", "kind", "met_on")
    }
    courses = {
        row["referral_id"]: row
        for row in Course.objects.of_municipality(municipality)
        .filter(referral_id__in=referral_ids)
        .values("id", "referral_id", "start_on", "ended_on")
    }
    held: dict[int, int] = defaultdict(int)
    minutes: dict[int, float] = defaultdict(float)
    # A team session's therapist time is shared by the citizens booked on it.
    for course_id, duration, seats in (
        Attendance.objects.of_municipality(municipality)
        .filter(
            course_id__in=[course["id"] for course in courses.values()],
            status=AttendanceStatus.ATTENDED,
            session__status=SessionStatus.HELD,
        )
        .annotate(seats=Count("session__attendances"))
        .values_list("course_id", "session__duration_minutes", "seats")
    ):
        held[course_id] += 1
        minutes[course_id] += duration / max(seats, 1)
    decisions: dict[int, dict[str, Any]] = {}
    for decision in (
        Decision.objects.of_municipality(municipality)
        .filter(referral_id__in=referral_ids)
        .order_by("decided_on", "id")
        .values("referral_id", "outcome", "decided_on", "eligibility")
    ):
        decisions[decision["referral_id"]] = decision  # the latest wins
    history = _citizen_history(municipality, citizen_ids)
    cases = []
    for row in rows:
        referral_id = row["id"]
        course = courses.get(referral_id)
        decision = decisions.get(referral_id)
        course_id = course["id"] if course else None
        started = met.get((referral_id, "start")) or row["first_training_offered_on"]
        if started is None and course and course["start_on"] and course["start_on"] <= until:
            started = course["start_on"]
        decided = row["decided_on"] or (decision["decided_on"] if decision else None)
        granted = decided if decision and decision["outcome"] == DecisionOutcome.GRANTED else None
        assessed_on = decided or row["received_on"]
        cases.append(
            HistoricCase(
                case_id=referral_id,
                citizen_id=row["citizen_id"],
                service=row["service_code"],
                received=row["received_on"],
                discharge=row["discharge_on"],
                gop_start=row["gop_start_on"],
                decided=decided,
                granted=granted,
                contacted=met.get((referral_id, "contact")) or row["first_contact_offered_on"],
                started=started,
                ended=course["ended_on"] if course else None,
                sessions_held=held.get(course_id, 0),
                therapist_minutes=round(minutes.get(course_id, 0)),
                facts=_facts(row, decision, history, assessed_on),
            )
        )
    return cases


class _CitizenHistory:
    """What the batch's citizens had before: grants, closed courses, open services, FSIII."""

    def __init__(self) -> None:
        self.citizens: dict[int, dict[str, Any]] = {}
        self.grants: dict[int, list[tuple[str, datetime.date, int]]] = defaultdict(list)
        self.courses: dict[
            int, list[tuple[str, datetime.date | None, datetime.date | None, int | None]]
        ] = defaultdict(list)
        # citizen -> [(assessed_on, {code: level})], oldest first
        self.assessments: dict[int, list[tuple[datetime.date, dict[str, int]]]] = defaultdict(list)


def _citizen_history(municipality: Municipality, citizen_ids: set[int]) -> _CitizenHistory:
    history = _CitizenHistory()
    for citizen in (
        Citizen.objects.of_municipality(municipality)
        .filter(pk__in=citizen_ids)
        .values("id", "birth_date", "covered_by_aeldreloven")
    ):
        history.citizens[citizen["id"]] = citizen
    for citizen_id, service, decided_on, referral_id in (
        Decision.objects.of_municipality(municipality)
        .filter(referral__citizen_id__in=citizen_ids, outcome=DecisionOutcome.GRANTED)
        .values_list("referral__citizen_id", "referral__service_code", "decided_on", "referral_id")
    ):
        history.grants[citizen_id].append((service, decided_on, referral_id))
    for citizen_id, service, start_on, ended_on, referral_id in (
        Course.objects.of_municipality(municipality)
        .filter(citizen_id__in=citizen_ids)
        .values_list("citizen_id", "service_code", "start_on", "ended_on", "referral_id")
    ):
        history.courses[citizen_id].append((service, start_on, ended_on, referral_id))
    grouped: dict[tuple[int, datetime.date, int], dict[str, int]] = defaultdict(dict)
    for citizen_id, assessed_on, assessment_id, code, level in (
        AssessmentItem.objects.of_municipality(municipality)
        .filter(assessment__citizen_id__in=citizen_ids)
        .values_list(
            "assessment__citizen_id", "assessment__assessed_on", "assessment_id", "code", "level"
        )
    ):
        grouped[(citizen_id, assessed_on, assessment_id)][code] = level
    for (citizen_id, assessed_on, _assessment_id), levels in sorted(grouped.items()):
        history.assessments[citizen_id].append((assessed_on, levels))
    return history


def _facts(
    row: dict[str, Any],
    decision: dict[str, Any] | None,
    history: _CitizenHistory,
    on: datetime.date,
) -> Any:
    """The facts the engine was (or would have been) asked with on the decision day."""
    citizen_id, referral_id = row["citizen_id"], row["id"]
    citizen = history.citizens.get(citizen_id, {})
    last_end, others = _course_history(history, citizen_id, referral_id, on)
    facts: dict[str, Any] = {
        "birth_date": citizen.get("birth_date"),
        "covered_by_aeldreloven": citizen.get("covered_by_aeldreloven"),
        "last_grant": _last_grants(history, citizen_id, referral_id, on),
        "last_course_end": last_end,
        "other_services": [{"service": code, "impairment": None} for code in sorted(others)],
    }
    facts.update(_answered_facts(decision))
    levels = _fsiii_levels_on(history, citizen_id, on)
    if levels:
        facts["fsiii"] = levels
    if row["service_code"] == "SUL140":
        facts["has_gop"] = True
    try:
        return parse_facts(facts)
    except FactsError:
        # A fact recorded before a code list changed: replay on what is still valid.
        return parse_facts({key: facts[key] for key in ("birth_date", "covered_by_aeldreloven")})


def _last_grants(
    history: _CitizenHistory, citizen_id: int, referral_id: int, on: datetime.date
) -> dict[str, datetime.date]:
    """Per service, the citizen's latest grant on another referral up to the day."""
    last_grant: dict[str, datetime.date] = {}
    for service, decided_on, other in history.grants.get(citizen_id, ()):
        if other != referral_id and decided_on <= on:
            last_grant[service] = max(decided_on, last_grant.get(service, decided_on))
    return last_grant


def _course_history(
    history: _CitizenHistory, citizen_id: int, referral_id: int, on: datetime.date
) -> tuple[dict[str, datetime.date], set[str]]:
    """Per service, the end of the citizen's latest other course, and the services of other
    courses running on the day."""
    last_end: dict[str, datetime.date] = {}
    others: set[str] = set()
    for service, start_on, ended_on, other in history.courses.get(citizen_id, ()):
        if other == referral_id:
            continue
        if ended_on is not None and ended_on <= on:
            last_end[service] = max(ended_on, last_end.get(service, ended_on))
        elif start_on is not None and start_on <= on:
            others.add(service)
    return last_end, others


def _answered_facts(decision: dict[str, Any] | None) -> dict[str, Any]:
    """The visitator's answers stored with the decision, as facts."""
    answers = (decision or {}).get("eligibility", {}).get("answers") or {}
    facts = {
        name: answers[name]
        for name in ANSWER_FACTS
        if answers.get(name) not in (None, "")  # "" is a question left unanswered
    }
    if answers.get("judgements"):
        facts["assessments"] = answers["judgements"]
    return facts


def _fsiii_levels_on(
    history: _CitizenHistory, citizen_id: int, on: datetime.date
) -> dict[str, Any] | None:
    """The citizen's latest FSIII levels assessed up to the day."""
    levels = None
    for assessed_on, found in history.assessments.get(citizen_id, ()):
        if assessed_on <= on:
            levels = found
    return levels


def run_for_user(*, user: User, run_id: int) -> WhatIfRun:
    try:
        return WhatIfRun.objects.for_user(user).select_related("created_by").get(pk=run_id)
    except WhatIfRun.DoesNotExist:
        raise Http404(_("Afprøvningen findes ikke.")) from None


def recent_runs(*, user: User, limit: int = 10) -> list[WhatIfRun]:
    return list(
        WhatIfRun.objects.for_user(user)
        .select_related("created_by")
        .defer("draft_text", "result")[:limit]
    )


def citizen_names(*, user: User, citizen_ids: set[int]) -> dict[int, str]:
    """Names of the citizens a result lists, in the user's own municipality only."""
    return {
        citizen.pk: citizen.full_name
        for citizen in Citizen.objects.for_user(user).filter(pk__in=citizen_ids)
    }


KIND_LABELS = {
    "contact": gettext_lazy("Kontakt"),
    "decision": gettext_lazy("Afgørelse"),
    "start": gettext_lazy("Opstart"),
}
OUTCOME_LABELS = {
    "eligible": gettext_lazy("Opfylder kriterierne"),
    "not_eligible": gettext_lazy("Afslag"),
    "needs_assessment": gettext_lazy("Kræver faglig vurdering"),
}


@dataclass(frozen=True)
class DeadlineRow:
    label: str
    current_met: int
    current_missed: int
    draft_met: int
    draft_missed: int
    met_to_missed: int
    missed_to_met: int
    in_current: bool
    in_draft: bool


@dataclass(frozen=True)
class ServiceComparison:
    service: str
    name: str
    cases: int
    deadlines: list[DeadlineRow]
    sessions_current: int
    sessions_draft: int
    hours_current: float
    hours_draft: float
    capped_cases: int
    refused_by_draft: int
    granted_by_draft: int

    @property
    def sessions_change(self) -> int:
        return self.sessions_draft - self.sessions_current

    @property
    def hours_change(self) -> float:
        return self.hours_draft - self.hours_current


@dataclass(frozen=True)
class ChangedCitizen:
    citizen_id: int
    name: str
    service: str
    assessed_on: datetime.date
    current: str
    draft: str
    refused: bool
    reasons: list[dict[str, str]]


@dataclass(frozen=True)
class RunResult:
    services: list[ServiceComparison]
    changed: list[ChangedCitizen]
    changed_total: int
    cases: int
    current_versions: list[str]

    @property
    def citizen_ids(self) -> set[int]:
        return {row.citizen_id for row in self.changed}


def run_result(*, user: User, run: WhatIfRun) -> RunResult:
    """The run's result in Danish, with the listed citizens' names from the user's scope."""
    data = run.result or {}
    services = []
    for tally in data.get("services", []):
        services.append(
            ServiceComparison(
                service=tally["service"],
                name=tally["name"],
                cases=tally["cases"],
                deadlines=[
                    DeadlineRow(
                        str(KIND_LABELS[row["kind"]]),
                        row["current_met"],
                        row["current_missed"],
                        row["draft_met"],
                        row["draft_missed"],
                        row["met_to_missed"],
                        row["missed_to_met"],
                        row["in_current"],
                        row["in_draft"],
                    )
                    for row in tally["deadlines"]
                    if row["in_current"] or row["in_draft"]
                ],
                sessions_current=tally["sessions_current"],
                sessions_draft=tally["sessions_draft"],
                hours_current=tally["minutes_current"] / 60,
                hours_draft=tally["minutes_draft"] / 60,
                capped_cases=tally["capped_cases"],
                refused_by_draft=tally["refused_by_draft"],
                granted_by_draft=tally["granted_by_draft"],
            )
        )
    names_by_service = {tally.service: tally.name for tally in services}
    listed = data.get("changed", [])
    names = citizen_names(user=user, citizen_ids={row["citizen_id"] for row in listed})
    changed = [
        ChangedCitizen(
            citizen_id=row["citizen_id"],
            name=names[row["citizen_id"]],
            service=names_by_service.get(row["service"])
            or service_name(run.municipality, row["service"], run.period_end),
            assessed_on=datetime.date.fromisoformat(row["assessed_on"]),
            current=str(OUTCOME_LABELS.get(row["current_outcome"], row["current_outcome"])),
            draft=str(OUTCOME_LABELS.get(row["draft_outcome"], row["draft_outcome"])),
            refused=row["refused_by_draft"],
            reasons=row["reasons"],
        )
        for row in listed
        if row["citizen_id"] in names  # a citizen deleted since the run is not shown
    ]
    return RunResult(
        services=services,
        changed=changed,
        changed_total=data.get("changed_total", 0),
        cases=data.get("cases", 0),
        current_versions=data.get("current_versions", []),
    )
