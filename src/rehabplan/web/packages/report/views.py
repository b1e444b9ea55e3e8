"""The leader's usage report of the training packages: a page, and the same tables as CSV and
XLSX with the dashboard's file writers."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rehabplan.reporting.kpi.export import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    table_csv,
    table_xlsx,
)
from rehabplan.trainingpackages.services.report import package_usage, report_tables
from rehabplan.web.packages.report.forms import ReportPeriodForm
from rehabplan.web.privacy import shows_no_citizen_data

PERMISSION = "reporting.view_kpi"


def _form(request: HttpRequest) -> ReportPeriodForm:
    return ReportPeriodForm(request.GET, today=timezone.localdate())


def _tables(request: HttpRequest, form: ReportPeriodForm) -> dict:
    figures = package_usage(
        municipality_id=request.user.municipality_id,
        start=form.cleaned_data["fra"],
        end=form.cleaned_data["til"],
    )
    return {"figures": figures, "tables": report_tables(figures)}


@shows_no_citizen_data
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def report_view(request: HttpRequest) -> HttpResponse:
    if not request.user.municipality_id:
        raise Http404(_("Siden findes ikke."))
    form = _form(request)
    context = {"form": form, "query": ""}
    if form.is_valid():
        context.update(_tables(request, form))
        context["query"] = request.GET.urlencode()
    return render(
        request,
        "packages/report/report.html",
        context,
        status=200 if form.is_valid() else 400,
    )


def _export(request: HttpRequest, suffix: str) -> tuple[bytes, str]:
    if not request.user.municipality_id:
        raise Http404(_("Siden findes ikke."))
    form = _form(request)
    if not form.is_valid():
        raise Http404(_("Perioden er ikke gyldig."))
    tables = _tables(request, form)["tables"]
    table = tables.get(request.GET.get("tabel", ""))
    if table is None:
        raise Http404(_("Tabellen findes ikke."))
    # Only the period's digits go into the name: the header never carries what was typed.
    period = "".join(
        f"-{re.sub(r'[^0-9-]', '', request.GET.get(name, ''))}"
        for name in ("fra", "til")
        if request.GET.get(name)
    )
    name = f"traeningspakker-{table.key}{period}.{suffix}"
    content = table_csv(table) if suffix == "csv" else table_xlsx(table)
    return content, name


@shows_no_citizen_data
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def report_csv_view(request: HttpRequest) -> HttpResponse:
    content, name = _export(request, "csv")
    response = HttpResponse(content, content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@shows_no_citizen_data
@permission_required(PERMISSION, raise_exception=True)
@require_GET
def report_xlsx_view(request: HttpRequest) -> HttpResponse:
    content, name = _export(request, "xlsx")
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
