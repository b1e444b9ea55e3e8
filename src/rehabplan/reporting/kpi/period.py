"""How long a period the key figures may cover: both the dashboard's form and the API ask here."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

MAX_PERIOD_YEARS = 3  # the refusal below names the number


def years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def period_problem(start: datetime.date, end: datetime.date) -> str | None:
    """Why the period from `start` to `end` (both included) cannot be counted, or None."""
    if end < start:
        return _("Slutdatoen kan ikke ligge før startdatoen.")
    if end > years_later(start, MAX_PERIOD_YEARS):
        return _("Perioden kan højst være 3 år.")
    return None
