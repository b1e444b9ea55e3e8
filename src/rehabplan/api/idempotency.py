"""Every POST to the API runs in one transaction, and a POST with an `Idempotency-Key` header is
answered once: the same caller sending the same key again gets the first answer back.

The claim on the key is the first row the transaction writes. A second request with the key waits
on the unique constraint until the first has committed (then it replays the answer) or rolled
back (then it runs itself), so two retries racing each other still act once. An answer with an
error changes nothing, so it is not remembered either: the caller may correct and send again.
The one exception is a refusal a service records itself (a rejected GOP file leaves an audit row
naming what was wrong and nothing else): the operation says so with `keep_refusal_record`."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from rehabplan.api.models import IdempotentRequest
from rehabplan.api.problems import problem_response
from rehabplan.api.throttling import caller_key, count_before_transaction
from rehabplan.api.tokens import request_token_user

logger = logging.getLogger(__name__)

API_PREFIXES = ("/api/",)
HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
REPLAYED_HEADER = "Idempotent-Replayed"
# Reads sent as POST (the CPR number belongs in the body): repeating one changes nothing, and a
# replayed answer would show citizens without the audit row a fresh search writes.
REPEATABLE_READS = frozenset({"/api/v1/citizens/search"})
_KEEP_REFUSAL_RECORD = "_rehabplan_keep_refusal_record"


def keep_refusal_record(request: HttpRequest) -> None:
    """The error answer about to be given follows a refusal the service has recorded in the
    audit log, after rolling back everything else it wrote: commit that record."""
    setattr(request, _KEEP_REFUSAL_RECORD, True)


def _caller(request: HttpRequest) -> tuple[object | None, object | None]:
    """The token (if one is sent) and the user a POST comes from, as the API's authentication
    will find them; (None, None) when it will refuse the request."""
    authorization = request.headers.get("Authorization", "")
    scheme, _space, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials:
        return request_token_user(request, credentials.strip()) or (None, None)
    user = getattr(request, "user", None)
    return (None, user) if user is not None and user.is_authenticated else (None, None)


def _valid_key(key: str) -> bool:
    return 0 < len(key) <= MAX_KEY_LENGTH and key.isascii() and key.isprintable()


def _fingerprint(request: HttpRequest) -> str:
    digest = hashlib.sha256()
    digest.update(request.method.encode())
    digest.update(b"\0" + request.get_full_path().encode())
    digest.update(b"\0" + request.headers.get("Content-Type", "").encode())
    digest.update(b"\0" + request.body)
    return digest.hexdigest()


def _replay(record: IdempotentRequest) -> HttpResponse:
    response = HttpResponse(
        bytes(record.body), status=record.status_code, content_type=record.content_type
    )
    response[REPLAYED_HEADER] = "true"
    return response


class ApiTransactionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "POST" or not request.path.startswith(API_PREFIXES):
            return self.get_response(request)
        key = request.headers.get(HEADER)
        if key is not None and not _valid_key(key):
            return problem_response(
                request,
                400,
                _("Headeren Idempotency-Key skal være 1-255 synlige ASCII-tegn."),
            )
        try:
            fingerprint = _fingerprint(request) if key else ""
        except RequestDataTooBig:
            return problem_response(request, 413, _("Forespørgslen er for stor."))
        token, user = _caller(request)
        if user is not None:
            count_before_transaction(request, caller_key(token, user))
        # The caller whose key is claimed: none without a key or for a read sent as POST.
        claimant = user if key and request.path not in REPEATABLE_READS else None
        with transaction.atomic():
            record = None
            if claimant is not None:
                record, created = IdempotentRequest.objects.get_or_create(
                    user=claimant, key=key, defaults={"fingerprint": fingerprint}
                )
                if not created:
                    return self._answer_again(request, record, fingerprint)
            response = self.get_response(request)
            if response.status_code >= 400:
                self._after_error(request, record)
            elif record is not None:
                record.status_code = response.status_code
                record.content_type = response.get("Content-Type", "")
                record.body = response.content
                record.save(update_fields=["status_code", "content_type", "body"])
        return response

    def _after_error(self, request: HttpRequest, record: IdempotentRequest | None) -> None:
        """An error changes nothing, except the refusal record a service wrote on purpose; the
        key is not remembered either way."""
        if not getattr(request, _KEEP_REFUSAL_RECORD, False):
            transaction.set_rollback(True)
        elif record is not None:
            record.delete()

    def _answer_again(
        self, request: HttpRequest, record: IdempotentRequest, fingerprint: str
    ) -> HttpResponse:
        if record.fingerprint != fingerprint:
            logger.info("Idempotency key reused for a different request (record %s)", record.pk)
            return problem_response(
                request,
                422,
                _(
                    "Idempotency-Key er allerede brugt til en anden forespørgsel. "
                    "Brug en ny nøgle til en ny forespørgsel."
                ),
            )
        return _replay(record)
