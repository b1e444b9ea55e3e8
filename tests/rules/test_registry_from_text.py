"""A standard given as text (an upload, a draft) joins a registry with the start-up checks."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan.rules import StandardError
from rehabplan.rules.loader import load_text
from rehabplan.rules.registry import shipped_standards_dir

DEMO_TEXT = (shipped_standards_dir() / "demo.toml").read_text("utf-8")


def test_text_standard_replaces_the_one_with_its_slug(registry):
    draft = load_text(DEMO_TEXT.replace("count = 10", "count = 15"), "kladde.toml")
    changed = registry.with_municipality(draft)
    on = dt.date(2026, 3, 2)
    before = registry.resolve("demo", on).rules["SEL86.decision"].params["count"]
    after = changed.resolve("demo", on).rules["SEL86.decision"].params["count"]
    assert (before, after) == (10, 15)
    assert changed.municipality("demo").file == "kladde.toml"
    # The registry it came from is untouched.
    assert registry.resolve("demo", on).rules["SEL86.decision"].params["count"] == 10


def test_text_standard_is_checked_against_the_baseline(registry):
    clash = DEMO_TEXT.replace(
        'id = "SUL140.start"\ntype = "deadline"\nexception = true',
        ('id = "SUL140.start"\ntype = "deadline"'),
    )
    with pytest.raises(StandardError) as error:
        registry.with_municipality(load_text(clash, "kladde.toml"))
    assert error.value.file == "kladde.toml"
    assert "exception = true" in str(error.value)


def test_text_standard_with_a_taken_code_is_refused(registry):
    copy = DEMO_TEXT.replace('slug = "demo"', 'slug = "anden"')
    with pytest.raises(StandardError, match="kommunekode 999"):
        registry.with_municipality(load_text(copy, "anden.toml"))
