"""Exceptions an API operation raises for answers that are not the documented success."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from django.core.exceptions import ValidationError


class ApiProblem(Exception):
    status = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class BadRequest(ApiProblem):
    status = 400


class Conflict(ApiProblem):
    status = 409


@contextmanager
def fields_named(names: Mapping[str, str]) -> Iterator[None]:
    """Reports a service's refusal under the API's field names (a service takes `therapist`, the
    request sends `therapist_id`), so that a caller can tell which of its fields to correct."""
    try:
        yield
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ValidationError(
            {names.get(field, field): messages for field, messages in error.error_dict.items()}
        ) from None
