"""The citizen's login, kept in the session under its own key.

Staff logins live in Django's authentication (`request.user`); a citizen is never a Django user.
The citizen's login is a small dict under CITIZEN_KEY: which citizen, of which municipality, by
which method, when it began and when it was last used. Starting it ends any staff login in the
same browser, and a staff login ends it (apps.py), so one session never holds both.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest
from django.utils.translation import gettext as _

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.citizens.models import Citizen

if TYPE_CHECKING:
    from rehabplan.selfservice.login.method import CitizenLoginMethod

CITIZEN_KEY = "selfservice_citizen"
# A login begun but not finished (the one-time code's first step); owned by the login method.
PENDING_KEY = "selfservice_pending"
# Activity is written to the session at most this often, so most page views save nothing.
ACTIVITY_RESOLUTION = 60

IDLE = "idle"
ABSOLUTE = "absolute"


@dataclass(frozen=True)
class CitizenLogin:
    citizen: Citizen
    method: str
    actor_name: str  # the audit log's name for the citizen acting on their own behalf


@dataclass(frozen=True)
class Expired:
    reason: str  # IDLE or ABSOLUTE


def actor_name(method_label: str) -> str:
    return _("Borgeren selv (%(method)s)") % {"method": method_label}


def start_citizen_session(
    request: HttpRequest, *, citizen: Citizen, method: CitizenLoginMethod
) -> None:
    """Log the citizen in: a new session key (no fixation), no staff login beside it."""
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        logout(request)  # flushes the whole session
    else:
        request.session.pop(PENDING_KEY, None)
        request.session.cycle_key()
    now = time.time()
    request.session[CITIZEN_KEY] = {
        "citizen_id": citizen.pk,
        "municipality_id": citizen.municipality_id,
        "method": method.key,
        "actor": actor_name(method.label),
        "login_at": now,
        "last_activity": now,
    }
    audit_record(
        user=None,
        user_name=actor_name(method.label),
        action=AuditAction.LOGIN,
        citizen=citizen,
        summary=_("Borgeren loggede ind på selvbetjeningen (%(method)s)")
        % {"method": method.label},
    )


def end_citizen_session(request: HttpRequest, *, reason: str = "") -> None:
    """Log the citizen out; the audit log says why when it was not the citizen's own choice."""
    state = request.session.get(CITIZEN_KEY)
    if state:
        citizen = _citizen(state)
        if citizen is not None:
            audit_record(
                user=None,
                user_name=state.get("actor", ""),
                action=AuditAction.LOGOUT,
                citizen=citizen,
                summary=reason or _("Borgeren loggede af selvbetjeningen"),
            )
    request.session.pop(CITIZEN_KEY, None)
    request.session.pop(PENDING_KEY, None)
    request.session.cycle_key()


def current_citizen(
    request: HttpRequest, now: float | None = None
) -> CitizenLogin | Expired | None:
    """The logged-in citizen, Expired when the login has run out (and is then ended), or None."""
    state = request.session.get(CITIZEN_KEY)
    if not state:
        return None
    now = time.time() if now is None else now
    if now - float(state["last_activity"]) >= settings.SELFSERVICE_IDLE_MINUTES * 60:
        return _expire(request, IDLE)
    if now - float(state["login_at"]) >= settings.SELFSERVICE_MAX_MINUTES * 60:
        return _expire(request, ABSOLUTE)
    citizen = _citizen(state)
    if citizen is None:
        # The citizen's record is gone (merged or deleted): the login ends with it.
        request.session.pop(CITIZEN_KEY, None)
        return None
    if now - float(state["last_activity"]) >= ACTIVITY_RESOLUTION:
        request.session[CITIZEN_KEY] = {**state, "last_activity": now}
    return CitizenLogin(citizen=citizen, method=state["method"], actor_name=state["actor"])


def _expire(request: HttpRequest, reason: str) -> Expired:
    if reason == IDLE:
        text = _("Logget af efter %(minutes)s minutter uden aktivitet") % {
            "minutes": settings.SELFSERVICE_IDLE_MINUTES
        }
    else:
        text = _("Logget af, fordi log ind havde varet %(minutes)s minutter") % {
            "minutes": settings.SELFSERVICE_MAX_MINUTES
        }
    end_citizen_session(request, reason=text)
    return Expired(reason)


def _citizen(state: dict[str, Any]) -> Citizen | None:
    return (
        Citizen.objects.of_municipality(state["municipality_id"])
        .select_related("municipality")
        .filter(pk=state["citizen_id"])
        .first()
    )


def end_citizen_session_on_staff_login(
    sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any
) -> None:
    """user_logged_in: a staff login drops a citizen login left in the same browser."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(CITIZEN_KEY, None)
        request.session.pop(PENDING_KEY, None)
