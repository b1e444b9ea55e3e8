"""Extent tiers (the assessor chooses one in the decision) and ranges (the decision states a
length within them): file format, validation, the extent result and the plan check."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan import rules
from rehabplan.rules import RulesError, StandardError
from rehabplan.rules.loader import load_text
from rehabplan.rules.registry import shipped_standards_dir

ON = dt.date(2026, 3, 2)
SERVICE = "SEL86-2-DAG"
DEMO_TEXT = (shipped_standards_dir() / "demo.toml").read_text("utf-8")
TIERS = """tiers = [
  { name = "Afklaringsforløb", max_sessions = 4 },
  { name = "Træningsforløb", max_sessions = 24 },
]"""
RANGE = 'range = { unit = "weeks", min = 2, max = 16 }'


@pytest.mark.parametrize(
    "tier, max_sessions, max_weeks",
    [
        (None, 24, 16),  # before the decision: the widest tier, the range's upper end
        ("Afklaringsforløb", 4, 16),
        ("Træningsforløb", 24, 16),
    ],
)
def test_extent_result_follows_the_chosen_tier(registry, tier, max_sessions, max_weeks):
    result = rules.extent(registry, "demo", SERVICE, on=ON, facts=None, tier=tier)
    assert (result.max_sessions, result.max_weeks) == (max_sessions, max_weeks)
    assert [t.name for t in result.tiers] == ["Afklaringsforløb", "Træningsforløb"]
    assert result.length_range == rules.LengthRange("weeks", 2, 16)
    assert result.tier == tier


def test_unknown_tier_is_refused_with_the_known_ones(registry):
    with pytest.raises(RulesError, match="Afklaringsforløb, Træningsforløb"):
        rules.extent(registry, "demo", SERVICE, on=ON, facts=None, tier="Kort")


def _plan(**changes):
    plan = {
        "start": "2026-03-02",
        "end": "2026-03-27",
        "session_count": 4,
        "per_week": 1,
        "mode": "team",
    }
    plan.update(changes)
    return plan


@pytest.mark.parametrize(
    "changes, ok, message",
    [
        ({"tier": "Afklaringsforløb"}, True, None),
        ({"tier": "Afklaringsforløb", "session_count": 6, "per_week": 2}, False, "højst 4"),
        ({"tier": "Træningsforløb", "session_count": 6, "per_week": 2}, True, None),
        ({"length": 4}, True, None),
        ({"length": 1}, False, "uden for standardens 2-16 uger"),
        ({"length": 17}, False, "uden for standardens 2-16 uger"),
        ({"length": 2}, False, "afgørelsen fastsætter 2 uger"),
        ({"end": "2026-07-31"}, False, "højst 16 uger"),
    ],
)
def test_plan_check_uses_tier_and_length(registry, changes, ok, message):
    result = rules.plan_check(registry, "demo", SERVICE, on=ON, facts=None, plan=_plan(**changes))
    assert result.ok is ok
    if message:
        assert any(message in v.text for v in result.violations if v.severity == "block")


def test_length_without_a_range_in_the_standard_is_refused(registry):
    with pytest.raises(RulesError, match="range"):
        rules.plan_check(
            registry, "demo", "SEL86-2", on=ON, facts=None, plan=_plan(length=4, session_count=4)
        )


@pytest.mark.parametrize(
    "replacement, message",
    [
        (RANGE.replace("min = 2", "min = 20"), "range.min \\(20\\) er større end range.max"),
        (RANGE.replace('"weeks"', '"months"'), "range.unit"),
        (RANGE.replace("min = 2, ", ""), "mangler"),
        (RANGE.replace("min = 2", "min = 0"), "positivt heltal"),
        (RANGE.replace("max = 16", "max = 16, per = 1"), "ukendt nøgle"),
    ],
)
def test_range_errors(replacement, message):
    with pytest.raises(StandardError, match=message):
        load_text(DEMO_TEXT.replace(RANGE, replacement), "demo.toml")


@pytest.mark.parametrize(
    "replacement, message",
    [
        (TIERS.replace("Træningsforløb", "Afklaringsforløb"), "findes to gange"),
        (TIERS.replace(", max_sessions = 4", ""), "skal angive max_sessions"),
        (TIERS.replace("max_sessions = 24", "max_sessions = 0"), "positivt heltal"),
        (TIERS.replace('name = "Afklaringsforløb", ', ""), "mangler"),
        ("tiers = []", "mindst ét trin"),
        (TIERS.replace("max_sessions = 4", "max_sessions = 4, pris = 1"), "ukendt nøgle"),
    ],
)
def test_tier_errors(replacement, message):
    with pytest.raises(StandardError, match=message):
        load_text(DEMO_TEXT.replace(TIERS, replacement), "demo.toml")


def test_tier_above_the_rules_own_ceiling_is_refused():
    text = DEMO_TEXT.replace(TIERS, TIERS + "\nmax_sessions = 20")
    with pytest.raises(StandardError, match="mere end reglens max_sessions = 20"):
        load_text(text, "demo.toml")
