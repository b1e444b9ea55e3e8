"""Courses and consents for the research export's tests."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from django.utils import timezone

from rehabplan.citizens.models import Consent, ConsentScope

TODAY = timezone.localdate


def course_with_consent(
    unit: Any,
    *,
    scope: str = ConsentScope.RESEARCH,
    given_days_ago: int | None = 10,
    withdrawn_days_ago: int | None = None,
    cpr: str = "",
) -> Any:
    """A started course whose citizen has a consent of `scope` (none when given_days_ago is
    None), given and perhaps withdrawn that many days ago."""
    today = timezone.localdate()
    citizen = unit.citizen()
    if cpr:
        citizen.cpr = cpr
        citizen.save()
    course = unit.course("SUL140", received_on=today - datetime.timedelta(days=30), citizen=citizen)
    if given_days_ago is not None:
        Consent.objects.create(
            citizen=citizen,
            scope=scope,
            given_on=today - datetime.timedelta(days=given_days_ago),
            withdrawn_on=(
                today - datetime.timedelta(days=withdrawn_days_ago)
                if withdrawn_days_ago is not None
                else None
            ),
            recorded_by=unit.visitator,
        )
    return course


def period() -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    return today - datetime.timedelta(days=365), today


def csv_rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
