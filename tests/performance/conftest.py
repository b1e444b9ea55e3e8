from __future__ import annotations

import pytest

from tests.performance.world import make_world


@pytest.fixture
def world(make_user, municipality):
    """A municipality with a small history, less than a page of any list; tests grow it."""
    from tests.performance.world import SMALL

    built = make_world(make_user, municipality)
    built.grow(SMALL)
    return built
