"""Cursor pagination: pages in id order (or in the order of a list's own key, then id), each
pointing to the next by an opaque, signed cursor.

A cursor names the last row of the page before (its id, and its key values for a list in key
order), so rows added meanwhile neither repeat nor push others off a page; it is signed, so a
cursor that was not given out is refused, not guessed at."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.db.models import Q, QuerySet
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


def _cursor_value(cursor: str | None, scope: str) -> Any:
    if not cursor:
        return None
    try:
        return signing.loads(cursor, salt=f"{_SALT}.{scope}")
    except signing.BadSignature:
        raise BadRequest(_("Ugyldig markør (cursor); brug den, forrige side gav.")) from None


def _after(value: Any, order: tuple[str, ...]) -> Q:
    """The rows after the one whose key values and id are `value`, in (key..., id) order."""
    *keys, last_id = value
    after = Q(pk__gt=last_id)
    for name, key in reversed(list(zip(order, keys, strict=True))):
        after = Q(**{f"{name}__gt": key}) | (Q(**{name: key}) & after)
    return after


def _key(row: Any, order: tuple[str, ...]) -> list[Any]:
    values = [getattr(row, name) for name in order]
    # Dates travel as ISO text, which the database's lookups read back as dates.
    return [value.isoformat() if hasattr(value, "isoformat") else value for value in values]


def page_of(
    queryset: QuerySet, params: PageQuery, *, scope: str, order: tuple[str, ...] = ()
) -> Page:
    """One page of `queryset` in id order, or in `order` (fields that are never null) and then
    id. `scope` names the list, so that a cursor from one list is not accepted by another."""
    value = _cursor_value(params.cursor, scope)
    if value is not None:
        if order:
            if not isinstance(value, list) or len(value) != len(order) + 1:
                raise BadRequest(_("Ugyldig markør (cursor); brug den, forrige side gav."))
            queryset = queryset.filter(_after(value, order))
        else:
            queryset = queryset.filter(pk__gt=int(value))
    rows = list(queryset.order_by(*order, "pk")[: params.limit + 1])
    more = len(rows) > params.limit
    rows = rows[: params.limit]
    next_cursor = None
    if more:
        last = [*_key(rows[-1], order), rows[-1].pk] if order else rows[-1].pk
        next_cursor = signing.dumps(last, salt=f"{_SALT}.{scope}")
    return Page(items=rows, next_cursor=next_cursor)
