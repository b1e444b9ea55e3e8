from __future__ import annotations

import pytest

from tests.performance.world import make_world


@pytest.fixture
def world(make_user, municipality):
    """A municipality with one helping of history; tests grow it."""
    built = make_world(make_user, municipality)
    built.grow()
    return built
