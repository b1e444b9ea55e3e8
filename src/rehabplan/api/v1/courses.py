"""Courses (forløb): the municipality's courses page by page, and one course with its extent."""

from __future__ import annotations

import datetime
from dataclasses import asdict
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from pydantic import Field

from rehabplan.api.auth import require
from rehabplan.api.pagination import PageParams, page_of
from rehabplan.api.problems import problem_responses
from rehabplan.api.schemas import MAX_ID, In, PathId
from rehabplan.api.v1.references import TeamClassRef, TherapistRef, named_ref, therapist_ref
from rehabplan.audit.services import audit_list_view
from rehabplan.courses import course_rules
from rehabplan.courses.models import Course, CourseStatus
from rehabplan.courses.selectors.course import (
    attendance_counts,
    course_get,
    courses_visible_to,
)

router = Router()
VIEW = "courses.view_course"


class CourseSummary(Schema):
    id: int
    citizen_id: int
    service_code: str = Field(description="Indsatsens kode i kvalitetsstandarden, fx SEL86-1")
    service_name: str
    status: CourseStatus
    start_on: datetime.date | None
    planned_end_on: datetime.date | None
    ended_on: datetime.date | None
    therapist: TherapistRef | None = Field(description="Forløbets faste terapeut")
    team_class: TeamClassRef | None = Field(description="Holdet, borgeren træner på")


class Extent(Schema):
    """What the course may use: the decision's grant where there is one, else the standard."""

    max_sessions: int | None = Field(description="Højst antal træningsgange")
    max_weeks: int | None
    sessions_per_week: int | None
    period_end: datetime.date | None = Field(description="Bevillingsperiodens slut")
    from_decision: bool = Field(description="Sand når omfanget kommer fra en afgørelse")
    text: str = Field(description="Omfanget i ord")


class CourseOut(CourseSummary):
    extent: Extent
    sessions_used: int = Field(
        description="Træningsgange brugt eller booket (booket, mødt, for sent afbud, udeblevet)"
    )
    sessions_granted: int | None = Field(description="Bevilget antal gange; tom uden loft")
    no_shows: int
    late_cancellations: int
    cancellations_in_time: int
    ending_proposed_reason: str = Field(description="Hvorfor forløbet er foreslået afsluttet")
    end_reason: str


class CoursePage(Schema):
    items: list[CourseSummary]
    next_cursor: str | None


class CourseFilter(In):
    citizen_id: int | None = Field(None, ge=1, le=MAX_ID, description="Kun denne borgers forløb")
    status: CourseStatus | None = Field(None, description="Kun forløb med denne status")


def course_summary(course: Course) -> dict[str, Any]:
    return {
        "id": course.pk,
        "citizen_id": course.citizen_id,
        "service_code": course.service_code,
        "service_name": course.service_name,
        "status": course.status,
        "start_on": course.start_on,
        "planned_end_on": course.planned_end_on,
        "ended_on": course.ended_on,
        "therapist": therapist_ref(course.therapist),
        "team_class": named_ref(course.team_class),
    }


@router.get(
    "",
    response={200: CoursePage, **problem_responses(400, 401, 403, 422, 429)},
    summary="Kommunens forløb, side for side",
    description="Forløbene i den rækkefølge, de er oprettet. Listen logges med de viste borgere.",
)
def list_courses(request: HttpRequest, page: PageParams, filters: Query[CourseFilter]):
    user = require(request, VIEW)
    courses = courses_visible_to(user)
    if filters.citizen_id is not None:
        courses = courses.filter(citizen_id=filters.citizen_id)
    if filters.status is not None:
        courses = courses.filter(status=filters.status)
    found = page_of(courses, page, scope="courses")
    audit_list_view(
        user=user,
        summary=_("Forløbsliste hentet via API (%(count)d)") % {"count": len(found.items)},
        citizen_ids=[course.citizen_id for course in found.items],
    )
    return {"items": [course_summary(c) for c in found.items], "next_cursor": found.next_cursor}


@router.get(
    "/{course_id}",
    response={200: CourseOut, **problem_responses(401, 403, 404, 422, 429)},
    summary="Ét forløb med omfang og forbrug",
)
def get_course(request: HttpRequest, course_id: PathId):
    user = require(request, VIEW)
    course = course_get(user=user, course_id=course_id, purpose=_("Forløb vist via API"))
    extent = course_rules.granted_extent(course)
    counts = attendance_counts(course)
    return {
        **course_summary(course),
        "extent": asdict(extent),
        "sessions_used": counts["used"],
        "sessions_granted": extent.max_sessions,
        "no_shows": counts["no_show"],
        "late_cancellations": counts["late"],
        "cancellations_in_time": counts["in_time"],
        "ending_proposed_reason": course.ending_proposed_reason,
        "end_reason": course.end_reason,
    }
