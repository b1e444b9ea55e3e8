"""FHIR JSON answers: a resource, a searchset Bundle or an OperationOutcome, serialised by the
library so that every answer is valid FHIR."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpResponse
from fhir.resources.R4B.bundle import Bundle, BundleEntry, BundleEntrySearch, BundleLink
from fhir.resources.R4B.resource import Resource

from rehabplan.fhir.codes import CONTENT_TYPE
from rehabplan.fhir.kinds import Page
from rehabplan.fhir.outcome import FhirError, operation_outcome
from rehabplan.fhir.search import Criteria


def fhir_response(
    resource: Resource, status: int = 200, headers: dict[str, str] | None = None
) -> HttpResponse:
    response = HttpResponse(
        resource.model_dump_json(), status=status, content_type=f"{CONTENT_TYPE}; charset=utf-8"
    )
    # Health data: neither the browser nor a proxy may keep a copy (a token caller has no
    # session, so the web's own no-store middleware does not see it).
    response["Cache-Control"] = "no-store, private"
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def error_response(error: FhirError) -> HttpResponse:
    return fhir_response(
        operation_outcome(error.status, error.diagnostics), error.status, error.headers
    )


def _link(relation: str, url: str, criteria: Criteria, offset: int) -> BundleLink:
    query = {**criteria.filters(), "_count": criteria.count, "_offset": offset}
    return BundleLink(relation=relation, url=f"{url}?{urlencode(query)}")


def searchset(base_url: str, type_name: str, criteria: Criteria, page: Page) -> Bundle:
    """`base_url` ends with a slash: "https://…/fhir/"."""
    url = base_url + type_name
    links = [_link("self", url, criteria, criteria.offset)]
    if criteria.offset + criteria.count < page.total:
        links.append(_link("next", url, criteria, criteria.offset + criteria.count))
    return Bundle(
        type="searchset",
        total=page.total,
        link=links,
        entry=[
            BundleEntry(
                fullUrl=f"{url}/{item.resource.id}",
                resource=item.resource,
                search=BundleEntrySearch(mode="match"),
            )
            for item in page.items
        ]
        or None,
    )
