"""Logins, failed logins, lockouts and logouts in the audit log, from Django's and axes' signals.

The password tried is never stored: Django masks it in the credentials before the signal, and
only the user name is read from them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from rehabplan.accounts.login.lockout import REFUSED_WHILE_LOCKED, failure_count, lockout_limits
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.logging_filters import redact_cpr

if TYPE_CHECKING:
    from rehabplan.accounts.models import User
    from rehabplan.organisation.models import Municipality


# Set by the session timeout on the request before it logs the user out; read for the summary.
LOGOUT_REASON = "logout_reason"


def connect() -> None:
    user_logged_in.connect(record_login, dispatch_uid="rehabplan-audit-login")
    user_login_failed.connect(record_login_failed, dispatch_uid="rehabplan-audit-login-failed")
    user_locked_out.connect(record_lockout, dispatch_uid="rehabplan-audit-lockout")
    user_logged_out.connect(record_logout, dispatch_uid="rehabplan-audit-logout")


def record_login(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    summary = _with_address(_("Logget ind"), request)
    audit_record(user=user, action=AuditAction.LOGIN, summary=summary)


def record_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    name = _name_tried(credentials)
    if request is not None and getattr(request, REFUSED_WHILE_LOCKED, False):
        summary = _("Log ind afvist, fordi brugernavnet eller adressen er spærret")
    else:
        summary = _("Mislykket log ind")
    audit_record(
        user=None,
        user_name=name or "?",
        action=AuditAction.LOGIN_FAILED,
        municipality=_municipality_of(name),
        summary=_with_address(summary, request),
    )


def record_lockout(
    sender: Any,
    request: HttpRequest | None = None,
    username: str | None = None,
    ip_address: str | None = None,
    **kwargs: Any,
) -> None:
    if request is not None and getattr(request, REFUSED_WHILE_LOCKED, False):
        return  # Already locked: this attempt is in the log as a refused login.
    name = redact_cpr((username or "").strip())[:150]
    limits = lockout_limits()
    attempts = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - limits.cooloff)
    if ip_address and failure_count(attempts.filter(ip_address=ip_address)) >= limits.address:
        summary = _("Adressen %(address)s er spærret for log ind efter %(count)s forsøg") % {
            "address": ip_address,
            "count": limits.address,
        }
    else:
        summary = _("Brugernavnet er spærret for log ind efter %(count)s forsøg") % {
            "count": limits.user
        }
    audit_record(
        user=None,
        user_name=name or "?",
        action=AuditAction.LOCKOUT,
        municipality=_municipality_of(name),
        summary=_with_address(summary, request),
    )


def record_logout(
    sender: Any, request: HttpRequest | None, user: User | None, **kwargs: Any
) -> None:
    # Django sends None for a session that was not logged in.
    if user is None or not getattr(user, "pk", None):
        return
    reason = getattr(request, LOGOUT_REASON, "") if request is not None else ""
    audit_record(user=user, action=AuditAction.LOGOUT, summary=reason or _("Logget af"))


def _name_tried(credentials: dict[str, Any]) -> str:
    field = get_user_model().USERNAME_FIELD
    # Someone may type a citizen's CPR number in the wrong field; the log must not keep it.
    return redact_cpr(str(credentials.get(field) or "").strip())[:150]


def _municipality_of(name: str) -> Municipality | None:
    if not name:
        return None
    user = (
        get_user_model()
        .objects.filter(**{get_user_model().USERNAME_FIELD: name})
        .select_related("municipality")
        .first()
    )
    return user.municipality if user is not None else None


def _with_address(summary: str, request: HttpRequest | None) -> str:
    address = getattr(request, "axes_ip_address", None) if request is not None else None
    if address is None and request is not None:
        address = request.META.get("REMOTE_ADDR")
    if not address:
        return summary
    return _("%(summary)s (fra %(address)s)") % {"summary": summary, "address": address}
