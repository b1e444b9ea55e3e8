"""Seeding the demo again: each seed here starts from an empty database, so these cannot share
the seeded demo of test_demo.py."""

import datetime

import pytest

from rehabplan.demo.seed import seed_demo

pytestmark = pytest.mark.slow

TODAY = datetime.date(2026, 11, 23)


class _Rollback(Exception):
    pass


def _citizens() -> list[tuple]:
    from rehabplan.citizens.models import Citizen

    return list(Citizen.objects.order_by("id").values_list("cpr", "first_name", "last_name"))


def _seeded_citizens(seed: int, *, then_seed_again: bool = False) -> list[tuple]:
    """Seed inside a transaction that is rolled back, so each call starts from an empty database.
    Seeding again on top of it must leave the demo alone."""
    from django.db import transaction

    try:
        with transaction.atomic():
            seed_demo(seed=seed, today=TODAY)
            rows = _citizens()
            if then_seed_again:
                again = seed_demo(seed=seed, today=TODAY)
                assert again.created is False
                assert _citizens() == rows
            raise _Rollback
    except _Rollback:
        return rows


def test_the_same_seed_gives_the_same_citizens_and_a_second_seed_leaves_them_alone(db):
    # One seeding serves both checks: seeding takes many seconds.
    first = _seeded_citizens(11, then_seed_again=True)
    assert _seeded_citizens(11) == first
    assert _seeded_citizens(12) != first
