"""Two municipalities with a full set-up each. The acting administrator belongs to the second one,
so no test passes because the records it may reach happen to come first."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

import pytest

from rehabplan.accounts.roles import ADMINISTRATOR, VISITATOR


@dataclass
class Unit:
    municipality: Any
    location: Any
    therapist: Any
    team_class: Any
    closed_day: Any
    working_hours: Any
    administrator: Any
    visitator: Any


@pytest.fixture
def make_unit(make_user):
    from rehabplan.organisation.models import (
        ClosedDay,
        Location,
        TeamClass,
        Therapist,
        WorkingHours,
    )

    def make(municipality: Any, prefix: str) -> Unit:
        location = Location.objects.create(
            municipality=municipality,
            name=f"{prefix} træningssal",
            address=f"{prefix}vej 1",
            postcode="6800",
            city=f"{prefix}by",
        )
        therapist = Therapist.objects.create(
            municipality=municipality, name=f"{prefix} Terapeut", profession="PT"
        )
        team_class = TeamClass.objects.create(
            municipality=municipality,
            name=f"{prefix} balancehold",
            location=location,
            weekday=1,
            starts_at=datetime.time(10, 0),
            level="basal",
            profession="PT",
            therapist=therapist,
        )
        closed_day = ClosedDay.objects.create(
            municipality=municipality, day=datetime.date(2026, 6, 5), reason=f"{prefix} lukket"
        )
        working_hours = WorkingHours.objects.create(
            therapist=therapist,
            weekday=0,
            starts_at=datetime.time(8, 0),
            ends_at=datetime.time(15, 0),
        )
        administrator = make_user(f"{prefix.lower()}-administrator", ADMINISTRATOR, municipality)
        administrator.is_staff = True
        administrator.save(update_fields=["is_staff"])
        visitator = make_user(f"{prefix.lower()}-visitator", VISITATOR, municipality)
        return Unit(
            municipality=municipality,
            location=location,
            therapist=therapist,
            team_class=team_class,
            closed_day=closed_day,
            working_hours=working_hours,
            administrator=administrator,
            visitator=visitator,
        )

    return make


@pytest.fixture
def foreign(make_unit, municipality) -> Unit:
    """The first municipality: records the acting administrator must never reach."""
    return make_unit(municipality, "Fremmed")


@pytest.fixture
def own(make_unit, foreign, other_municipality) -> Unit:
    """The second municipality, whose administrator acts in the tests."""
    return make_unit(other_municipality, "Egen")


@pytest.fixture
def admin_of_second(client, own):
    client.force_login(own.administrator)
    return client
