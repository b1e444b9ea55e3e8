"""The FHIR endpoint's views: thin, they check the caller and the query, ask `kinds` for the
resources, write the audit log as the web does, and answer with FHIR JSON."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from rehabplan.api.throttling import count_hit
from rehabplan.audit.models import AuditAction
from rehabplan.audit.services import audit_record
from rehabplan.fhir.auth import fhir_caller, require_permissions
from rehabplan.fhir.capability import capability_statement
from rehabplan.fhir.kinds import KINDS, Kind
from rehabplan.fhir.outcome import FhirError
from rehabplan.fhir.responses import error_response, fhir_response, searchset
from rehabplan.fhir.search import parse_criteria

if TYPE_CHECKING:
    from rehabplan.accounts.models import User

READ_METHODS = ("GET", "HEAD")


def fhir_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only reads are served; every refusal is an OperationOutcome. The views change nothing,
    so they need no CSRF token, and they answer for themselves instead of redirecting to the
    web's login page."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in READ_METHODS:
            return error_response(
                FhirError(
                    405, "Kun læsning (GET) er mulig her.", {"Allow": ", ".join(READ_METHODS)}
                )
            )
        try:
            return view(request, *args, **kwargs)
        except FhirError as error:
            return error_response(error)

    exempt = csrf_exempt(wrapper)
    exempt.login_required = False  # type: ignore[attr-defined]
    return exempt


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("fhir-metadata").removesuffix("metadata"))


def _throttle(request: HttpRequest, user: User) -> None:
    """The REST API's limit per token (or web user) and minute, shared with it."""
    token = getattr(request, "api_token", None)
    caller = f"token:{token.pk}" if token is not None else f"user:{user.pk}"
    now = timezone.now()
    if count_hit(caller, now) > settings.API_REQUESTS_PER_MINUTE:
        raise FhirError(
            429, "For mange forespørgsler. Vent et øjeblik.", {"Retry-After": str(60 - now.second)}
        )


def _kind(request: HttpRequest, type_name: str) -> tuple[Kind, User]:
    user = fhir_caller(request)
    _throttle(request, user)
    kind = KINDS[type_name]
    require_permissions(user, kind.permissions)
    return kind, user


@fhir_view
def metadata(request: HttpRequest) -> HttpResponse:
    return fhir_response(capability_statement(base_url(request)))


@fhir_view
def read(request: HttpRequest, type_name: str, **ids: str) -> HttpResponse:
    kind, user = _kind(request, type_name)
    (resource_id,) = ids.values()
    shown = kind.read(user, resource_id)
    if shown is None:
        raise FhirError(404, f"{type_name} med dette id findes ikke i din kommune.")
    audit_record(
        user=user,
        action=AuditAction.VIEW,
        citizen=shown.citizen,
        target=shown.record,
        summary=f"FHIR {type_name}/{shown.resource.id} hentet",
    )
    return fhir_response(shown.resource)


@fhir_view
def search(request: HttpRequest, type_name: str) -> HttpResponse:
    kind, user = _kind(request, type_name)
    criteria = parse_criteria(request.GET, kind.parameters)
    page = kind.search(user, criteria)
    audit_record(
        user=user,
        action=AuditAction.SEARCH,
        municipality=user.municipality,
        summary=f"FHIR-søgning i {type_name} ({len(page.items)} af {page.total} vist)",
        search_term=request.GET.urlencode(),
        shown_citizen_ids=[item.citizen.pk for item in page.items],
    )
    return fhir_response(searchset(base_url(request), type_name, criteria, page))


@fhir_view
def unsupported(request: HttpRequest) -> HttpResponse:
    """Any other address under /fhir/: a type not served, or an interaction not offered."""
    rest = request.path.removeprefix(reverse("fhir-unsupported"))
    type_name = rest.split("/", 1)[0]
    if type_name in KINDS:
        raise FhirError(
            405, f"{type_name} kan kun læses (read) og søges (search-type) her.", {"Allow": "GET"}
        )
    raise FhirError(404, "Ressourcetypen findes ikke her. Se /fhir/metadata.")
