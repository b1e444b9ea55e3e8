from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from rehabplan.web.security.session_timeout import session_clock


def session_timeout(request: HttpRequest) -> dict[str, Any]:
    """The session warning's figures, read by web/assets/js/session.js from <body> attributes."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    clock = session_clock(request.session)
    return {
        "session_seconds_left": clock.seconds_left,
        "session_ends_by": clock.ends_by,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        "session_status_url": reverse("session-status"),
    }
