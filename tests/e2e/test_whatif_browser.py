"""The leader tries a draft standard on the demo's year of history, at desktop and phone width."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from rehabplan.demo.seed import DEMO_PASSWORD, seed_demo
from tests.whatif import drafts

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _log_in_as_leader(page, live_server) -> None:
    page.goto(f"{live_server.url}/log-ind/")
    page.get_by_label("Brugernavn").fill("leder")
    page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.mark.parametrize(("width", "height", "name"), [(1280, 900, "desktop"), (390, 844, "phone")])
def test_leader_replays_a_draft_on_the_demo(
    live_server, page, screenshot, tmp_path, width, height, name
):
    seed_demo(seed=2026, today=timezone.localdate())
    page.set_viewport_size({"width": width, "height": height})
    _log_in_as_leader(page, live_server)
    page.goto(f"{live_server.url}/afproev-udkast/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Afprøv")

    # An invalid draft: the loader's Danish error with the line, on the form.
    broken = tmp_path / "forkert.toml"
    broken.write_text(drafts.demo_text().replace("count = 4\n", 'count = "fire"\n'), "utf-8")
    page.get_by_label("Udkast til kvalitetsstandard (TOML-fil)").set_input_files(str(broken))
    page.get_by_role("button", name="Afprøv udkastet").click()
    error = page.locator(".form-error-message")
    expect(error).to_contain_text("linje")
    screenshot(f"whatif-invalid-{name}")

    draft = tmp_path / "demo-udkast.toml"
    draft.write_text(drafts.every_change(), "utf-8")
    page.get_by_label("Udkast til kvalitetsstandard (TOML-fil)").set_input_files(str(draft))
    page.get_by_role("button", name="Afprøv udkastet").click()
    # The task runs at once in tests, or the page polls until it is done and reloads.
    page.get_by_text("Borgere med en anden afgørelse efter udkastet").wait_for(timeout=60_000)
    expect(page.get_by_test_id("whatif-state")).to_have_text("Færdig")
    services = page.get_by_test_id("whatif-service")
    expect(services.nth(3)).to_be_attached()
    maintenance = services.filter(
        has=page.get_by_role("heading", name="Vedligeholdende træning", exact=True)
    )
    assert maintenance.get_by_test_id("sessions-change").inner_text().startswith("-")
    changed = page.get_by_test_id("whatif-changed")
    expect(changed).to_contain_text("67 år og derover")
    expect(
        changed.get_by_role("link").first
    ).to_be_attached()  # citizens by name, linking to their record
    screenshot(f"whatif-result-{name}")
    # Nothing is wider than the screen: wide tables scroll inside their own box.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
