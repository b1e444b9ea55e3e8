"""The SQL queries each page runs, counted in this process with Django's test client on the same
database and settings as the server (the server runs in another process, out of reach)."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from rehabplan.accounts.models import User

from .pages import Page


@dataclass(frozen=True)
class PageQueries:
    page: Page
    status: int
    queries: int
    size: int
    seconds: float  # the counted request, in this process


def count_queries(
    users: dict[str, User], pages: list[Page], *, slow_seconds: float, progress: bool = False
) -> list[PageQueries]:
    """Request each page twice as its role and count the second request's queries: the first
    may fill per-process caches (content types, permissions) that a running server has. A page
    whose first request takes over `slow_seconds` is counted on that one request."""
    clients: dict[str, Client] = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    counted = []
    for page in pages:
        row = _counted(clients[page.role], page)
        if row.seconds <= slow_seconds:
            row = _counted(clients[page.role], page)
        counted.append(row)
        if progress:
            print(
                f"#   {page.label} ({page.role}): {row.queries} queries, {row.seconds:.2f} s",
                file=sys.stderr,
            )
    return counted


def _counted(client: Client, page: Page) -> PageQueries:
    start = time.perf_counter()
    with CaptureQueriesContext(connection) as captured:
        response = _request(client, page)
    seconds = time.perf_counter() - start
    return PageQueries(page, response.status_code, len(captured), len(response.content), seconds)


def _request(client: Client, page: Page):
    if page.form:
        return client.post(page.path, dict(page.form))
    return client.get(page.path)
