from __future__ import annotations

import datetime

import pytest

from tests.course.conftest import demo_unit, make_unit, naestved  # noqa: F401 - shared fixtures
from tests.selfservice.conftest import sms_dir, world  # noqa: F401 - shared fixtures


def monday(weeks_ago: int = 0) -> datetime.date:
    from django.utils import timezone

    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday(), weeks=weeks_ago)


@pytest.fixture
def course(demo_unit):  # noqa: F811
    """An active course that started four weeks ago."""
    return demo_unit.course("SEL86-1", received_on=monday(4))


@pytest.fixture
def programme(course, demo_unit):  # noqa: F811
    from rehabplan.homeprogrammes.services import programme_from_template

    return programme_from_template(
        course=course,
        user=demo_unit.therapist_user,
        template_key="knee_alloplasty",
        start_on=monday(3),
    )
