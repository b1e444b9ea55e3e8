"""The session warning's status check and keep-alive."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, JsonResponse
from django.shortcuts import resolve_url
from django.views.decorators.http import require_http_methods

from rehabplan.web.privacy import shows_no_citizen_data
from rehabplan.web.security.session_timeout import LAST_ACTIVITY, session_clock


@shows_no_citizen_data
@login_not_required
@require_http_methods(["GET", "POST"])
def session_status_view(request: HttpRequest) -> JsonResponse:
    """GET reports the time left without counting as activity (the script sends the background
    header); POST is "Forbliv logget ind" and renews the idle time at once."""
    if not request.user.is_authenticated:
        return JsonResponse(
            {"logged_out": True, "login_url": resolve_url(settings.LOGIN_URL)}, status=401
        )
    if request.method == "POST":
        request.session[LAST_ACTIVITY] = time.time()
    return JsonResponse(session_clock(request.session).as_json())
