"""Dates typed as dd-mm-åååå are saved, dates are shown as "2. december 2026", and the audit log
speaks of a change in Danish words and values."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from rehabplan.audit.models import AuditEntry
from rehabplan.courses.models import Decision, DecisionOutcome
from rehabplan.demo.seed import DEMO_PASSWORD, seed_demo
from rehabplan.organisation.models import ClosedDay
from tests.e2e.screens import check_screen, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _unreceived_decision(municipality) -> Decision:
    """A demo decision whose letter the citizen has not yet been registered as receiving."""
    decision = (
        Decision.objects.of_municipality(municipality)
        .exclude(outcome=DecisionOutcome.PLAN)
        .order_by("-decided_on")
        .first()
    )
    Decision.objects.filter(pk=decision.pk).update(letter_received_on=None)
    return decision


def test_a_typed_date_is_saved_and_shown_in_words(live_server, page):
    today = timezone.localdate()
    demo = seed_demo(seed=2026, today=today)
    decision = _unreceived_decision(demo.municipality)
    typed = today.strftime("%d-%m-%Y")

    log_in(page, live_server.url, "visitator", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/afgoerelser/{decision.pk}/")
    field = page.get_by_label("Borgeren modtog brevet den")
    assert field.get_attribute("placeholder") == "dd-mm-åååå"
    assert field.get_attribute("type") == "text"
    field.fill("31-02-2026")
    page.get_by_role("button", name=re.compile("Gem|Registrér|Registrer")).click()
    expect(page.locator("body")).to_contain_text("Skriv datoen som dd-mm-åååå, fx 02-12-2026.")
    check_screen(page, "dates-invalid-date")

    page.get_by_label("Borgeren modtog brevet den").fill(typed)
    page.get_by_role("button", name=re.compile("Gem|Registrér|Registrer")).click()
    received = page.get_by_test_id("received").inner_text()
    assert date_format(today) in received  # "2. december 2026"
    assert not ISO_DATE.search(page.locator("main").inner_text())
    decision.refresh_from_db()
    assert decision.letter_received_on == today
    check_screen(page, "dates-decision-received")

    entry = AuditEntry.objects.filter(changes__has_key="letter_received_on").latest("at")
    log_in(page, live_server.url, "leder", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/log/{entry.pk}/")
    text = page.locator("main").inner_text()
    assert "Modtaget af borgeren" in text
    assert date_format(today) in text
    assert "letter_received_on" not in text
    assert not ISO_DATE.search(text)
    assert not re.search(r"\b\w+@\d{4}", text)  # no standard version strings
    check_screen(page, "dates-audit-entry")


def test_the_admin_saves_a_closed_day_typed_as_dd_mm_aaaa(live_server, page):
    today = timezone.localdate()
    demo = seed_demo(seed=2026, today=today)
    day = dt.date(today.year + 1, 4, 2)

    log_in(page, live_server.url, "administrator", DEMO_PASSWORD)
    page.goto(f"{live_server.url}/admin/organisation/closedday/add/")
    assert page.get_by_label("Dato").get_attribute("placeholder") == "dd-mm-åååå"
    page.get_by_label("Dato").fill("2-4")
    page.get_by_label("Årsag").fill("Personaledag")
    page.locator("input[name=_save]").click()
    expect(page.locator("body")).to_contain_text("Skriv datoen som dd-mm-åååå, fx 02-12-2026.")

    page.get_by_label("Dato").fill(day.strftime("%d-%m-%Y"))
    page.locator("input[name=_save]").click()
    listing = page.locator("#result_list").inner_text()
    assert ClosedDay.objects.filter(municipality=demo.municipality, day=day).exists()
    assert date_format(day) in listing  # "2. april 2027"
    assert not ISO_DATE.search(listing)
    check_screen(page, "dates-admin-closed-days")
