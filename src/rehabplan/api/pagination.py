"""Cursor pagination: pages in id order, each pointing to the next by an opaque, signed cursor.

A cursor names the last id of the page before, so rows added meanwhile neither repeat nor push
others off a page; it is signed, so a cursor that was not given out is refused, not guessed at."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from ninja import Query
from pydantic import Field

from rehabplan.api.errors import BadRequest
from rehabplan.api.schemas import In

DEFAULT_LIMIT = 50
MAX_LIMIT = 200
_SALT = "rehabplan.api.cursor"


class PageQuery(In):
    cursor: str | None = Field(
        None, max_length=200, description="`next_cursor` fra forrige side; tom for første side"
    )
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Antal poster pr. side")


PageParams = Query[PageQuery]


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_cursor: str | None


def _after_id(cursor: str | None, scope: str) -> int:
    if not cursor:
        return 0
    try:
        value = signing.loads(cursor, salt=f"{_SALT}.{scope}")
    except signing.BadSignature:
        raise BadRequest(_("Ugyldig markør (cursor); brug den, forrige side gav.")) from None
    return int(value)


def page_of(queryset: QuerySet, params: PageQuery, *, scope: str) -> Page:
    """One page of `queryset` in id order. `scope` names the list, so that a cursor from one
    list is not accepted by another."""
    after = _after_id(params.cursor, scope)
    rows = list(queryset.filter(pk__gt=after).order_by("pk")[: params.limit + 1])
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    next_cursor = signing.dumps(rows[-1].pk, salt=f"{_SALT}.{scope}") if more else None
    return Page(items=rows, next_cursor=next_cursor)
