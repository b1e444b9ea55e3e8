"""Password login for people: a system user (another system's account) never logs in this way,
whatever password it may once have been given; it works through API tokens only."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend


class StaffBackend(ModelBackend):
    def user_can_authenticate(self, user: Any) -> bool:
        return super().user_can_authenticate(user) and not getattr(user, "is_system", False)
