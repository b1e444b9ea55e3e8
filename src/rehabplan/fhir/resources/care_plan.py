"""Course (forløb) -> CarePlan with intent "plan", based on its referral's ServiceRequest."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fhir.resources.R4B.careplan import CarePlan, CarePlanActivity, CarePlanActivityDetail
from fhir.resources.R4B.period import Period

from rehabplan.fhir.resources.common import display_only, reference, subject
from rehabplan.fhir.resources.service_request import service_concept
from rehabplan.reporting.klgateway import mapping

if TYPE_CHECKING:
    from rehabplan.courses.models import Course


def _period(course: Course) -> Period | None:
    start = course.start_on or course.intake_on
    end = course.ended_on or course.planned_end_on
    if start is None:
        return Period(end=course.ended_on) if course.ended_on else None
    return Period(start=start, end=end if end is not None and end >= start else None)


def care_plan(course: Course, goal_ids: list[int]) -> CarePlan:
    """`goal_ids` are the course's goals (the caller fetched them with the course)."""
    plan_status, activity_status = mapping.COURSE_STATUS.get(course.status, ("unknown", "unknown"))
    therapist = course.therapist.name if course.therapist_id else ""
    performer = display_only(therapist, "Practitioner")
    service = service_concept(course.service_code, course.service_name)
    return CarePlan(
        id=str(course.pk),
        status=plan_status,
        intent="plan",
        title=service.text,
        description=course.plan_text or None,
        subject=subject(course.citizen),
        period=_period(course),
        basedOn=[reference("ServiceRequest", course.referral_id)] if course.referral_id else None,
        goal=[reference("Goal", goal_id) for goal_id in goal_ids] or None,
        activity=[
            CarePlanActivity(
                detail=CarePlanActivityDetail(
                    kind="Appointment",
                    code=service,
                    status=activity_status,
                    performer=[performer] if performer else None,
                    description=course.team_class.name if course.team_class_id else None,
                )
            )
        ],
    )
