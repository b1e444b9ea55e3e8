"""Paging for every list that grows: counted and cut in SQL, shown with DKFDS's pagination.

A list page asks for one page of an ordered queryset: Django's Paginator counts the rows with one
`COUNT` and reads only the page's rows (`LIMIT`/`OFFSET`). A page number that is not a number
gives the first page, one past the end the last page, so an old link never fails.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.functional import cached_property

PER_PAGE = 25
PAGE_PARAMETER = "side"


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None stands for the pages left out ("…")
    url: str
    current: bool


@dataclass(frozen=True)
class Paged:
    """One page of a list and what the pagination control needs."""

    rows: list[Any]
    number: int
    num_pages: int
    count: int
    first_row: int  # 1-based position of the first row shown; 0 for an empty list
    last_row: int
    parameter: str
    previous: PageLink | None
    next: PageLink | None
    links: list[PageLink]
    more_than_counted: bool = False  # the list is longer than `count_limit`: only so far is paged

    @property
    def is_paged(self) -> bool:
        return self.num_pages > 1


class _CountLimitedPaginator(Paginator):
    """Counts at most `count_limit` rows (`COUNT` over a `LIMIT`): a page count for a list of
    millions that costs what counting ten thousand costs."""

    def __init__(self, *args: Any, count_limit: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.count_limit = count_limit
        self.more_than_counted = False

    @cached_property
    def count(self) -> int:
        counted = self.object_list[: self.count_limit + 1].count()
        self.more_than_counted = counted > self.count_limit
        return min(counted, self.count_limit)


def page_number(value: Any) -> Any:
    """The page asked for, as the Paginator takes it (it copes with nonsense itself)."""
    return value if value not in (None, "") else 1


def query_links(request: HttpRequest, parameter: str, anchor: str = "") -> Callable[[int], str]:
    """Links that keep the page's other query parameters and change only `parameter`."""

    def link(number: int) -> str:
        query = request.GET.copy()
        query[parameter] = str(number)
        return f"?{query.urlencode()}{'#' + anchor if anchor else ''}"

    return link


def paged(
    rows: Any,
    number: Any,
    *,
    link: Callable[[int], str] | None = None,
    per_page: int = PER_PAGE,
    parameter: str = PAGE_PARAMETER,
    transform: Callable[[list[Any]], Iterable[Any]] | None = None,
    count_limit: int | None = None,
) -> Paged:
    """Page `number` of `rows` (an ordered queryset); `transform` turns the page's objects into
    the rows the template shows. Without `link` the control is buttons of the enclosing form.
    With `count_limit` only that many rows are counted and paged."""
    paginator = (
        Paginator(rows, per_page)
        if count_limit is None
        else _CountLimitedPaginator(rows, per_page, count_limit=count_limit)
    )
    page = paginator.get_page(page_number(number))
    objects = list(page.object_list)
    shown = list(transform(objects)) if transform is not None else objects

    def make(target: int | None) -> PageLink:
        if target is None:
            return PageLink(None, "", False)
        return PageLink(target, link(target) if link else "", target == page.number)

    links = [
        make(None if item == Paginator.ELLIPSIS else int(item))
        for item in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return Paged(
        rows=shown,
        number=page.number,
        num_pages=paginator.num_pages,
        count=paginator.count,
        first_row=page.start_index(),
        last_row=page.end_index(),
        parameter=parameter,
        previous=make(page.previous_page_number()) if page.has_previous() else None,
        next=make(page.next_page_number()) if page.has_next() else None,
        links=links,
        more_than_counted=getattr(paginator, "more_than_counted", False),
    )


def paged_request(
    request: HttpRequest,
    rows: Any,
    *,
    per_page: int = PER_PAGE,
    parameter: str = PAGE_PARAMETER,
    anchor: str = "",
    transform: Callable[[list[Any]], Iterable[Any]] | None = None,
    count_limit: int | None = None,
) -> Paged:
    """The page a GET request asks for in `parameter`, with links that keep its other filters."""
    return paged(
        rows,
        request.GET.get(parameter),
        link=query_links(request, parameter, anchor),
        per_page=per_page,
        parameter=parameter,
        transform=transform,
        count_limit=count_limit,
    )
