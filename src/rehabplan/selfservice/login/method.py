"""The interface a citizen login method meets, and the choice of method from the settings.

A method owns its own pages (the one-time code's two forms, or MitID's redirect to the broker and
its return address) and, once it knows which citizen it is, calls
`rehabplan.selfservice.login.session.start_citizen_session`. The pages behind the login know the
citizen only from that session, never from the method.
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.urls import URLPattern
from django.utils.module_loading import import_string


class CitizenLoginMethod(Protocol):
    # Short and stable, kept in the session and the audit log ("code", "mitid").
    key: str
    # Danish, in the audit log's actor name: "Borgeren selv (engangskode)".
    label: str
    # The URL name of the page a citizen who is not logged in is sent to.
    start_url_name: str

    def urlpatterns(self) -> list[URLPattern]:
        """The method's own pages, mounted under the self-service's login address."""
        ...


def login_method() -> CitizenLoginMethod:
    """The method the settings name (SELFSERVICE_LOGIN_METHOD, a dotted path to a class)."""
    return import_string(settings.SELFSERVICE_LOGIN_METHOD)()
