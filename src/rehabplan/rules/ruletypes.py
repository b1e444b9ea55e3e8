"""The closed table of rule types and condition types a standard file may use.

Each rule type lists its required and optional keys with their expected Python types,
and the "slot" it fills per service: two rules filling the same slot for the same
service in one resolved standard are an error unless one is a declared exception.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# The national services the law defines. A municipality may declare its own services, but
# each follows the process of one of these (see NationalProcess): the law, not the file,
# decides whether there is a grant, a GOP or a GP referral.
NATIONAL_SERVICES = ("SUL140", "SEL86-1", "SEL86-2", "RAAD", "SUL119", "SUL140a")
SERVICE_CODE_MAX_LENGTH = 30
SERVICE_CODE = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,29}$")
TEAM_LEVELS = ("basal", "avanceret", "vedligehold")


@dataclass(frozen=True)
class NationalProcess:
    """How the law handles a national service: its decision, its intake and who may send it."""

    service: str
    decision: str  # "grant" (bevilling/afslag) or "plan" (no grant)
    intake: str  # "gop" (hospital plan), "application" or "referral" (written referral)
    sources: tuple[str, ...]  # who may send the application or referral
    has_gop: bool = False
    referral_written: bool = False  # the referral carries the day it was written


APPLICANTS = ("citizen", "relative", "gp", "home_care")
NATIONAL_PROCESSES: dict[str, NationalProcess] = {
    "SUL140": NationalProcess("SUL140", "plan", "gop", ("hospital_gop",), has_gop=True),
    "SEL86-1": NationalProcess("SEL86-1", "grant", "application", APPLICANTS),
    "SEL86-2": NationalProcess("SEL86-2", "grant", "application", APPLICANTS),
    "RAAD": NationalProcess("RAAD", "grant", "application", APPLICANTS),
    "SUL119": NationalProcess("SUL119", "plan", "referral", ("gp", "other"), referral_written=True),
    "SUL140a": NationalProcess("SUL140a", "plan", "referral", ("gp",), referral_written=True),
}

DEADLINE_KINDS = ("contact", "decision", "start")
DEADLINE_EVENTS = ("discharge", "received", "granted", "decided")
DEADLINE_UNITS = ("calendar_days", "working_days", "weeks")
CLOSED_DAY_POLICIES = ("keep", "next_working_day", "previous_working_day")
LIMIT_PERIODS = ("calendar_year", "twelve_months")
TRANSPORT_ARRANGEMENTS = ("free", "self_pay", "own", "individual_assessment_self_pay")
COMPLAINT_TOPICS = ("decision", "service", "health")
MODES = ("team", "individual", "home", "video")
FREE_CHOICE = ("never", "when_start_deadline_missed")
CANCELLATION = ("day_before", "as_soon_as_possible")
RANGE_UNITS = ("weeks", "sessions")


@dataclass(frozen=True)
class Key:
    kind: type | tuple[type, ...]
    required: bool = False
    choices: tuple[str, ...] = ()
    minimum: int | None = None


COMMON_KEYS = {
    "id": Key(str, True),
    "type": Key(str, True),
    "services": Key(list),
    "source": Key(str, True),
    "section": Key(str, True),
    "text": Key(str, True),
    "assumption": Key(bool),
    "reason": Key(str),
    "exception": Key(bool),
}

RULE_TYPES: dict[str, dict[str, Key]] = {
    "deadline": {
        "kind": Key(str, True, DEADLINE_KINDS),
        "event": Key(str, True, DEADLINE_EVENTS),
        "count": Key(int, True, minimum=0),
        "unit": Key(str, True, DEADLINE_UNITS),
        "replaced_by_gop_start": Key(bool),
        "on_closed_day": Key(str, False, CLOSED_DAY_POLICIES),
    },
    "criterion": {
        "condition": Key(str, True),
        "fact": Key(str),
        "years": Key(int, minimum=0),
        "except_programmes": Key(list),
        "programmes": Key(list),
        "other_services": Key(list),
        "course_service": Key(str),
        "months": Key(int, minimum=1),
        "codes": Key(list),
        "level": Key(int, minimum=0),
        "criterion": Key(str),
    },
    "frequency_limit": {
        "times": Key(int, True, minimum=1),
        "period": Key(str, True, LIMIT_PERIODS),
    },
    "extent": {
        "max_sessions": Key(int, minimum=1),
        "counts_toward": Key(list),
        "max_weeks": Key(int, minimum=1),
        "max_months": Key(int, minimum=1),
        "typical_weeks": Key(int, minimum=1),
        "min_per_week": Key(int, minimum=0),
        "max_per_week": Key(int, minimum=1),
        "reduced_max_per_week": Key(int, minimum=1),
        "reduced_unless_fact": Key(str),
        "session_minutes": Key(int, minimum=1),
        "by_judgement": Key(bool),
        "tiers": Key(list),
        "range": Key(dict),
    },
    "team_size": {
        "min": Key(int, True, minimum=1),
        "max": Key(int, True, minimum=1),
    },
    "delivery": {
        "usual_modes": Key(list, True),
        "exception_modes": Key(list),
    },
    "transport": {
        "arrangement": Key(str, True, TRANSPORT_ARRANGEMENTS),
        "reassessed": Key(bool),
    },
    "complaint": {
        "topic": Key(str, True, COMPLAINT_TOPICS),
        "steps": Key(list, True),
    },
    "termination": {
        "reasons": Key(list, True),
    },
    "attendance": {
        "citizen_cancellation": Key(str, False, CANCELLATION),
        "no_show_limit": Key(int, minimum=1),
        "repeated_absence_ends": Key(bool),
        "therapist_cancellation_replacement": Key(bool),
        "sms_reminder_hours": Key(int, minimum=1),
        "sms_on_request": Key(bool),
    },
    "opening_hours": {
        "monday": Key(list),
        "tuesday": Key(list),
        "wednesday": Key(list),
        "thursday": Key(list),
        "friday": Key(list),
        "saturday": Key(list),
        "sunday": Key(list),
        "any_hour_possible": Key(bool),
    },
    "closed_days": {
        "annual": Key(list),
        "dates": Key(list),
    },
    "provider": {
        "free_choice": Key(str, True, FREE_CHOICE),
    },
    "referral_validity": {
        "months": Key(int, True, minimum=1),
    },
}

# The parameters each condition type needs (closed table: an unknown type is an error).
CONDITION_TYPES: dict[str, tuple[str, ...]] = {
    "fact_true": ("fact",),
    "fact_false": ("fact",),
    "min_age": ("years",),
    "has_programme": ("programmes",),
    "no_other_service_same_impairment": ("other_services",),
    "course_ended_within": ("course_service", "months"),
    "fsiii_at_least": ("codes", "level"),
    "judgement": (),
    "has_gop": (),
}


# The slot a rule fills for each service it applies to (see module docstring).
def slot(rule_type: str, params: dict[str, Any], rule_id: str) -> tuple[str, ...]:
    if rule_type == "deadline":
        return ("deadline", params["kind"])
    if rule_type == "criterion":
        return ("criterion", rule_id)
    if rule_type == "complaint":
        return ("complaint", params["topic"])
    return (rule_type,)


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
