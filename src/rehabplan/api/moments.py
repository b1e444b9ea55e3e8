"""Appointment times in requests: aware datetimes within the calendar the API accepts.

A time without an offset is ambiguous around the change to and from summer time, so it is
refused at the edge; a year beyond 1900-2199 is refused before any arithmetic can overflow."""

from __future__ import annotations

import datetime
from typing import Annotated

from django.utils import timezone
from pydantic import AfterValidator, AwareDatetime

from rehabplan.api.schemas import FIRST_DAY, LAST_DAY


def _within_calendar(moment: datetime.datetime) -> datetime.datetime:
    if not FIRST_DAY.year <= moment.year <= LAST_DAY.year:
        raise ValueError("Tidspunktet skal ligge mellem 1900 og 2199.")
    # The offset may move the time across a year's edge: check it in Danish time as well.
    if not FIRST_DAY.year <= timezone.localtime(moment).year <= LAST_DAY.year:
        raise ValueError("Tidspunktet skal ligge mellem 1900 og 2199.")
    return moment


Moment = Annotated[AwareDatetime, AfterValidator(_within_calendar)]


def local(moment: datetime.datetime) -> datetime.datetime:
    """A stored time as the answer gives it: in Danish time (Europe/Copenhagen) with offset."""
    return timezone.localtime(moment)
