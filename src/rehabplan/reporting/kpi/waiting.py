"""Section "Ventetid og henvisninger": waiting from receipt to start, the referrals received,
the courses running and the sessions held, each counted in SQL for the filtered period.

Waiting time is counted for the courses that started in the period and came from a referral:
the days from the referral's receipt (`received_on`) to the course's start (`start_on`).
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rehabplan.courses.models import Course, CourseStatus, Referral, ReferralSource
from rehabplan.reporting.kpi.common import (
    check_keys,
    course_filter_q,
    month_end,
    month_key,
    month_label,
    month_starts,
    parse_month,
    percent,
    referral_filter_q,
    service_names,
)
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
from rehabplan.reporting.kpi.sql import DaysBetween, Median

# Waiting-time bands: (key in the address, first day, last day or None for "and more").
BANDS: tuple[tuple[str, int | None, int | None], ...] = (
    ("0-7", None, 7),  # a start before the receipt (a referral registered late) counts as 0
    ("8-14", 8, 14),
    ("15-28", 15, 28),
    ("29-56", 29, 56),
    ("57-", 57, None),
)
BAND_LABELS = {
    "0-7": gettext_lazy("0–7 dage"),
    "8-14": gettext_lazy("8–14 dage"),
    "15-28": gettext_lazy("15–28 dage"),
    "29-56": gettext_lazy("29–56 dage"),
    "57-": gettext_lazy("Over 56 dage"),
}

# Drill-down parameters and values.
FIGURE = "figur"
STARTED, REFERRED, ACTIVE = "startet", "henvist", "aktive"
SERVICE = "indsats"
BAND = "baand"
SOURCE = "kilde"
MONTH = "maaned"
ALL_SERVICES = "alle"


def band_q(key: str) -> Q:
    low, high = next((low, high) for band, low, high in BANDS if band == key)
    condition = Q()
    if low is not None:
        condition &= Q(wait__gte=low)
    if high is not None:
        condition &= Q(wait__lte=high)
    return condition


def started_courses(filters: KpiFilters) -> QuerySet[Course]:
    """Courses from a referral that started in the period, with `wait` in days."""
    return (
        Course.objects.of_municipality(filters.municipality_id)
        .filter(
            referral__isnull=False,
            start_on__gte=filters.period_start,
            start_on__lte=filters.period_end,
        )
        .exclude(status=CourseStatus.CANCELLED)
        .filter(course_filter_q(filters))
        .annotate(wait=DaysBetween("start_on", "referral__received_on"))
    )


def received_referrals(filters: KpiFilters) -> QuerySet[Referral]:
    return (
        Referral.objects.of_municipality(filters.municipality_id)
        .filter(received_on__gte=filters.period_start, received_on__lte=filters.period_end)
        .filter(referral_filter_q(filters))
    )


def active_q(month: datetime.date) -> Q:
    """Running at some time in the month: started by its end, not ended before its start."""
    return Q(start_on__isnull=False, start_on__lte=month_end(month)) & (
        Q(ended_on__isnull=True) | Q(ended_on__gte=month)
    )


def active_courses(filters: KpiFilters) -> QuerySet[Course]:
    return (
        Course.objects.of_municipality(filters.municipality_id)
        .exclude(status=CourseStatus.CANCELLED)
        .filter(course_filter_q(filters))
    )


def _wait_aggregates() -> dict[str, object]:
    return {
        "started": Count("pk"),
        "median": Median("wait"),
        **{f"band_{key}": Count("pk", filter=band_q(key)) for key, _low, _high in BANDS},
    }


class WaitingSection:
    key = "ventetid"
    title = gettext_lazy("Ventetid og henvisninger")

    def tables(self, filters: KpiFilters) -> list[KpiTable]:
        waiting, distribution = self._waiting(filters)
        return [
            waiting,
            distribution,
            self._volumes(filters),
            self._active(filters),
        ]

    # -- tables -------------------------------------------------------------------------------

    def _waiting(self, filters: KpiFilters) -> tuple[KpiTable, KpiTable]:
        courses = started_courses(filters)
        per_service = list(
            courses.values("service_code").annotate(**_wait_aggregates()).order_by("service_code")
        )
        total = courses.aggregate(**_wait_aggregates())
        names = service_names(filters, {row["service_code"] for row in per_service})
        per_service.sort(key=lambda row: names[row["service_code"]])

        def row_of(label: str, code: str, row: dict) -> tuple[Cell, ...]:
            base = {FIGURE: STARTED, SERVICE: code}
            return (
                Cell(label),
                Cell(row["started"], base if row["started"] else {}),
                Cell(row["median"]),
                *(
                    Cell(row[f"band_{key}"], {**base, BAND: key} if row[f"band_{key}"] else {})
                    for key, _low, _high in BANDS
                ),
            )

        rows = [row_of(names[row["service_code"]], row["service_code"], row) for row in per_service]
        rows.append(row_of(_("Alle indsatser"), ALL_SERVICES, total))
        band_columns = tuple(
            Column(f"band_{key}", str(BAND_LABELS[key]), ValueKind.COUNT) for key, _l, _h in BANDS
        )
        waiting = KpiTable(
            key="ventetid",
            title=_("Ventetid fra modtagelse til start pr. indsats"),
            description=_(
                "Forløb fra en henvisning, der startede i perioden: dage fra henvisningen blev "
                "modtaget til forløbets start. Medianen er den midterste ventetid."
            ),
            columns=(
                Column("service", _("Indsats"), ValueKind.TEXT),
                Column("started", _("Forløb startet"), ValueKind.COUNT),
                Column("median", _("Median ventetid (dage)"), ValueKind.DAYS),
                *band_columns,
            ),
            rows=tuple(rows),
            chart=ChartSpec(
                kind="bar",
                label_column="service",
                value_columns=tuple(column.key for column in band_columns),
                stacked=True,
            ),
        )
        started = total["started"]
        distribution = KpiTable(
            key="fordeling",
            title=_("Fordeling af ventetid"),
            description=_(
                "De samme forløb fordelt på ventetid i dage: 0–7, 8–14, 15–28, 29–56 og over 56 "
                "dage fra modtagelse til start."
            ),
            columns=(
                Column("band", _("Ventetid"), ValueKind.TEXT),
                Column("courses", _("Forløb"), ValueKind.COUNT),
                Column("share", _("Andel"), ValueKind.PERCENT),
            ),
            rows=tuple(
                (
                    Cell(str(BAND_LABELS[key])),
                    Cell(
                        total[f"band_{key}"],
                        {FIGURE: STARTED, SERVICE: ALL_SERVICES, BAND: key}
                        if total[f"band_{key}"]
                        else {},
                    ),
                    Cell(percent(total[f"band_{key}"], started)),
                )
                for key, _low, _high in BANDS
            ),
            chart=ChartSpec(kind="bar", label_column="band", value_columns=("courses",)),
        )
        return waiting, distribution

    def _volumes(self, filters: KpiFilters) -> KpiTable:
        found = list(
            received_referrals(filters)
            .values("service_code", "source")
            .annotate(count=Count("pk"))
            .order_by()
        )
        names = service_names(filters, {row["service_code"] for row in found})
        counts = {(row["service_code"], row["source"]): row["count"] for row in found}
        codes = sorted({row["service_code"] for row in found}, key=lambda code: names[code])
        rows = []
        for code in codes:
            cells = [Cell(names[code])]
            for source in ReferralSource.values:
                count = counts.get((code, source), 0)
                drill = {FIGURE: REFERRED, SERVICE: code, SOURCE: source}
                cells.append(Cell(count, drill if count else {}))
            total = sum(counts.get((code, source), 0) for source in ReferralSource.values)
            cells.append(Cell(total, {FIGURE: REFERRED, SERVICE: code} if total else {}))
            rows.append(tuple(cells))
        source_columns = tuple(
            Column(f"source_{source}", str(label), ValueKind.COUNT)
            for source, label in ReferralSource.choices
        )
        return KpiTable(
            key="henvisninger",
            title=_("Modtagne henvisninger og ansøgninger pr. indsats og kilde"),
            description=_(
                "Henvisninger og ansøgninger modtaget i perioden efter indsats og efter, hvor de "
                "kom fra (sygehusets genoptræningsplan, egen læge, borgeren selv ...)."
            ),
            columns=(
                Column("service", _("Indsats"), ValueKind.TEXT),
                *source_columns,
                Column("total", _("I alt"), ValueKind.COUNT),
            ),
            rows=tuple(rows),
            chart=ChartSpec(
                kind="bar",
                label_column="service",
                value_columns=tuple(column.key for column in source_columns),
                stacked=True,
            ),
        )

    def _active(self, filters: KpiFilters) -> KpiTable:
        months = month_starts(filters.period_start, filters.period_end)
        counts = active_courses(filters).aggregate(
            **{month_key(month): Count("pk", filter=active_q(month)) for month in months}
        )
        rows = tuple(
            (
                Cell(month_label(month)),
                Cell(
                    counts[month_key(month)],
                    {FIGURE: ACTIVE, MONTH: month_key(month)} if counts[month_key(month)] else {},
                ),
            )
            for month in months
        )
        return KpiTable(
            key="aktive",
            title=_("Aktive forløb pr. måned"),
            description=_(
                "Forløb, der var i gang på et tidspunkt i måneden: startet senest månedens "
                "sidste dag og ikke afsluttet før dens første. Annullerede forløb tælles ikke."
            ),
            columns=(
                Column("month", _("Måned"), ValueKind.TEXT),
                Column("active", _("Aktive forløb"), ValueKind.COUNT),
            ),
            rows=rows,
            chart=ChartSpec(kind="line", label_column="month", value_columns=("active",)),
        )

    # -- drill-down ---------------------------------------------------------------------------

    def cases(self, drilldown: dict[str, str], filters: KpiFilters) -> CaseList:
        check_keys(drilldown, (FIGURE, SERVICE, BAND, SOURCE, MONTH))
        figure = drilldown.get(FIGURE)
        code = drilldown.get(SERVICE, ALL_SERVICES)
        if figure == STARTED:
            check_keys(drilldown, (FIGURE, SERVICE, BAND))
            courses = started_courses(filters)
            parts = [_("forløb startet")]
            if code != ALL_SERVICES:
                courses = self._one_service(courses, code)
                parts.append(service_names(filters, [code])[code])
            if BAND in drilldown:
                if drilldown[BAND] not in BAND_LABELS:
                    raise UnknownDrilldown(BAND)
                courses = courses.filter(band_q(drilldown[BAND]))
                parts.append(_("ventetid %(band)s") % {"band": BAND_LABELS[drilldown[BAND]]})
            return CaseList(
                title=_("Ventetid: %(what)s") % {"what": ", ".join(parts)},
                courses=_course_rows(courses),
            )
        if figure == REFERRED:
            check_keys(drilldown, (FIGURE, SERVICE, SOURCE))
            referrals = received_referrals(filters)
            parts = [_("modtaget")]
            if code != ALL_SERVICES:
                referrals = self._one_service(referrals, code)
                parts.append(service_names(filters, [code])[code])
            if SOURCE in drilldown:
                if drilldown[SOURCE] not in ReferralSource.values:
                    raise UnknownDrilldown(SOURCE)
                referrals = referrals.filter(source=drilldown[SOURCE])
                parts.append(ReferralSource(drilldown[SOURCE]).label)
            referrals = (
                referrals.select_related("citizen", "municipality")
                .defer("gop_content", "diagnosis_text")
                .order_by("received_on", "pk")
            )
            return CaseList(
                title=_("Henvisninger: %(what)s") % {"what": ", ".join(str(p) for p in parts)},
                referrals=referrals,
            )
        if figure == ACTIVE:
            check_keys(drilldown, (FIGURE, MONTH))
            month = parse_month(drilldown.get(MONTH, ""), filters)
            courses = active_courses(filters).filter(active_q(month))
            return CaseList(
                title=_("Aktive forløb i %(month)s") % {"month": month_label(month)},
                courses=_course_rows(courses),
            )
        raise UnknownDrilldown(FIGURE)

    @staticmethod
    def _one_service(rows: QuerySet, code: str) -> QuerySet:
        if not rows.filter(service_code=code).exists():
            raise UnknownDrilldown(SERVICE)
        return rows.filter(service_code=code)


def _course_rows(courses: QuerySet[Course]) -> QuerySet[Course]:
    return (
        courses.select_related("citizen", "referral", "municipality")
        .defer("referral__gop_content", "referral__diagnosis_text")
        .order_by("start_on", "pk")
    )


SECTION = WaitingSection()
