"""Every view in the URL configuration declares whether it shows citizen data.

`@audited_view` marks a screen that shows citizen data: every response that shows it writes
the audit log (a record names its citizen, a list names every citizen it showed).
`@shows_no_citizen_data` marks a screen that shows none. A system check refuses a URL whose view
declares neither, and the test suite requests every URL as every role and fails on a page with a
citizen's name or CPR number and no audit row.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, TypeVar

View = TypeVar("View", bound=Callable[..., Any])

POLICY_ATTRIBUTE = "audit_policy"


class AuditPolicy(StrEnum):
    AUDITED = "audited"
    NO_CITIZEN_DATA = "no_citizen_data"


def audited_view(view: View) -> View:
    """The view shows citizen data and writes an audit row for what each response shows."""
    setattr(view, POLICY_ATTRIBUTE, AuditPolicy.AUDITED)
    return view


def shows_no_citizen_data(view: View) -> View:
    """The view never shows a citizen's name, CPR number or record."""
    setattr(view, POLICY_ATTRIBUTE, AuditPolicy.NO_CITIZEN_DATA)
    return view


# Django's own sign-in screens: they show nothing but the login form and the signed-out page.
_DJANGO_AUTH_MODULE = "django.contrib.auth.views"


def audit_policy_of(view: Callable[..., Any]) -> AuditPolicy | None:
    policy = getattr(view, POLICY_ATTRIBUTE, None)
    if policy is not None:
        return AuditPolicy(policy)
    view_class = getattr(view, "view_class", None)
    if view_class is not None and view_class.__module__ == _DJANGO_AUTH_MODULE:
        return AuditPolicy.NO_CITIZEN_DATA
    return None
