"""What the referral page points to next, and open courses under the other law.

A citizen in training after a hospital stay (sundhedsloven § 140) and in training under the
social services act (serviceloven § 86) at once is a case the visitator must see: the § 140
plan comes first, and the two courses must not be planned side by side without a choice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy

from rehabplan.courses.models import (
    OPEN_COURSE_STATUSES,
    Assessment,
    Course,
    Decision,
    Referral,
)

if TYPE_CHECKING:
    from rehabplan.citizens.models import Citizen


# The national processes on each side of the line between the two laws.
HOSPITAL_REHABILITATION = frozenset({"SUL140"})
SOCIAL_TRAINING = frozenset({"SEL86-1", "SEL86-2"})

SECTION_140_OPEN = gettext_lazy(
    "Borgeren er i et åbent forløb efter sundhedsloven § 140 (%(service)s, %(status)s). "
    "Genoptræning efter en genoptræningsplan går forud for træning efter serviceloven § 86: "
    "vurder, om ansøgningen kan vente, til forløbet er afsluttet."
)
SECTION_86_OPEN = gettext_lazy(
    "Borgeren er i et åbent forløb efter serviceloven § 86 (%(service)s, %(status)s). "
    "Genoptræningsplanen fra sygehuset går forud: tag stilling til, om forløbet efter § 86 "
    "skal sættes i bero eller afsluttes."
)


@dataclass(frozen=True)
class ParallelCourse:
    course: Course
    warning: str  # Danish: what the open course means for this referral


@dataclass(frozen=True)
class CaseSteps:
    """The referral's assessment, decision and course, where they exist."""

    assessment: Assessment | None
    decision: Decision | None
    course: Course | None


def _process_of(service_code: str, case: Any) -> str:
    service = case.service
    return service.process.service if service is not None else service_code


def open_courses_of_citizen(citizen: Citizen) -> list[Course]:
    """The citizen's courses that are neither closed nor cancelled, newest first."""
    return list(
        Course.objects.of_municipality(citizen.municipality_id)
        .filter(citizen=citizen, status__in=OPEN_COURSE_STATUSES)
        .select_related("referral", "municipality")
        .order_by("-created_at")
    )


def parallel_courses(referral: Referral) -> list[ParallelCourse]:
    """Open courses of the citizen under the other law than this referral's service."""
    process = _process_of(referral.service_code, referral)
    if process in SOCIAL_TRAINING:
        other, text = HOSPITAL_REHABILITATION, SECTION_140_OPEN
    elif process in HOSPITAL_REHABILITATION:
        other, text = SOCIAL_TRAINING, SECTION_86_OPEN
    else:
        return []
    return [
        ParallelCourse(
            course,
            str(text) % {"service": course.service_name, "status": course.get_status_display()},
        )
        for course in open_courses_of_citizen(referral.citizen)
        if course.referral_id != referral.pk and _process_of(course.service_code, course) in other
    ]


def case_steps(referral: Referral) -> CaseSteps:
    """The newest assessment and decision made for the referral, and its course."""
    assessment = (
        Assessment.objects.of_municipality(referral.municipality_id)
        .filter(referral=referral)
        .order_by("-assessed_on", "-id")
        .first()
    )
    decision = (
        Decision.objects.of_municipality(referral.municipality_id)
        .filter(referral=referral)
        .order_by("-decided_on", "-id")
        .first()
    )
    course = (
        Course.objects.of_municipality(referral.municipality_id).filter(referral=referral).first()
    )
    return CaseSteps(assessment, decision, course)
