"""§140a GP referrals are valid for one year (Sundhedsloven § 140a; Fredericia Kommune's standard:
"Lægehenvisningen gælder ifølge lovgivningen for ét år")."""

import datetime as dt

import pytest

from rehabplan import rules


@pytest.mark.parametrize(
    ("municipality", "referred_on", "valid_until"),
    [
        ("fredericia", dt.date(2026, 3, 15), dt.date(2027, 3, 15)),
        ("varde", dt.date(2027, 12, 31), dt.date(2028, 12, 31)),
        ("naestved", dt.date(2028, 2, 29), dt.date(2029, 2, 28)),
        ("national", dt.date(2024, 2, 29), dt.date(2025, 2, 28)),
    ],
)
def test_a_gp_referral_is_valid_for_one_year(municipality, referred_on, valid_until):
    result = rules.referral_validity(
        rules.default_registry(), municipality, "SUL140a", referred_on=referred_on
    )
    assert result.months == 12
    assert result.valid_until == valid_until
    assert result.explanation[0].rule_id == "national:SUL140a.referral_validity"


def test_a_service_without_a_validity_rule_has_no_end():
    result = rules.referral_validity(
        rules.default_registry(), "fredericia", "SUL119", referred_on=dt.date(2026, 3, 15)
    )
    assert result.valid_until is None
    assert result.explanation
