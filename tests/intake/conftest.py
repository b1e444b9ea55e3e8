from __future__ import annotations

import datetime as dt

import pytest

from rehabplan.accounts.roles import VISITATOR
from rehabplan.gop.sample import build_gop_xml

# The sample plan: discharge Friday 20 November 2026 (day 0), hospital contact from 14 November.
DISCHARGE = dt.date(2026, 11, 20)
RECEIVED = dt.date(2026, 11, 20)


@pytest.fixture
def fredericia(db):
    from rehabplan.organisation.models import Municipality

    return Municipality.objects.create(slug="fredericia", code=607, name="Fredericia Kommune")


@pytest.fixture
def fredericia_visitator(make_user, fredericia):
    return make_user("fredericia-visitator", VISITATOR, fredericia)


@pytest.fixture
def gop_bytes():
    """A GOP file to Fredericia; keyword arguments go to build_gop_xml."""

    def build(**overrides) -> bytes:
        return build_gop_xml(**overrides)

    return build


@pytest.fixture
def import_gop(fredericia_visitator, gop_bytes):
    from rehabplan.courses.services.gop_import import gop_import

    def run(user=None, received_on=RECEIVED, **overrides):
        return gop_import(
            user=user or fredericia_visitator,
            data=gop_bytes(**overrides),
            received_on=received_on,
        )

    return run
