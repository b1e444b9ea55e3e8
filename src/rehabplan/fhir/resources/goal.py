"""Course goal (in the citizen's own words) -> Goal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fhir.resources.R4B.annotation import Annotation
from fhir.resources.R4B.goal import Goal as FhirGoal

from rehabplan.courses.models import GoalStatus
from rehabplan.fhir import codes
from rehabplan.fhir.resources.common import coding, concept, reference, subject

if TYPE_CHECKING:
    from rehabplan.courses.models import Goal

# GoalStatus -> (lifecycleStatus, achievementStatus code).
STATUS = {
    GoalStatus.ACTIVE: ("active", "in-progress"),
    GoalStatus.ACHIEVED: ("completed", "achieved"),
    GoalStatus.PARTLY: ("completed", "improving"),
    GoalStatus.NOT_ACHIEVED: ("completed", "not-achieved"),
    GoalStatus.DROPPED: ("cancelled", None),
}


def _copm_note(goal: Goal) -> list[Annotation] | None:
    if goal.copm_performance is None and goal.copm_satisfaction is None:
        return None
    parts = []
    if goal.copm_performance is not None:
        parts.append(f"COPM udførelse {goal.copm_performance}")
    if goal.copm_satisfaction is not None:
        parts.append(f"COPM tilfredshed {goal.copm_satisfaction}")
    return [Annotation(text=", ".join(parts))]


def goal(goal: Goal) -> FhirGoal:
    lifecycle, achievement = STATUS.get(goal.status, ("active", None))
    return FhirGoal(
        id=str(goal.pk),
        lifecycleStatus=lifecycle,
        achievementStatus=concept(
            coding(codes.GOAL_ACHIEVEMENT, achievement), text=goal.get_status_display()
        )
        if achievement
        else concept(text=goal.get_status_display()),
        description=concept(text=goal.text),
        subject=subject(goal.course.citizen),
        startDate=goal.set_on,
        expressedBy=reference("Patient", goal.course.citizen_id),
        note=_copm_note(goal),
    )
