"""Resultater: how the citizens' test results changed from a course's start to its end, and why
courses ended.

A course counts for a test when it has a result at the start and one at the end, and the end
result was measured in the period. The first start result and the last end result are compared;
the change is written with better as positive (for Timed Up and Go a lower time is better), and
a change of at least the test's minimal clinically important difference (from the test
catalogue, with its source) is a clinically relevant improvement. End reasons are labelled as the
standard in force at the period's end labels them.
"""

from __future__ import annotations

from statistics import median
from typing import Any

from django.db.models import (
    Count,
    Exists,
    ExpressionWrapper,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rehabplan import rules
from rehabplan.courses.models import Course, CourseStatus, MeasurementPhase, OutcomeMeasurement
from rehabplan.organisation.standards import installation_registry
from rehabplan.reference.outcome_tests import OutcomeTest, all_outcome_tests, format_number
from rehabplan.reporting.kpi.common import service_names
from rehabplan.reporting.kpi.figures import (
    CaseList,
    Cell,
    ChartSpec,
    Column,
    KpiFilters,
    KpiTable,
    UnknownDrilldown,
    ValueKind,
)
from rehabplan.reporting.kpi.scope import (
    courses_in_scope,
    drill_choice,
    drill_service,
    municipality_of,
)

FIGURE_MEASURED = "maalt"
FIGURE_IMPROVED = "forbedret"
FIGURE_ENDED = "afsluttet"
FIGURES = (FIGURE_MEASURED, FIGURE_IMPROVED, FIGURE_ENDED)
NO_REASON = "ingen"
# Results are stored with at most two decimals; a change equal to the threshold must count
# even when floating point makes 11,0 - 10,2 a hair under 0,8.
TOLERANCE = 1e-6
TESTS = {test.code: test for test in all_outcome_tests()}


def _measurements(filters: KpiFilters, phase: str) -> QuerySet:
    return OutcomeMeasurement.objects.of_municipality(filters.municipality_id).filter(phase=phase)


def compared_results(
    filters: KpiFilters, test: OutcomeTest | None = None
) -> QuerySet[OutcomeMeasurement]:
    """One row per course in scope and test (`test`, or every test) with an end result in the
    period: its last end result (`end`) and its first start result of the same test (`start`,
    None when it has none).

    Starting from the end results (few per period, found by the index on phase and day) keeps
    the start's lookup to one per course and test."""
    ends = _measurements(filters, MeasurementPhase.END).filter(
        measured_on__gte=filters.period_start, measured_on__lte=filters.period_end
    )
    if test is not None:
        ends = ends.filter(test_code=test.code)
    same_course_and_test = Q(course_id=OuterRef("course_id"), test_code=OuterRef("test_code"))
    later_end = ends.filter(same_course_and_test).filter(
        Q(measured_on__gt=OuterRef("measured_on"))
        | Q(measured_on=OuterRef("measured_on"), id__gt=OuterRef("id"))
    )
    first_start = (
        _measurements(filters, MeasurementPhase.START)
        .filter(same_course_and_test)
        .order_by("measured_on", "id")
        .annotate(number=Cast("value", FloatField()))
        .values("number")[:1]
    )
    return (
        ends.filter(course__in=courses_in_scope(filters))
        .exclude(Exists(later_end))
        .annotate(
            end=Cast("value", FloatField()),
            start=Subquery(first_start, output_field=FloatField()),
        )
    )


def _change(test: OutcomeTest, start: float, end: float) -> float:
    """The change with better as positive."""
    return end - start if test.higher_is_better else start - end


def compared_courses(
    filters: KpiFilters, test: OutcomeTest, *, improved: bool = False
) -> QuerySet[Course]:
    """The courses behind the test's figures: with a start and an end result (and, when
    `improved`, a clinically relevant improvement)."""
    change = F("end") - F("start") if test.higher_is_better else F("start") - F("end")
    results = (
        compared_results(filters, test)
        .filter(start__isnull=False)
        .annotate(change=ExpressionWrapper(change, output_field=FloatField()))
    )
    if improved:
        results = results.filter(_improved(test))
    # The ids are read first: as a subquery of the course list the correlated lookups are
    # planned per course, which PostgreSQL gets badly wrong on tables it has no statistics for.
    course_ids = list(results.values_list("course_id", flat=True))
    return Course.objects.of_municipality(filters.municipality_id).filter(pk__in=course_ids)


def _improvement_threshold(test: OutcomeTest) -> float:
    assert test.important_difference is not None
    return test.important_difference.value - TOLERANCE


def _improved(test: OutcomeTest) -> Q:
    return Q(change__gte=_improvement_threshold(test))


def _is_improvement(test: OutcomeTest, change: float) -> bool:
    return change >= _improvement_threshold(test)


def _test_figures(test: OutcomeTest, pairs: list[tuple[float, float]]) -> dict[str, Any]:
    """The figures of one test from its courses' (start, end) results: a few thousand pairs a
    year at most, so the medians are taken here rather than by a query per figure (which would
    look up every start result once for each median)."""
    changes = [_change(test, start, end) for start, end in pairs]
    figures: dict[str, Any] = {
        "courses": len(pairs),
        "median_start": median(start for start, _end in pairs),
        "median_end": median(end for _start, end in pairs),
        "median_change": median(changes),
    }
    if test.important_difference is not None:
        figures["improved"] = sum(_is_improvement(test, change) for change in changes)
    return figures


def _compared_pairs(filters: KpiFilters) -> dict[str, list[tuple[float, float]]]:
    """Per test code, the (start, end) results of the courses with both."""
    pairs: dict[str, list[tuple[float, float]]] = {}
    rows = (
        compared_results(filters)
        .filter(start__isnull=False)
        .order_by()
        .values_list("test_code", "start", "end")
    )
    for code, start, end in rows:
        pairs.setdefault(code, []).append((start, end))
    return pairs


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _test_row(test: OutcomeTest, figures: dict[str, Any]) -> tuple[Cell, ...]:
    drill = {"test": test.code}
    improved = figures.get("improved")
    threshold = test.important_difference
    return (
        Cell(test.name),
        Cell(test.unit),
        Cell(figures["courses"], {**drill, "figur": FIGURE_MEASURED}),
        Cell(_rounded(figures["median_start"])),
        Cell(_rounded(figures["median_end"])),
        Cell(_rounded(figures["median_change"])),
        Cell(format_number(threshold.value, test.decimals) if threshold else "–"),
        Cell(improved, {**drill, "figur": FIGURE_IMPROVED} if improved else {}),
        Cell(round(100 * improved / figures["courses"], 1) if threshold else None),
    )


def _tests_table(filters: KpiFilters) -> KpiTable:
    pairs = _compared_pairs(filters)
    rows = [
        _test_row(test, _test_figures(test, pairs[test.code]))
        for test in all_outcome_tests()
        if pairs.get(test.code)
    ]
    sources = "; ".join(
        f"{test.name}: {test.important_difference.source}"
        for test in all_outcome_tests()
        if test.important_difference is not None
    )
    return KpiTable(
        key="testresultater",
        title=_("Testresultater fra start til slut"),
        description=_(
            "Forløb med et testresultat ved start og ved slut, hvor sluttesten er taget i "
            "perioden: medianen ved start og slut og medianen af forbedringen (positiv er "
            "bedre; for Timed Up and Go er en kortere tid bedre). En klinisk relevant "
            "forbedring er mindst testens mindste klinisk relevante forskel; står der –, kendes "
            "ingen sikker grænse for testen. Kilder: %(sources)s."
        )
        % {"sources": sources},
        columns=(
            Column("test", _("Test"), ValueKind.TEXT),
            Column("unit", _("Enhed"), ValueKind.TEXT),
            Column("courses", _("Forløb med start og slut"), ValueKind.COUNT),
            Column("median_start", _("Median ved start"), ValueKind.NUMBER),
            Column("median_end", _("Median ved slut"), ValueKind.NUMBER),
            Column("median_change", _("Median forbedring"), ValueKind.NUMBER),
            Column("threshold", _("Klinisk relevant forskel"), ValueKind.TEXT),
            Column("improved", _("Klinisk relevant forbedret"), ValueKind.COUNT),
            Column("improved_share", _("Andel klinisk relevant forbedret (%)"), ValueKind.PERCENT),
        ),
        rows=tuple(rows),
        chart=ChartSpec(kind="bar", label_column="test", value_columns=("improved_share",)),
    )


def _reason_labels(filters: KpiFilters, codes: set[str]) -> dict[tuple[str, str], str]:
    """(service, reason code) -> the label the standard in force at the period's end gives."""
    registry = installation_registry()
    slug = municipality_of(filters).slug
    labels: dict[tuple[str, str], str] = {}
    for service in codes:
        try:
            reasons = rules.termination_reasons(registry, slug, service, on=filters.period_end)
        except rules.RulesError:
            continue
        for reason in reasons.reasons:
            labels[(service, reason.code)] = reason.label
    return labels


def _reason_label(labels: dict[tuple[str, str], str], service: str, code: str) -> str:
    if not code:
        return _("Ingen årsag registreret")
    return labels.get((service, code), _("Årsag, som kvalitetsstandarden ikke kender"))


def ended_courses(filters: KpiFilters) -> QuerySet[Course]:
    return courses_in_scope(filters).filter(
        status=CourseStatus.CLOSED,
        ended_on__gte=filters.period_start,
        ended_on__lte=filters.period_end,
    )


def _end_reasons_table(filters: KpiFilters) -> KpiTable:
    counts = list(
        ended_courses(filters)
        .order_by()
        .values("service_code", "end_reason")
        .annotate(courses=Count("pk"))
    )
    services = {row["service_code"] for row in counts}
    names = service_names(filters, services)
    labels = _reason_labels(filters, services)
    per_service: dict[str, int] = {}
    for row in counts:
        per_service[row["service_code"]] = per_service.get(row["service_code"], 0) + row["courses"]
    for row in counts:
        row["label"] = _reason_label(labels, row["service_code"], row["end_reason"])
    counts.sort(key=lambda row: (names[row["service_code"]], -row["courses"], row["label"]))
    rows = tuple(
        (
            Cell(names[row["service_code"]]),
            Cell(row["label"]),
            Cell(
                row["courses"],
                {
                    "figur": FIGURE_ENDED,
                    "indsats": row["service_code"],
                    "aarsag": row["end_reason"] or NO_REASON,
                },
            ),
            Cell(round(100 * row["courses"] / per_service[row["service_code"]], 1)),
        )
        for row in counts
    )
    return KpiTable(
        key="afslutningsaarsager",
        title=_("Afslutningsårsager pr. indsats"),
        description=_(
            "Forløb afsluttet i perioden efter indsats og den afslutningsårsag, terapeuten "
            "valgte, med kvalitetsstandardens ordlyd; andelen er af indsatsens afsluttede "
            "forløb. Annullerede forløb tælles ikke."
        ),
        columns=(
            Column("service", _("Indsats"), ValueKind.TEXT),
            Column("reason", _("Afslutningsårsag"), ValueKind.TEXT),
            Column("courses", _("Afsluttede forløb"), ValueKind.COUNT),
            Column("share", _("Andel af indsatsens forløb (%)"), ValueKind.PERCENT),
        ),
        rows=rows,
    )


class OutcomesSection:
    key = "resultater"
    title = gettext_lazy("Resultater")

    def tables(self, filters: KpiFilters) -> list[KpiTable]:
        return [_tests_table(filters), _end_reasons_table(filters)]

    def cases(self, drilldown: dict[str, str], filters: KpiFilters) -> CaseList:
        figure = drill_choice(drilldown, "figur", FIGURES)
        if figure == FIGURE_ENDED:
            return _ended_cases(drilldown, filters)
        test = TESTS[drill_choice(drilldown, "test", TESTS)]
        improved = figure == FIGURE_IMPROVED
        if improved and test.important_difference is None:
            raise UnknownDrilldown("test without an important difference")
        courses = compared_courses(filters, test, improved=improved)
        title = _("Forløb med %(test)s ved start og slut") % {"test": test.name}
        if improved:
            title = _("Forløb med klinisk relevant forbedring i %(test)s") % {"test": test.name}
        return CaseList(
            title=title,
            courses=courses.select_related("citizen").order_by("-ended_on", "-id"),
        )


def _ended_cases(drilldown: dict[str, str], filters: KpiFilters) -> CaseList:
    service = drill_service(drilldown, "indsats", filters)
    if service is None:
        raise UnknownDrilldown("indsats")
    courses = ended_courses(filters).filter(service_code=service)
    known = set(courses.order_by().values_list("end_reason", flat=True).distinct())
    reason = drilldown.get("aarsag", "")
    code = "" if reason == NO_REASON else reason
    if not reason or code not in known:
        raise UnknownDrilldown(f"aarsag={reason!r}")
    return CaseList(
        title=_("Afsluttede forløb med årsagen"),
        courses=courses.filter(end_reason=code).select_related("citizen").order_by("-ended_on"),
    )


SECTION = OutcomesSection()
