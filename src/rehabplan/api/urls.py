"""The API's URLs.

They answer for themselves (a 401 problem), so the web's "log in first" redirect does not apply.
Every operation that returns citizen data writes the audit log through the same selectors and
services as the web, so each is declared audited; the OpenAPI document and its page show none."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path

from rehabplan.api.v1.app import api
from rehabplan.web.privacy import audited_view, shows_no_citizen_data

DESCRIPTION_ROUTES = frozenset({"openapi.json", "docs"})


def _declared(patterns: list[URLPattern | URLResolver]) -> list[URLPattern | URLResolver]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _declared(pattern.url_patterns)
            continue
        pattern.callback.login_required = False
        if str(pattern.pattern) in DESCRIPTION_ROUTES:
            shows_no_citizen_data(pattern.callback)
        else:
            audited_view(pattern.callback)
    return patterns


urlpatterns = _declared([path("api/v1/", api.urls)])
