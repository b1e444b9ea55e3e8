"""Reads for a course's training package: the section on the course page, the classes running a
package, and the team classes with their packages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from rehabplan.courses.models import (
    AttendanceStatus,
    Course,
    Goal,
    MeasurementPhase,
    OutcomeMeasurement,
    SessionStatus,
)
from rehabplan.exercises.library import default_library
from rehabplan.exercises.packages import TrainingPackage
from rehabplan.exercises.vocabulary import DEMENTIA_TYPES, LIVING, PHASES
from rehabplan.organisation.models import TeamClass
from rehabplan.reference.outcome_tests import get_outcome_test
from rehabplan.trainingpackages.models import ClassPackage, CoursePackage, CoursePackageHistory
from rehabplan.trainingpackages.selectors.options import choice_label, chosen_package

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

# Attendances that hold a place in a session: the session is booked for the citizen.
BOOKED_STATUSES = (AttendanceStatus.BOOKED, AttendanceStatus.ATTENDED, AttendanceStatus.NO_SHOW)


@dataclass(frozen=True)
class TestRow:
    name: str
    code: str  # for the measurement form's choice, never shown
    start_done: bool
    end_done: bool


@dataclass(frozen=True)
class HomeExercise:
    name: str
    dosage: str


@dataclass
class PackageSection:
    """What the course page shows of the course's package."""

    choice: CoursePackage | None = None
    package: TrainingPackage | None = None
    label: str = ""
    tests: list[TestRow] = field(default_factory=list)
    goal_suggestions: list[str] = field(default_factory=list)
    booked_per_week: float | None = None
    booked_weeks: int = 0
    classes: list[TeamClass] = field(default_factory=list)
    home_exercises: list[HomeExercise] = field(default_factory=list)
    history: list[CoursePackageHistory] = field(default_factory=list)

    @property
    def missing_start(self) -> list[TestRow]:
        return [row for row in self.tests if not row.start_done]

    @property
    def missing_end(self) -> list[TestRow]:
        return [row for row in self.tests if not row.end_done]

    @property
    def measurement_initial(self) -> dict[str, str]:
        """The measurement form's test and time preselected: the first recommended test not
        taken at the start, else the first not taken at the end (empty when all are taken)."""
        if self.missing_start:
            return {"test_code": self.missing_start[0].code, "phase": MeasurementPhase.START}
        if self.missing_end:
            return {"test_code": self.missing_end[0].code, "phase": MeasurementPhase.END}
        return {}


def course_package(course: Course) -> CoursePackage | None:
    return (
        CoursePackage.objects.of_municipality(course.municipality_id)
        .select_related("local_version__local_package")
        .filter(course=course)
        .first()
    )


def _test_rows(course: Course, package: TrainingPackage) -> list[TestRow]:
    done = set(
        OutcomeMeasurement.objects.of_municipality(course.municipality_id)
        .filter(course=course, test_code__in=package.tests)
        .values_list("test_code", "phase")
    )
    rows = []
    for code in package.tests:
        rows.append(
            TestRow(
                name=get_outcome_test(code).name,
                code=code,
                start_done=(code, MeasurementPhase.START) in done,
                end_done=(code, MeasurementPhase.END) in done,
            )
        )
    return rows


def _goal_suggestions(course: Course, package: TrainingPackage) -> list[str]:
    have = {
        text.strip().casefold()
        for text in Goal.objects.of_municipality(course.municipality_id)
        .filter(course=course)
        .values_list("text", flat=True)
    }
    return [goal for goal in package.goals if goal.strip().casefold() not in have]


def booked_sessions_per_week(course: Course) -> tuple[float | None, int]:
    """The course's booked sessions per week over the weeks from its first to its last booked
    session, and that number of weeks; (None, 0) with nothing booked."""
    starts = list(
        course.attendances.filter(status__in=BOOKED_STATUSES)
        .exclude(session__status=SessionStatus.CANCELLED)
        .values_list("session__starts_at", flat=True)
    )
    if not starts:
        return None, 0
    days = sorted(moment.date() for moment in starts)
    first = days[0] - datetime.timedelta(days=days[0].weekday())
    last = days[-1] - datetime.timedelta(days=days[-1].weekday())
    weeks = (last - first).days // 7 + 1
    return round(len(days) / weeks, 1), weeks


def classes_running(choice: Any, *, exclude_id: int | None = None) -> list[TeamClass]:
    """The municipality's active classes running the same package (and local version)."""
    runs = ClassPackage.objects.of_municipality(choice.municipality_id).filter(
        package_key=choice.package_key,
        local_version_id=choice.local_version_id,
        team_class__active=True,
    )
    classes = TeamClass.objects.filter(
        municipality_id=choice.municipality_id,
        pk__in=runs.values("team_class_id"),
    ).select_related("location")
    if exclude_id is not None:
        classes = classes.exclude(pk=exclude_id)
    return list(classes.order_by("name", "pk"))


def _home_exercises(package: TrainingPackage) -> list[HomeExercise]:
    library = default_library()
    rows = []
    for exercise in package.home_exercises():
        known = library.get(exercise.key)
        if known is not None:
            rows.append(HomeExercise(name=known.name, dosage=exercise.dosage.describe()))
    return rows


def course_package_section(course: Course) -> PackageSection:
    """The course page's "Træningspakke" section: a handful of reads, whatever the package."""
    choice = course_package(course)
    if choice is None:
        return PackageSection()
    section = PackageSection(choice=choice, label=choice_label(choice))
    section.history = list(
        CoursePackageHistory.objects.of_municipality(course.municipality_id).filter(course=course)
    )
    package = chosen_package(choice)
    if package is None:
        return section
    section.package = package
    section.tests = _test_rows(course, package)
    section.goal_suggestions = _goal_suggestions(course, package)
    section.booked_per_week, section.booked_weeks = booked_sessions_per_week(course)
    section.classes = classes_running(choice, exclude_id=course.team_class_id)
    section.home_exercises = _home_exercises(package)
    return section


def target_group_labels(choice: Any) -> dict[str, str]:
    return {
        "dementia_type": DEMENTIA_TYPES.get(choice.dementia_type, ""),
        "phase": PHASES.get(choice.phase, ""),
        "living": LIVING.get(choice.living, ""),
    }


@dataclass(frozen=True)
class ClassRow:
    team_class: TeamClass
    choice: ClassPackage | None
    label: str


def classes_with_packages(user: User) -> list[ClassRow]:
    """The municipality's active classes, each with the package it runs (two reads)."""
    classes = list(
        TeamClass.objects.filter(municipality_id=user.municipality_id, active=True)
        .select_related("location", "therapist")
        .order_by("name", "pk")
    )
    choices = {
        choice.team_class_id: choice
        for choice in ClassPackage.objects.for_user(user)
        .filter(Q(team_class__in=classes))
        .select_related("local_version__local_package")
    }
    return [
        ClassRow(
            team_class=team,
            choice=choices.get(team.pk),
            label=choice_label(choices[team.pk]) if team.pk in choices else "",
        )
        for team in classes
    ]


def class_for_user(user: User, team_class_id: int) -> TeamClass | None:
    return (
        TeamClass.objects.filter(municipality_id=user.municipality_id, pk=team_class_id)
        .select_related("location")
        .first()
    )


def class_package(team_class: TeamClass) -> ClassPackage | None:
    return (
        ClassPackage.objects.of_municipality(team_class.municipality_id)
        .select_related("local_version__local_package")
        .filter(team_class=team_class)
        .first()
    )
