"""Checks every main screen gets in the browser tests: a screenshot at phone, tablet and desktop
width, no sideways scrolling of the page, and axe-core's WCAG 2.1 A/AA rules without a serious or
critical violation.

axe-core is a development package in package.json; `npm ci` (run by `rehabplan assets`) puts it in
node_modules, and the tests inject it into the page under test.
"""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.conftest import ARTIFACTS

PROJECT_ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"

PHONE, TABLET, DESKTOP = 390, 820, 1366
WIDTHS = (PHONE, TABLET, DESKTOP)
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def ensure_axe() -> Path:
    if not AXE_SCRIPT.exists():
        from django.core.management import call_command

        call_command("assets")
    return AXE_SCRIPT


def axe_violations(page) -> list[dict]:
    """The serious and critical WCAG 2.1 A/AA violations axe-core finds on the page as shown."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Evaluated through the browser's devtools protocol, which the page's Content Security
        # Policy (scripts from the server only) does not govern; a script tag would be refused.
        page.evaluate(ensure_axe().read_text(encoding="utf-8"))
    # Only violations are asked for: axe then skips recording every passed and inapplicable check,
    # the larger part of its work, and only the violations cross back from the browser.
    violations = page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                      resultTypes: ['violations']})
                      .then(result => result.violations)""",
        WCAG_TAGS,
    )
    return [
        {
            "rule": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "targets": [node["target"] for node in violation["nodes"][:5]],
        }
        for violation in violations
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def duplicate_ids(page) -> list[str]:
    """Ids used by more than one element: a label or link then points at the wrong one. axe 4.x
    no longer counts its duplicate-id rules as WCAG 2.1 rules, so the check is our own."""
    return page.evaluate(
        """() => {
            const seen = new Map();
            for (const element of document.querySelectorAll("[id]")) {
                seen.set(element.id, (seen.get(element.id) || 0) + 1);
            }
            return [...seen].filter(([, count]) => count > 1).map(([id]) => id);
        }"""
    )


def page_width(page) -> int:
    return page.evaluate("() => document.documentElement.scrollWidth")


def check_screen(page, name: str, widths: tuple[int, ...] = WIDTHS) -> None:
    """Show the current page at each width: screenshot it, assert it does not scroll sideways and
    that axe-core finds no serious or critical violation. The page is left at desktop width.
    No id may be used twice on the page."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    duplicated = duplicate_ids(page)
    assert not duplicated, f"{name} uses these ids more than once: {duplicated}"
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(50)
        page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
        measured = page_width(page)
        assert measured <= width, f"{name} scrolls sideways at {width} px: {measured} px wide"
        violations = axe_violations(page)
        assert not violations, f"{name} at {width} px: " + json.dumps(violations, indent=1)
    page.set_viewport_size({"width": DESKTOP, "height": 900})


def log_in(page, base_url: str, username: str, password: str) -> None:
    """Log in through the login form as a user does, and wait for the start page."""
    page.context.clear_cookies()
    page.goto(f"{base_url}/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base_url}/")


def follow_menu_link(page, name: str) -> None:
    """Follow a link in the main menu as a user does. On a phone the menu is a drawer behind the
    header's menu button; on a desktop DKFDS folds the items that do not fit under "Mere".

    The caller has waited for the page it is on. The wait for the page's load event matters: the
    menu button opens the drawer only once the deferred DKFDS script has run, and a click before
    that does nothing."""
    page.wait_for_load_state("load")
    menu_button = page.get_by_role("button", name="Menu", exact=True)
    if menu_button.is_visible():
        menu_button.click()
        drawer = page.get_by_role("dialog", name="Menu")
        expect(drawer).to_be_visible()
        drawer.get_by_role("link", name=name, exact=True).click()
        return
    link = page.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        page.get_by_role("button", name="Mere").first.click()
    link.click()
