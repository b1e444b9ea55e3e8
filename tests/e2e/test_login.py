import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_visitator_logs_in_and_opens_a_citizen(live_server, page, screenshot, visitator, citizen):
    page.goto(f"{live_server.url}/")
    assert page.url.startswith(f"{live_server.url}/log-ind/")
    page.get_by_label("Brugernavn").fill("visitator")
    page.get_by_label("Adgangskode").fill("secret-pass-123")
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_test_id("shell-municipality")).to_have_text("Demo Kommune")
    screenshot("login-start-page")

    page.get_by_label("Søg borger (navn eller CPR-nummer)").fill("010150-1234")
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Karen Sørensen").click()
    expect(page.get_by_test_id("citizen-name")).to_have_text("Karen Sørensen")
    assert "0101501234" not in page.url and "010150" not in page.url
    screenshot("login-citizen-page")
