"""Goals (mål) of a course in the citizen's own words, optionally COPM-scored, and evaluated."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from pydantic import Field

from rehabplan.api.auth import require
from rehabplan.api.problems import problem_responses
from rehabplan.api.schemas import Day, In, PathId
from rehabplan.courses.models import Goal, GoalEvaluation, GoalStatus
from rehabplan.courses.selectors.course import course_get, course_goals, goal_get, record_view
from rehabplan.courses.services.goals import goal_create, goal_evaluate

router = Router()
VIEW = "courses.view_course"
DOCUMENT = "courses.document_course"
# The web's goal texts have no limit of their own; a goal is a sentence or two, not a document.
MAX_TEXT = 5000


class EvaluationOut(Schema):
    id: int
    evaluated_on: datetime.date
    status: GoalStatus
    text: str
    copm_performance: int | None
    copm_satisfaction: int | None


class GoalOut(Schema):
    id: int
    course_id: int
    text: str = Field(description="Målet med borgerens egne ord")
    status: GoalStatus
    set_on: datetime.date
    copm_performance: int | None = Field(description="COPM udførelse (1-10)")
    copm_satisfaction: int | None = Field(description="COPM tilfredshed (1-10)")
    evaluations: list[EvaluationOut]


class GoalIn(In):
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    set_on: Day
    copm_performance: int | None = Field(None, ge=1, le=10)
    copm_satisfaction: int | None = Field(None, ge=1, le=10)


class EvaluationIn(In):
    evaluated_on: Day
    status: GoalStatus
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    copm_performance: int | None = Field(None, ge=1, le=10)
    copm_satisfaction: int | None = Field(None, ge=1, le=10)


def evaluation_out(evaluation: GoalEvaluation) -> dict[str, Any]:
    return {
        "id": evaluation.pk,
        "evaluated_on": evaluation.evaluated_on,
        "status": evaluation.status,
        "text": evaluation.text,
        "copm_performance": evaluation.copm_performance,
        "copm_satisfaction": evaluation.copm_satisfaction,
    }


def goal_out(goal: Goal) -> dict[str, Any]:
    return {
        "id": goal.pk,
        "course_id": goal.course_id,
        "text": goal.text,
        "status": goal.status,
        "set_on": goal.set_on,
        "copm_performance": goal.copm_performance,
        "copm_satisfaction": goal.copm_satisfaction,
        "evaluations": [evaluation_out(e) for e in goal.evaluations.all()],
    }


@router.get(
    "/courses/{course_id}/goals",
    response={200: list[GoalOut], **problem_responses(401, 403, 404, 422, 429)},
    summary="Forløbets mål med evalueringer",
    description="Visningen logges på borgeren.",
)
def list_goals(request: HttpRequest, course_id: PathId):
    user = require(request, VIEW)
    course = course_get(user=user, course_id=course_id)
    goals = course_goals(course).prefetch_related("evaluations")
    record_view(
        user=user, citizen=course.citizen, target=course, summary=_("Forløbets mål vist via API")
    )
    return [goal_out(goal) for goal in goals]


@router.post(
    "/courses/{course_id}/goals",
    response={201: GoalOut, **problem_responses(400, 401, 403, 404, 422, 429)},
    summary="Sæt et mål for forløbet",
)
def create_goal(request: HttpRequest, course_id: PathId, goal: GoalIn):
    user = require(request, DOCUMENT)
    course = course_get(user=user, course_id=course_id)
    return Status(201, goal_out(goal_create(user=user, course=course, **goal.dict())))


@router.post(
    "/goals/{goal_id}/evaluations",
    response={201: EvaluationOut, **problem_responses(400, 401, 403, 404, 422, 429)},
    summary="Evaluér et mål",
    description="Målet får evalueringens status.",
)
def evaluate_goal(request: HttpRequest, goal_id: PathId, evaluation: EvaluationIn):
    user = require(request, DOCUMENT)
    goal = goal_get(user=user, goal_id=goal_id)
    return Status(201, evaluation_out(goal_evaluate(user=user, goal=goal, **evaluation.dict())))
