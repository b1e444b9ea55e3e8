"""Research consents for the demo, so the leader's "Forskning" page has courses to export.

About half of the citizens with a started course consent to research use; a few have withdrawn
it again, and those stay out of every export. Finished courses of consenting citizens get a
30-second chair stand and a Timed Up and Go at the start and at the end, as a therapist would
record them, so the export shows outcomes. A random generator of its own leaves the rest of
the demo exactly as it was.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import TYPE_CHECKING

from rehabplan.citizens.models import Consent, ConsentScope
from rehabplan.courses.models import Course, CourseStatus, MeasurementPhase, OutcomeMeasurement
from rehabplan.reference.outcome_tests import get_outcome_test

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.organisation.models import Municipality

CONSENT_SHARE = 0.5
WITHDRAWN_SHARE = 0.1


def seed_research_consents(
    *, seed: int, municipality: Municipality, recorded_by: User, today: datetime.date
) -> None:
    rng = random.Random(seed + 140)
    citizen_ids = sorted(
        set(
            Course.objects.of_municipality(municipality)
            .filter(start_on__isnull=False)
            .values_list("citizen_id", flat=True)
        )
    )
    consenting = []
    consents = []
    for citizen_id in citizen_ids:
        if rng.random() >= CONSENT_SHARE:
            continue
        given_on = today - datetime.timedelta(days=rng.randint(30, 400))
        withdrawn = rng.random() < WITHDRAWN_SHARE
        consents.append(
            Consent(
                citizen_id=citizen_id,
                scope=ConsentScope.RESEARCH,
                given_on=given_on,
                withdrawn_on=today - datetime.timedelta(days=rng.randint(1, 20))
                if withdrawn
                else None,
                recorded_by=recorded_by,
            )
        )
        if not withdrawn:
            consenting.append(citizen_id)
    Consent.objects.bulk_create(consents)
    _outcome_tests(rng=rng, municipality=municipality, citizen_ids=consenting, user=recorded_by)


def _outcome_tests(
    *, rng: random.Random, municipality: Municipality, citizen_ids: list[int], user: User
) -> None:
    chair = get_outcome_test("chair_stand_30s")
    tug = get_outcome_test("timed_up_and_go")
    finished = (
        Course.objects.of_municipality(municipality)
        .filter(citizen_id__in=citizen_ids, status=CourseStatus.CLOSED)
        .filter(start_on__isnull=False, ended_on__isnull=False)
        .exclude(measurements__phase=MeasurementPhase.START)
        .order_by("pk")
    )
    rows = []
    for course in finished:
        chair_start = rng.randint(4, 12)
        tug_start = round(rng.uniform(9.0, 22.0), 1)
        for test, start, end in (
            (chair, Decimal(chair_start), Decimal(chair_start + rng.randint(-1, 5))),
            (tug, Decimal(str(tug_start)), Decimal(str(round(tug_start - rng.uniform(-1, 5), 1)))),
        ):
            for phase, value, day in (
                (MeasurementPhase.START, start, course.start_on),
                (MeasurementPhase.END, end, course.ended_on),
            ):
                rows.append(
                    OutcomeMeasurement(
                        course=course,
                        test_code=test.code,
                        value=max(value, Decimal(0)),
                        unit=test.unit,
                        phase=phase,
                        measured_on=day,
                        recorded_by=user,
                    )
                )
    OutcomeMeasurement.objects.bulk_create(rows)
