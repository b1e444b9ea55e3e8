"""Outcome tests with unit and protocol from the catalogue, at start, during and at the end."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.courses.models import Course, MeasurementPhase, OutcomeMeasurement, Session
from rehabplan.reference.outcome_tests import get_outcome_test

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


def check_measurement(*, test_code: str, value: Any, phase: str) -> tuple[Any, float]:
    """The catalogue test and the value as a float, or ValidationError naming what is wrong."""
    errors: dict[str, list[str]] = {}
    test = None
    try:
        test = get_outcome_test(test_code)
    except KeyError as error:
        errors["test_code"] = [str(error.args[0])]
    if phase not in MeasurementPhase.values:
        errors["phase"] = [_("Vælg om testen er ved start, undervejs eller ved slut.")]
    number = None
    try:
        number = float(value)
    except (TypeError, ValueError):
        errors["value"] = [_("Skriv resultatet som et tal.")]
    if test is not None and number is not None:
        try:
            test.check_value(number)
        except ValueError as error:
            errors["value"] = [str(error)]
    if errors:
        raise ValidationError(errors)
    return test, number


@transaction.atomic
def measurement_record(
    *,
    user: User,
    course: Course,
    test_code: str,
    value: Any,
    phase: str,
    measured_on: datetime.date,
    session: Session | None = None,
    side: str = "",
    note: str = "",
) -> OutcomeMeasurement:
    """Store one test result with the catalogue's unit and protocol."""
    test, number = check_measurement(test_code=test_code, value=value, phase=phase)
    if session is not None and session.municipality_id != course.municipality_id:
        raise ValidationError({"session": [_("Aftalen hører til en anden kommune.")]})
    measurement = OutcomeMeasurement.objects.create(
        course=course,
        session=session,
        test_code=test.code,
        value=Decimal(str(round(number, test.decimals))),
        unit=test.unit,
        side=side,
        phase=phase,
        measured_on=measured_on,
        protocol=test.protocol[:300],
        note=note[:300],
        recorded_by=user,
    )
    audit_record(
        user=user,
        action=AuditAction.CREATE,
        citizen=course.citizen,
        target=measurement,
        summary=_("Testresultat: %(test)s (%(phase)s)")
        % {"test": test.name, "phase": measurement.get_phase_display().lower()},
    )
    return measurement
