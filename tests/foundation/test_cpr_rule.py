"""The one CPR rule: the citizen register and the GOP parser accept and refuse the same numbers."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from rehabplan import cpr
from rehabplan.citizens.cpr import normalise_cpr
from rehabplan.gop import GopRejected, parse_gop
from rehabplan.gop.sample import build_gop_xml

TODAY = datetime.date(2026, 12, 2)

BIRTH_DATES = [
    # (number, birth date): the seventh digit with the two-digit year gives the century.
    ("0101000123", datetime.date(1900, 1, 1)),  # 0-3: always 1900s
    ("3112993999", datetime.date(1999, 12, 31)),
    ("0101264001", datetime.date(2026, 1, 1)),  # 4 and 9: year 00-36 is 2000s ...
    ("0101374001", datetime.date(1937, 1, 1)),  # ... year 37-99 is 1900s
    ("0101209001", datetime.date(2020, 1, 1)),
    ("0101999001", datetime.date(1999, 1, 1)),
    ("0101075001", datetime.date(2007, 1, 1)),  # 5-8: year 00-57 is 2000s ...
    ("0101588001", datetime.date(1858, 1, 1)),  # ... year 58-99 is 1800s
    ("2902004321", datetime.date(2000, 2, 29)),  # 2000 is a leap year
    ("2902961234", datetime.date(1996, 2, 29)),
    ("0101104001", datetime.date(2010, 1, 1)),  # passes modulus 11 ...
    ("1502204321", datetime.date(2020, 2, 15)),  # ... this one does not: issued after 2007
    ("0101501234", datetime.date(1950, 1, 1)),  # no modulus 11 either: still a number
]

REFUSALS = [
    ("12345", cpr.LENGTH),
    ("010150-12345", cpr.LENGTH),
    ("", cpr.FORMAT),
    ("01015O1234", cpr.FORMAT),
    ("3202501234", cpr.BIRTH_DATE),
    ("2902000123", cpr.BIRTH_DATE),  # 1900 was no leap year (century digit 0)
    ("2902014321", cpr.BIRTH_DATE),  # 2001 was no leap year
    ("2902585123", cpr.BIRTH_DATE),  # 1858 was no leap year
    ("0101505000", cpr.NOT_BORN),  # 5 with year 50 is 2050
    ("0101364001", cpr.NOT_BORN),  # 4 with year 36 is 2036
    ("0312264001", cpr.NOT_BORN),  # tomorrow
]


@pytest.mark.parametrize(("number", "birth_date"), BIRTH_DATES)
def test_a_valid_number_gives_its_birth_date(number, birth_date):
    assert cpr.cpr_digits(number, today=TODAY) == number
    assert cpr.cpr_birth_date(number) == birth_date


def test_a_citizen_born_today_has_a_valid_number():
    assert cpr.cpr_digits("021226-4001", today=TODAY) == "0212264001"


def test_the_number_may_be_written_with_a_hyphen_or_spaces():
    assert cpr.cpr_digits(" 010150-1234 ", today=TODAY) == "0101501234"


@pytest.mark.parametrize(("number", "code"), REFUSALS)
def test_a_bad_number_is_refused_with_its_reason(number, code):
    with pytest.raises(cpr.CprError) as refused:
        cpr.cpr_digits(number, today=TODAY)
    assert refused.value.code == code
    assert str(refused.value) == cpr.MESSAGES[code]


def _gop_accepts(number: str) -> bool:
    try:
        parse_gop(build_gop_xml(cpr=number))
    except GopRejected as rejected:
        assert [p.element for p in rejected.problems] == [
            "Emessage/RehabilitationPlan/Patient/CivilRegistrationNumber"
        ]
        return False
    return True


def _register_accepts(number: str) -> bool:
    try:
        normalise_cpr(number)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(
    "number",
    ["0101501234", "2902004321", "1502204321", "0101505000", "2902014321", "3202501234"],
)
def test_the_register_and_the_gop_parser_agree(number):
    assert _gop_accepts(number) == _register_accepts(number)


def test_a_hospital_plan_for_someone_not_yet_born_is_refused_with_the_reason():
    with pytest.raises(GopRejected) as rejected:
        parse_gop(build_gop_xml(cpr="0101505000"))
    [problem] = rejected.value.problems
    assert problem.message == cpr.MESSAGES[cpr.NOT_BORN]
