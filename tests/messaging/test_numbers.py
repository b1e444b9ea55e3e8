"""Mobile numbers as staff type them, and what is refused."""

import pytest

from rehabplan.messaging.numbers import danish_mobile


@pytest.mark.parametrize(
    ("typed", "number"),
    [
        ("20 12 34 56", "+4520123456"),
        ("+45 2012 3456", "+4520123456"),
        ("0045 20 12 34 56", "+4520123456"),
        ("20-12-34-56", "+4520123456"),
        ("91 23 45 67", "+4591234567"),
    ],
)
def test_a_danish_number_is_written_the_one_way(typed, number):
    assert danish_mobile(typed) == number


@pytest.mark.parametrize(
    "typed", ["", "   ", "2012345", "12345678", "+46 70 123 45 67", "tlf. ukendt", "+45 2012 34567"]
)
def test_what_is_not_a_danish_number_gets_none(typed):
    assert danish_mobile(typed) is None
