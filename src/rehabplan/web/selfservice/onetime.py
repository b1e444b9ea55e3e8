"""The one-time code login's pages: the CPR number and the channel, then the code.

`OneTimeCodeLogin` is the default `CitizenLoginMethod` (setting SELFSERVICE_LOGIN_METHOD). A
MitID method would be a class like it with its own pages (a redirect to the broker and the
return address) ending in the same `start_citizen_session`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_http_methods

from rehabplan.selfservice.login.onetime import (
    METHOD_LABEL,
    PendingLogin,
    TooManyRequests,
    code_request,
    code_verify,
)
from rehabplan.selfservice.login.session import (
    PENDING_KEY,
    CitizenLogin,
    current_citizen,
    start_citizen_session,
)
from rehabplan.web.privacy import shows_no_citizen_data
from rehabplan.web.selfservice.access import no_store
from rehabplan.web.selfservice.forms import CodeForm, CodeRequestForm


class OneTimeCodeLogin:
    key = "code"
    label = METHOD_LABEL
    start_url_name = "selfservice-login"

    def urlpatterns(self) -> list[URLPattern]:
        return [
            path("", code_request_view, name="selfservice-login"),
            path("kode/", code_view, name="selfservice-code"),
        ]


def client_address(request: HttpRequest) -> str:
    # As for staff logins (django-axes): REMOTE_ADDR, which `rehabplan serve` takes from the
    # trusted proxy's X-Forwarded-For when TRUSTED_PROXY is set, and from no one else.
    return request.META.get("REMOTE_ADDR", "") or "unknown"


@shows_no_citizen_data
@login_not_required
@require_http_methods(["GET", "POST"])
def code_request_view(request: HttpRequest) -> HttpResponse:
    if isinstance(current_citizen(request), CitizenLogin):
        return redirect("selfservice-home")
    form = CodeRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            pending = code_request(
                cpr=form.cleaned_data["cpr"],
                channel=form.cleaned_data["channel"],
                client_address=client_address(request),
            )
        except TooManyRequests as refusal:
            form.add_error(None, str(refusal))
        else:
            request.session[PENDING_KEY] = pending.as_session()
            return redirect("selfservice-code")
    return no_store(render(request, "selfservice/login.html", {"form": form}))


@shows_no_citizen_data
@login_not_required
@require_http_methods(["GET", "POST"])
def code_view(request: HttpRequest) -> HttpResponse:
    pending = PendingLogin.from_session(request.session.get(PENDING_KEY))
    if pending is None:
        return redirect("selfservice-login")
    form = CodeForm(request.POST if request.method == "POST" else None)
    finished = False
    if request.method == "POST" and form.is_valid():
        check = code_verify(
            pending=pending, code=form.cleaned_data["code"], client_address=client_address(request)
        )
        if check.citizen is not None:
            start_citizen_session(request, citizen=check.citizen, method=OneTimeCodeLogin())
            return redirect("selfservice-home")
        request.session[PENDING_KEY] = check.pending.as_session()
        form.add_error("code", check.error)
        finished = check.finished
    context = {
        "form": form,
        "channel": pending.channel,
        "minutes": settings.SELFSERVICE_CODE_MINUTES,
        "finished": finished,
    }
    return no_store(render(request, "selfservice/code.html", context))
