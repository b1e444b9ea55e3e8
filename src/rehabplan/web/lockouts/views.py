from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rehabplan.accounts.login.selectors import locked_accounts, locked_addresses
from rehabplan.accounts.login.services import unlock_account, unlock_address
from rehabplan.accounts.roles import ADMINISTRATOR
from rehabplan.web.post_only import post_only
from rehabplan.web.privacy import shows_no_citizen_data


def _require_administrator(request: HttpRequest) -> None:
    if not request.user.municipality_id or not request.user.has_role(ADMINISTRATOR):
        raise PermissionDenied(_("Din rolle giver ikke adgang til denne side."))


@shows_no_citizen_data
@require_http_methods(["GET"])
def locked_list_view(request: HttpRequest) -> HttpResponse:
    # Shows staff user names and addresses only, never citizen data: nothing to audit on reading.
    _require_administrator(request)
    municipality = request.user.municipality
    return render(
        request,
        "lockouts/locked_list.html",
        {
            "accounts": locked_accounts(municipality=municipality),
            "addresses": locked_addresses(municipality=municipality),
        },
    )


@shows_no_citizen_data
@post_only("locked-list")
def unlock_view(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    username = request.POST.get("username", "").strip()
    ip_address = request.POST.get("ip_address", "").strip()
    try:
        if username:
            unlock_account(user=request.user, username=username)
            messages.success(request, _("Spærringen af %(name)s er ophævet.") % {"name": username})
        elif ip_address:
            unlock_address(user=request.user, ip_address=ip_address)
            done = _("Spærringen af adressen %(address)s er ophævet.")
            messages.success(request, done % {"address": ip_address})
        else:
            messages.error(request, _("Vælg en bruger eller en adresse."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("locked-list")
