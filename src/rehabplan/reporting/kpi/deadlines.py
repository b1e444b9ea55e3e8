"""Section "Frister": how many of the stored deadlines falling due in the period were met.

A deadline belongs to the period when its day (`due`) lies in it. It is met when it was met on
or before that day, missed when it was met after it or is still open after it, and open when
it is not met and its day has not passed (today included). The share met counts the met among
the met and missed: an open deadline has not been decided yet. A deadline never met of a
referral closed without a course (refused, replaced, withdrawn, another municipality) is not
counted: its clock stopped.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rehabplan.courses.models import DeadlineKind, Referral, StoredDeadline
from rehabplan.courses.models.referrals import MissReason
from rehabplan.courses.selectors import OPEN_REFERRAL_STATUSES
from rehabplan.reporting.kpi.common import (
    check_keys,
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

# Drill-down parameters (Danish, they are in the address) and their values.
KIND = "frist"
SERVICE = "indsats"
OUTCOME = "udfald"
MONTH = "maaned"
REASON = "aarsag"
MET, MISSED, OPEN = "overholdt", "overskredet", "aaben"
NO_REASON = "ingen"


def met_q() -> Q:
    return Q(met_on__isnull=False, met_on__lte=F("due"))


def missed_q(today: datetime.date) -> Q:
    return Q(met_on__gt=F("due")) | Q(met_on__isnull=True, due__lt=today)


def open_q(today: datetime.date) -> Q:
    return Q(met_on__isnull=True, due__gte=today)


def outcome_q(outcome: str, today: datetime.date) -> Q:
    return {MET: met_q(), MISSED: missed_q(today), OPEN: open_q(today)}[outcome]


def counted_deadlines(filters: KpiFilters) -> QuerySet[StoredDeadline]:
    """The deadlines the section counts: of the municipality, due in the period, filtered."""
    return (
        StoredDeadline.objects.of_municipality(filters.municipality_id)
        .filter(due__gte=filters.period_start, due__lte=filters.period_end)
        .filter(Q(met_on__isnull=False) | Q(referral__status__in=OPEN_REFERRAL_STATUSES))
        .filter(referral_filter_q(filters, "referral__"))
    )


def _outcome_counts(today: datetime.date) -> dict[str, Count]:
    return {
        "met": Count("pk", filter=met_q()),
        "missed": Count("pk", filter=missed_q(today)),
        "open": Count("pk", filter=open_q(today)),
    }


class DeadlineSection:
    key = "frister"
    title = gettext_lazy("Frister")

    def tables(self, filters: KpiFilters) -> list[KpiTable]:
        today = timezone.localdate()
        return [
            self._compliance(filters, today),
            self._trend(filters, today),
            self._reasons(filters, today),
        ]

    # -- tables -------------------------------------------------------------------------------

    def _compliance(self, filters: KpiFilters, today: datetime.date) -> KpiTable:
        rows_found = list(
            counted_deadlines(filters)
            .values("kind", "referral__service_code")
            .annotate(**_outcome_counts(today))
            .order_by("kind", "referral__service_code")
        )
        names = service_names(filters, {row["referral__service_code"] for row in rows_found})
        kind_order = {kind: index for index, kind in enumerate(DeadlineKind.values)}
        kind_labels = dict(DeadlineKind.choices)
        rows_found.sort(
            key=lambda row: (kind_order.get(row["kind"], 99), names[row["referral__service_code"]])
        )
        rows = []
        for row in rows_found:
            code = row["referral__service_code"]
            base = {KIND: row["kind"], SERVICE: code}
            rows.append(
                (
                    Cell(f"{kind_labels.get(row['kind'], row['kind'])} – {names[code]}"),
                    Cell(percent(row["met"], row["met"] + row["missed"])),
                    Cell(row["met"], {**base, OUTCOME: MET} if row["met"] else {}),
                    Cell(row["missed"], {**base, OUTCOME: MISSED} if row["missed"] else {}),
                    Cell(row["open"], {**base, OUTCOME: OPEN} if row["open"] else {}),
                )
            )
        return KpiTable(
            key="overholdelse",
            title=_("Overholdte frister pr. frist og indsats"),
            description=_(
                "Frister med sidste dag i perioden. Overholdt: opfyldt senest på fristens dag. "
                "Overskredet: opfyldt senere eller stadig åben efter fristens dag. Åben: ikke "
                "opfyldt, og dagen er ikke passeret. Andelen regnes af de overholdte og "
                "overskredne."
            ),
            columns=(
                Column("rule", _("Frist og indsats"), ValueKind.TEXT),
                Column("share_met", _("Overholdt (andel)"), ValueKind.PERCENT),
                Column("met", _("Overholdt"), ValueKind.COUNT),
                Column("missed", _("Overskredet"), ValueKind.COUNT),
                Column("open", _("Åbne"), ValueKind.COUNT),
            ),
            rows=tuple(rows),
            chart=ChartSpec(kind="bar", label_column="rule", value_columns=("share_met",)),
        )

    def _trend(self, filters: KpiFilters, today: datetime.date) -> KpiTable:
        found = (
            counted_deadlines(filters)
            .annotate(month=TruncMonth("due"))
            .values("month", "kind")
            .annotate(**_outcome_counts(today))
            .order_by()
        )
        by_month: dict[tuple[datetime.date, str], dict[str, int]] = {}
        for row in found:
            month = row["month"]
            month = month.date() if isinstance(month, datetime.datetime) else month
            by_month[(month, row["kind"])] = row
        kinds = DeadlineKind.values
        rows = []
        for month in month_starts(filters.period_start, filters.period_end):
            counts = [by_month.get((month, kind), {"met": 0, "missed": 0}) for kind in kinds]
            met = sum(count["met"] for count in counts)
            missed = sum(count["missed"] for count in counts)
            base = {MONTH: month_key(month)}
            rows.append(
                (
                    Cell(month_label(month)),
                    *(Cell(percent(c["met"], c["met"] + c["missed"])) for c in counts),
                    Cell(percent(met, met + missed)),
                    Cell(met, {**base, OUTCOME: MET} if met else {}),
                    Cell(missed, {**base, OUTCOME: MISSED} if missed else {}),
                )
            )
        kind_columns = tuple(
            Column(f"share_{kind}", _("%(kind)s (andel)") % {"kind": label}, ValueKind.PERCENT)
            for kind, label in DeadlineKind.choices
        )
        return KpiTable(
            key="udvikling",
            title=_("Overholdte frister pr. måned"),
            description=_(
                "Andelen af frister overholdt, efter måneden fristen faldt i, for hver slags "
                "frist og i alt. En måned uden afgjorte frister står tom."
            ),
            columns=(
                Column("month", _("Måned"), ValueKind.TEXT),
                *kind_columns,
                Column("share_met", _("I alt (andel)"), ValueKind.PERCENT),
                Column("met", _("Overholdt"), ValueKind.COUNT),
                Column("missed", _("Overskredet"), ValueKind.COUNT),
            ),
            rows=tuple(rows),
            chart=ChartSpec(
                kind="line",
                label_column="month",
                value_columns=(*(column.key for column in kind_columns), "share_met"),
            ),
        )

    def _reasons(self, filters: KpiFilters, today: datetime.date) -> KpiTable:
        counts = dict(
            counted_deadlines(filters)
            .filter(missed_q(today))
            .values_list("miss_reason")
            .annotate(count=Count("pk"))
            .order_by()
        )
        missed = sum(counts.values())
        rows = []
        for code, label in [*MissReason.choices, ("", _("Ikke registreret"))]:
            count = counts.get(code, 0)
            drill = {OUTCOME: MISSED, REASON: code or NO_REASON}
            rows.append(
                (
                    Cell(str(label)),
                    Cell(count, drill if count else {}),
                    Cell(percent(count, missed)),
                )
            )
        return KpiTable(
            key="aarsager",
            title=_("Overskredne frister efter årsag"),
            description=_(
                "De overskredne frister i perioden efter den årsag, visitator eller leder har "
                "registreret på henvisningen. Tallet fører til sagerne."
            ),
            columns=(
                Column("reason", _("Årsag"), ValueKind.TEXT),
                Column("missed", _("Overskredne frister"), ValueKind.COUNT),
                Column("share", _("Andel"), ValueKind.PERCENT),
            ),
            rows=tuple(rows),
            chart=ChartSpec(kind="bar", label_column="reason", value_columns=("missed",)),
        )

    # -- drill-down ---------------------------------------------------------------------------

    def cases(self, drilldown: dict[str, str], filters: KpiFilters) -> CaseList:
        check_keys(drilldown, (KIND, SERVICE, OUTCOME, MONTH, REASON))
        today = timezone.localdate()
        deadlines = counted_deadlines(filters)
        parts = []
        if KIND in drilldown:
            if drilldown[KIND] not in DeadlineKind.values:
                raise UnknownDrilldown(KIND)
            deadlines = deadlines.filter(kind=drilldown[KIND])
            parts.append(DeadlineKind(drilldown[KIND]).label)
        if SERVICE in drilldown:
            code = drilldown[SERVICE]
            if not deadlines.filter(referral__service_code=code).exists():
                raise UnknownDrilldown(SERVICE)
            deadlines = deadlines.filter(referral__service_code=code)
            parts.append(service_names(filters, [code])[code])
        if OUTCOME in drilldown:
            if drilldown[OUTCOME] not in (MET, MISSED, OPEN):
                raise UnknownDrilldown(OUTCOME)
            deadlines = deadlines.filter(outcome_q(drilldown[OUTCOME], today))
            parts.append(
                {MET: _("overholdt"), MISSED: _("overskredet"), OPEN: _("åben")}[drilldown[OUTCOME]]
            )
        if MONTH in drilldown:
            month = parse_month(drilldown[MONTH], filters)
            deadlines = deadlines.filter(due__year=month.year, due__month=month.month)
            parts.append(month_label(month))
        if REASON in drilldown:
            reason = drilldown[REASON]
            if reason not in (*MissReason.values, NO_REASON):
                raise UnknownDrilldown(REASON)
            deadlines = deadlines.filter(
                missed_q(today), miss_reason="" if reason == NO_REASON else reason
            )
            parts.append(
                MissReason(reason).label if reason != NO_REASON else _("ingen årsag registreret")
            )
        # The reason recorded on the listed deadline, shown beside each case.
        reason_of = deadlines.filter(referral_id=OuterRef("pk")).order_by("due")
        referrals = (
            Referral.objects.of_municipality(filters.municipality_id)
            .filter(pk__in=deadlines.values("referral_id"))
            .annotate(
                kpi_miss_reason=Subquery(reason_of.values("miss_reason")[:1]),
                kpi_due=Subquery(reason_of.values("due")[:1]),
            )
            .select_related("citizen", "municipality")
            .defer("gop_content", "diagnosis_text")
            .order_by("received_on", "pk")
        )
        return CaseList(
            title=_("Frister: %(what)s") % {"what": ", ".join(str(part) for part in parts)},
            referrals=referrals,
        )


SECTION = DeadlineSection()
