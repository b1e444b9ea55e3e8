"""Goals set with the citizen in their own words, and their re-evaluation at any time."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.models import (
    OPEN_COURSE_STATUSES,
    Course,
    Goal,
    GoalEvaluation,
    GoalStatus,
)

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


def _copm_errors(performance: int | None, satisfaction: int | None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name, value in (("copm_performance", performance), ("copm_satisfaction", satisfaction)):
        if value is not None and not 1 <= value <= 10:
            errors[name] = [_("COPM-scoren skal være et helt tal fra 1 til 10.")]
    return errors


def _require_open(course: Course) -> None:
    if course.status not in OPEN_COURSE_STATUSES:
        raise ValidationError(
            _("Forløbet er %(status)s; der kan ikke dokumenteres mere.")
            % {"status": course.get_status_display().lower()},
            code="course_not_open",
        )


@transaction.atomic
def goal_create(
    *,
    user: User,
    course: Course,
    text: str,
    set_on: datetime.date,
    copm_performance: int | None = None,
    copm_satisfaction: int | None = None,
) -> Goal:
    """A goal in the citizen's own words, optionally with COPM performance and satisfaction."""
    _require_open(course)
    errors = _copm_errors(copm_performance, copm_satisfaction)
    if not text.strip():
        errors["text"] = [_("Skriv målet med borgerens egne ord.")]
    if errors:
        raise ValidationError(errors)
    goal = Goal.objects.create(
        course=course,
        text=text.strip(),
        set_on=set_on,
        set_by=user,
        copm_performance=copm_performance,
        copm_satisfaction=copm_satisfaction,
    )
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=course.citizen,
        target=goal,
        summary=_("Mål sat for forløbet"),
    )
    return goal


@transaction.atomic
def goal_evaluate(
    *,
    user: User,
    goal: Goal,
    evaluated_on: datetime.date,
    status: str,
    text: str,
    copm_performance: int | None = None,
    copm_satisfaction: int | None = None,
) -> GoalEvaluation:
    """Re-evaluate a goal; the goal takes the evaluation's status. Allowed at any time."""
    course = goal.course
    errors = _copm_errors(copm_performance, copm_satisfaction)
    if status not in GoalStatus.values:
        errors["status"] = [_("Vælg en status for målet.")]
    if not text.strip():
        errors["text"] = [_("Skriv en kort evaluering.")]
    if evaluated_on < goal.set_on:
        errors["evaluated_on"] = [_("Evalueringen kan ikke ligge før målet blev sat.")]
    if errors:
        raise ValidationError(errors)
    evaluation = GoalEvaluation.objects.create(
        goal=goal,
        evaluated_on=evaluated_on,
        status=status,
        text=text.strip(),
        copm_performance=copm_performance,
        copm_satisfaction=copm_satisfaction,
        evaluated_by=user,
    )
    before = goal.status
    goal.status = status
    goal.save(update_fields=["status"])
    audit_record(
        user=user,
        action=AuditAction.CHANGE,
        citizen=course.citizen,
        target=goal,
        summary=_("Mål evalueret: %s") % goal.get_status_display(),
        changes={"status": [before, status]},
    )
    return evaluation
