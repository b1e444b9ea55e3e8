"""Every screen a role can reach on the demo speaks Danish to a person: no version strings, service
codes, field names, ISO dates or English words in the text a user reads."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlparse

import pytest

from rehabplan.demo.seed import DEMO_PASSWORD
from tests.shared_demo import seed_for_module

pytestmark = pytest.mark.slow

TODAY = datetime.date(2026, 11, 23)
MOST_PAGES = 120
LEAKS = {
    "standard version": re.compile(r"\b[\w-]+@\d{4}-\d{2}-\d{2}"),
    "service code": re.compile(r"\b(?:SEL|SUL|LSE)\d+[a-z]?(?:-\d)?\b"),
    "ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "field name": re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b"),
    "English": re.compile(
        r"\b(?:Municipality|Can (?:add|change|delete|view)|None|True|False|Task result)\b"
    ),
    "fact name": re.compile(r"\bFaktum\b"),
}
SKIPPED_PATHS = ("/logout", "/log-ud", "/static/", "/admin/logout", "/admin/jsi18n", "/media/")
# A standard's page in the admin shows the uploaded file itself, with the file's own keys.
# The exercise library's many pages of content are checked one by one in tests/exercises, so
# they do not use up the crawl's pages here.
SKIPPED_PAGES = re.compile(r"^/admin/organisation/municipalstandard/\d+/change/|^/oevelser/[^/]+/")


class _Page(HTMLParser):
    """The text a person reads on a page, and the links on it."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "template"):
            self._hidden += 1
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        for name in ("title", "aria-label", "placeholder", "alt"):
            if values.get(name):
                self.text.append(values[name])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.text.append(data.strip())


def crawl(client, start: str = "/") -> dict[str, str]:
    """The text of every page reachable by links from `start`, by path."""
    seen: dict[str, str] = {}
    queue = [start]
    while queue and len(seen) < MOST_PAGES:
        url = queue.pop(0)
        path = urlparse(url).path
        if url in seen or path.startswith(SKIPPED_PATHS) or SKIPPED_PAGES.match(path):
            continue
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            seen[url] = ""
            continue
        page = _Page()
        page.feed(response.content.decode())
        seen[url] = "\n".join(page.text)
        for link in page.links:
            target = urljoin(url, link.split("#")[0])
            parsed = urlparse(target)
            if not parsed.netloc and parsed.path.startswith("/") and target not in seen:
                queue.append(target)
    return seen


def leaks_in(pages: dict[str, str]) -> list[str]:
    found = []
    for url, text in pages.items():
        for kind, pattern in LEAKS.items():
            for match in sorted(set(pattern.findall(text))):
                found.append(f"{url}: {kind}: {match}")
    return found


@pytest.fixture(scope="module")
def seeded_demo(django_db_setup, django_db_blocker):
    """Seeded once for the module's tests, which only look at it (see tests/shared_demo.py)."""
    yield from seed_for_module(django_db_blocker, seed=7, today=TODAY)


@pytest.fixture
def demo(seeded_demo, db):
    return seeded_demo


@pytest.mark.parametrize("role", ["visitator", "terapeut", "leder", "administrator"])
def test_no_technical_words_on_any_screen_a_role_reaches(demo, client, role):
    assert client.login(username=role, password=DEMO_PASSWORD)
    pages = crawl(client, "/")
    if role == "administrator":
        pages.update(crawl(client, "/admin/"))
    assert len(pages) > 5
    assert leaks_in(pages) == []


def test_no_technical_words_in_the_admin_a_superuser_sees(demo, client, django_user_model):
    """The superuser also sees the citizen data, the audit log and the task results there."""
    superuser = django_user_model.objects.create_superuser("drift", password="drift-pass-123")
    client.force_login(superuser)
    pages = crawl(client, "/admin/")
    assert any("/admin/audit/" in url for url in pages)
    assert leaks_in(pages) == []


def test_the_crawl_finds_a_leak_when_there_is_one():
    pages = {"/x/": "Standard demo@2024-01-01 for SEL86-1: letter_received_on True 2026-12-02"}
    kinds = {line.split(": ")[1] for line in leaks_in(pages)}
    assert kinds == {"standard version", "service code", "field name", "English", "ISO date"}
