"""Thin views of the deadline alerts: parse the request, call one selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rehabplan.accounts.roles import LEADER
from rehabplan.alerts.selectors import alert_rows, alerts_not_acted_on, email_chosen, my_alerts
from rehabplan.alerts.services.staff import alert_mark_seen, alert_preference_set
from rehabplan.audit.services import audit_list_view
from rehabplan.web.alerts.forms import AlertPreferenceForm
from rehabplan.web.form_errors import add_service_errors
from rehabplan.web.municipality import require_municipality
from rehabplan.web.paging import paged_request
from rehabplan.web.post_only import post_only
from rehabplan.web.privacy import audited_view, shows_no_citizen_data

# Where "Markér som set" returns to: the page the button was on.
RETURN_PAGES = {"forside": "home", "varsler": "my-alerts"}


@audited_view
@require_http_methods(["GET"])
def my_alerts_view(request: HttpRequest) -> HttpResponse:
    require_municipality(request)
    today = timezone.localdate()
    page = paged_request(
        request, my_alerts(user=request.user), transform=lambda rows: alert_rows(rows, today)
    )
    audit_list_view(
        user=request.user,
        summary=_("Mine fristvarsler vist"),
        citizen_ids=(row.alert.deadline.referral.citizen_id for row in page.rows),
    )
    context = {"page": page, "by_email": email_chosen(user=request.user)}
    return render(request, "alerts/my_alerts.html", context)


@shows_no_citizen_data
@post_only("my-alerts")
def alert_seen_view(request: HttpRequest, alert_id: int) -> HttpResponse:
    require_municipality(request)
    try:
        alert_mark_seen(user=request.user, alert_id=alert_id)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Varslet er markeret som set."))
    return redirect(RETURN_PAGES.get(request.POST.get("tilbage", ""), "my-alerts"))


@shows_no_citizen_data
@require_http_methods(["GET", "POST"])
def alert_settings_view(request: HttpRequest) -> HttpResponse:
    require_municipality(request)
    form = AlertPreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"by_email": email_chosen(user=request.user)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            alert_preference_set(user=request.user, by_email=form.cleaned_data["by_email"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Dit valg er gemt."))
            return redirect("alert-settings")
    return render(request, "alerts/settings.html", {"form": form})


@audited_view
@require_http_methods(["GET"])
def alerts_not_acted_on_view(request: HttpRequest) -> HttpResponse:
    require_municipality(request)
    if LEADER not in request.user.role_names:
        raise PermissionDenied(_("Din rolle giver ikke adgang til denne side."))
    today = timezone.localdate()
    page = paged_request(
        request,
        alerts_not_acted_on(user=request.user),
        transform=lambda rows: alert_rows(rows, today),
    )
    audit_list_view(
        user=request.user,
        summary=_("Fristvarsler, der ikke er handlet på, vist"),
        citizen_ids=(row.alert.deadline.referral.citizen_id for row in page.rows),
    )
    return render(request, "alerts/not_acted_on.html", {"page": page})
