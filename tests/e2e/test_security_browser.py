"""The pages work under the Content-Security-Policy, and the idle-logout warning works."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from rehabplan.scheduling.models import PlanProposal, ProposalState

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "secret-pass-123"


def watch_csp(page) -> list[str]:
    """Every CSP violation the browser reports, from the console and from the DOM event."""
    seen: list[str] = []

    def on_console(message) -> None:
        if "Content Security Policy" in message.text:
            seen.append(message.text)

    page.on("console", on_console)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', function (e) {"
        " (window.__cspViolations = window.__cspViolations || [])"
        ".push(e.violatedDirective + ' ' + e.blockedURI); });"
    )
    return seen


def dom_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


def log_in(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/log-ind/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{base_url}/")


def test_product_pages_and_htmx_polling_work_under_the_policy(live_server, page, leader):
    seen = watch_csp(page)
    log_in(page, live_server.url, "leder")
    assert dom_violations(page) == []

    proposal = PlanProposal.objects.create(
        municipality=leader.municipality,
        week="2026-W49",
        state=ProposalState.QUEUED,
        created_by=leader,
    )
    with page.expect_request(
        lambda request: (
            f"/planlaeg/{proposal.pk}/" in request.url
            and request.headers.get("hx-request") == "true"
        ),
        timeout=10_000,
    ) as polled:
        page.goto(f"{live_server.url}/planlaeg/{proposal.pk}/")
    # htmx runs under the policy, and its polling is marked as not being the user's activity.
    assert polled.value.headers.get("x-rehabplan-background") == "1"
    assert page.evaluate("typeof window.htmx") == "object"
    expect(page.locator("head style")).to_have_count(0)
    assert dom_violations(page) == []
    assert seen == []


def test_the_admin_works_under_the_policy(live_server, page, administrator):
    administrator.is_staff = True
    administrator.save()
    seen = watch_csp(page)
    # The admin's login sends the user to the product's login, and back to the admin after it.
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Brugernavn").fill("administrator")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    for path in ("/admin/", "/admin/organisation/location/", "/admin/organisation/location/add/"):
        page.goto(f"{live_server.url}{path}")
        assert dom_violations(page) == [], path
    assert seen == []


def test_the_idle_warning_appears_and_keeps_the_session(live_server, page, visitator, settings):
    settings.SESSION_IDLE_MINUTES = 3
    settings.SESSION_WARNING_SECONDS = 178
    seen = watch_csp(page)
    log_in(page, live_server.url, "visitator")

    warning = page.locator("#session-warning")
    warning.wait_for(state="visible", timeout=15_000)
    expect(warning).to_contain_text("Du bliver snart logget af")

    with page.expect_response(lambda response: response.url.endswith("/session/")) as renewed:
        page.get_by_role("button", name="Forbliv logget ind").click()
    assert renewed.value.status == 200
    assert renewed.value.json()["seconds_left"] > 170
    warning.wait_for(state="hidden")
    assert seen == []
