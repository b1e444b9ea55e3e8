"""The quality standard page: public documents, readable by every logged-in role."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from rehabplan import rules
from rehabplan.organisation.standards import installation_registry
from rehabplan.web.privacy import shows_no_citizen_data
from rehabplan.web.standards.forms import StandardQueryForm
from rehabplan.web.standards.links import page_url
from rehabplan.web.standards.page import Comparison, build_comparison, build_page


@shows_no_citizen_data
@require_GET
def own_standard_view(request: HttpRequest) -> HttpResponse:
    municipality = request.user.municipality
    if municipality is None:
        raise PermissionDenied(_("Din bruger er ikke knyttet til en kommune."))
    query = request.GET.urlencode()
    url = page_url(municipality.slug)
    return redirect(f"{url}?{query}" if query else url)


@shows_no_citizen_data
@require_GET
def standard_view(request: HttpRequest, municipality_slug: str) -> HttpResponse:
    registry = installation_registry()
    try:
        registry.municipality(municipality_slug)
    except rules.LookupFailed:
        raise Http404(_("Kommunen har ingen kvalitetsstandard i Rehabplan.")) from None
    choices = tuple((slug, name) for slug, _code, name in registry.municipalities())
    form = StandardQueryForm(request.GET or None, municipalities=choices)
    values = form.cleaned_data if form.is_valid() else {}
    today = timezone.localdate()
    on = values.get("dato") or today
    page = build_page(registry, municipality_slug, on)
    comparison, comparison_error = _comparison(registry, page.name, municipality_slug, on, values)
    if not request.GET:
        form = StandardQueryForm(initial={"dato": on}, municipalities=choices)
    context: dict[str, Any] = {
        "page": page,
        "form": form,
        "comparison": comparison,
        "comparison_error": comparison_error,
        "is_own": request.user.municipality is not None
        and request.user.municipality.slug == municipality_slug,
        "today": today,
    }
    return render(request, "standards/standard_page.html", context)


def _comparison(
    registry: rules.StandardsRegistry,
    name: str,
    slug: str,
    on: dt.date,
    values: dict[str, Any],
) -> tuple[Comparison | None, str]:
    other = values.get("sammenlign") or ""
    other_on = values.get("sammenlign_dato")
    if not other and other_on is None:
        return None, ""
    other = other or slug
    other_on = other_on or on
    other_name = registry.municipality(other).name
    left_label = _("%(name)s pr. %(day)s") % {"name": name, "day": date_format(on, "j. F Y")}
    right_label = _("%(name)s pr. %(day)s") % {
        "name": other_name,
        "day": date_format(other_on, "j. F Y"),
    }
    try:
        comparison = build_comparison(
            registry,
            slug,
            on,
            other,
            other_on,
            left_label=left_label,
            right_label=right_label,
        )
    except rules.LookupFailed as error:
        return None, str(error)
    return comparison, ""
