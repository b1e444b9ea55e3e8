"""Drafts of Demo Kommune's standard, made from the shipped file with one change each."""

from __future__ import annotations

from rehabplan.rules.registry import shipped_standards_dir

AGE_RULE = """
[[version.rule]]
id = "SEL86-2.age"
type = "criterion"
services = ["SEL86-2"]
condition = "min_age"
years = 67
source = "demo"
section = "Målgruppe"
text = "Vedligeholdende træning gives til borgere på 67 år og derover."
"""


def demo_text() -> str:
    return (shipped_standards_dir() / "demo.toml").read_text("utf-8")


def start_in_ten_working_days(text: str | None = None) -> str:
    text = text if text is not None else demo_text()
    changed = text.replace('count = 4\nunit = "weeks"', 'count = 10\nunit = "working_days"')
    assert changed != text
    return changed


def sixteen_sessions(text: str | None = None) -> str:
    text = text if text is not None else demo_text()
    changed = text.replace("max_sessions = 20", "max_sessions = 16")
    assert changed != text
    return changed


def age_criterion(text: str | None = None) -> str:
    return (text if text is not None else demo_text()) + AGE_RULE


def every_change() -> str:
    return age_criterion(sixteen_sessions(start_in_ten_working_days()))
