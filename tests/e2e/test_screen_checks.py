"""The screen checks every browser test relies on do catch what they look for."""

from __future__ import annotations

import pytest

from tests.e2e.screens import axe_violations, duplicate_ids, page_width

pytestmark = [pytest.mark.e2e]

UNLABELLED_FORM = """<!doctype html><html lang="da"><head><title>Prøve</title></head><body>
<main><h1>Prøve</h1><form><input type="text" name="navn"></form>
<p style="color:#bbb;background:#fff">Grå tekst på hvid</p></main></body></html>"""

WIDE_PAGE = """<!doctype html><html lang="da"><head><title>Bred</title></head><body>
<main><h1>Bred</h1><table><tr><td style="min-width:900px">celle</td></tr></table></main>
</body></html>"""


def test_axe_reports_a_missing_label_and_weak_contrast(page):
    page.set_content(UNLABELLED_FORM)
    rules = {violation["rule"] for violation in axe_violations(page)}
    assert {"label", "color-contrast"} <= rules


def test_page_width_sees_a_table_wider_than_a_phone(page):
    page.set_viewport_size({"width": 390, "height": 800})
    page.set_content(WIDE_PAGE)
    assert page_width(page) > 390


def test_duplicate_ids_are_found(page):
    page.set_content(
        '<!doctype html><html lang="da"><head><title>To</title></head><body><main>'
        '<input id="id_reason"><input id="id_reason"><p id="eneste">x</p></main></body></html>'
    )
    assert duplicate_ids(page) == ["id_reason"]
