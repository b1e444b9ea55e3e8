"""System check: no URL may serve a view that has not declared its audit policy."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error

from rehabplan.web.privacy.policy import audit_policy_of
from rehabplan.web.privacy.urlwalk import product_routes


def check_audit_policies(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    for route in product_routes():
        if audit_policy_of(route.view) is None:
            view = f"{route.view.__module__}.{getattr(route.view, '__qualname__', route.view)}"
            errors.append(
                Error(
                    f"The view {view} at '{route.route}' does not declare whether it shows "
                    "citizen data.",
                    hint="Decorate it with @audited_view (and write the audit rows) or "
                    "@shows_no_citizen_data from rehabplan.web.privacy.",
                    obj=view,
                    id="rehabplan.E001",
                )
            )
    return errors
