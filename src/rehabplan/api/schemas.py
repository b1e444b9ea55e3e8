"""Building blocks for request schemas: ids, days and text a database can store.

Checked at the edge, so that a NUL character, a lone surrogate, an id beyond the database's
integers or a date beyond the calendar's arithmetic is a 422 with a Danish text, never a failed
write."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Annotated, Any

from ninja import Path, Schema
from pydantic import AfterValidator, Field, field_validator

# Ids and counts stay within a signed 32-bit integer; no table here comes near it.
MAX_ID = 2**31 - 1
FIRST_DAY = datetime.date(1900, 1, 1)
LAST_DAY = datetime.date(2199, 12, 31)


def _storable(value: Any) -> Any:
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("Teksten må ikke indeholde NUL-tegn.")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise ValueError("Teksten indeholder ugyldige tegn.") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _storable(key)
            _storable(item)
    elif isinstance(value, list | tuple):
        for item in value:
            _storable(item)
    return value


class In(Schema):
    """A request body or query: every string in it, at any depth, must be storable."""

    @field_validator("*", mode="before")
    @classmethod
    def _only_storable_text(cls, value: Any) -> Any:
        return _storable(value)


def _within_calendar(day: datetime.date) -> datetime.date:
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError("Datoen skal ligge mellem 1900 og 2199.")
    return day


Day = Annotated[datetime.date, AfterValidator(_within_calendar)]
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]


def choices_text(subject: str, choices: Iterable[tuple[Any, Any]]) -> str:
    """A field's description naming each code it takes and what the code means."""
    codes = ", ".join(
        f"`{value}` ({label})" if value != "" else f"tom ({label})" for value, label in choices
    )
    return f"{subject}: {codes}"
