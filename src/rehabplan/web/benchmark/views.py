"""The least a citizen page can do: read one citizen and write one audit row, through the same
middleware, session and login as every page. benchmarks/web_bench.py compares the real citizen
page's throughput with this one's."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.utils.html import format_html

from rehabplan.citizens.selectors import citizen_get
from rehabplan.web.privacy import audited_view


@audited_view
@permission_required("citizens.view_citizen", raise_exception=True)
def bare_citizen_view(request: HttpRequest, citizen_id: int) -> HttpResponse:
    citizen = citizen_get(user=request.user, citizen_id=citizen_id)
    return HttpResponse(
        format_html("<!doctype html><title>{0}</title><p>{0}</p>", citizen.full_name)
    )
