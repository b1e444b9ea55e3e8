"""A citizen on a phone asks for a code by SMS, reads it (from the SMS gateway's folder), logs in,
and cancels a session; every screen at 390 px without sideways scrolling and axe-core clean."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from rehabplan.courses.models import AttendanceStatus
from rehabplan.outbox.models import Channel, MessageKind, OutboxMessage, RecipientKind
from tests.course.conftest import demo_unit, make_unit  # noqa: F401 - shared fixtures
from tests.e2e.screens import PHONE, WIDTHS, check_screen
from tests.selfservice.conftest import last_code, sms_dir, world  # noqa: F401 - shared fixtures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def on_phone(page, name: str, widths: tuple[int, ...] = (PHONE,)) -> None:
    """Check the screen, then carry on at phone width (check_screen ends at desktop width)."""
    check_screen(page, name, widths=widths)
    page.set_viewport_size({"width": PHONE, "height": 844})


def test_a_citizen_logs_in_with_a_code_and_cancels_a_session(
    live_server,
    page,
    world,  # noqa: F811 - the fixture imported above
    sms_dir,  # noqa: F811
):
    OutboxMessage.objects.create(
        municipality=world.karen.municipality,
        citizen=world.karen,
        kind=MessageKind.DECISION_LETTER,
        channel=Channel.DIGITAL_POST,
        recipient_kind=RecipientKind.CITIZEN,
        recipient_name=world.karen.full_name,
        subject="Afgørelse om genoptræning",
        document=b"%PDF-1.4 brev",
    )
    page.set_viewport_size({"width": PHONE, "height": 844})
    page.goto(f"{live_server.url}/borger/")
    page.wait_for_url(f"{live_server.url}/borger/log-ind/")
    on_phone(page, "selfservice-login", widths=WIDTHS)

    page.get_by_role("button", name="Send mig en kode").click()
    expect(page.get_by_text("Skriv dit CPR-nummer.").first).to_be_visible()
    on_phone(page, "selfservice-login-errors")

    page.get_by_label("Dit CPR-nummer").fill(world.karen.formatted_cpr)
    page.get_by_label("SMS til min mobil").check()
    page.get_by_role("button", name="Send mig en kode").click()
    page.wait_for_url(f"{live_server.url}/borger/log-ind/kode/")
    on_phone(page, "selfservice-code")

    code = last_code(sms_dir)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    page.get_by_label("Koden").fill(wrong)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_text("Koden er forkert. Du kan prøve 4 gange mere.").first).to_be_visible()
    on_phone(page, "selfservice-code-wrong")

    page.get_by_label("Koden").fill(code)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/borger/")
    assert page.get_by_test_id("selfservice-name").inner_text() == world.karen.full_name
    on_phone(page, "selfservice-home", widths=WIDTHS)

    first = world.karen_sessions[0].attendances.get()
    page.get_by_test_id(f"appointment-{first.pk}").get_by_role(
        "link", name=re.compile("^Meld afbud")
    ).click()
    page.wait_for_url(f"{live_server.url}/borger/aftaler/{first.pk}/afbud/")
    expect(page.get_by_test_id("cancel-in-time")).to_be_visible()
    on_phone(page, "selfservice-cancel", widths=WIDTHS)

    page.get_by_role("button", name="Ja, meld afbud").click()
    page.wait_for_url(f"{live_server.url}/borger/")
    expect(page.get_by_test_id("selfservice-message")).to_contain_text("Afbuddet kom i god tid.")
    on_phone(page, "selfservice-cancelled")
    first.refresh_from_db()
    assert first.status == AttendanceStatus.CANCELLED_IN_TIME

    page.get_by_role("link", name="Dine breve").click()
    page.wait_for_url(f"{live_server.url}/borger/breve/")
    expect(page.get_by_text("Afgørelse om genoptræning", exact=True)).to_be_visible()
    on_phone(page, "selfservice-letters", widths=WIDTHS)

    page.get_by_role("link", name="Din træningsplan").click()
    page.wait_for_url(f"{live_server.url}/borger/plan/")
    expect(page.get_by_text("Jeg vil kunne gå til købmanden")).to_be_visible()
    on_phone(page, "selfservice-plan", widths=WIDTHS)

    expect(page.get_by_role("button", name="Log af")).to_be_visible()
    page.get_by_role("button", name="Log af").click()
    page.wait_for_url(f"{live_server.url}/borger/log-ind/")
    page.goto(f"{live_server.url}/borger/")
    page.wait_for_url(f"{live_server.url}/borger/log-ind/")
