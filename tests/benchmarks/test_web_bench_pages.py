"""benchmarks/web_bench.py's page list, requested once as each page's role against the demo, so
the list never rots: every address resolves, answers 200 and runs queries the bench can count."""

from __future__ import annotations

import pytest
from django.utils import timezone

from benchmarks.webbench.pages import bench_pages, ensure_proposal, pick_targets, users_by_role
from benchmarks.webbench.queries import count_queries
from rehabplan.accounts.roles import LEADER
from tests.shared_demo import seed_for_module


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    yield from seed_for_module(django_db_blocker, seed=2026, today=timezone.localdate())


def test_every_page_of_the_bench_answers_as_its_role(demo, db):
    users = users_by_role()
    # The quickest method: the test checks the page, not the planner.
    ensure_proposal(users[LEADER], method="fcfs")
    targets = pick_targets(users)
    assert targets.heavy_courses >= targets.typical_courses
    pages = bench_pages(targets)
    # Every record page found its record on the demo: none left out of the list.
    assert len(pages) == 22
    counted = count_queries(users, pages, slow_seconds=60.0)
    answers = {(row.page.label, row.page.role): row.status for row in counted}
    assert set(answers.values()) == {200}, answers
    assert all(row.queries > 0 and row.size > 0 for row in counted)
