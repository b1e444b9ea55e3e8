"""Hold og terapeuter: how full the team classes were, how often a class met with fewer
participants than its minimum, and how much of each therapist's available time was booked.

A seat is taken as the booking rules take it (`SEAT_STATUSES`: booked, attended, stayed away or
cancelled too late); available time is the calendar's (`courses.selectors.availability`).
"""

from __future__ import annotations

from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rehabplan.courses.models import Attendance, SessionStatus
from rehabplan.courses.selectors.availability import available_minutes
from rehabplan.courses.services.booking.occurrences import SEAT_STATUSES
from rehabplan.organisation.models import TeamClass, Therapist
from rehabplan.reporting.daily.readers import session_days
from rehabplan.reporting.kpi.common import percent
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
    attendances_in_scope,
    courses_with_places,
    drill_choice,
    drill_team_class,
    drill_therapist,
    sessions_in_scope,
)

FIGURE_SEATS = "pladser"
FIGURE_UNDER_MINIMUM = "under-minimum"
FIGURE_THERAPIST = "terapeut"
FIGURES = (FIGURE_SEATS, FIGURE_UNDER_MINIMUM, FIGURE_THERAPIST)


def class_occurrences(filters: KpiFilters) -> QuerySet:
    """The team sessions of the period that were not cancelled, each with its taken seats."""
    seats = (
        Attendance.objects.of_municipality(filters.municipality_id)
        .filter(session_id=OuterRef("pk"), status__in=SEAT_STATUSES)
        .order_by()
        .values("session_id")
        .annotate(taken=Count("pk"))
        .values("taken")
    )
    return (
        sessions_in_scope(filters)
        .filter(team_class__isnull=False)
        .exclude(status=SessionStatus.CANCELLED)
        .annotate(seats=Coalesce(Subquery(seats, output_field=IntegerField()), Value(0)))
    )


def _fill_table(filters: KpiFilters) -> KpiTable:
    counts = {
        row["team_class_id"]: row
        for row in session_days(filters)
        .filter(team_class__isnull=False)
        .exclude(session_status=SessionStatus.CANCELLED)
        .values("team_class_id")
        .annotate(
            occurrences=Sum("sessions"),
            taken=Sum(F("sessions") * F("seats")),
            under=Coalesce(
                Sum("sessions", filter=Q(seats__lt=F("team_class__minimum_to_run"))), Value(0)
            ),
        )
    }
    classes = TeamClass.objects.filter(
        municipality_id=filters.municipality_id, pk__in=list(counts)
    ).order_by("name", "pk")
    rows = []
    for team_class in classes:
        row = counts[team_class.pk]
        offered = row["occurrences"] * team_class.capacity
        drill = {"holdet": str(team_class.pk)}
        rows.append(
            (
                Cell(team_class.name),
                Cell(row["occurrences"]),
                Cell(offered),
                Cell(row["taken"], {**drill, "figur": FIGURE_SEATS} if row["taken"] else {}),
                Cell(percent(row["taken"], offered)),
                Cell(team_class.minimum_to_run),
                Cell(
                    row["under"], {**drill, "figur": FIGURE_UNDER_MINIMUM} if row["under"] else {}
                ),
            )
        )
    return KpiTable(
        key="holdbelaegning",
        title=_("Belægning og hold under minimum"),
        description=_(
            "For hvert hold: de gange, holdet mødtes i perioden (aflyste gange tælles ikke), "
            "pladserne i alt (holdets pladser gange antal gange), de optagne pladser (booket, "
            "mødt, udeblevet eller afbud for sent) og belægningen. En gang er under minimum, "
            "når færre pladser var optaget end holdets mindste antal deltagere."
        ),
        columns=(
            Column("team_class", _("Hold"), ValueKind.TEXT),
            Column("occurrences", _("Gange"), ValueKind.COUNT),
            Column("offered", _("Pladser i alt"), ValueKind.COUNT),
            Column("taken", _("Optagne pladser"), ValueKind.COUNT),
            Column("fill", _("Belægning (%)"), ValueKind.PERCENT),
            Column("minimum", _("Mindst deltagere"), ValueKind.COUNT),
            Column("under", _("Gange under minimum"), ValueKind.COUNT),
        ),
        rows=tuple(rows),
        chart=ChartSpec(kind="bar", label_column="team_class", value_columns=("fill",)),
    )


def _load_therapists(filters: KpiFilters, booked: dict[int, dict]) -> QuerySet[Therapist]:
    therapists = Therapist.objects.filter(municipality_id=filters.municipality_id)
    if filters.therapist_id is not None:
        therapists = therapists.filter(pk=filters.therapist_id)
    narrowed = filters.location_id is not None or filters.team_class_id or filters.service_code
    # With a place, class or service chosen, only the therapists who worked there; otherwise
    # also the active ones who had nothing booked, since idle time is part of the picture.
    if narrowed:
        therapists = therapists.filter(pk__in=list(booked))
    else:
        therapists = therapists.filter(Q(active=True) | Q(pk__in=list(booked)))
    return therapists.order_by("name", "pk")


def _load_table(filters: KpiFilters) -> KpiTable:
    booked = {
        row["therapist_id"]: row
        for row in session_days(filters)
        .exclude(session_status=SessionStatus.CANCELLED)
        .values("therapist_id")
        .annotate(minutes=Sum(F("sessions") * F("duration_minutes")), total=Sum("sessions"))
    }
    therapists = list(_load_therapists(filters, booked))
    available = available_minutes(
        municipality_id=filters.municipality_id,
        therapist_ids=[therapist.pk for therapist in therapists],
        first_day=filters.period_start,
        last_day=filters.period_end,
    )
    rows = []
    for therapist in therapists:
        row = booked.get(therapist.pk, {"minutes": 0, "total": 0})
        drill = {"figur": FIGURE_THERAPIST, "terapeuten": str(therapist.pk)}
        rows.append(
            (
                Cell(therapist.name),
                Cell(round(available[therapist.pk] / 60, 1)),
                Cell(round(row["minutes"] / 60, 1)),
                Cell(percent(row["minutes"], available[therapist.pk])),
                Cell(row["total"], drill if row["total"] else {}),
            )
        )
    return KpiTable(
        key="terapeutbelastning",
        title=_("Terapeuternes belastning"),
        description=_(
            "Tilgængelige timer er terapeutens arbejdstid i perioden, fratrukket lukkedage og "
            "fravær, som kalenderen regner dem. Bookede timer er varigheden af terapeutens "
            "aftaler i perioden, som ikke er aflyst. Belastningen er bookede timer i procent af "
            "tilgængelige timer. Et valgt sted, hold eller indsats begrænser de bookede timer."
        ),
        columns=(
            Column("therapist", _("Terapeut"), ValueKind.TEXT),
            Column("available_hours", _("Tilgængelige timer"), ValueKind.NUMBER),
            Column("booked_hours", _("Bookede timer"), ValueKind.NUMBER),
            Column("load", _("Belastning (%)"), ValueKind.PERCENT),
            Column("sessions", _("Aftaler"), ValueKind.COUNT),
        ),
        rows=tuple(rows),
        chart=ChartSpec(
            kind="bar",
            label_column="therapist",
            value_columns=("available_hours", "booked_hours"),
        ),
    )


class CapacitySection:
    key = "hold-og-terapeuter"
    title = gettext_lazy("Hold og terapeuter")

    def tables(self, filters: KpiFilters) -> list[KpiTable]:
        return [_fill_table(filters), _load_table(filters)]

    def cases(self, drilldown: dict[str, str], filters: KpiFilters) -> CaseList:
        figure = drill_choice(drilldown, "figur", FIGURES)
        if figure == FIGURE_THERAPIST:
            therapist_id = drill_therapist(drilldown, "terapeuten", filters)
            if therapist_id is None:
                raise UnknownDrilldown("terapeuten")
            sessions = (
                sessions_in_scope(filters)
                .exclude(status=SessionStatus.CANCELLED)
                .filter(therapist_id=therapist_id)
            )
            places = attendances_in_scope(filters).filter(session__in=sessions.values("pk"))
            title = _("Forløb med aftaler hos terapeuten")
        else:
            team_class_id = drill_team_class(drilldown, "holdet", filters)
            if team_class_id is None:
                raise UnknownDrilldown("holdet")
            occurrences = class_occurrences(filters).filter(team_class_id=team_class_id)
            title = _("Forløb med plads på holdet")
            if figure == FIGURE_UNDER_MINIMUM:
                occurrences = occurrences.filter(seats__lt=F("team_class__minimum_to_run"))
                title = _("Forløb på holdets gange under minimum")
            places = attendances_in_scope(filters).filter(
                session__in=occurrences.values("pk"), status__in=SEAT_STATUSES
            )
        return CaseList(title=title, courses=courses_with_places(filters, places))


SECTION = CapacitySection()
