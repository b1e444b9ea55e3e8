"""The planner keeps the standard's own closed days free of training (the baseline's customary
24 and 31 December, or whatever the municipality's file says instead)."""

from __future__ import annotations

import datetime

import pytest

from rehabplan.organisation.standards.services import standard_upload
from rehabplan.rules.registry import shipped_standards_dir
from rehabplan.scheduling.problem_builder import build_problem

D = datetime.date
DEMO_TEXT = (shipped_standards_dir() / "demo.toml").read_text("utf-8")
ONLY_CONSTITUTION_DAY = """
[[version.rule]]
id = "closed_days"
type = "closed_days"
exception = true
annual = ["06-05"]
source = "demo"
section = "Lukkedage"
text = "Træningsenheden holder kun lukket grundlovsdag."
"""


@pytest.mark.django_db
@pytest.mark.parametrize(
    "added, christmas_eve_closed",
    [("", True), (ONLY_CONSTITUTION_DAY, False)],
)
def test_closed_days_of_the_standard_reach_the_planner(municipality, added, christmas_eve_closed):
    if added:
        standard_upload(text=DEMO_TEXT + added, file_name="demo.toml", operator="test")
    built = build_problem(municipality=municipality, first_day=D(2026, 11, 30), courses=[])
    closed = built.problem.closed_days
    assert (D(2026, 12, 24) in closed) is christmas_eve_closed  # a Thursday
    assert D(2026, 12, 25) in closed  # a public holiday either way
    assert D(2027, 6, 4) not in closed
