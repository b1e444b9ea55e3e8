"""Fremmøde: sessions delivered per month, and how often citizens stay away (udeblivelser) or
cancel too late (afbud for sent), per month, per service and per team class.

Whether a citizen's cancellation was late is decided when it is recorded, by the notice the
municipality's standard sets (`courses.services.sessions.cancellation_status`) and stored as the
place's status; the figures count those statuses and never judge a notice period again.
"""

from __future__ import annotations

import datetime
import operator
from functools import reduce
from typing import Any

from django.db.models import DateField, F, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rehabplan.courses.models import AttendanceStatus, SessionStatus
from rehabplan.organisation.models import TeamClass
from rehabplan.reporting.daily.readers import place_days, session_days
from rehabplan.reporting.kpi.common import month_key, month_label, percent, service_names
from rehabplan.reporting.kpi.figures import (
    CaseList,
    Cell,
    ChartSpec,
    Column,
    KpiFilters,
    KpiTable,
    ValueKind,
)
from rehabplan.reporting.kpi.scope import (
    attendances_in_scope,
    courses_with_places,
    drill_choice,
    drill_month,
    drill_service,
    drill_team_class,
    month_moments,
    months_of,
)

# A place whose outcome the citizen decided: came, stayed away or cancelled. A place still
# booked (not yet recorded) and a session the therapist cancelled are not the citizen's doing.
CITIZEN_OUTCOMES = (
    AttendanceStatus.ATTENDED,
    AttendanceStatus.NO_SHOW,
    AttendanceStatus.CANCELLED_IN_TIME,
    AttendanceStatus.CANCELLED_LATE,
)
FIGURE_HELD = "gennemfoert"
FIGURE_NO_SHOW = "udeblevet"
FIGURE_LATE = "sent-afbud"
FIGURES = (FIGURE_HELD, FIGURE_NO_SHOW, FIGURE_LATE)


def _rate_columns(label: Column) -> tuple[Column, ...]:
    return (
        label,
        Column("places", _("Pladser med fremmøde eller afbud"), ValueKind.COUNT),
        Column("no_show", _("Udeblevet"), ValueKind.COUNT),
        Column("late", _("Afbud for sent"), ValueKind.COUNT),
        Column("no_show_rate", _("Udeblivelser (%)"), ValueKind.PERCENT),
        Column("late_rate", _("Sene afbud (%)"), ValueKind.PERCENT),
    )


def _rate_counts(place_rows: QuerySet) -> QuerySet:
    return place_rows.annotate(
        # The daily figures count each status of a place in the column named by its value.
        places=Sum(reduce(operator.add, (F(status.value) for status in CITIZEN_OUTCOMES))),
        attended=Sum(AttendanceStatus.ATTENDED.value),
        no_show=Sum(AttendanceStatus.NO_SHOW.value),
        late=Sum(AttendanceStatus.CANCELLED_LATE.value),
    )


def _rate_row(label: Cell, counts: dict[str, Any] | None, drill: dict[str, str]) -> tuple:
    counts = counts or {"places": 0, "no_show": 0, "late": 0}
    return (
        label,
        Cell(counts["places"]),
        Cell(counts["no_show"], {**drill, "figur": FIGURE_NO_SHOW} if counts["no_show"] else {}),
        Cell(counts["late"], {**drill, "figur": FIGURE_LATE} if counts["late"] else {}),
        Cell(percent(counts["no_show"], counts["places"])),
        Cell(percent(counts["late"], counts["places"])),
    )


COUNTS = ("places", "attended", "no_show", "late")


def place_groups(filters: KpiFilters) -> list[dict[str, Any]]:
    """The places counted once, in one pass over the period: by month, service and class.
    The tables add these groups up (a few thousand at most), never the places themselves."""
    return list(
        _rate_counts(
            place_days(filters)
            .annotate(month=TruncMonth("day", output_field=DateField()))
            .values("month", "service_code", "team_class_id")
        ).order_by()
    )


def _fold(groups: list[dict[str, Any]], key: str) -> dict[Any, dict[str, int]]:
    folded: dict[Any, dict[str, int]] = {}
    for group in groups:
        if group[key] is None:
            continue
        total = folded.setdefault(group[key], dict.fromkeys(COUNTS, 0))
        for name in COUNTS:
            total[name] += group[name]
    return folded


def _held_per_month(filters: KpiFilters) -> dict[datetime.date, int]:
    rows = (
        session_days(filters)
        .filter(session_status=SessionStatus.HELD)
        .annotate(month=TruncMonth("day", output_field=DateField()))
        .values("month")
        .annotate(held=Sum("sessions"))
        .order_by("month")
    )
    return {row["month"]: row["held"] for row in rows}


def _delivered_table(filters: KpiFilters, places: dict[datetime.date, dict]) -> KpiTable:
    held = _held_per_month(filters)
    rows = []
    for month in months_of(filters):
        count = held.get(month, 0)
        attended = (places.get(month) or {}).get("attended", 0)
        drill = {"figur": FIGURE_HELD, "maaned": month_key(month)} if count else {}
        rows.append((Cell(month_label(month)), Cell(count, drill), Cell(attended)))
    return KpiTable(
        key="aftaler-pr-maaned",
        title=_("Gennemførte aftaler pr. måned"),
        description=_(
            "Aftaler (individuelle, hold, hjemme og video) med status gennemført, efter den "
            "måned aftalen lå i, og hvor mange gange en borger mødte op til dem."
        ),
        columns=(
            Column("month", _("Måned"), ValueKind.TEXT),
            Column("held", _("Gennemførte aftaler"), ValueKind.COUNT),
            Column("attended", _("Fremmøder"), ValueKind.COUNT),
        ),
        rows=tuple(rows),
        chart=ChartSpec(kind="line", label_column="month", value_columns=("held",)),
    )


def _monthly_rates_table(filters: KpiFilters, places: dict[datetime.date, dict]) -> KpiTable:
    rows = tuple(
        _rate_row(Cell(month_label(month)), places.get(month), {"maaned": month_key(month)})
        for month in months_of(filters)
    )
    return KpiTable(
        key="udeblivelser-pr-maaned",
        title=_("Udeblivelser og sene afbud pr. måned"),
        description=_(
            "Andelen af borgernes pladser, hvor borgeren udeblev eller meldte afbud for sent. "
            "Pladser, der stadig er booket, og aftaler, terapeuten har aflyst, tælles ikke med. "
            "Om et afbud kom for sent, afgøres, når det registreres, efter kvalitetsstandardens "
            "afbudsfrist."
        ),
        columns=_rate_columns(Column("month", _("Måned"), ValueKind.TEXT)),
        rows=rows,
        chart=ChartSpec(
            kind="line", label_column="month", value_columns=("no_show_rate", "late_rate")
        ),
    )


def _service_rates_table(filters: KpiFilters, groups: list[dict[str, Any]]) -> KpiTable:
    counts = _fold(groups, "service_code")
    names = service_names(filters, counts)
    rows = tuple(
        _rate_row(Cell(names[code]), counts[code], {"indsats": code})
        for code in sorted(counts, key=lambda code: names[code])
    )
    return KpiTable(
        key="udeblivelser-pr-indsats",
        title=_("Udeblivelser og sene afbud pr. indsats"),
        description=_(
            "Som pr. måned, for hele perioden, efter den indsats borgerens forløb hører til."
        ),
        columns=_rate_columns(Column("service", _("Indsats"), ValueKind.TEXT)),
        rows=rows,
        chart=ChartSpec(
            kind="bar", label_column="service", value_columns=("no_show_rate", "late_rate")
        ),
    )


def _class_rates_table(filters: KpiFilters, groups: list[dict[str, Any]]) -> KpiTable:
    counts = _fold(groups, "team_class_id")
    classes = TeamClass.objects.filter(
        municipality_id=filters.municipality_id, pk__in=list(counts)
    ).order_by("name", "pk")
    rows = tuple(
        _rate_row(Cell(team_class.name), counts[team_class.pk], {"holdet": str(team_class.pk)})
        for team_class in classes
    )
    return KpiTable(
        key="udeblivelser-pr-hold",
        title=_("Udeblivelser og sene afbud pr. hold"),
        description=_("Som pr. måned, for hele perioden, for pladserne på hvert hold."),
        columns=_rate_columns(Column("team_class", _("Hold"), ValueKind.TEXT)),
        rows=rows,
        chart=ChartSpec(
            kind="bar", label_column="team_class", value_columns=("no_show_rate", "late_rate")
        ),
    )


class AttendanceSection:
    key = "fremmoede"
    title = gettext_lazy("Fremmøde")

    def tables(self, filters: KpiFilters) -> list[KpiTable]:
        groups = place_groups(filters)
        per_month = _fold(groups, "month")
        return [
            _delivered_table(filters, per_month),
            _monthly_rates_table(filters, per_month),
            _service_rates_table(filters, groups),
            _class_rates_table(filters, groups),
        ]

    def cases(self, drilldown: dict[str, str], filters: KpiFilters) -> CaseList:
        figure = drill_choice(drilldown, "figur", FIGURES)
        month = drill_month(drilldown, "maaned", filters)
        service = drill_service(drilldown, "indsats", filters)
        team_class_id = drill_team_class(drilldown, "holdet", filters)
        places = attendances_in_scope(filters)
        if month is not None:
            places = places.filter(month_moments(month, filters))
        if service is not None:
            places = places.filter(course__service_code=service)
        if team_class_id is not None:
            places = places.filter(session__team_class_id=team_class_id)
        places, title = _figure_places(places, figure)
        return CaseList(title=title, courses=courses_with_places(filters, places))


def _figure_places(places: QuerySet, figure: str) -> tuple[QuerySet, str]:
    if figure == FIGURE_NO_SHOW:
        return places.filter(status=AttendanceStatus.NO_SHOW), _("Forløb med udeblivelser")
    if figure == FIGURE_LATE:
        return (
            places.filter(status=AttendanceStatus.CANCELLED_LATE),
            _("Forløb med afbud for sent"),
        )
    return (
        places.filter(session__status=SessionStatus.HELD),
        _("Forløb med plads i gennemførte aftaler"),
    )


SECTION = AttendanceSection()
