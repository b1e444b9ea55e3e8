"""Errors as RFC 9457 problem details (`application/problem+json`) with a Danish `detail`."""

from __future__ import annotations

import logging
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from pydantic import BaseModel, Field

logger = logging.getLogger(__name__)

PROBLEM_CONTENT_TYPE = "application/problem+json"
PROBLEM_BASE = "https://rehabplan.dk/problemer/"

TITLES = {
    400: "Ugyldig forespørgsel",
    401: "Ikke logget ind",
    403: "Ingen adgang",
    404: "Findes ikke",
    405: "Metoden er ikke tilladt",
    409: "Konflikt",
    413: "For stor forespørgsel",
    415: "Ukendt indholdstype",
    422: "Ugyldige oplysninger",
    429: "For mange forespørgsler",
    500: "Fejl i Rehabplan",
}
SLUGS = {
    400: "ugyldig-forespoergsel",
    401: "ikke-logget-ind",
    403: "ingen-adgang",
    404: "findes-ikke",
    405: "metode-ikke-tilladt",
    409: "konflikt",
    413: "for-stor",
    415: "ukendt-indholdstype",
    422: "ugyldige-oplysninger",
    429: "for-mange-forespoergsler",
    500: "intern-fejl",
}


class FieldProblem(BaseModel):
    field: str = Field(description="Feltet, fejlen gælder (punktum mellem niveauer)")
    message: str = Field(description="Fejlen på dansk")


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldProblem] | None = None


def problem_response(
    request: HttpRequest,
    status: int,
    detail: str,
    *,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + SLUGS.get(status, "fejl"),
        "title": _(TITLES.get(status, "Fejl")),
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors:
        body["errors"] = errors
    response = JsonResponse(
        body,
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def problem_responses(*statuses: int) -> dict[int, type[Problem]]:
    """The `response=` entries that document an operation's problem answers."""
    return dict.fromkeys(statuses, Problem)
