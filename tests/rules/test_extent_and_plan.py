"""Extent and plan checks against the sources' numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from rehabplan.rules import RulesError, extent, plan_check

D = dt.date
ON = D(2026, 3, 2)


def _weekly(start: dt.date, weeks: int, weekdays: tuple[int, ...]) -> list[str]:
    monday = start - dt.timedelta(days=start.weekday())
    return [
        (monday + dt.timedelta(weeks=w, days=d)).isoformat() for w in range(weeks) for d in weekdays
    ]


@pytest.mark.parametrize("needs_both, per_week", [(True, 3), (False, 2), (None, 2)])
def test_varde_three_a_week_only_with_both_pt_and_ot(registry, needs_both, per_week):
    facts = {} if needs_both is None else {"needs_pt_and_ot": needs_both}
    result = extent(registry, "varde", "SEL86-2", on=ON, facts=facts)
    assert result.max_sessions_per_week == per_week
    assert result.max_sessions == 20
    assert result.max_months == 3
    assert "opstartssamtale" in result.counts_toward
    assert (result.team_size_min, result.team_size_max) == (3, 8)


def test_fredericia_maintenance_extent(registry):
    result = extent(
        registry, "fredericia", "SEL86-2", on=ON, facts={"last_grant": {"SEL86-2": "2025-02-01"}}
    )
    assert (result.max_weeks, result.min_sessions_per_week, result.max_sessions_per_week) == (
        12,
        1,
        1,
    )
    assert result.frequency_limit.status == "met"
    assert result.frequency_limit.next_possible == D(2026, 2, 1)


def test_fredericia_once_a_year_against_history(registry):
    result = extent(
        registry, "fredericia", "SEL86-2", on=ON, facts={"last_grant": {"SEL86-2": "2025-06-01"}}
    )
    assert result.frequency_limit.status == "unmet"
    assert result.frequency_limit.next_possible == D(2026, 6, 1)


def test_naestved_typical_length_is_not_a_cap(registry):
    result = extent(registry, "naestved", "SEL86-2", on=ON, facts={})
    assert result.typical_weeks == 12
    assert result.max_weeks is None
    assert result.by_judgement


def test_varde_raad_max_three(registry):
    assert extent(registry, "varde", "RAAD", on=ON, facts={}).max_sessions == 3


def test_varde_plan_three_a_week_without_both_professions_is_blocked(registry):
    plan = {
        "start": "2026-03-02",
        "end": "2026-04-24",
        "mode": "team",
        "sessions": _weekly(D(2026, 3, 2), 6, (0, 2, 4)),
    }
    result = plan_check(
        registry, "varde", "SEL86-2", on=ON, facts={"needs_pt_and_ot": False}, plan=plan
    )
    assert not result.ok
    assert any(v.severity == "block" and "højst 2" in v.text for v in result.violations)
    allowed = plan_check(
        registry, "varde", "SEL86-2", on=ON, facts={"needs_pt_and_ot": True}, plan=plan
    )
    assert allowed.ok


def test_varde_more_than_20_sessions_is_blocked(registry):
    plan = {
        "start": "2026-03-02",
        "end": "2026-05-29",
        "mode": "team",
        "sessions": _weekly(D(2026, 3, 2), 11, (0, 3)),
    }
    result = plan_check(registry, "varde", "SEL86-2", on=ON, facts={}, plan=plan)
    assert [v.rule_id for v in result.violations if v.severity == "block"] == [
        "varde:SEL86-2.extent"
    ]
    assert "22 sessioner" in result.violations[0].text


def test_naestved_beyond_typical_length_only_warns(registry):
    plan = {
        "start": "2026-03-02",
        "end": "2026-06-05",
        "mode": "individual",
        "session_count": 14,
        "per_week": 1,
    }
    result = plan_check(registry, "naestved", "SEL86-1", on=ON, facts={}, plan=plan)
    assert result.ok
    assert [v.severity for v in result.violations] == ["warn"]
    assert "typisk" in result.violations[0].text


def test_fredericia_maintenance_beyond_12_weeks_is_blocked(registry):
    plan = {
        "start": "2026-03-02",
        "end": "2026-06-05",
        "mode": "team",
        "session_count": 14,
        "per_week": 1,
    }
    result = plan_check(registry, "fredericia", "SEL86-2", on=ON, facts={}, plan=plan)
    assert not result.ok
    assert any("højst 12 uger" in v.text for v in result.violations)


def test_fredericia_home_training_is_an_exception(registry):
    plan = {
        "start": "2026-03-02",
        "end": "2026-05-22",
        "mode": "home",
        "sessions": _weekly(D(2026, 3, 2), 12, (1,)),
    }
    result = plan_check(registry, "fredericia", "SEL86-2", on=ON, facts={}, plan=plan)
    assert result.ok
    assert any(v.severity == "warn" and "undtagelsesvis" in v.text for v in result.violations)


def test_session_on_a_holiday_is_flagged(registry):
    plan = {
        "start": "2026-03-30",
        "end": "2026-04-10",
        "mode": "individual",
        "sessions": ["2026-03-31", "2026-04-06"],
    }
    result = plan_check(registry, "fredericia", "SEL86-1", on=D(2026, 3, 30), facts={}, plan=plan)
    assert any("Anden påskedag" in v.text for v in result.violations)


def test_sul140_may_not_start_before_the_gop_start(registry):
    plan = {
        "start": "2026-04-08",
        "end": "2026-05-08",
        "mode": "individual",
        "sessions": ["2026-04-08", "2026-04-15"],
        "events": {"discharge": "2026-04-01", "gop_start": "2026-04-20"},
    }
    result = plan_check(registry, "fredericia", "SUL140", on=D(2026, 4, 1), facts={}, plan=plan)
    assert not result.ok
    assert result.violations[0].rule_id == "fredericia:SUL140.start"


def test_late_start_is_a_warning(registry):
    plan = {
        "start": "2026-04-13",
        "end": "2026-05-08",
        "mode": "individual",
        "sessions": ["2026-04-13"],
        "events": {"discharge": "2026-04-01"},
    }
    result = plan_check(registry, "fredericia", "SUL140", on=D(2026, 4, 1), facts={}, plan=plan)
    assert result.ok
    assert any("efter startfristen" in v.text for v in result.violations)


@pytest.mark.parametrize(
    "plan, message",
    [
        ({"start": "2026-03-02", "mode": "team", "session_count": 3}, "end mangler"),
        (
            {"start": "2026-03-02", "end": "2026-02-01", "mode": "team", "session_count": 3},
            "før start",
        ),
        ({"start": "2026-03-02", "end": "2026-04-01", "mode": "pool", "session_count": 3}, "mode"),
        ({"start": "2026-03-02", "end": "2026-04-01", "mode": "team"}, "session_count"),
        (
            {
                "start": "2026-03-02",
                "end": "2026-04-01",
                "mode": "team",
                "session_count": 1,
                "colour": "red",
            },
            "ukendt nøgle",
        ),
    ],
)
def test_bad_plans_are_refused(registry, plan, message):
    with pytest.raises(RulesError, match=message):
        plan_check(registry, "varde", "SEL86-2", on=ON, facts={}, plan=plan)
