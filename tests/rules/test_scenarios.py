"""Scenario files per municipality (tests/rules/scenarios/<slug>.toml), collected as cases."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from rehabplan.rules import deadlines, eligibility

SCENARIOS = Path(__file__).parent / "scenarios"
EVENTS = ("discharge", "received", "granted", "decided", "gop_start", "on")


def _cases(section: str):
    for path in sorted(SCENARIOS.glob("*.toml")):
        data = tomllib.loads(path.read_text("utf-8"))
        for case in data.get(section, []):
            yield pytest.param(path.stem, case, id=f"{path.stem}: {case['name']}")


@pytest.mark.parametrize("municipality, case", list(_cases("deadlines")))
def test_deadline_scenario(registry, municipality, case):
    events = {name: case[name] for name in EVENTS if name in case}
    result = deadlines(registry, municipality, case["service"], **events)
    got = {d.kind: d for d in result.deadlines}
    assert set(case["expect"]) <= set(got), result.to_dict()
    if "kinds" in case:
        assert sorted(got) == sorted(case["kinds"])
    for kind, expected in case["expect"].items():
        deadline = got[kind]
        for key, value in expected.items():
            actual = getattr(deadline, key)
            if value == "null":
                value = None
            assert actual == value, f"{kind}.{key}: {actual!r} != {value!r}"
        assert deadline.explanation, "every deadline is explained"
    assert result.standard_version.startswith(f"{municipality}@")


@pytest.mark.parametrize("municipality, case", list(_cases("eligibility")))
def test_eligibility_scenario(registry, municipality, case):
    on = case["on"]
    assert isinstance(on, dt.date)
    result = eligibility(registry, municipality, case["service"], on=on, facts=case["facts"])
    assert result.outcome == case["outcome"], result.to_dict()
    statuses = {c.id: c.status for c in result.criteria}
    for criterion, status in case.get("statuses", {}).items():
        assert statuses[criterion] == status
