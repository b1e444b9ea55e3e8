"""Generated requests from the OpenAPI document, as every role of two municipalities.

The demo municipality is seeded in full; the second municipality has its own citizen and users.
Every operation is called with valid and invalid input by each token, and again with the ids of
the other municipality's records in its path."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group

from rehabplan.accounts.models import User
from rehabplan.accounts.roles import ROLE_PERMISSIONS, ROLES
from rehabplan.api.tokens import api_token_create
from rehabplan.api.v1.app import api
from rehabplan.citizens.models import Citizen
from rehabplan.citizens.services import citizen_create
from rehabplan.organisation.models import Municipality
from tests.api.access import ACCESS
from tests.api.fuzzing import (
    Caller,
    Tally,
    fuzz_operation,
    load_schema,
    operations,
)
from tests.shared_demo import seed_for_module

EXAMPLES_PER_OPERATION = 6
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    yield from seed_for_module(django_db_blocker, seed=2026, today=TODAY)


def _second_municipality() -> tuple[Municipality, User]:
    second = Municipality.objects.create(slug="anden", code=998, name="Anden Kommune")
    admin = User.objects.create_superuser("anden-root", password="x")
    stranger = User.objects.create_user("anden-visitator", municipality=second)
    stranger.groups.add(Group.objects.get(name="visitator"))
    citizen_create(user=stranger, cpr="0303031239", first_name="Xenia", last_name="Fremmedsen")
    return second, admin


def _callers(demo, second, admin) -> tuple[list[Caller], list[Caller]]:
    demo_texts = tuple(
        text
        for citizen in Citizen.objects.of_municipality(demo)
        for text in (citizen.cpr, citizen.full_name)
    )
    second_texts = tuple(
        text
        for citizen in Citizen.objects.of_municipality(second)
        for text in (citizen.cpr, citizen.full_name)
    )
    demo_callers, second_callers = [], []
    for municipality, callers, foreign in (
        (demo, demo_callers, second_texts),
        (second, second_callers, demo_texts),
    ):
        own = dict(Citizen.objects.of_municipality(municipality).values_list("cpr", "pk"))
        for role in ROLES:
            user = User.objects.create_user(
                f"api-{municipality.slug}-{role}", municipality=municipality
            )
            user.groups.add(Group.objects.get(name=role))
            token = api_token_create(created_by=admin, user=user, name="Generated requests")
            callers.append(
                Caller(
                    label=f"{municipality.slug}/{role}",
                    token=token.plain_text,
                    permissions=frozenset(ROLE_PERMISSIONS[role]),
                    foreign_texts=foreign,
                    own_citizens=own,
                )
            )
    return demo_callers, second_callers


def _ids_of(municipality) -> dict[str, int]:
    """One record of each kind of `municipality`, by the path parameter that names it."""
    citizen = Citizen.objects.of_municipality(municipality).order_by("pk").first()
    return {"citizen_id": citizen.pk}


def test_every_operation_is_in_the_access_table():
    document_ids = {
        details["operationId"]
        for item in api.get_openapi_schema()["paths"].values()
        for details in item.values()
    }
    assert document_ids == set(ACCESS)


@pytest.mark.slow
def test_generated_requests_find_no_error_and_no_leak(world, db):
    demo = world.municipality
    second, admin = _second_municipality()
    demo_callers, second_callers = _callers(demo, second, admin)
    schema = load_schema(api.get_openapi_schema())
    tally = Tally()
    for operation in operations(schema):
        fuzz_operation(
            operation,
            demo_callers + second_callers,
            access=ACCESS,
            examples=EXAMPLES_PER_OPERATION,
            tally=tally,
        )
        names = {parameter.name for parameter in operation.path_parameters}
        for callers, owner in ((demo_callers, second), (second_callers, demo)):
            ids = _ids_of(owner)
            if names and names <= set(ids):
                fuzz_operation(
                    operation,
                    callers,
                    access=ACCESS,
                    examples=2,
                    tally=tally,
                    path_parameters={name: ids[name] for name in names},
                )
    assert tally.failures == {}
    assert tally.server_errors == 0
    assert set(tally.per_operation) == set(ACCESS)
    print(f"\n{tally.requests} requests, statuses {dict(sorted(tally.statuses.items()))}")
