"""Response headers for pages that may show health data; one standards check per request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from rehabplan.organisation.standards.registry import registry_per_request


class NoStoreMiddleware:
    """Pages for a logged-in user may hold citizen data: browsers and proxies must not keep them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
            response["Pragma"] = "no-cache"
        return response


class StandardsRegistryPerRequestMiddleware:
    """Every screen that names a service asks the standards registry; the database is asked
    whether the standards changed once per request, not once per row."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with registry_per_request():
            return self.get_response(request)
