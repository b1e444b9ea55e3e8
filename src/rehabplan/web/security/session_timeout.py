"""Sessions end after a time without activity and at the latest a fixed time after login.

The login time and the last activity are kept in the session as epoch seconds. Requests the
browser makes by itself (htmx polling, the warning's status check) send `X-Rehabplan-Background`
and do not count as activity: a planning page left open must not keep a session alive.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import resolve_url
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rehabplan.accounts.login.audit import LOGOUT_REASON

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


LOGIN_AT = "session_login_at"
LAST_ACTIVITY = "session_last_activity"
BACKGROUND_HEADER = "X-Rehabplan-Background"

# Activity is written to the session at most once a minute, not on every request: a session
# then ends between 29 and 30 minutes after the last click, and most requests save nothing.
ACTIVITY_RESOLUTION = 60

IDLE = "idle"
ABSOLUTE = "absolute"


@dataclass(frozen=True)
class SessionClock:
    idle_seconds_left: int
    absolute_seconds_left: int

    @property
    def seconds_left(self) -> int:
        return min(self.idle_seconds_left, self.absolute_seconds_left)

    @property
    def ends_by(self) -> str:
        """Which limit ends the session first: the idle time or the absolute maximum."""
        return IDLE if self.idle_seconds_left <= self.absolute_seconds_left else ABSOLUTE

    def as_json(self) -> dict[str, Any]:
        return {
            "seconds_left": self.seconds_left,
            "idle_seconds_left": self.idle_seconds_left,
            "ends_by": self.ends_by,
        }


def idle_seconds() -> int:
    return settings.SESSION_IDLE_MINUTES * 60


def absolute_seconds() -> int:
    return settings.SESSION_MAX_HOURS * 3600


def session_clock(session: Any, now: float | None = None) -> SessionClock:
    now = time.time() if now is None else now
    login_at = float(session.get(LOGIN_AT, now))
    last_activity = float(session.get(LAST_ACTIVITY, now))
    return SessionClock(
        idle_seconds_left=int(last_activity + idle_seconds() - now),
        absolute_seconds_left=int(login_at + absolute_seconds() - now),
    )


def start_session_clock(
    sender: Any, request: HttpRequest | None, user: User, **kwargs: Any
) -> None:
    """user_logged_in: the absolute limit counts from this login, not from an earlier session."""
    if request is not None and hasattr(request, "session"):
        now = time.time()
        request.session[LOGIN_AT] = now
        request.session[LAST_ACTIVITY] = now


def is_background(request: HttpRequest) -> bool:
    return request.headers.get(BACKGROUND_HEADER) == "1"


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware and MessageMiddleware: ends an expired session with a
    Danish message on the login page, otherwise records the activity."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            if LOGIN_AT not in session:
                # A session from before this check existed: its clock starts now.
                session[LOGIN_AT] = now
                session[LAST_ACTIVITY] = now
            clock = session_clock(session, now)
            if clock.seconds_left <= 0:
                return self._end_session(request, clock.ends_by)
            if not is_background(request) and now - session[LAST_ACTIVITY] >= ACTIVITY_RESOLUTION:
                session[LAST_ACTIVITY] = now
        return self.get_response(request)

    def _end_session(self, request: HttpRequest, reason: str) -> HttpResponse:
        if reason == IDLE:
            minutes = settings.SESSION_IDLE_MINUTES
            audit_reason = _("Logget af efter %(minutes)s minutter uden aktivitet") % {
                "minutes": minutes
            }
            message = ngettext(
                "Du er blevet logget af, fordi du ikke har brugt Rehabplan i %(minutes)s minut. "
                "Log ind igen for at fortsætte.",
                "Du er blevet logget af, fordi du ikke har brugt Rehabplan i %(minutes)s minutter. "
                "Log ind igen for at fortsætte.",
                minutes,
            ) % {"minutes": minutes}
        else:
            hours = settings.SESSION_MAX_HOURS
            audit_reason = _("Logget af, fordi sessionen havde varet %(hours)s timer") % {
                "hours": hours
            }
            message = ngettext(
                "Du er blevet logget af, fordi du har været logget ind i %(hours)s time, "
                "som er det længste en session må vare. Log ind igen for at fortsætte.",
                "Du er blevet logget af, fordi du har været logget ind i %(hours)s timer, "
                "som er det længste en session må vare. Log ind igen for at fortsætte.",
                hours,
            ) % {"hours": hours}
        setattr(request, LOGOUT_REASON, audit_reason)
        logout(request)
        messages.warning(request, message)
        login_url = resolve_url(settings.LOGIN_URL)
        if is_background(request) or request.headers.get("HX-Request") == "true":
            # htmx follows HX-Redirect; the session warning script reads login_url.
            response = JsonResponse({"logged_out": True, "login_url": login_url}, status=401)
            response["HX-Redirect"] = login_url
            return response
        if request.method == "GET":
            return redirect_to_login(request.get_full_path(), login_url)
        return redirect_to_login(resolve_url(settings.LOGIN_REDIRECT_URL), login_url)
