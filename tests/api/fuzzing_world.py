"""The two municipalities the generated requests run against: the seeded demo, and a second
municipality with a citizen and users of its own; a token for every role in each."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import Group

from rehabplan.accounts.models import User
from rehabplan.accounts.roles import ROLE_PERMISSIONS, ROLES
from rehabplan.api.tokens import api_token_create
from rehabplan.citizens.models import Citizen
from rehabplan.citizens.services import citizen_create
from rehabplan.courses.models import (
    Attendance,
    ClinicalNote,
    Course,
    Decision,
    Goal,
    Referral,
    Session,
)
from rehabplan.organisation.models import Municipality
from rehabplan.scheduling.models import PlanProposal
from tests.api.fuzzing import Caller


@dataclass(frozen=True)
class FuzzWorld:
    demo: Municipality
    second: Municipality
    demo_callers: list[Caller]
    second_callers: list[Caller]

    @property
    def callers(self) -> list[Caller]:
        return self.demo_callers + self.second_callers


def _citizen_texts(municipality: Municipality) -> tuple[str, ...]:
    return tuple(
        text
        for citizen in Citizen.objects.of_municipality(municipality)
        for text in (citizen.cpr, citizen.full_name)
    )


def _callers(municipality: Municipality, creator: User, foreign: tuple[str, ...]) -> list[Caller]:
    own = dict(Citizen.objects.of_municipality(municipality).values_list("cpr", "pk"))
    callers = []
    for role in ROLES:
        user = User.objects.create_user(
            f"api-{municipality.slug}-{role}", municipality=municipality
        )
        user.groups.add(Group.objects.get(name=role))
        token = api_token_create(created_by=creator, user=user, name="Genererede forespørgsler")
        callers.append(
            Caller(
                label=f"{municipality.slug}/{role}",
                token=token.plain_text,
                permissions=frozenset(ROLE_PERMISSIONS[role]),
                foreign_texts=foreign,
                own_citizens=own,
            )
        )
    return callers


def _decided_case(user: User, citizen: Citizen) -> None:
    """A referral and its decision in the second municipality, whose ids the other
    municipality's tokens probe. It has no quality standard, so the case is written as rows."""
    today = datetime.date(2026, 11, 23)
    referral = Referral.objects.create(
        municipality=citizen.municipality,
        citizen=citizen,
        service_code="SEL86-1",
        source="citizen",
        received_on=today,
        status="refused",
        decided_on=today,
    )
    Decision.objects.create(
        referral=referral,
        outcome="refused",
        decided_on=today,
        decided_by=user,
        standard_version="anden",
        legal_basis="Serviceloven § 86, stk. 1",
        refusal_reason="Borgeren kan træne på egen hånd.",
    )


def build_world(demo: Municipality) -> FuzzWorld:
    """The second municipality and the tokens, beside an already seeded demo."""
    second = Municipality.objects.create(slug="anden", code=998, name="Anden Kommune")
    creator = User.objects.create_superuser("api-fuzz-root", password=None)
    visitator = User.objects.create_user("anden-visitator", municipality=second)
    visitator.groups.add(Group.objects.get(name="visitator"))
    citizen = citizen_create(
        user=visitator, cpr="0303031239", first_name="Xenia", last_name="Fremmedsen"
    )
    _decided_case(visitator, citizen)
    return FuzzWorld(
        demo=demo,
        second=second,
        demo_callers=_callers(demo, creator, _citizen_texts(second)),
        second_callers=_callers(second, creator, _citizen_texts(demo)),
    )


def ids_of(municipality: Municipality) -> dict[str, int]:
    """One record of each kind of `municipality`, by the path parameter that names it."""
    ids: dict[str, int] = {}
    for name, model in (
        ("citizen_id", Citizen),
        ("referral_id", Referral),
        ("decision_id", Decision),
        ("proposal_id", PlanProposal),
        ("course_id", Course),
        ("session_id", Session),
        ("attendance_id", Attendance),
        ("note_id", ClinicalNote),
        ("goal_id", Goal),
    ):
        found = model.objects.of_municipality(municipality).order_by("pk").first()
        if found is not None:
            ids[name] = found.pk
    return ids
