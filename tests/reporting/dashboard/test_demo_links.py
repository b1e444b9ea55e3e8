"""On the demo, every figure's link on every key-figure page opens the cases behind it: the
links the pages write and the drill-downs the sections read agree, filters included."""

from __future__ import annotations

import html
import re

import pytest
from django.utils import timezone

from rehabplan.accounts.models import User
from rehabplan.reporting.kpi.sections import SECTIONS
from tests.shared_demo import seed_for_module

pytestmark = pytest.mark.django_db

CASES_LINK = re.compile(r'href="(/statistik/[a-z-]+/sager/\?[^"]*)"')


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    """Seeded once for the module (see tests/shared_demo.py)."""
    yield from seed_for_module(django_db_blocker, seed=2026, today=timezone.localdate())


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.key)
def test_every_figure_link_opens_its_cases(client, seeded_demo, section):
    client.force_login(User.objects.get(username="leder"))
    page = html.unescape(client.get(f"/statistik/{section.key}/").content.decode())
    links = sorted(set(CASES_LINK.findall(page)))
    assert links, section.key
    broken = [link for link in links if client.get(link).status_code != 200]
    assert broken == []
