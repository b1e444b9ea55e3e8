"""Who is calling: a personal API token (`Authorization: Bearer rp_…`) or the web session, as for
the REST API; and whether the caller's role may read a resource type."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

from rehabplan.api.tokens import token_user
from rehabplan.fhir.outcome import FhirError

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

CHALLENGE = {"WWW-Authenticate": 'Bearer realm="rehabplan-fhir"'}


def fhir_caller(request: HttpRequest) -> User:
    """The calling staff user; FhirError 401 without valid credentials. A presented token is
    checked even when a session exists, so a wrong token is never quietly ignored."""
    authorization = request.headers.get("Authorization", "")
    if authorization:
        scheme, _space, credentials = authorization.partition(" ")
        credentials = credentials.strip()
        # Only printable ASCII can be a token; anything else never reaches the database.
        usable = scheme.lower() == "bearer" and credentials.isascii() and credentials.isprintable()
        found = token_user(credentials) if usable else None
        if found is None:
            raise FhirError(401, "API-nøglen er ugyldig, udløbet eller tilbagekaldt.", CHALLENGE)
        request.user = found[1]
        request.api_token = found[0]  # type: ignore[attr-defined]
        return found[1]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if not user.municipality_id:
            # The installation's superuser works in no municipality and reads no citizen here.
            raise FhirError(403, "Din bruger hører ikke til en kommune.")
        return user
    raise FhirError(401, "Log ind, eller send en personlig API-nøgle som Bearer-token.", CHALLENGE)


def require_permissions(user: User, permissions: tuple[str, ...]) -> None:
    if not all(user.has_perm(permission) for permission in permissions):
        raise FhirError(403, "Din rolle giver ikke adgang til at læse disse oplysninger.")
