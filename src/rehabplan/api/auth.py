"""Who is calling: a personal API token (`Authorization: Bearer rp_…`) or the web session.

Whichever way, the caller is a staff user of one municipality, and `request.user` is that user
so that the services, permissions and audit rows are the ones the web uses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.security import APIKeyCookie, HttpBearer

from rehabplan.api.tokens import request_token_user

if TYPE_CHECKING:
    from rehabplan.accounts.models import User


class TokenAuth(HttpBearer):
    openapi_description = "Personlig API-nøgle, oprettet af kommunens administrator."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = request_token_user(request, token)
        if found is None:
            return None
        api_token, user = found
        request.user = user
        request.api_token = api_token  # type: ignore[attr-defined]
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in web user; unsafe methods need the CSRF token as in the web UI."""

    openapi_description = "Sessionen fra Rehabplans web-login (med CSRF-token ved ændringer)."

    def __init__(self) -> None:
        from django.conf import settings

        self.param_name = settings.SESSION_COOKIE_NAME
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.municipality_id:
            return user
        return None


def caller(request: HttpRequest) -> User:
    return request.auth  # type: ignore[attr-defined,return-value]


def require(request: HttpRequest, *permissions: str) -> User:
    """The caller, if it holds every one of `permissions` (the web's own permission names)."""
    user = caller(request)
    if not all(user.has_perm(permission) for permission in permissions):
        raise PermissionDenied(_("Din rolle giver ikke adgang til denne handling."))
    return user
