"""Shared fixtures for the course operations of the API: a unit in the caller's municipality
(demo, the one the token fixtures use) and one in another municipality."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from rehabplan.audit.models import AuditEntry
from tests.course.conftest import at, make_unit  # noqa: F401  (shared fixture)

MONDAY = datetime.date(2026, 11, 9)


@pytest.fixture
def demo(municipality, make_unit):  # noqa: F811
    # `municipality` first: the token fixtures' demo municipality is the unit's.
    return make_unit("demo", 999, "Demo Kommune")


@pytest.fixture
def naestved(make_unit):  # noqa: F811
    return make_unit("naestved", 370, "Næstved Kommune")


@pytest.fixture
def call(token_for, api_client):
    """`call(user)` gives a client holding a token for `user`."""

    def make(user: Any):
        return api_client(token_for(user))

    return make


def post(client: Any, path: str, body: Any) -> Any:
    return client.post(path, body, content_type="application/json")


def book(unit: Any, course: Any, day: datetime.date = MONDAY, hour: int = 10, **fields: Any):
    from rehabplan.courses.models import SessionKind
    from rehabplan.courses.services.sessions import session_book

    return session_book(
        user=unit.therapist_user,
        course=course,
        kind=fields.pop("kind", SessionKind.INDIVIDUAL),
        starts_at=at(day, hour),
        confirmed=True,
        **fields,
    )


def views(summary: str) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(action="view", summary=summary).order_by("id"))


def problem_fields(response: Any) -> set[str]:
    return {error["field"] for error in response.json().get("errors") or []}
