"""The dashboard's median and day count give the same figures on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Q

from rehabplan.courses.models import Course, Referral
from rehabplan.reporting.kpi.sql import DaysBetween, Median
from tests.course.conftest import demo_unit, make_unit  # noqa: F401  (course fixtures)

D = datetime.date


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("waits", "median"),
    [
        ((3,), 3.0),
        ((3, 10), 6.5),
        ((1, 2, 30), 2.0),
        ((5, 1, 4, 2), 3.0),
    ],
)
def test_median_of_days_from_receipt_to_start(demo_unit, waits, median):  # noqa: F811
    received_on = D(2026, 11, 2)
    for wait in waits:
        course = demo_unit.course("SEL86-1", received_on=received_on)
        Course.objects.filter(pk=course.pk).update(
            start_on=received_on + datetime.timedelta(days=wait)
        )
    result = Course.objects.aggregate(
        median=Median(DaysBetween("start_on", "referral__received_on"))
    )
    assert result["median"] == median


@pytest.mark.django_db
def test_median_with_a_filter_and_of_nothing(demo_unit):  # noqa: F811
    received_on = D(2026, 11, 2)
    for wait in (2, 4, 40):
        course = demo_unit.course("SEL86-1", received_on=received_on)
        Course.objects.filter(pk=course.pk).update(
            start_on=received_on + datetime.timedelta(days=wait)
        )
    days = DaysBetween("start_on", "referral__received_on")
    result = Course.objects.aggregate(
        short=Median(days, filter=Q(start_on__lt=D(2026, 11, 10))),
        none=Median(days, filter=Q(start_on__gt=D(2027, 1, 1))),
    )
    assert result == {"short": 3.0, "none": None}


@pytest.mark.django_db
def test_days_between_counts_across_a_month_and_a_leap_day(demo_unit):  # noqa: F811
    course = demo_unit.course("SEL86-1", received_on=D(2028, 2, 27))
    Course.objects.filter(pk=course.pk).update(start_on=D(2028, 3, 1))
    days = (
        Referral.objects.filter(pk=course.referral_id)
        .annotate(days=DaysBetween("course__start_on", "received_on"))
        .values_list("days", flat=True)
        .get()
    )
    assert days == 3
