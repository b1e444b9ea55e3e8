"""The citizen pages' guard: a citizen's login in the session, or the way to log in."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from rehabplan.selfservice.login import login_method
from rehabplan.selfservice.login.session import IDLE, CitizenLogin, Expired, current_citizen


def citizen_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The view runs only for a logged-in citizen (`request.citizen_login`); a staff login does
    not count. Its answer is never stored by a browser or proxy."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        login = current_citizen(request)
        if not isinstance(login, CitizenLogin):
            if isinstance(login, Expired):
                messages.warning(request, _expired_text(login))
            return redirect(login_method().start_url_name)
        request.citizen_login = login
        return no_store(view(request, *args, **kwargs))

    # Staff authentication (LoginRequiredMiddleware) does not guard these pages: this does.
    return login_not_required(guarded)


def no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store, private"
    response["Pragma"] = "no-cache"
    return response


def _expired_text(expired: Expired) -> str:
    if expired.reason == IDLE:
        return _(
            "Du er blevet logget af, fordi du ikke har brugt siden i %(minutes)s minutter. "
            "Log ind igen for at fortsætte."
        ) % {"minutes": settings.SELFSERVICE_IDLE_MINUTES}
    return _(
        "Du er blevet logget af, fordi du har været logget ind i %(minutes)s minutter. "
        "Log ind igen for at fortsætte."
    ) % {"minutes": settings.SELFSERVICE_MAX_MINUTES}
