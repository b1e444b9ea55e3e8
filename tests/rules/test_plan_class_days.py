"""The plan check follows a team course's class: its sessions on the class's days, and a class
that meets more often a week than the standard allows is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan.rules import RulesError, plan_check

ON = dt.date(2026, 3, 2)  # a Monday
TUESDAY, THURSDAY, FRIDAY = (
    ON + dt.timedelta(days=1),
    ON + dt.timedelta(days=3),
    ON + dt.timedelta(days=4),
)


def _plan(sessions, class_weekdays) -> dict:
    return {
        "start": ON.isoformat(),
        "end": (ON + dt.timedelta(days=27)).isoformat(),
        "sessions": [day.isoformat() for day in sessions],
        "mode": "team",
        "professions": ["fysioterapeut"],
        "class_weekdays": class_weekdays,
    }


def _blocks(result) -> list[str]:
    return [violation.text for violation in result.violations if violation.severity == "block"]


def test_sessions_on_the_class_days_pass(registry):
    plan = _plan([TUESDAY, THURSDAY], [1, 3])
    result = plan_check(registry, "varde", "SEL86-2", on=ON, facts={}, plan=plan)
    assert not any("mødedage" in text for text in _blocks(result))


def test_a_session_off_the_class_days_is_refused_in_danish(registry):
    plan = _plan([TUESDAY, FRIDAY], [1, 3])
    result = plan_check(registry, "varde", "SEL86-2", on=ON, facts={}, plan=plan)
    assert (
        "Sessionen fredag den 6. marts 2026 ligger ikke på holdets mødedage (tirsdag og torsdag)."
        in _blocks(result)
    )


def test_a_class_meeting_more_often_than_the_standard_allows_is_refused(registry):
    # Varde allows two sessions a week unless both professions are needed.
    plan = _plan([ON, ON + dt.timedelta(days=2), FRIDAY], [0, 2, 4])
    result = plan_check(registry, "varde", "SEL86-2", on=ON, facts={}, plan=plan)
    assert "Holdet mødes 3 gange om ugen; standarden tillader højst 2." in _blocks(result)


@pytest.mark.parametrize("days", [[1, 1], [0, 1, 2, 3], [7], "tirsdag"])
def test_class_days_must_be_one_to_three_different_weekdays(registry, days):
    with pytest.raises(RulesError, match="class_weekdays"):
        plan_check(registry, "varde", "SEL86-2", on=ON, facts={}, plan=_plan([TUESDAY], days))


def test_a_class_meeting_less_often_than_the_standard_describes_is_a_warning(registry):
    from rehabplan.rules.loader import load_text
    from rehabplan.rules.registry import shipped_standards_dir

    text = (shipped_standards_dir() / "demo.toml").read_text("utf-8")
    twice_weekly = text.replace(
        "max_weeks = 12\nmin_per_week = 1\nmax_per_week = 2",
        "max_weeks = 12\nmin_per_week = 2\nmax_per_week = 2",
    )
    assert twice_weekly != text
    changed = registry.with_municipality(load_text(twice_weekly, "demo.toml"))
    result = plan_check(changed, "demo", "SEL86-2", on=ON, facts={}, plan=_plan([TUESDAY], [1]))
    warnings = [v.text for v in result.violations if v.severity == "warn"]
    assert "Holdet mødes 1 gang om ugen; standarden beskriver mindst 2." in warnings
