"""The one rule for Danish CPR numbers, in pure Python (no Django), python-stdnum based.

Used by the citizen register (citizens/cpr.py, which turns a refusal into a form error) and by
the GOP parser (which names it as a problem in the hospital's plan), so a number is accepted or
refused the same way wherever it is typed or received.

The CPR office stopped guaranteeing the modulus-11 check digit in 2007, so a number that fails it
may still be real: the format and the birth date in it are what can be checked. The seventh digit
and the two-digit year together give the century; a birth date after today is refused.
"""

from __future__ import annotations

import datetime

from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import InvalidComponent

LENGTH = "cpr_length"
FORMAT = "cpr_format"
BIRTH_DATE = "cpr_birth_date"
NOT_BORN = "cpr_not_born"

MESSAGES = {
    LENGTH: "CPR-nummeret skal have 10 cifre.",
    FORMAT: "CPR-nummeret må kun indeholde tal (og evt. bindestreg).",
    BIRTH_DATE: "CPR-nummeret indeholder ikke en gyldig fødselsdato.",
    NOT_BORN: "CPR-nummeret indeholder ikke en gyldig fødselsdato: datoen ligger efter i dag.",
}


class CprError(ValueError):
    """Why a text is not a CPR number: `code` names the reason, the message says it in Danish."""

    def __init__(self, code: str) -> None:
        super().__init__(MESSAGES[code])
        self.code = code


def cpr_digits(raw: str, *, today: datetime.date | None = None) -> str:
    """The ten digits of a CPR number written "ddmmåå-xxxx" or "ddmmååxxxx"; raise CprError."""
    digits = stdnum_cpr.compact(raw or "")
    if not digits.isdigit():
        raise CprError(FORMAT)
    if len(digits) != 10:
        raise CprError(LENGTH)
    if cpr_birth_date(digits) > (today or datetime.date.today()):
        raise CprError(NOT_BORN)
    return digits


def cpr_birth_date(digits: str) -> datetime.date:
    """The birth date coded in ten CPR digits; raise CprError when it is no date."""
    if len(digits) != 10 or not digits.isdigit():
        raise CprError(LENGTH)
    try:
        return stdnum_cpr.get_birth_date(digits)
    except InvalidComponent:
        raise CprError(BIRTH_DATE) from None
