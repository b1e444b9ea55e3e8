"""Every URL pattern of the product, flattened, with the route it is reached by."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

# The Django admin is configuration, guarded and audited by its own model admins and tests.
SKIPPED_NAMESPACES = frozenset({"admin"})


@dataclass(frozen=True)
class Route:
    route: str  # e.g. "borgere/<int:citizen_id>/"
    name: str
    view: Any
    converters: dict[str, Any]


def product_routes(urlconf: str | None = None) -> Iterator[Route]:
    yield from _walk(get_resolver(urlconf), "", {})


def _walk(resolver: URLResolver, prefix: str, converters: dict[str, Any]) -> Iterator[Route]:
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        found = {**converters, **getattr(entry.pattern, "converters", {})}
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES:
                continue
            yield from _walk(entry, route, found)
        elif isinstance(entry, URLPattern):
            yield Route(route=route, name=entry.name or "", view=entry.callback, converters=found)
