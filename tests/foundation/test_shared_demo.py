"""The module-wide demo seed of tests/shared_demo.py is rolled back when its module is done, so the
next module on the same test database (the same test worker) starts from what it had before."""

import datetime

from django.apps import apps
from django.db import connection

from tests.shared_demo import seed_for_module

TODAY = datetime.date(2026, 11, 23)


def _rows_per_table() -> dict[str, int]:
    return {
        model._meta.db_table: model._base_manager.count()
        for model in apps.get_models()
        if model._meta.managed
    }


def test_the_module_seed_leaves_nothing_behind_for_the_next_module(
    transactional_db, django_db_blocker
):
    # Outside any test's transaction, as between two modules.
    assert not connection.in_atomic_block
    before = _rows_per_table()
    # Driven as pytest drives a module-scoped fixture: up before the module's first test...
    seeding = seed_for_module(django_db_blocker, seed=7, today=TODAY)
    summary = next(seeding)
    assert summary.created
    assert summary.municipality.citizens.count() == 80
    assert _rows_per_table() != before
    # ...and down after its last one.
    seeding.close()
    assert not connection.in_atomic_block
    assert _rows_per_table() == before
