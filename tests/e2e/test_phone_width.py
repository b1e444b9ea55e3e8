"""Every role's start page fits a phone: the menu folds into "Mere" and wide tables scroll inside
their own box instead of widening the page."""

from __future__ import annotations

import pytest
from django.utils import timezone

from rehabplan.demo.seed import DEMO_PASSWORD, seed_demo

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_start_pages_fit_a_phone_for_every_role(live_server, page):
    seed_demo(seed=2026, today=timezone.localdate())
    for user in ("visitator", "terapeut", "leder"):
        for width in (320, 390):
            page.context.clear_cookies()
            page.set_viewport_size({"width": width, "height": 844})
            page.goto(f"{live_server.url}/log-ind/")
            page.get_by_label("Brugernavn").fill(user)
            page.get_by_label("Adgangskode").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Log ind").click()
            page.wait_for_url(f"{live_server.url}/")
            page_width = page.evaluate("() => document.documentElement.scrollWidth")
            assert page_width <= width, (user, width, page_width)
            menu_right = page.evaluate(
                "() => Math.max(...[...document.querySelectorAll('.mainmenu > li')]"
                ".filter(item => item.offsetParent)"
                ".map(item => item.getBoundingClientRect().right))"
            )
            assert menu_right <= width, (user, width, menu_right)
