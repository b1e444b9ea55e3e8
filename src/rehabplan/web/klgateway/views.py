"""The leader's KL Gateway page: build a month's §140 delivery, see earlier ones, fetch a file."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_list_view, audit_record
from rehabplan.reporting.klgateway.presentation import problem_lines
from rehabplan.reporting.klgateway.services import (
    PERMISSION,
    DeliveryRefused,
    NothingToDeliver,
    delivery_build,
    parse_period,
)
from rehabplan.reporting.models import KlGatewayDelivery
from rehabplan.web.klgateway.forms import DeliveryForm, month_text
from rehabplan.web.privacy import audited_view


@audited_view
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def kl_gateway_view(request: HttpRequest) -> HttpResponse:
    # The list names no citizen; a refused build names the citizens whose data failed, and
    # that list is audited.
    form = DeliveryForm(request.POST or None)
    failures: list[str] = []
    nothing = ""
    if request.method == "POST" and form.is_valid():
        try:
            period = parse_period(form.cleaned_data["period"])
            delivery = delivery_build(
                municipality=request.user.municipality, period=period, user=request.user
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("period", message)
        except NothingToDeliver:
            nothing = _(
                "Ingen borgere havde genoptræning efter sundhedsloven § 140 i %(month)s, "
                "så der er intet at indberette."
            ) % {"month": month_text(form.cleaned_data["period"])}
        except DeliveryRefused as refused:
            failures = problem_lines(refused.failures)
            audit_list_view(
                user=request.user,
                summary=_("KL Gateway-indberetning afvist ved kontrollen"),
                citizen_ids=[failure.citizen_id for failure in refused.failures],
            )
        else:
            return redirect(f"{request.path}?lavet={delivery.pk}")
    deliveries = list(
        KlGatewayDelivery.objects.for_user(request.user)
        .select_related("created_by", "corrects")
        .order_by("-created_at", "-id")[:50]
    )
    made = request.GET.get("lavet", "")
    context = {
        "form": form,
        "failures": failures,
        "nothing": nothing,
        "deliveries": [(delivery, month_text(delivery.period)) for delivery in deliveries],
        "made": next((d for d in deliveries if str(d.pk) == made), None),
    }
    return render(request, "klgateway/index.html", context)


@audited_view
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET"])
def kl_gateway_download_view(request: HttpRequest, delivery_id: int) -> HttpResponse:
    delivery = get_object_or_404(KlGatewayDelivery.objects.for_user(request.user), pk=delivery_id)
    path = Path(delivery.file_path)
    if not path.is_file():
        raise Http404(_("Filen findes ikke længere."))
    audit_record(
        user=request.user,
        action=AuditAction.EXPORT,
        target=delivery,
        summary=_("KL Gateway-fil hentet for %(month)s") % {"month": month_text(delivery.period)},
        shown_citizen_ids=delivery.bundles.values_list("citizen_id", flat=True),
    )
    # A month's file is small (kilobytes per citizen): sent whole, like the product's other exports.
    response = HttpResponse(path.read_bytes(), content_type="application/fhir+json")
    response["Content-Disposition"] = f'attachment; filename="{path.name}"'
    return response
