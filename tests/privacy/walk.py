"""Requesting every URL pattern of the product, with the ids of one municipality filled in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import reverse
from django.urls.converters import SlugConverter

from rehabplan.web.privacy.urlwalk import Route, product_routes

# Values for the slug parameters: one of the real values, so the view gets past its own check.
SLUG_VALUES = {
    "exercise_key": "sit_to_stand",
    "move": "annuller",
    "municipality_slug": "naestved",
    "package_key": "aerobic_mild_alzheimers",
    "section_key": "frister",
    "table_key": "overholdelse",
}
# The REST API is walked by tests/api/test_generated_requests.py instead: every operation as
# every role of two municipalities, with the same checks of isolation and audit and more (its
# POSTs want bodies, not the walk's search term). The FHIR endpoint is walked here.
MACHINE_PREFIXES = ("api/",)
# Sent with every POST: a search term that matches citizens of both municipalities.
POST_DATA = {"term": "qv"}


@dataclass(frozen=True)
class Request:
    route: Route
    url: str

    @property
    def has_ids(self) -> bool:
        return any(not isinstance(c, SlugConverter) for c in self.route.converters.values())


class UnfillableRoute(AssertionError):
    pass


def fill(route: Route, ids: dict[str, int | str]) -> str:
    """The route's URL with every parameter filled; a parameter the walk does not know fails."""
    kwargs: dict[str, object] = {}
    for name, converter in route.converters.items():
        # An id is filled whatever its converter: the FHIR endpoint takes ids as text, so that
        # it answers a malformed one itself.
        if name in ids and not isinstance(converter, SlugConverter):
            kwargs[name] = ids[name]
        elif isinstance(converter, SlugConverter) and name in SLUG_VALUES:
            kwargs[name] = SLUG_VALUES[name]
        else:
            raise UnfillableRoute(
                f"The URL walk cannot fill <{name}> in '{route.route}': add an id for it to "
                "tests/privacy/world.py (or a value to SLUG_VALUES)."
            )
    if not route.name:
        raise UnfillableRoute(f"'{route.route}' has no name to reverse")
    return reverse(route.name, kwargs=kwargs)


def requests_for(ids: dict[str, int | str]) -> Iterator[Request]:
    for route in product_routes():
        if not route.route.startswith(MACHINE_PREFIXES):
            yield Request(route, fill(route, ids))


def shown(content: str, texts: list[str]) -> list[str]:
    return [text for text in texts if text in content]
