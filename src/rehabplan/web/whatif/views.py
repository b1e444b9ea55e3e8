"""The leader's "Afprøv udkast": upload a draft standard, watch the replay, read the comparison."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rehabplan.audit.services import audit_list_view
from rehabplan.web.privacy import audited_view, shows_no_citizen_data
from rehabplan.web.whatif.forms import DraftUploadForm
from rehabplan.whatif.models import WhatIfState
from rehabplan.whatif.selectors import recent_runs, run_for_user, run_result
from rehabplan.whatif.services import DRAFT_MAX_BYTES, PERMISSION, whatif_request


@shows_no_citizen_data
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET", "POST"])
def whatif_start_view(request: HttpRequest) -> HttpResponse:
    # The page lists earlier runs by version and state only: no citizen is named.
    form = DraftUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["draft"]
        try:
            if upload.size > DRAFT_MAX_BYTES:
                raise ValidationError(
                    {"draft": [_("Filen er for stor; et udkast fylder højst 256 kB.")]}
                )
            run = whatif_request(user=request.user, draft=upload.read(), file_name=upload.name)
        except ValidationError as error:
            found = error.message_dict.get("draft") if hasattr(error, "error_dict") else None
            for message in found or error.messages:
                form.add_error("draft", message)
        else:
            return redirect("whatif-run", run_id=run.pk)
    return render(
        request, "whatif/start.html", {"form": form, "runs": recent_runs(user=request.user)}
    )


@audited_view
@permission_required(PERMISSION, raise_exception=True)
@require_http_methods(["GET"])
def whatif_run_view(request: HttpRequest, run_id: int) -> HttpResponse:
    run = run_for_user(user=request.user, run_id=run_id)
    context = {"run": run}
    if request.headers.get("HX-Request") and run.computing:
        return render(request, "whatif/_progress.html", context)
    if request.headers.get("HX-Request"):
        # Finished while the page was polling: reload the whole page to show the result.
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    if run.state == WhatIfState.DONE:
        result = run_result(user=request.user, run=run)
        audit_list_view(
            user=request.user,
            summary=_("Afprøvning vist: %(draft)s") % {"draft": run.draft_label},
            citizen_ids=result.citizen_ids,
        )
        context["result"] = result
    return render(request, "whatif/run.html", context)
