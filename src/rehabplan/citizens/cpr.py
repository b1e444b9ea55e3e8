"""CPR numbers: validated with python-stdnum, without the modulus-11 check.

The CPR office stopped guaranteeing the modulus-11 check digit in 2007, so a number that fails it
may still be real; the format and the birth date in it are what can be checked.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import InvalidComponent, InvalidFormat, InvalidLength


def normalise_cpr(value: str) -> str:
    """Return the ten digits of a valid CPR number, or raise a ValidationError in Danish."""
    compact = stdnum_cpr.compact(value or "")
    try:
        stdnum_cpr.validate(compact)
    except InvalidLength:
        raise ValidationError(_("CPR-nummeret skal have 10 cifre."), code="cpr_length") from None
    except InvalidFormat:
        # Checked after InvalidLength, which stdnum derives from InvalidFormat.
        raise ValidationError(
            _("CPR-nummeret må kun indeholde tal (og evt. bindestreg)."), code="cpr_format"
        ) from None
    except InvalidComponent:
        raise ValidationError(
            _("CPR-nummeret indeholder ikke en gyldig fødselsdato."), code="cpr_birth_date"
        ) from None
    return compact


def birth_date_from_cpr(value: str) -> datetime.date:
    return stdnum_cpr.get_birth_date(normalise_cpr(value))


def format_cpr(value: str) -> str:
    return f"{value[:6]}-{value[6:]}" if len(value) == 10 else value
