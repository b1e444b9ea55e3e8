import pytest
from django.utils import timezone

from tests.privacy.world import build_world


@pytest.fixture
def world(db):
    return build_world(timezone.localdate())
