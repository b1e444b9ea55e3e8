"""The id part of a FHIR URL is taken as any text up to the next slash, so that a malformed id
(letters, a minus sign, NUL) reaches the view and is answered as an OperationOutcome instead of
the web's HTML 404."""

from __future__ import annotations


class FhirIdConverter:
    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: object) -> str:
        return str(value)
