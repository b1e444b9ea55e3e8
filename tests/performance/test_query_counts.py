"""Every list and detail page costs the same number of queries with three times the data.

Each page is rendered as its role on a small world (fewer rows than a page of any list), then on
one with sixteen times the citizens, referrals, deadlines, courses, sessions, notes, letters and
audit entries (more than a page of each list), and the two query counts must be equal: nothing
is read per row.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

# (role, address, POST data or None, whether the larger world's list is paged)
PAGES = [
    ("visitator", "/", None, False),
    ("leder", "/", None, False),
    ("terapeut", "/", None, False),
    ("visitator", "/frister/", None, True),
    ("visitator", "/frister/?side=2", None, True),
    ("visitator", "/varsler/", None, True),
    ("leder", "/varsler/ikke-handlet/", None, True),
    ("leder", "/varsler/ikke-handlet/?side=2", None, True),
    ("visitator", "/modtagelse/indbakke/", None, True),
    ("visitator", "/visitation/afventer/", None, True),
    ("visitator", "/visitation/breve/", None, True),
    ("leder", "/log/", None, True),
    ("visitator", "/borgere/{citizen}/", None, True),
    ("visitator", "/borgere/{citizen}/?tidslinje=2&forloeb=1", None, True),
    ("terapeut", "/borgere/{citizen}/", None, True),
    ("terapeut", "/forloeb/{course}/", None, True),
    ("terapeut", "/forloeb/{course}/?notater=2", None, True),
    ("terapeut", "/mine-forloeb/", None, True),
    ("terapeut", "/mine-hold/", None, False),
    ("terapeut", "/kalender/", None, False),
    ("terapeut", "/kalender/uge/", None, False),
    ("leder", "/kalender/alle/", None, False),
    ("visitator", "/henvisninger/{referral}/", None, False),
    ("visitator", "/afgoerelser/{decision}/", None, False),
    ("visitator", "/henvisninger/{undecided}/afgoerelse/", None, False),
    ("terapeut", "/forloeb/{course}/book/", None, False),
    ("terapeut", "/forloeb/{course}/afslut/", None, False),
    ("terapeut", "/aftaler/{team_session}/", None, False),
    ("leder", "/log/{entry}/", None, False),
    ("visitator", "/borgere/", {"term": "Karen"}, True),
    ("visitator", "/borgere/", {"term": "Karen", "side": "2"}, True),
]


def _queries(client: Any, user: Any, url: str, data: dict | None) -> tuple[list[str], str]:
    client.force_login(user)
    send = (lambda: client.post(url, data)) if data is not None else (lambda: client.get(url))
    send()  # the first request of a login settles the session and the caches
    with CaptureQueriesContext(connection) as captured:
        response = send()
    assert response.status_code == 200, url
    return [query["sql"] for query in captured.captured_queries], response.content.decode()


def _shape(sql: str) -> str:
    """A query without its values, so the same query on other rows compares equal."""
    return re.sub(r"'[^']*'|\b\d+\b", "?", sql)


def _extra(small: list[str], large: list[str]) -> str:
    """The queries the larger world made more often than the small one: the ones read per row."""
    before = Counter(_shape(sql) for sql in small)
    after = Counter(_shape(sql) for sql in large)
    return "\n\n".join(
        f"{n - before[sql]} more: {sql}" for sql, n in after.items() if n > before[sql]
    )


@pytest.mark.parametrize(("role", "address", "data", "paged"), PAGES)
def test_a_page_reads_as_much_with_sixteen_times_the_data(
    client, world, role, address, data, paged
):
    url = address.format(**world.ids())
    user = world.users[role]
    small, _page = _queries(client, user, url, data)
    world.grow()
    large, page = _queries(client, user, url, data)
    assert len(large) == len(small), _extra(small, large)
    if paged:
        assert 'data-testid="pagination"' in page, "the larger world should need more pages"
