"""Every error an API operation can end in, answered as problem details with a Danish text."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from rehabplan.api.errors import ApiProblem
from rehabplan.api.problems import problem_response

logger = logging.getLogger(__name__)

# Pydantic's error types in Danish; anything else is "Ugyldig værdi.".
FIELD_MESSAGES = {
    "missing": "Feltet skal udfyldes.",
    "int_parsing": "Skal være et heltal.",
    "int_type": "Skal være et heltal.",
    "float_parsing": "Skal være et tal.",
    "bool_parsing": "Skal være true eller false.",
    "string_type": "Skal være tekst.",
    "string_too_long": "Teksten er for lang.",
    "string_too_short": "Teksten er for kort.",
    "string_pattern_mismatch": "Har ikke den rigtige form.",
    "date_parsing": "Skal være en dato (ÅÅÅÅ-MM-DD).",
    "date_from_datetime_parsing": "Skal være en dato (ÅÅÅÅ-MM-DD).",
    "date_type": "Skal være en dato (ÅÅÅÅ-MM-DD).",
    "datetime_parsing": "Skal være et tidspunkt (ÅÅÅÅ-MM-DDTTT:MM:SS+01:00).",
    "datetime_from_date_parsing": "Skal være et tidspunkt (ÅÅÅÅ-MM-DDTTT:MM:SS+01:00).",
    "timezone_aware": "Tidspunktet skal have en tidszone.",
    "greater_than_equal": "Værdien er for lille.",
    "greater_than": "Værdien er for lille.",
    "less_than_equal": "Værdien er for stor.",
    "less_than": "Værdien er for stor.",
    "enum": "Skal være en af de tilladte værdier.",
    "literal_error": "Skal være en af de tilladte værdier.",
    "list_type": "Skal være en liste.",
    "dict_type": "Skal være et objekt.",
    "model_attributes_type": "Skal være et objekt.",
    "extra_forbidden": "Feltet kendes ikke.",
    "too_long": "Listen er for lang.",
    "too_short": "Listen er for kort.",
    "json_invalid": "Ugyldig JSON.",
    "value_error": "Ugyldig værdi.",
}
_VALUE_ERROR = "Value error, "
_LOCATIONS = {"body", "query", "path", "header", "cookie", "form", "file", "payload"}


def _field_name(location: Any) -> str:
    parts = [str(part) for part in location]
    if len(parts) > 2 and parts[0] == "body":
        # ("body", <the operation's parameter name>, field, ...): the caller knows only the field.
        parts = parts[2:]
    parts = [part for part in parts if part not in _LOCATIONS]
    return ".".join(parts) or _("forespørgslen")


def _message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    message = str(error.get("msg", ""))
    if kind == "value_error" and message.startswith(_VALUE_ERROR):
        # Our own validators speak Danish already.
        return message.removeprefix(_VALUE_ERROR)
    return _(FIELD_MESSAGES.get(kind, "Ugyldig værdi."))


def _field_problems(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    problems = []
    for error in errors:
        problems.append({"field": _field_name(error.get("loc", ())), "message": _message(error)})
    return problems


def _django_problems(error: DjangoValidationError) -> tuple[str, list[dict[str, str]]]:
    if hasattr(error, "error_dict"):
        problems = [
            {"field": field if field != "__all__" else _("forespørgslen"), "message": message}
            for field, messages in error.message_dict.items()
            for message in messages
        ]
        return " ".join(problem["message"] for problem in problems), problems
    return " ".join(error.messages), []


def invalid_input(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
    problems = _field_problems(list(error.errors))
    detail = _("Forespørgslen har ugyldige oplysninger: %(fields)s.") % {
        "fields": ", ".join(sorted({problem["field"] for problem in problems}))
    }
    return problem_response(request, 422, detail, errors=problems)


def refused_by_rule(request: HttpRequest, error: DjangoValidationError) -> HttpResponse:
    detail, problems = _django_problems(error)
    return problem_response(request, 422, detail, errors=problems or None)


def not_authenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    return problem_response(
        request,
        401,
        _("Send en gyldig API-nøgle som 'Authorization: Bearer …' eller log ind."),
        headers={"WWW-Authenticate": 'Bearer realm="rehabplan"'},
    )


def forbidden(request: HttpRequest, error: PermissionDenied) -> HttpResponse:
    detail = str(error) or _("Din rolle giver ikke adgang til denne handling.")
    return problem_response(request, 403, detail)


def not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    detail = str(error) if error.args else _("Det, du spørger efter, findes ikke.")
    return problem_response(request, 404, detail)


def throttled(request: HttpRequest, error: Throttled) -> HttpResponse:
    wait = int(error.wait or 60)
    return problem_response(
        request,
        429,
        _("For mange forespørgsler. Prøv igen om %(seconds)d sekunder.") % {"seconds": wait},
        headers={"Retry-After": str(wait)},
    )


def api_problem(request: HttpRequest, error: ApiProblem) -> HttpResponse:
    return problem_response(request, error.status, error.detail)


def http_error(request: HttpRequest, error: HttpError) -> HttpResponse:
    if error.status_code == 400:
        # The request could not be read at all (bad JSON, wrong content type).
        return problem_response(request, 400, _("Forespørgslen kunne ikke læses."))
    return problem_response(request, error.status_code, str(error.message))


def server_error(request: HttpRequest, error: Exception) -> HttpResponse:
    logger.exception("API request failed: %s %s", request.method, request.path)
    return problem_response(
        request, 500, _("Der skete en fejl i Rehabplan. Fejlen er logget; prøv igen senere.")
    )


HANDLERS = (
    (NinjaValidationError, invalid_input),
    (DjangoValidationError, refused_by_rule),
    (AuthenticationError, not_authenticated),
    (PermissionDenied, forbidden),
    (Http404, not_found),
    (Throttled, throttled),
    (ApiProblem, api_problem),
    (HttpError, http_error),
    (Exception, server_error),
)


def install_problem_handlers(api: NinjaAPI) -> None:
    for exception_class, handler in HANDLERS:
        api.add_exception_handler(exception_class, handler)
