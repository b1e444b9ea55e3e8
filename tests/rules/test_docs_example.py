"""The worked example in docs/standards.md loads and gives the deadlines it promises."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from rehabplan.rules import deadlines, load_standards

DOC = Path(__file__).resolve().parents[2] / "docs" / "standards.md"


def test_worked_example_is_a_valid_standard(standards_copy: Path):
    text = DOC.read_text("utf-8")
    block = text.split("1. Write `billund.toml`")[1].split("```toml")[1].split("```")[0]
    lines = [line.removeprefix("   ") for line in block.splitlines()]
    (standards_copy / "billund.toml").write_text("\n".join(lines), "utf-8")
    registry = load_standards(standards_copy)
    result = deadlines(registry, "billund", "SEL86-2", received=dt.date(2026, 3, 2))
    assert result.standard_version == "billund@2026-02-01+national@2025-07-01"
    contact, start = result.deadlines
    assert contact.due == dt.date(2026, 3, 16)
    assert start.depends_on == "granted"
