"""Seeding the demo again: each test here starts from an empty database, so these cannot share
the seeded demo of test_demo.py."""

import datetime

from rehabplan.demo.seed import seed_demo

TODAY = datetime.date(2026, 11, 23)


def test_a_second_seed_leaves_the_demo_alone(db):
    from rehabplan.citizens.models import Citizen

    seed_demo(seed=7, today=TODAY)
    first = list(Citizen.objects.order_by("id").values_list("cpr", "first_name", "last_name"))
    again = seed_demo(seed=7, today=TODAY)
    assert again.created is False
    assert (
        list(Citizen.objects.order_by("id").values_list("cpr", "first_name", "last_name")) == first
    )


class _Rollback(Exception):
    pass


def _seeded_citizens(seed: int) -> list[tuple]:
    """Seed inside a transaction that is rolled back, so each call starts from an empty database."""
    from django.db import transaction

    from rehabplan.citizens.models import Citizen

    try:
        with transaction.atomic():
            seed_demo(seed=seed, today=TODAY)
            rows = list(
                Citizen.objects.order_by("id").values_list("cpr", "first_name", "last_name")
            )
            raise _Rollback
    except _Rollback:
        return rows


def test_the_same_seed_gives_the_same_citizens(db):
    first = _seeded_citizens(11)
    assert _seeded_citizens(11) == first
    assert _seeded_citizens(12) != first
