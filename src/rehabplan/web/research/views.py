"""The leader's "Forskning": choose a period and a format, see how many courses the export
holds, and download it. The page shows figures only; the download is audited by the service."""

from __future__ import annotations

import datetime

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from rehabplan.reporting.models import ResearchExport
from rehabplan.reporting.research.files import CONTENT_TYPES
from rehabplan.reporting.research.key import ResearchKeyError
from rehabplan.reporting.research.rows import ExportPeriod, research_course_count
from rehabplan.reporting.research.services import PERMISSION, research_export
from rehabplan.web.privacy import audited_view
from rehabplan.web.research.forms import ResearchExportForm

RECENT_EXPORTS = 10


def _initial() -> dict[str, datetime.date]:
    today = timezone.localdate()
    return {"first_day": datetime.date(today.year - 1, 1, 1), "last_day": today}


def _page(request: HttpRequest, form: ResearchExportForm, **context) -> HttpResponse:
    recent = (
        ResearchExport.objects.for_user(request.user)
        .select_related("user")
        .order_by("-created_at", "-id")[:RECENT_EXPORTS]
    )
    return render(request, "research/export.html", {"form": form, "recent": recent, **context})


def _download(request: HttpRequest, form: ResearchExportForm) -> HttpResponse:
    data = form.cleaned_data
    try:
        result = research_export(
            user=request.user,
            first_day=data["first_day"],
            last_day=data["last_day"],
            file_format=data["file_format"],
        )
    except ResearchKeyError as error:
        return _page(request, form, key_error=str(error))
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, form)
    response = HttpResponse(result.content, content_type=CONTENT_TYPES[data["file_format"]])
    response["Content-Disposition"] = f'attachment; filename="{result.name}"'
    return response


# Audited: the download holds pseudonymised citizen data, and the service writes an audit entry
# naming every citizen whose courses it holds. The page itself shows only counts.
@audited_view
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def research_export_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ResearchExportForm(request.POST)
        if form.is_valid():
            return _download(request, form)
        return _page(request, form)
    if "first_day" not in request.GET:
        return _page(request, ResearchExportForm(initial=_initial()))
    form = ResearchExportForm(request.GET)
    if not form.is_valid():
        return _page(request, form)
    period = ExportPeriod(form.cleaned_data["first_day"], form.cleaned_data["last_day"])
    count = research_course_count(
        municipality=request.user.municipality, period=period, today=timezone.localdate()
    )
    return _page(request, form, count=count, period=period)
