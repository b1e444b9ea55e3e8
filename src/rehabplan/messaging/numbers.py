"""Danish mobile numbers, as staff type them ("20 12 34 56", "+45 2012 3456", "0045...")."""

from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


def danish_mobile(raw: str) -> str | None:
    """The number as +45XXXXXXXX when it is a valid Danish number that can receive an SMS, else
    None. Google's numbering metadata decides which series are mobile."""
    if not raw or not raw.strip():
        return None
    try:
        number = phonenumbers.parse(raw, "DK")
    except NumberParseException:
        return None
    if phonenumbers.region_code_for_number(number) != "DK":
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.number_type(number) not in MOBILE_TYPES:
        return None
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)
