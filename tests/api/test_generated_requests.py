"""Generated requests from the OpenAPI document, as every role of two municipalities.

The demo municipality is seeded in full; the second municipality has its own citizen and users.
Every operation is called with valid and invalid input by each token, and again with the ids of
the other municipality's records in its path (tests/api/fuzzing.py says what is checked)."""

from __future__ import annotations

import datetime

import pytest

from rehabplan.api.v1.app import api
from tests.api.access import ACCESS
from tests.api.fuzzing_run import run_generated_requests
from tests.api.fuzzing_world import build_world
from tests.shared_demo import seed_for_module

EXAMPLES_PER_OPERATION = 64
TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    yield from seed_for_module(django_db_blocker, seed=2026, today=TODAY)


def test_every_operation_is_in_the_access_table():
    document_ids = {
        details["operationId"]
        for item in api.get_openapi_schema()["paths"].values()
        for details in item.values()
    }
    assert document_ids == set(ACCESS)


@pytest.mark.slow
def test_generated_requests_find_no_error_and_no_leak(demo, db):
    tally = run_generated_requests(build_world(demo.municipality), examples=EXAMPLES_PER_OPERATION)
    assert tally.failures == {}, "\n".join(
        description for found in tally.failures.values() for description in found[:3]
    )
    assert tally.server_errors == 0
    assert set(tally.per_operation) == set(ACCESS)
    assert all(tally.statuses[status] for status in (200, 403, 404, 422))
