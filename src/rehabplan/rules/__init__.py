"""Rehabplan's rules core: municipal quality standards as dated data, explained results.

Pure Python: nothing here imports Django. See docs/standards.md for the file format.
"""

from rehabplan.rules.calendar import add_working_days, is_public_holiday, is_working_day
from rehabplan.rules.deadlines import deadlines
from rehabplan.rules.diff import StandardDiff, diff_dates, diff_municipalities, diff_resolved
from rehabplan.rules.eligibility import eligibility
from rehabplan.rules.errors import (
    FactsError,
    LookupFailed,
    RulesError,
    StandardError,
    UnknownAssessment,
)
from rehabplan.rules.extent import extent
from rehabplan.rules.facts import Facts, parse_facts
from rehabplan.rules.guidance import (
    attendance_rules,
    closed_days,
    complaint_guidance,
    legal_basis,
    opening_hours,
    provider_choice,
    referral_validity,
    termination_reasons,
    transport,
)
from rehabplan.rules.model import Explanation, Service, Source
from rehabplan.rules.plancheck import Plan, parse_plan, plan_check
from rehabplan.rules.registry import StandardsRegistry, default_registry, load_standards
from rehabplan.rules.results import (
    AttendanceRules,
    ClosedDays,
    ComplaintGuidance,
    Criterion,
    Deadline,
    DeadlinesResult,
    EligibilityResult,
    ExtentResult,
    ExtentTier,
    LegalBasis,
    LengthRange,
    OpeningHours,
    PlanCheckResult,
    ProviderChoice,
    ReferralValidity,
    TerminationReasons,
    TransportResult,
    Violation,
)

__all__ = [
    "AttendanceRules",
    "ClosedDays",
    "ComplaintGuidance",
    "Criterion",
    "Deadline",
    "DeadlinesResult",
    "EligibilityResult",
    "Explanation",
    "ExtentResult",
    "ExtentTier",
    "Facts",
    "FactsError",
    "LegalBasis",
    "LengthRange",
    "LookupFailed",
    "OpeningHours",
    "Plan",
    "PlanCheckResult",
    "ProviderChoice",
    "ReferralValidity",
    "RulesError",
    "Service",
    "Source",
    "StandardDiff",
    "StandardError",
    "StandardsRegistry",
    "TerminationReasons",
    "TransportResult",
    "UnknownAssessment",
    "Violation",
    "add_working_days",
    "attendance_rules",
    "closed_days",
    "complaint_guidance",
    "deadlines",
    "default_registry",
    "diff_dates",
    "diff_municipalities",
    "diff_resolved",
    "eligibility",
    "extent",
    "is_public_holiday",
    "is_working_day",
    "legal_basis",
    "load_standards",
    "opening_hours",
    "parse_facts",
    "parse_plan",
    "plan_check",
    "provider_choice",
    "referral_validity",
    "termination_reasons",
    "transport",
]
