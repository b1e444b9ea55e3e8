"""The courses app's models, one module per concept."""

from rehabplan.courses.models.assessments import (
    Assessment,
    AssessmentItem,
    AssessmentPhase,
    FunctionLevel,
)
from rehabplan.courses.models.courses import (
    OPEN_COURSE_STATUSES,
    Course,
    CourseStatus,
    DeliveryType,
)
from rehabplan.courses.models.decisions import Decision, DecisionOutcome
from rehabplan.courses.models.goals import Goal, GoalEvaluation, GoalStatus
from rehabplan.courses.models.notes import AppendOnlyQuerySet, ClinicalNote, NoteKind
from rehabplan.courses.models.outcomes import MeasurementPhase, OutcomeMeasurement
from rehabplan.courses.models.referrals import (
    DeadlineKind,
    FreeChoice,
    GopLevel,
    PlanType,
    Referral,
    ReferralSource,
    ReferralStatus,
    StoredDeadline,
)
from rehabplan.courses.models.sessions import (
    Attendance,
    AttendanceStatus,
    ContactType,
    Session,
    SessionKind,
    SessionStatus,
)

__all__ = [
    "OPEN_COURSE_STATUSES",
    "Assessment",
    "AssessmentItem",
    "AssessmentPhase",
    "Decision",
    "DecisionOutcome",
    "FunctionLevel",
    "Goal",
    "GoalEvaluation",
    "GoalStatus",
    "MeasurementPhase",
    "OutcomeMeasurement",
    "AppendOnlyQuerySet",
    "Attendance",
    "AttendanceStatus",
    "ClinicalNote",
    "ContactType",
    "Course",
    "CourseStatus",
    "DeadlineKind",
    "DeliveryType",
    "FreeChoice",
    "GopLevel",
    "NoteKind",
    "PlanType",
    "Referral",
    "ReferralSource",
    "ReferralStatus",
    "Session",
    "SessionKind",
    "SessionStatus",
    "StoredDeadline",
]
