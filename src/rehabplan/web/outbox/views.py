"""Letters and SMS that could not be sent: the list staff act on, and sending one again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from rehabplan.audit.services import audit_list_view
from rehabplan.outbox.models import OutboxMessage
from rehabplan.outbox.selectors import failed_messages, message_rows
from rehabplan.outbox.services import outbox_retry
from rehabplan.web.municipality import require_municipality
from rehabplan.web.paging import paged_request
from rehabplan.web.post_only import post_only
from rehabplan.web.privacy import audited_view


@audited_view
@permission_required("outbox.resend_message", raise_exception=True)
def failed_messages_view(request: HttpRequest) -> HttpResponse:
    require_municipality(request)
    page = paged_request(
        request, failed_messages(municipality=request.user.municipality), transform=message_rows
    )
    audit_list_view(
        user=request.user,
        summary=_("Fejlede breve og SMS vist"),
        citizen_ids=(row.message.citizen_id for row in page.rows if row.message.citizen_id),
    )
    return render(request, "outbox/failed_messages.html", {"page": page})


@audited_view
@permission_required("outbox.resend_message", raise_exception=True)
@post_only("failed-messages")
def retry_message_view(request: HttpRequest, message_id: int) -> HttpResponse:
    require_municipality(request)
    message = get_object_or_404(
        OutboxMessage.objects.of_municipality(request.user.municipality), pk=message_id
    )
    try:
        outbox_retry(user=request.user, message=message)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("%(kind)s til %(name)s sendes igen.")
            % {"kind": message.get_kind_display(), "name": message.recipient_name},
        )
    return redirect("failed-messages")
