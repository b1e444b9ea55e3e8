"""ISO weeks as staff write them: 2026-W49."""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_iso_week(text: str) -> datetime.date:
    """The Monday of an ISO week such as "2026-W49", or a ValidationError in Danish."""
    match = ISO_WEEK.match((text or "").strip())
    if not match:
        raise ValidationError(_("Ugen skal skrives som ÅÅÅÅ-Www, fx 2026-W49."), code="week")
    year, week = int(match.group(1)), int(match.group(2))
    try:
        return datetime.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValidationError(
            _("Uge %(week)d findes ikke i %(year)d.") % {"week": week, "year": year}, code="week"
        ) from None


def first_bookable_day(monday: datetime.date, today: datetime.date) -> datetime.date:
    """The first day of the week beginning `monday` on which the planner may book: the Monday
    itself, or tomorrow once the week has begun, since nothing is booked today or earlier (a
    session booked for this morning would already be over). A ValidationError in Danish when no
    day of the week is left."""
    if monday + datetime.timedelta(days=6) <= today:
        raise ValidationError(
            _("Uge %(week)s er forbi. Der planlægges kun fra i morgen; vælg en senere uge.")
            % {"week": iso_week_of(monday)},
            code="past_week",
        )
    return max(monday, today + datetime.timedelta(days=1))


def iso_week_of(day: datetime.date) -> str:
    year, week, _weekday = day.isocalendar()
    return f"{year}-W{week:02d}"
