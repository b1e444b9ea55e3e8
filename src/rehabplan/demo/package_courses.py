"""The demo's citizens with dementia on courses that follow the training packages: some running,
some closed with test results at start and end so the usage report has figures, across the
packages' dementia types and phases; and one team class running a package.

Only the packages of the national catalogue are used; with an empty catalogue nothing is made.
A random generator of its own keeps the rest of the demo as it was.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from rehabplan.courses.models import (
    OPEN_COURSE_STATUSES,
    Course,
    CourseStatus,
    MeasurementPhase,
    OutcomeMeasurement,
)
from rehabplan.exercises.packages import TrainingPackage
from rehabplan.reference.outcome_tests import get_outcome_test
from rehabplan.trainingpackages.models import CoursePackage
from rehabplan.trainingpackages.selectors.options import national_catalogue
from rehabplan.trainingpackages.services.assignment import (
    class_package_set,
    course_package_assign,
    package_plan_text,
)

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.organisation.models import Municipality, TeamClass

RUNNING_COURSES = 5
CLOSED_COURSES = 8


def _target(package: TrainingPackage, index: int) -> dict[str, str]:
    """A citizen inside the package's target group, varied over its types and phases."""
    return {
        "dementia_type": package.dementia_types[index % len(package.dementia_types)],
        "phase": package.phases[index % len(package.phases)],
        "living": package.living[index % len(package.living)],
    }


# Plausible start results for older citizens with dementia, so the report reads as a real one.
TYPICAL_START = {
    "chair_stand_30s": (5, 12),
    "timed_up_and_go": (10, 22),
    "six_minute_walk": (180, 420),
    "berg_balance": (32, 50),
    "gait_speed_10m": (0.5, 1.1),
    "grip_strength_right": (16, 30),
    "grip_strength_left": (14, 28),
}


def _value(code: str, share: float) -> float:
    """The result `share` of the way through the test's typical range (may pass its ends)."""
    test = get_outcome_test(code)
    low, high = TYPICAL_START.get(code, (test.minimum, test.maximum))
    value = min(max(low + (high - low) * share, test.minimum), test.maximum)
    return round(value, test.decimals)


def _results(rng: random.Random, course: Course, package: TrainingPackage, user: User) -> None:
    """A start and an end result of each recommended test the course lacks; most improve."""
    done = set(OutcomeMeasurement.objects.filter(course=course).values_list("test_code", "phase"))
    start_day = course.start_on or course.created_at.date()
    end_day = course.ended_on or start_day
    for code in package.tests:
        test = get_outcome_test(code)
        share = rng.uniform(0.1, 0.8)
        change = rng.choice((0.25, 0.15, 0.1, -0.05))
        values = {
            MeasurementPhase.START: _value(code, share),
            MeasurementPhase.END: _value(
                code, share + (change if test.higher_is_better else -change)
            ),
        }
        for phase, day in ((MeasurementPhase.START, start_day), (MeasurementPhase.END, end_day)):
            if (code, phase) not in done:
                OutcomeMeasurement.objects.create(
                    course=course, test_code=code, value=values[phase], unit=test.unit,
                    phase=phase, measured_on=day, protocol=test.protocol[:300], recorded_by=user,
                )  # fmt: skip


def _closed(rng, packages, municipality, user) -> None:
    """Finished courses of the past year recorded as having followed a package (the history is
    written as it was, the way the demo's other finished cases are)."""
    courses = list(
        Course.objects.filter(municipality=municipality, status=CourseStatus.CLOSED)
        .exclude(start_on__isnull=True)
        .order_by("pk")[:CLOSED_COURSES]
    )
    for index, course in enumerate(courses):
        package = packages[index % len(packages)]
        label = package.name
        CoursePackage.objects.create(
            course=course, municipality=municipality, package_key=package.key,
            national_version=package.version, package_name=label, chosen_by=user,
            **_target(package, index),
        )  # fmt: skip
        plan = package_plan_text(package, label)
        Course.objects.filter(pk=course.pk).update(
            plan_text=f"{course.plan_text}\n\n{plan}".strip()
        )
        _results(rng, course, package, user)


def _running(packages, municipality, user) -> None:
    open_courses = Course.objects.filter(municipality=municipality).exclude(start_on__isnull=True)
    # Mostly courses in training, a couple about to start.
    courses = list(open_courses.filter(status=CourseStatus.ACTIVE).order_by("pk")[:RUNNING_COURSES])
    courses += list(
        open_courses.filter(status__in=OPEN_COURSE_STATUSES)
        .exclude(status=CourseStatus.ACTIVE)
        .order_by("pk")[:2]
    )
    for index, course in enumerate(courses):
        package = packages[(index + 1) % len(packages)]
        course_package_assign(
            user=user, course=course, package_ref=f"national:{package.key}",
            **_target(package, index + 1),
        )  # fmt: skip


def seed_package_courses(
    *, municipality: Municipality, user: User, leader: User, classes: list[TeamClass]
) -> None:
    packages = list(national_catalogue())
    if not packages:
        return
    rng = random.Random(f"demo-packages-{municipality.slug}")
    _closed(rng, packages, municipality, user)
    _running(packages, municipality, user)
    if classes:
        class_package_set(
            user=leader, team_class=classes[0], package_ref=f"national:{packages[0].key}"
        )
