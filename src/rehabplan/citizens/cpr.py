"""CPR numbers in the citizen register: the one rule (rehabplan.cpr), its refusal raised as a
ValidationError for forms and services. The rule's reasons are Danish already, like the other
pure cores' texts (rules/wording.py)."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError

from rehabplan import cpr


def normalise_cpr(value: str) -> str:
    """Return the ten digits of a valid CPR number, or raise a ValidationError in Danish."""
    try:
        return cpr.cpr_digits(value)
    except cpr.CprError as error:
        raise ValidationError(str(error), code=error.code) from None


def birth_date_from_cpr(value: str) -> datetime.date:
    return cpr.cpr_birth_date(normalise_cpr(value))


def format_cpr(value: str) -> str:
    return f"{value[:6]}-{value[6:]}" if len(value) == 10 else value
