"""The leader's key figures: a page per section, the cases behind a figure, a table as a file."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rehabplan.audit.services import audit_list_view
from rehabplan.courses.models.referrals import MissReason
from rehabplan.reporting.kpi.export import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    table_csv,
    table_xlsx,
)
from rehabplan.reporting.kpi.figures import (
    KpiFilters,
    KpiTable,
    Section,
    UnknownDrilldown,
    ValueKind,
)
from rehabplan.reporting.kpi.formatting import chart_value, display_value
from rehabplan.reporting.kpi.sections import SECTIONS, section_by_key
from rehabplan.web.dashboard.forms import FILTER_FIELDS, KpiFilterForm
from rehabplan.web.paging import PAGE_PARAMETER, paged_request
from rehabplan.web.privacy import audited_view, shows_no_citizen_data

PERMISSION = "reporting.view_kpi"
CASES_PER_PAGE = 25


def _section(key: str) -> Section:
    section = section_by_key(key)
    if section is None:
        raise Http404(_("Siden findes ikke."))
    return section


def _filter_form(request: HttpRequest) -> KpiFilterForm:
    if not request.user.municipality_id:
        raise PermissionDenied(_("Din bruger er ikke knyttet til en kommune."))
    return KpiFilterForm(request.GET, user=request.user)


def _filter_query(request: HttpRequest) -> dict[str, str]:
    """The filters of the request as they were typed, to carry on into links."""
    return {name: request.GET[name] for name in FILTER_FIELDS if request.GET.get(name)}


@dataclass(frozen=True)
class ShownCell:
    text: str
    href: str
    header: bool


@dataclass(frozen=True)
class ShownTable:
    table: KpiTable
    rows: list[list[ShownCell]]
    chart: dict[str, Any] | None
    csv_url: str
    xlsx_url: str


def _shown_table(section: Section, table: KpiTable, filter_query: dict[str, str]) -> ShownTable:
    cases_url = reverse("kpi-cases", kwargs={"section_key": section.key})
    rows = []
    for row in table.rows:
        shown = []
        for index, (cell, column) in enumerate(zip(row, table.columns, strict=True)):
            href = f"{cases_url}?{urlencode({**filter_query, **cell.cases})}" if cell.cases else ""
            shown.append(ShownCell(display_value(cell.value, column.kind), href, index == 0))
        rows.append(shown)
    chart = None
    if table.chart is not None:
        columns = {column.key: (index, column) for index, column in enumerate(table.columns)}
        label_index, _label = columns[table.chart.label_column]
        chart = {
            "kind": table.chart.kind,
            "stacked": table.chart.stacked,
            "percent": all(
                columns[key][1].kind == ValueKind.PERCENT for key in table.chart.value_columns
            ),
            "labels": [str(row[label_index].value) for row in table.rows],
            "series": [
                {
                    "label": str(columns[key][1].label),
                    "values": [
                        chart_value(row[columns[key][0]].value, columns[key][1].kind)
                        for row in table.rows
                    ],
                }
                for key in table.chart.value_columns
            ],
        }
    export_query = f"?{urlencode(filter_query)}" if filter_query else ""
    export = {"section_key": section.key, "table_key": table.key}
    return ShownTable(
        table=table,
        rows=rows,
        chart=chart,
        csv_url=reverse("kpi-export-csv", kwargs=export) + export_query,
        xlsx_url=reverse("kpi-export-xlsx", kwargs=export) + export_query,
    )


@shows_no_citizen_data
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def dashboard_start_view(request: HttpRequest) -> HttpResponse:
    if not SECTIONS:
        raise Http404(_("Der er ingen nøgletal endnu."))
    return redirect("kpi-section", section_key=SECTIONS[0].key)


@shows_no_citizen_data
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def section_view(request: HttpRequest, section_key: str) -> HttpResponse:
    """A section's tables: counts only, never a citizen (the drill-down lists them)."""
    section = _section(section_key)
    form = _filter_form(request)
    filter_query = _filter_query(request)
    tables = []
    if form.is_valid():
        tables = [
            _shown_table(section, table, filter_query) for table in section.tables(form.filters())
        ]
    tab_query = f"?{urlencode(filter_query)}" if filter_query else ""
    context = {
        "section": section,
        "tabs": [
            {
                "title": tab.title,
                "href": reverse("kpi-section", kwargs={"section_key": tab.key}) + tab_query,
                "current": tab.key == section.key,
            }
            for tab in SECTIONS
        ],
        "form": form,
        "tables": tables,
    }
    return render(request, "dashboard/section.html", context, status=200 if tables else 400)


def _case_rows(case_list: Any, rows: list[Any]) -> list[dict[str, Any]]:
    """A listed referral or course as the page shows it."""
    reasons = dict(MissReason.choices)
    shown = []
    for row in rows:
        if case_list.referrals is not None:
            reason = getattr(row, "kpi_miss_reason", None)
            shown.append(
                {
                    "citizen": row.citizen,
                    "service": row.service_name,
                    "first_date_label": _("Modtaget"),
                    "first_date": row.received_on,
                    "second_date_label": _("Frist"),
                    "second_date": getattr(row, "kpi_due", None),
                    "status": row.get_status_display(),
                    "reason": str(reasons.get(reason, "")) if reason is not None else None,
                    "href": reverse("referral-detail", kwargs={"referral_id": row.pk}),
                    "link_text": _("Henvisning"),
                }
            )
        else:
            shown.append(
                {
                    "citizen": row.citizen,
                    "service": row.service_name,
                    "first_date_label": _("Modtaget"),
                    "first_date": row.referral.received_on if row.referral_id else None,
                    "second_date_label": _("Start"),
                    "second_date": row.start_on,
                    "status": row.get_status_display(),
                    "reason": None,
                    "href": reverse("course-detail", kwargs={"course_id": row.pk}),
                    "link_text": _("Forløb"),
                }
            )
    return shown


@audited_view
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def cases_view(request: HttpRequest, section_key: str) -> HttpResponse:
    """The cases behind one figure, a page at a time; the page is logged with every citizen
    it showed."""
    section = _section(section_key)
    form = _filter_form(request)
    if not form.is_valid():
        raise Http404(_("Filtrene er ikke gyldige."))
    filters: KpiFilters = form.filters()
    drilldown = {
        key: value
        for key, value in request.GET.items()
        if key not in FILTER_FIELDS and key != PAGE_PARAMETER
    }
    try:
        case_list = section.cases(drilldown, filters)
    except UnknownDrilldown as error:
        raise Http404(_("Tallet findes ikke.")) from error
    rows = case_list.referrals if case_list.referrals is not None else case_list.courses
    if rows is None:
        raise Http404(_("Tallet findes ikke."))
    page = paged_request(
        request,
        rows,
        per_page=CASES_PER_PAGE,
        transform=lambda found: _case_rows(case_list, found),
    )
    audit_list_view(
        user=request.user,
        summary=_("Nøgletal, sager bag tallet vist: %(what)s") % {"what": case_list.title},
        citizen_ids=(row["citizen"].pk for row in page.rows),
    )
    back_query = f"?{urlencode(_filter_query(request))}" if _filter_query(request) else ""
    context = {
        "section": section,
        "case_list": case_list,
        "page": page,
        "show_reason": case_list.referrals is not None
        and any(row["reason"] is not None for row in page.rows),
        "back_url": reverse("kpi-section", kwargs={"section_key": section.key}) + back_query,
    }
    return render(request, "dashboard/cases.html", context)


def _export_table(request: HttpRequest, section_key: str, table_key: str) -> KpiTable:
    section = _section(section_key)
    form = _filter_form(request)
    if not form.is_valid():
        raise Http404(_("Filtrene er ikke gyldige."))
    table = next((t for t in section.tables(form.filters()) if t.key == table_key), None)
    if table is None:
        raise Http404(_("Tabellen findes ikke."))
    return table


def _file_name(request: HttpRequest, section_key: str, table_key: str, suffix: str) -> str:
    # Only the period's digits go into the name: the header never carries what was typed.
    period = "".join(
        f"-{re.sub(r'[^0-9-]', '', request.GET.get(name, ''))}"
        for name in ("fra", "til")
        if request.GET.get(name)
    )
    return f"noegletal-{section_key}-{table_key}{period}.{suffix}"


@shows_no_citizen_data
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def export_csv_view(request: HttpRequest, section_key: str, table_key: str) -> HttpResponse:
    table = _export_table(request, section_key, table_key)
    response = HttpResponse(table_csv(table), content_type=CSV_CONTENT_TYPE)
    name = _file_name(request, section_key, table_key, "csv")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@shows_no_citizen_data
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def export_xlsx_view(request: HttpRequest, section_key: str, table_key: str) -> HttpResponse:
    table = _export_table(request, section_key, table_key)
    response = HttpResponse(table_xlsx(table), content_type=XLSX_CONTENT_TYPE)
    name = _file_name(request, section_key, table_key, "xlsx")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
