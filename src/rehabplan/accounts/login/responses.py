"""What a locked-out login sees: the login page with a Danish explanation, HTTP 429."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from rehabplan.accounts.login.lockout import lockout_limits


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE, for the product's login page and the admin's alike."""
    from django.contrib.auth.forms import AuthenticationForm

    minutes = int(lockout_limits().cooloff.total_seconds() // 60)
    context: dict[str, Any] = {
        "form": AuthenticationForm(request),
        "locked_out": True,
        "cooloff_minutes": minutes,
        "next": request.POST.get("next", ""),
    }
    return render(
        request, "registration/login.html", context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
