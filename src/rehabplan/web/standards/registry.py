"""The one place the web layer gets the installation's standards from."""

from __future__ import annotations

from rehabplan import rules


def installation_registry() -> rules.StandardsRegistry:
    # The shipped standards for now; the installation's own registry takes its place here.
    return rules.default_registry()
