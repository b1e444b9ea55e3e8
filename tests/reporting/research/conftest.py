from __future__ import annotations

import pytest

from rehabplan.reporting.research.key import KEY_VARIABLE
from tests.course.conftest import Unit, demo_unit, make_unit, varde

__all__ = ["Unit", "demo_unit", "make_unit", "research_key", "varde"]

KEY = "a-research-key-for-the-tests-only-0123456789"


@pytest.fixture
def research_key(monkeypatch) -> str:
    monkeypatch.setenv(KEY_VARIABLE, KEY)
    return KEY
