"""Danish CPR numbers: format and birth date.

The modulus-11 check is deliberately not applied: numbers without it have been issued
since 2007, so a failing check does not make a number invalid.
"""

from __future__ import annotations

import datetime as dt
import re

_CPR_PATTERN = re.compile(r"^(\d{6})-?(\d{4})$")


def normalise_cpr(raw: str) -> str:
    """Return the ten digits of a CPR number, accepting "DDMMYY-SSSS"; raise ValueError."""
    match = _CPR_PATTERN.match(raw.strip())
    if match is None:
        raise ValueError("CPR-nummeret skal bestå af 10 cifre (DDMMÅÅ-XXXX).")
    digits = match.group(1) + match.group(2)
    cpr_birth_date(digits)
    return digits


def _century(year_in_century: int, seventh_digit: int) -> int:
    # The seventh digit together with the two-digit year gives the century (CPR office rule).
    if seventh_digit <= 3:
        return 1900
    if seventh_digit in (4, 9):
        return 2000 if year_in_century <= 36 else 1900
    return 2000 if year_in_century <= 57 else 1800


def cpr_birth_date(digits: str) -> dt.date:
    """The birth date coded in a ten-digit CPR number; raise ValueError if it is no date."""
    if len(digits) != 10 or not digits.isdigit():
        raise ValueError("CPR-nummeret skal bestå af 10 cifre (DDMMÅÅ-XXXX).")
    day, month, year = int(digits[0:2]), int(digits[2:4]), int(digits[4:6])
    try:
        return dt.date(_century(year, int(digits[6])) + year, month, day)
    except ValueError:
        raise ValueError(
            f"CPR-nummerets første seks cifre ({digits[:6]}) er ikke en gyldig dato."
        ) from None
