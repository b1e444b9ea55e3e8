"""Who may see the training package screens: every staff role of a municipality."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _

from rehabplan.accounts.roles import ROLES


def require_staff(request: HttpRequest) -> None:
    user = request.user
    if not (user.is_superuser or set(user.role_names) & set(ROLES)):
        raise PermissionDenied(_("Træningspakkerne er for kommunens medarbejdere."))
