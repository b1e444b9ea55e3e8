"""The check every municipal page starts with: a user with no municipality sees no case."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _


def require_municipality(request: HttpRequest) -> None:
    if not request.user.municipality_id:
        raise PermissionDenied(_("Din bruger er ikke knyttet til en kommune."))
