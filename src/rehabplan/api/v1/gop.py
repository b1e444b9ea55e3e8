"""GOP import: a hospital's genoptræningsplan (MedCom XML) becomes a referral, as an upload does.

The body is the file itself (`application/xml` or `text/xml`), or JSON `{"xml": "..."}` for
clients that only send JSON. Either way the same service as the web upload reads it
(`gop_import_file`): refused by its size before it is read, parsed, imported once per letter,
and a rejected file leaves nothing behind but an audit row naming what was wrong."""

from __future__ import annotations

import io
import json
import re
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field
from pydantic import ValidationError as PydanticValidationError

from rehabplan.api.auth import require
from rehabplan.api.errors import BadRequest
from rehabplan.api.idempotency import keep_refusal_record
from rehabplan.api.problems import problem_response, problem_responses
from rehabplan.api.schemas import In
from rehabplan.api.v1.referrals import REGISTER, ReferralDetail, referral_detail
from rehabplan.courses.services.gop_import import GopImportStatus, gop_import_file
from rehabplan.gop import GopRejected
from rehabplan.gop.limits import LIMITS, danish_number

router = Router()

XML_TYPES = ("application/xml", "text/xml")
JSON_TYPE = "application/json"
# The encoding an XML declaration names: <?xml version="1.0" encoding="ISO-8859-1"?>
_DECLARED_ENCODING = re.compile(
    r"""\A\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']"""
)


class GopJson(In):
    xml: str = Field(
        min_length=1,
        description="Hele genoptræningsplanen som tekst (MedCom XML); tegnsættet i "
        "XML-erklæringen bruges, når teksten gøres til filen igen",
    )


class GopImportOut(Schema):
    status: str = Field(
        description="`imported` (ny henvisning), `replaced` (rettet plan erstatter den "
        "tidligere for samme sygehusforløb) eller `already_imported` (intet ændret)"
    )
    message: str = Field(description="Udfaldet på dansk, som ved upload")
    warnings: list[str] = Field(description="Ting, der bør kontrolleres, fx et andet navn")
    citizen_created: bool = Field(description="Borgeren blev oprettet ud fra planen")
    referral: ReferralDetail


REQUEST_BODY = {
    "required": True,
    "description": "Genoptræningsplanen som XML-fil, eller som JSON med planen i `xml`. "
    f"Højst {danish_number(LIMITS.max_bytes)} bytes.",
    "content": {
        "application/xml": {"schema": {"type": "string", "format": "binary"}},
        "text/xml": {"schema": {"type": "string", "format": "binary"}},
        JSON_TYPE: {"schema": GopJson.model_json_schema()},
    },
}


def _declared_bytes(text: str) -> bytes:
    """The XML text of a JSON body as the file it was: in the encoding its declaration names
    (UTF-8 without one), characters that encoding lacks as character references."""
    text = text.removeprefix("\ufeff")
    found = _DECLARED_ENCODING.match(text)
    encoding = found.group(1) if found else "utf-8"
    try:
        return text.encode(encoding, errors="xmlcharrefreplace")
    except LookupError:
        raise BadRequest(
            _("XML-erklæringens tegnsæt %(encoding)s kendes ikke.") % {"encoding": encoding}
        ) from None


def _body_size(request: HttpRequest) -> int:
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


def _json_xml(body: bytes) -> str:
    """The plan's text from a JSON body, read as ninja reads any other body."""
    try:
        payload = json.loads(body)
    except ValueError:
        raise BadRequest(_("Forespørgslen kunne ikke læses.")) from None
    try:
        return GopJson.model_validate(payload).xml
    except PydanticValidationError as error:
        raise NinjaValidationError(error.errors(include_url=False)) from None


def _plan_stream(request: HttpRequest) -> tuple[Any, int] | HttpResponse:
    """The plan as a stream and its size, or the problem answer for a body the service cannot
    be given."""
    media_type = request.content_type
    if media_type in XML_TYPES:
        # Read by the service, which refuses an oversized file by its size before reading it.
        return request, _body_size(request)
    if media_type != JSON_TYPE:
        return problem_response(
            request,
            415,
            _("Send genoptræningsplanen som application/xml eller text/xml, eller som JSON."),
        )
    try:
        body = request.body
    except RequestDataTooBig:
        return problem_response(request, 413, _("Forespørgslen er for stor."))
    data = _declared_bytes(_json_xml(body))
    return io.BytesIO(data), len(data)


def _rejected(request: HttpRequest, rejected: GopRejected) -> HttpResponse:
    # The service has rolled back everything but its audit row naming the wrong elements.
    keep_refusal_record(request)
    count = len(rejected.problems)
    summary = _("Genoptræningsplanen er afvist (%(count)d fejl); intet fra planen er gemt.") % {
        "count": count
    }
    reasons = " ".join(f"{problem.element}: {problem.message}" for problem in rejected.problems)
    return problem_response(
        request,
        422,
        f"{summary} {reasons}",
        errors=[
            {"field": problem.element, "message": problem.message} for problem in rejected.problems
        ],
    )


@router.post(
    "",
    response={
        201: GopImportOut,
        200: GopImportOut,
        **problem_responses(400, 401, 403, 413, 415, 422, 429),
    },
    summary="Indlæs genoptræningsplan (GOP)",
    description='Som "Indlæs genoptræningsplan" på skærmen. Svarer 201 med den nye henvisning '
    "og dens frister; 200, når planen allerede var indlæst eller erstatter en tidligere plan for "
    "samme sygehusforløb; 422 med hver fejl i planen (`errors`: elementets sti og fejlen på "
    "dansk), når den afvises. Modtagelsesdatoen er i dag.",
    openapi_extra={"requestBody": REQUEST_BODY},
)
def import_gop(request: HttpRequest) -> Any:
    user = require(request, REGISTER)
    found = _plan_stream(request)
    if isinstance(found, HttpResponse):
        return found
    stream, size = found
    try:
        result = gop_import_file(
            user=user, stream=stream, size=size, file_name=_("indsendt via API")
        )
    except GopRejected as rejected:
        return _rejected(request, rejected)
    answer = {
        "status": str(result.status),
        "message": result.message,
        "warnings": list(result.warnings),
        "citizen_created": result.citizen_created,
        "referral": referral_detail(result.referral),
    }
    return Status(201 if result.status == GopImportStatus.IMPORTED else 200, answer)
