"""Outcome measurement (30 sekunders rejse-sætte-sig-test, Timed Up and Go, COPM, ...) ->
Observation with the value in the test's unit.

The product has no LOINC codes for its tests; the code is the test's own code from the product's
reference data (`rehabplan.reference.outcome_tests`) under the product's code system."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fhir.resources.R4B.annotation import Annotation
from fhir.resources.R4B.observation import Observation
from fhir.resources.R4B.quantity import Quantity

from rehabplan.fhir import codes
from rehabplan.fhir.resources.common import coding, concept, reference, subject
from rehabplan.reference.outcome_tests import get_outcome_test

if TYPE_CHECKING:
    from rehabplan.courses.models import OutcomeMeasurement

# The tests' Danish units -> UCUM. Counts and scores are dimensionless, with an annotation.
UCUM_UNITS = {
    "s": "s",
    "m": "m",
    "kg": "kg",
    "m/s": "m/s",
    "gentagelser": "{repetitions}",
    "point": "{score}",
}
# Interviews about the citizen's own view are surveys; the rest are physical tests (exam).
SURVEY_GROUPS = frozenset({"copm"})


def _test_name(test_code: str) -> tuple[str, str]:
    """(name, group) of the test, or the bare code for a test the catalogue no longer has."""
    try:
        test = get_outcome_test(test_code)
    except KeyError:
        return test_code, ""
    return test.name, test.group


def observation(measurement: OutcomeMeasurement) -> Observation:
    name, group = _test_name(measurement.test_code)
    category = "survey" if group in SURVEY_GROUPS else "exam"
    ucum = UCUM_UNITS.get(measurement.unit)
    notes = [
        Annotation(text=text)
        for text in (measurement.get_phase_display(), measurement.side, measurement.note)
        if text
    ]
    return Observation(
        id=str(measurement.pk),
        status="final",
        category=[concept(coding(codes.OBSERVATION_CATEGORY, category))],
        code=concept(coding(codes.OUTCOME_TEST_SYSTEM, measurement.test_code, name), text=name),
        subject=subject(measurement.course.citizen),
        basedOn=[reference("CarePlan", measurement.course_id)],
        effectiveDateTime=measurement.measured_on,
        valueQuantity=Quantity(
            value=measurement.value,
            unit=measurement.unit,
            system=codes.UCUM if ucum else None,
            code=ucum,
        ),
        method=concept(text=measurement.protocol) if measurement.protocol else None,
        note=notes or None,
    )
