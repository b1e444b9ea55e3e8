"""Browser tests: Playwright driving Debian's chromium against a live test server.

Without a browser they are skipped with the reason printed, unless REHABPLAN_E2E=1 asks for them,
in which case a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls there are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium_path() -> str | None:
    configured = os.environ.get("REHABPLAN_CHROMIUM")
    if configured:
        return configured if Path(configured).exists() else None
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _build_front_end_files() -> None:
    """The pages need DKFDS and htmx as a user's browser gets them: build them on a fresh clone.
    Parallel test workers take turns under a lock: the first builds, the others find them built."""
    import fcntl

    from django.core.management import call_command

    from rehabplan.web.assets import PROJECT_ROOT

    lock_path = PROJECT_ROOT / "var" / "front-end-build.lock"
    lock_path.parent.mkdir(exist_ok=True)
    with lock_path.open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        call_command("assets", if_missing=True)


@pytest.fixture(scope="session")
def browser():
    required = os.environ.get("REHABPLAN_E2E") == "1"
    executable = _chromium_path()
    if executable is None:
        message = "no chromium found (install Debian's chromium package, or set REHABPLAN_CHROMIUM)"
        if required:
            pytest.fail(f"REHABPLAN_E2E=1 but {message}")
        print(f"\nSkipping browser tests: {message}")
        pytest.skip(message)
    _build_front_end_files()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="da-DK", timezone_id="Europe/Copenhagen")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        from playwright.sync_api import Error as PlaywrightError

        path = ARTIFACTS / f"{name}.png"
        # A busy machine's headless chromium now and then answers "Unable to capture screenshot"
        # for a tall page; the picture is a record, not the test, so try again and then settle
        # for the visible part rather than fail the behaviour under test.
        for attempt in range(3):
            try:
                page.screenshot(path=str(path), full_page=attempt < 2)
                return path
            except PlaywrightError:
                if attempt == 2:
                    raise
                page.wait_for_timeout(250)
        return path

    return take
