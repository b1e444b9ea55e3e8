"""The usage report for the ministry: how the municipality's courses used the training packages
in a period (national initiative 8 of the dementia plan asks municipalities to report it).

A course counts in the period when it follows a package, started on or before the period's end
and had not ended before the period's start; cancelled courses never trained and do not count.
Each national package and each local version is its own line, a local version named "X (lokal
version 2 af Y)". Per line: the citizens by dementia type, phase and living; how the courses
stand at the period's end (closed as completed, stopped early, or still running, by the end
reasons the project knows as stopping early: those the KL Gateway reports as cancellations); and
per test the package recommends, the citizens with a start and an end value (the first start
and the last end measured by the period's end), the mean start, end and change, and how many
improved (improvement as the test catalogue defines it: for Timed Up and Go a lower time).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from statistics import mean
from typing import Any

from django.db.models import Q

from rehabplan.courses.models import CourseStatus, MeasurementPhase, OutcomeMeasurement
from rehabplan.exercises.vocabulary import DEMENTIA_TYPES, LIVING, PHASES
from rehabplan.reference.outcome_tests import describe_change, get_outcome_test
from rehabplan.reporting.klgateway.mapping import END_REASON_CANCELLATION
from rehabplan.reporting.kpi.figures import Cell, Column, KpiTable, ValueKind
from rehabplan.trainingpackages.models import CoursePackage
from rehabplan.trainingpackages.selectors.options import (
    local_label,
    national_catalogue,
    national_name,
)

# Closed with one of these end reasons: the course stopped before the plan was through.
STOPPED_EARLY_REASONS = frozenset(END_REASON_CANCELLATION)

COMPLETED = "completed"
STOPPED = "stopped"
RUNNING = "running"
COMPLETION_LABELS = {
    COMPLETED: "Gennemført",
    STOPPED: "Stoppet før tid",
    RUNNING: "I gang",
}


@dataclass
class TestFigures:
    code: str
    name: str
    unit: str
    measured: int = 0
    mean_start: float | None = None
    mean_end: float | None = None
    mean_change: float | None = None
    improved: int = 0


@dataclass
class PackageFigures:
    label: str
    citizens: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    by_phase: dict[str, int] = field(default_factory=dict)
    by_living: dict[str, int] = field(default_factory=dict)
    completion: dict[str, int] = field(default_factory=dict)
    tests: list[TestFigures] = field(default_factory=list)

    def breakdown(self) -> list[tuple[str, list[tuple[str, int]]]]:
        """The counts under Danish headings, every category shown (0 where none)."""
        return [
            (
                "Demenstype",
                [(label, self.by_type.get(k, 0)) for k, label in DEMENTIA_TYPES.items()],
            ),
            ("Fase", [(label, self.by_phase.get(k, 0)) for k, label in PHASES.items()]),
            ("Boform", [(label, self.by_living.get(k, 0)) for k, label in LIVING.items()]),
            (
                "Forløb ved periodens slutning",
                [(label, self.completion.get(k, 0)) for k, label in COMPLETION_LABELS.items()],
            ),
        ]


@dataclass
class _Group:
    label: str
    tests: tuple[str, ...]
    choices: list[CoursePackage] = field(default_factory=list)


def completion_of(course: Any, period_end: datetime.date) -> str:
    """How the course stood at the period's end."""
    ended = course.ended_on is not None and course.ended_on <= period_end
    if course.status != CourseStatus.CLOSED or not ended:
        return RUNNING
    return STOPPED if course.end_reason in STOPPED_EARLY_REASONS else COMPLETED


def _choices_in_period(
    municipality_id: int, start: datetime.date, end: datetime.date
) -> list[CoursePackage]:
    return list(
        CoursePackage.objects.of_municipality(municipality_id)
        .exclude(course__status=CourseStatus.CANCELLED)
        .filter(course__start_on__isnull=False, course__start_on__lte=end)
        .filter(Q(course__ended_on__isnull=True) | Q(course__ended_on__gte=start))
        .select_related("course", "local_version__local_package")
        .order_by("pk")
    )


def _group_of(choice: CoursePackage, groups: dict[Any, _Group]) -> _Group:
    key = (choice.package_key, choice.local_version_id)
    if key not in groups:
        if choice.local_version_id is not None:
            version = choice.local_version
            label = local_label(version)
            tests = tuple(version.content.get("tests") or ())
        else:
            package = national_catalogue().get(choice.package_key)
            label = national_name(choice.package_key, choice.package_name)
            tests = package.tests if package is not None else ()
        groups[key] = _Group(label=label, tests=tests)
    return groups[key]


def _values(
    municipality_id: int, course_ids: list[int], codes: set[str], end: datetime.date
) -> dict[tuple[int, str], tuple[float, float]]:
    """Per course and test, the first start value and the last end value up to `end`."""
    starts: dict[tuple[int, str], float] = {}
    ends: dict[tuple[int, str], float] = {}
    rows = (
        OutcomeMeasurement.objects.of_municipality(municipality_id)
        .filter(course_id__in=course_ids, test_code__in=codes, measured_on__lte=end)
        .filter(phase__in=[MeasurementPhase.START, MeasurementPhase.END])
        .order_by("measured_on", "pk")
        .values_list("course_id", "test_code", "phase", "value")
    )
    for course_id, code, phase, value in rows:
        key = (course_id, code)
        if phase == MeasurementPhase.START:
            starts.setdefault(key, float(value))
        else:
            ends[key] = float(value)
    return {key: (starts[key], ends[key]) for key in ends if key in starts}


def _test_figures(
    code: str, choices: list[CoursePackage], values: dict[tuple[int, str], tuple[float, float]]
) -> TestFigures:
    test = get_outcome_test(code)
    pairs = [values[(c.course_id, code)] for c in choices if (c.course_id, code) in values]
    figures = TestFigures(code=code, name=test.name, unit=test.unit, measured=len(pairs))
    if pairs:
        figures.mean_start = mean(start for start, _end in pairs)
        figures.mean_end = mean(end for _start, end in pairs)
        figures.mean_change = mean(end - start for start, end in pairs)
        figures.improved = sum(
            1 for start, end in pairs if describe_change(code, start, end).improved is True
        )
    return figures


def _count_citizens(choices: list[CoursePackage], attribute: str) -> dict[str, int]:
    citizens: dict[str, set[int]] = defaultdict(set)
    for choice in choices:
        citizens[getattr(choice, attribute)].add(choice.course.citizen_id)
    return {key: len(ids) for key, ids in citizens.items()}


def _completion(choices: list[CoursePackage], end: datetime.date) -> dict[str, int]:
    counts = dict.fromkeys(COMPLETION_LABELS, 0)
    for choice in choices:
        counts[completion_of(choice.course, end)] += 1
    return counts


def package_usage(
    *, municipality_id: int, start: datetime.date, end: datetime.date
) -> list[PackageFigures]:
    """The report's figures per package line, ordered by the line's name."""
    groups: dict[Any, _Group] = {}
    choices = _choices_in_period(municipality_id, start, end)
    for choice in choices:
        _group_of(choice, groups).choices.append(choice)
    codes = {code for group in groups.values() for code in group.tests}
    values = _values(municipality_id, [c.course_id for c in choices], codes, end)
    figures = []
    for group in sorted(groups.values(), key=lambda item: item.label):
        figures.append(
            PackageFigures(
                label=group.label,
                citizens=len({choice.course.citizen_id for choice in group.choices}),
                by_type=_count_citizens(group.choices, "dementia_type"),
                by_phase=_count_citizens(group.choices, "phase"),
                by_living=_count_citizens(group.choices, "living"),
                completion=_completion(group.choices, end),
                tests=[_test_figures(code, group.choices, values) for code in group.tests],
            )
        )
    return figures


# The figures as tables, for the page and the CSV and XLSX files (the dashboard's writers).

CITIZENS_TABLE = "borgere"
OUTCOMES_TABLE = "effekt"


def citizens_table(figures: list[PackageFigures]) -> KpiTable:
    columns = [Column("package", "Træningspakke", ValueKind.TEXT)]
    columns.append(Column("citizens", "Borgere i alt", ValueKind.COUNT))
    groups = (
        ("type", DEMENTIA_TYPES, "by_type", "{}"),
        ("phase", PHASES, "by_phase", "Fase: {}"),
        ("living", LIVING, "by_living", "{}"),
    )
    for prefix, labels, _attribute, heading in groups:
        columns += [
            Column(f"{prefix}_{key}", heading.format(label), ValueKind.COUNT)
            for key, label in labels.items()
        ]
    columns += [
        Column(f"completion_{key}", label, ValueKind.COUNT)
        for key, label in COMPLETION_LABELS.items()
    ]
    rows = []
    for line in figures:
        cells = [Cell(line.label), Cell(line.citizens)]
        for _prefix, labels, attribute, _heading in groups:
            counts = getattr(line, attribute)
            cells += [Cell(counts.get(key, 0)) for key in labels]
        cells += [Cell(line.completion.get(key, 0)) for key in COMPLETION_LABELS]
        rows.append(tuple(cells))
    return KpiTable(
        key=CITIZENS_TABLE,
        title="Borgere og gennemførelse",
        description=(
            "Borgere på forløb, der fulgte pakken i perioden, efter demenstype, fase og boform; "
            "forløbene efter, hvordan de stod ved periodens slutning."
        ),
        columns=tuple(columns),
        rows=tuple(rows),
    )


def outcomes_table(figures: list[PackageFigures]) -> KpiTable:
    columns = (
        Column("package", "Træningspakke", ValueKind.TEXT),
        Column("test", "Test", ValueKind.TEXT),
        Column("unit", "Enhed", ValueKind.TEXT),
        Column("measured", "Borgere med start- og slutværdi", ValueKind.COUNT),
        Column("mean_start", "Gennemsnit ved start", ValueKind.NUMBER),
        Column("mean_end", "Gennemsnit ved slut", ValueKind.NUMBER),
        Column("mean_change", "Gennemsnitlig ændring", ValueKind.NUMBER),
        Column("improved", "Forbedret", ValueKind.COUNT),
    )
    rows = tuple(
        (
            Cell(line.label),
            Cell(test.name),
            Cell(test.unit),
            Cell(test.measured),
            Cell(test.mean_start),
            Cell(test.mean_end),
            Cell(test.mean_change),
            Cell(test.improved),
        )
        for line in figures
        for test in line.tests
    )
    return KpiTable(
        key=OUTCOMES_TABLE,
        title="Effekt pr. anbefalet test",
        description=(
            "Pr. test, som pakken anbefaler: borgere med både start- og slutværdi, gennemsnit "
            "ved start og slut, gennemsnitlig ændring og antal forbedrede."
        ),
        columns=columns,
        rows=rows,
    )


def report_tables(figures: list[PackageFigures]) -> dict[str, KpiTable]:
    return {CITIZENS_TABLE: citizens_table(figures), OUTCOMES_TABLE: outcomes_table(figures)}
