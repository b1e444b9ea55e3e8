"""One seeded demo for all the tests of a module that only look at it.

Seeding the demo municipality takes many seconds. A module whose tests run on `db` (each test in a
transaction that is rolled back) can seed once: the module's seed is made inside an outer
transaction, each test's own transaction is then a savepoint within it, so whatever a test writes
is still rolled back before the next test, and the outer transaction is rolled back when the
module is done. Tests on `transactional_db` or `live_server` empty the tables themselves and must
not be in such a module.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db import transaction

from rehabplan.demo.seed import DemoSummary, seed_demo


def seed_for_module(django_db_blocker, *, seed: int, today: datetime.date) -> Iterator[DemoSummary]:
    """Seed the demo in a transaction kept open while the module's tests run, then roll it back.
    Use it from a module-scoped fixture with `yield from`."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield seed_demo(seed=seed, today=today)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
