from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "standards"
SKOVLUND = FIXTURES / "skovlund.toml"


@pytest.fixture
def skovlund_text() -> str:
    """A fictitious § 86 municipality's standard, as its IT consultant would write it."""
    return SKOVLUND.read_text("utf-8")
