"""The "Hjemmetræning" section of the course page."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from rehabplan.courses.models import Course, MeasurementPhase
from rehabplan.courses.models.outcomes import OutcomeMeasurement
from rehabplan.homeprogrammes.models import VersionReason
from rehabplan.homeprogrammes.selectors import (
    adherence_weeks,
    current_programme,
    programme_items,
    programmes_of,
)
from rehabplan.homeprogrammes.services import adherence_open
from rehabplan.web.homeprogrammes.forms import AdherenceForm


def retest_since(course: Course, programme: Any) -> bool:
    """A re-test ("Undervejs") recorded since the current programme was made, and the programme
    not already adjusted for it that day."""
    if programme is None:
        return False
    latest = (
        OutcomeMeasurement.objects.of_municipality(course.municipality_id)
        .filter(course=course, phase=MeasurementPhase.DURING)
        .order_by("-measured_on")
        .values_list("measured_on", flat=True)
        .first()
    )
    if latest is None:
        return False
    made_on = timezone.localtime(programme.created_at).date()
    return latest > made_on or (latest == made_on and programme.reason != VersionReason.RETEST)


def home_section(course: Course, today: datetime.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    programme = current_programme(course)
    return {
        "home_programme": programme,
        "home_items": programme_items(programme) if programme else [],
        "home_weeks": adherence_weeks(course, programme, today),
        "home_versions": programmes_of(course).count(),
        "home_retest": retest_since(course, programme),
        "home_can_record": programme is not None and adherence_open(course, today),
        "adherence_form": AdherenceForm(today=today, auto_id="id_adherence_%s"),
    }
