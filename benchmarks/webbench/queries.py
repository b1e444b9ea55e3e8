"""The SQL queries each page runs, counted in this process with Django's test client on the same
database and settings as the server (the server runs in another process, out of reach)."""

from __future__ import annotations

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


def count_queries(users: dict[str, User], pages: list[Page]) -> list[PageQueries]:
    """Request each page twice as its role and count the second request's queries: the first
    may fill per-process caches (content types, permissions) that a running server has."""
    clients: dict[str, Client] = {}
    for role, user in users.items():
        clients[role] = Client()
        clients[role].force_login(user)
    counted = []
    for page in pages:
        client = clients[page.role]
        _request(client, page)
        with CaptureQueriesContext(connection) as captured:
            response = _request(client, page)
        counted.append(
            PageQueries(page, response.status_code, len(captured), len(response.content))
        )
    return counted


def _request(client: Client, page: Page):
    if page.form:
        return client.post(page.path, dict(page.form))
    return client.get(page.path)
