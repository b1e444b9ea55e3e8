from __future__ import annotations

import pytest

from rehabplan.exercises.packages import default_catalogue

NATIONAL_KEY = "aerobic_mild_alzheimers"


@pytest.fixture
def national():
    return default_catalogue().get(NATIONAL_KEY)


@pytest.fixture
def other_leader(make_user, other_municipality):
    from rehabplan.accounts.roles import LEADER

    return make_user("leder-varde", LEADER, other_municipality)
