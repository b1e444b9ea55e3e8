"""Who may enter the admin: superusers, and administrators of a municipality."""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from rehabplan.accounts.roles import ADMINISTRATOR
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record


def may_use_admin(user: object) -> bool:
    """Superusers, and active staff users holding the administrator role in a municipality.

    Staff status alone is not enough: it follows the administrator role (see the user admin), but
    an account changed outside the admin could still carry it."""
    if not getattr(user, "is_active", False):
        return False
    if user.is_superuser:
        return True
    return bool(user.is_staff and user.municipality_id and user.has_role(ADMINISTRATOR))


class RehabplanAdminSite(admin.AdminSite):
    site_header = _("Rehabplan – opsætning")
    site_title = _("Rehabplan – opsætning")
    index_title = _("Opsætning")

    def has_permission(self, request: HttpRequest) -> bool:
        return may_use_admin(request.user)

    @method_decorator(never_cache)
    @method_decorator(login_not_required)
    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        # One way in: the product's own login page, with its lockout and login audit.
        if request.user.is_authenticated:
            if self.has_permission(request):
                return HttpResponseRedirect(reverse("admin:index", current_app=self.name))
            raise PermissionDenied
        next_url = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect_to_login(next_url, settings.LOGIN_URL)

    def password_change(
        self, request: HttpRequest, extra_context: dict | None = None
    ) -> HttpResponse:
        # A user's own new password is a change of the account like any other: it is logged (the
        # values hidden) in the same transaction, so no password changes without its audit row.
        with transaction.atomic():
            response = super().password_change(request, extra_context)
            if request.method == "POST" and response.status_code == 302:
                audit_record(
                    user=request.user,
                    action=AuditAction.CHANGE,
                    target=request.user,
                    summary=gettext("Opsætning: egen adgangskode skiftet: %(user)s")
                    % {"user": request.user.get_username()},
                    changes={"password": ["***", "***"]},
                )
        return response
