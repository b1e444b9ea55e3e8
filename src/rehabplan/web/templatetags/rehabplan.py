from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import template
from django.core.exceptions import ValidationError
from django.utils.formats import date_format

from rehabplan.audit.masking import mask_cpr

if TYPE_CHECKING:
    from rehabplan.citizens.models import Citizen


register = template.Library()


@register.filter
def source_text(source: Any) -> str:
    """A rule's source as one line: issuer, title, date and section heading."""
    if not isinstance(source, dict):
        return str(source or "")
    parts = [source.get("issuer"), source.get("title"), source_date(source.get("date"))]
    text = ", ".join(str(part) for part in parts if part)
    section = source.get("section")
    return f'{text}: "{section}"' if section else text


@register.filter
def source_date(value: Any) -> Any:
    """A source's date (ISO text in the standard's file) as "22. juni 2018"."""
    day = iso_date(value) if isinstance(value, str) else value
    return date_format(day) if isinstance(day, datetime.date) else value


@register.filter
def masked_cpr(text: str) -> str:
    """CPR numbers in a search term shown only to the birth date."""
    return mask_cpr(text or "")


@register.filter
def age_on(citizen: Citizen, day: datetime.date) -> int:
    return citizen.age_on(day)


@register.filter
def iso_date(value: Any) -> datetime.date | None:
    """A date kept as ISO text (in a GOP's stored content) as a date, for the `date` filter;
    None for anything else, so a damaged value shows nothing rather than an error."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


@register.filter
def iso_week_text(week: str) -> str:
    """A stored ISO week ("2026-W50") as staff say it: "uge 50 (7.–13. december 2026)"."""
    from rehabplan.formats.text import week_text
    from rehabplan.scheduling.weeks import parse_iso_week

    try:
        return week_text(parse_iso_week(week))
    except ValidationError:
        return week
