"""A planned week is named as staff say it, never by its ISO code."""

from __future__ import annotations

import datetime

import pytest

from rehabplan.formats.text import week_text
from rehabplan.web.templatetags.rehabplan import iso_week_text


@pytest.mark.parametrize(
    "monday, text",
    [
        (datetime.date(2026, 12, 7), "uge 50 (7.–13. december 2026)"),
        (datetime.date(2026, 11, 30), "uge 49 (30. november–6. december 2026)"),
        (datetime.date(2026, 12, 28), "uge 53 (28. december 2026–3. januar 2027)"),
    ],
)
def test_week_text(monday, text):
    assert week_text(monday) == text


def test_a_stored_iso_week_is_shown_in_words():
    assert iso_week_text("2026-W50") == "uge 50 (7.–13. december 2026)"
    assert iso_week_text("ikke en uge") == "ikke en uge"
