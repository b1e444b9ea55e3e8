"""Leaders saving versions of the same local package at once get consecutive numbers: the
number is chosen under a row lock on the local package (without it, two would take the same
number and one would fail on the unique constraint). Two copies under one name give one package
and a Danish name error."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from rehabplan.accounts.roles import LEADER
from rehabplan.exercises.packages import default_catalogue
from rehabplan.trainingpackages.models import LocalPackage, LocalPackageVersion
from rehabplan.trainingpackages.services.adaptation import (
    local_package_create,
    local_version_create,
)
from tests.concurrency.contenders import run_together, unexpected

LEADERS = 6

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def leaders(make_user, municipality):
    return [make_user(f"leder-{index}", LEADER, municipality) for index in range(LEADERS)]


def test_simultaneous_versions_are_numbered_one_after_the_other(leaders):
    national = default_catalogue().get("aerobic_mild_alzheimers")
    first = local_package_create(
        user=leaders[0],
        national_key=national.key,
        name="Konditionshold",
        content=national.to_mapping(),
        reasons={},
    )

    def save(index: int) -> int:
        content = {**national.to_mapping(), "weeks": 10 + index}
        version = local_version_create(
            user=leaders[index],
            local_package_id=first.local_package_id,
            name="Konditionshold",
            content=content,
            reasons={"weeks": f"Leder {index} tilpasser."},
        )
        return version.number

    outcomes = run_together(LEADERS, save)

    assert [outcome.error for outcome in outcomes if not outcome.ok] == []
    assert sorted(outcome.result for outcome in outcomes) == list(range(2, LEADERS + 2))
    numbers = LocalPackageVersion.objects.values_list("number", flat=True)
    assert sorted(numbers) == list(range(1, LEADERS + 2))


def test_simultaneous_copies_under_one_name_give_one_package_and_name_errors(leaders):
    national = default_catalogue().get("aerobic_mild_alzheimers")

    def copy(index: int) -> int:
        return local_package_create(
            user=leaders[index],
            national_key=national.key,
            name="Samme navn",
            content=national.to_mapping(),
            reasons={},
        ).number

    outcomes = run_together(LEADERS, copy)

    assert unexpected(outcomes, ValidationError) == []
    refused = [outcome.error for outcome in outcomes if not outcome.ok]
    assert len(refused) == LEADERS - 1
    assert all(
        error.message_dict == {"name": ["Kommunen har allerede en lokal pakke med det navn."]}
        for error in refused
    )
    assert LocalPackage.objects.count() == 1 and LocalPackageVersion.objects.count() == 1
