from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from rehabplan.accounts.roles import LEADER, THERAPIST, VISITATOR

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=COPENHAGEN)


def started_earlier_today() -> datetime.datetime:
    """A start today that has already passed, at any hour the suite runs: attendance can be
    recorded only from a session's start, so a fixed hour would fail before it."""
    now = datetime.datetime.now(COPENHAGEN)
    an_hour_ago = (now - datetime.timedelta(hours=1)).replace(
        minute=now.minute - now.minute % 5, second=0, microsecond=0
    )
    return max(at(now.date(), 0), an_hour_ago)


@dataclass
class Unit:
    municipality: Any
    visitator: Any
    therapist_user: Any
    leader: Any
    pt: Any
    ot: Any
    location: Any
    team_class: Any
    counter: list

    def citizen(self, first_name: str = "Karen", **fields: Any) -> Any:
        from rehabplan.citizens.services import citizen_create

        self.counter[0] += 1
        number = self.counter[0]
        return citizen_create(
            user=self.visitator,
            cpr=f"0101{40 + number:02d}-1234"[:11],
            first_name=first_name,
            last_name=f"Hansen{number}",
            address="Kirkevej 4",
            postcode="7000",
            city="Byen",
            gp_name="Læge Lund",
            gp_clinic="Lægehuset, Torvet 1",
            **fields,
        )

    def course(
        self,
        service_code: str,
        *,
        received_on: datetime.date,
        citizen: Any = None,
        team: bool = False,
        start: bool = True,
        **referral_fields: Any,
    ) -> Any:
        from rehabplan.courses.models import ReferralStatus
        from rehabplan.courses.services.course_state import course_create, course_start
        from rehabplan.courses.services.referrals import referral_register

        citizen = citizen or self.citizen()
        is_gop = service_code == "SUL140"
        referral = referral_register(
            user=self.visitator,
            citizen=citizen,
            service_code=service_code,
            source="hospital_gop" if is_gop else "citizen",
            received_on=received_on,
            discharge_on=received_on if is_gop else None,
            **referral_fields,
        )
        referral.status = ReferralStatus.PLANNED if is_gop else ReferralStatus.GRANTED
        referral.decided_on = received_on
        referral.save()
        course = course_create(
            user=self.visitator,
            referral=referral,
            therapist=self.pt,
            team_class=self.team_class if team else None,
        )
        if start:
            course_start(
                user=self.therapist_user,
                course=course,
                intake_on=received_on,
                note="Forundersøgelse: går med rollator.",
                plan_text="Styrke og balance.",
            )
        return course


@pytest.fixture
def make_unit(make_user):
    from rehabplan.organisation.models import Location, Municipality, TeamClass, Therapist

    def make(slug: str, code: int, name: str) -> Unit:
        municipality, _ = Municipality.objects.get_or_create(
            slug=slug, defaults={"code": code, "name": name, "unit_name": "Træningsenheden"}
        )
        therapist_user = make_user(f"{slug}-terapeut", THERAPIST, municipality)
        pt = Therapist.objects.create(
            municipality=municipality, user=therapist_user, name="Pia Fys", profession="PT"
        )
        ot = Therapist.objects.create(municipality=municipality, name="Otto Ergo", profession="OT")
        location = Location.objects.create(
            municipality=municipality,
            name="Træningscentret",
            address="Sundvej 1",
            postcode="7000",
            city="Byen",
        )
        team_class = TeamClass.objects.create(
            municipality=municipality,
            name="Balancehold",
            location=location,
            weekday=0,
            starts_at=datetime.time(10, 0),
            capacity=8,
            minimum_to_run=3,
            level="basal",
            profession="PT",
            therapist=pt,
        )
        return Unit(
            municipality=municipality,
            visitator=make_user(f"{slug}-visitator", VISITATOR, municipality),
            therapist_user=therapist_user,
            leader=make_user(f"{slug}-leder", LEADER, municipality),
            pt=pt,
            ot=ot,
            location=location,
            team_class=team_class,
            counter=[0],
        )

    return make


@pytest.fixture
def demo_unit(make_unit):
    return make_unit("demo", 999, "Demo Kommune")


@pytest.fixture
def varde(make_unit):
    return make_unit("varde", 573, "Varde Kommune")


@pytest.fixture
def naestved(make_unit):
    return make_unit("naestved", 370, "Næstved Kommune")


@pytest.fixture
def fredericia(make_unit):
    return make_unit("fredericia", 607, "Fredericia Kommune")
