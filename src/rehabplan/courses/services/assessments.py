"""FSIII function assessments: recorded by the visitator, and by therapists at start and closing."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.models import Assessment, AssessmentItem, AssessmentPhase, Course, Referral
from rehabplan.reference.fsiii import (
    FsiiiCode,
    fsiii_code,
    fsiii_codes,
    fsiii_position,
    is_fsiii_level,
)

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.citizens.models import Citizen


# The function areas (funktionsevnetilstande) that training works on, in FSIII's order.
TRAINING_AREAS = ("J1", "J2", "J3", "J4")
# The conditions used for training after a hospital stay (genoptræningstilstande).
REHABILITATION_GROUP = "genoptraeningstilstand"


@dataclass(frozen=True)
class FsiiiArea:
    """A top area and the concepts scored under it."""

    area: FsiiiCode
    concepts: tuple[FsiiiCode, ...]


def fsiii_training_areas(*, include_rehabilitation: bool = False) -> list[FsiiiArea]:
    """The FSIII areas a training assessment scores; the hospital-rehabilitation conditions
    are added for SUL140 courses."""
    concepts = fsiii_codes()
    areas = []
    rehabilitation: list[FsiiiArea] = []
    for old_code in TRAINING_AREAS:
        area = fsiii_code(old_code)
        if area is None:
            continue
        areas.append(FsiiiArea(area, _children(concepts, area)))
    if include_rehabilitation:
        for area in concepts:
            if area.group == REHABILITATION_GROUP and area.parent is not None:
                parent = fsiii_code(area.parent)
                if parent is not None and parent.parent is None:
                    children = _children(concepts, area)
                    if children:
                        rehabilitation.append(FsiiiArea(area, children))
    return areas + sorted(rehabilitation, key=lambda found: fsiii_position(found.area))


def _children(concepts: list[FsiiiCode], area: FsiiiCode) -> tuple[FsiiiCode, ...]:
    return tuple(sorted((c for c in concepts if c.parent == area.code), key=fsiii_position))


@transaction.atomic
def assessment_record(
    *,
    user: User,
    citizen: Citizen,
    phase: str,
    assessed_on: datetime.date,
    levels: Mapping[str, int],
    note: str = "",
    referral: Referral | None = None,
    course: Course | None = None,
) -> Assessment:
    """Store an FSIII assessment: `levels` maps FSIII codes (new or old) to 0-4 or 9."""
    errors = _context_errors(citizen, phase, assessed_on, referral, course)
    items, problems = _resolve_levels(levels)
    if problems:
        errors["levels"] = problems
    elif not items:
        errors["levels"] = [_("Vurder mindst ét funktionsevneområde.")]
    if errors:
        raise ValidationError(errors)
    assessment = Assessment.objects.create(
        citizen=citizen,
        referral=referral,
        course=course,
        phase=phase,
        assessed_on=assessed_on,
        assessed_by=user,
        note=note,
    )
    AssessmentItem.objects.bulk_create(
        AssessmentItem(assessment=assessment, code=code, label=concept.display, level=level)
        for code, (concept, level) in items.items()
    )
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=citizen,
        target=assessment,
        summary=ngettext(
            "FSIII-vurdering registreret (%(phase)s, %(count)d område)",
            "FSIII-vurdering registreret (%(phase)s, %(count)d områder)",
            len(items),
        )
        % {"phase": assessment.get_phase_display(), "count": len(items)},
        changes={"levels": {concept.display: level for concept, level in items.values()}},
    )
    return assessment


def _context_errors(
    citizen: Citizen,
    phase: str,
    assessed_on: datetime.date,
    referral: Referral | None,
    course: Course | None,
) -> dict[str, list[str]]:
    """What is wrong with when and for whom the assessment is recorded."""
    errors: dict[str, list[str]] = {}
    if phase not in AssessmentPhase.values:
        errors["phase"] = [_("Vælg hvornår vurderingen er foretaget.")]
    if assessed_on > timezone.localdate():
        errors["assessed_on"] = [_("Vurderingsdatoen kan ikke ligge i fremtiden.")]
    if referral is not None and referral.citizen_id != citizen.pk:
        errors["referral"] = [_("Henvisningen hører til en anden borger.")]
    if course is not None and course.citizen_id != citizen.pk:
        errors["course"] = [_("Forløbet hører til en anden borger.")]
    return errors


def _resolve_levels(
    levels: Mapping[str, int],
) -> tuple[dict[str, tuple[FsiiiCode, int]], list[str]]:
    """The levels by current FSIII code, and a message for each unknown code or level."""
    items: dict[str, tuple[FsiiiCode, int]] = {}
    problems = []
    for code, level in levels.items():
        concept = fsiii_code(code)
        if concept is None:
            problems.append(_("Ukendt FSIII-kode: %(code)s.") % {"code": code})
        elif not is_fsiii_level(level):
            problems.append(
                _("%(area)s: niveauet skal være 0, 1, 2, 3, 4 eller 9.") % {"area": concept.display}
            )
        else:
            items[concept.code] = (concept, level)
    return items, problems


def latest_fsiii_levels(citizen: Citizen, *, on: datetime.date | None = None) -> dict[str, int]:
    """The levels of the citizen's latest assessment (on or before `on`), for the engine."""
    assessments = Assessment.objects.filter(citizen=citizen)
    if on is not None:
        assessments = assessments.filter(assessed_on__lte=on)
    latest = assessments.order_by("-assessed_on", "-id").first()
    if latest is None:
        return {}
    return {item.code: item.level for item in latest.items.all()}
