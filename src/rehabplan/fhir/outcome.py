"""Errors as FHIR OperationOutcomes with a Danish `diagnostics`."""

from __future__ import annotations

from fhir.resources.R4B.operationoutcome import OperationOutcome, OperationOutcomeIssue

# HTTP status -> the issue type (http://hl7.org/fhir/issue-type) that says the same.
ISSUE_CODES = {
    400: "invalid",
    401: "login",
    403: "forbidden",
    404: "not-found",
    405: "not-supported",
    406: "not-supported",
    429: "throttled",
    500: "exception",
}


class FhirError(Exception):
    """A request the FHIR endpoint refuses; the view answers it as an OperationOutcome."""

    def __init__(self, status: int, diagnostics: str, headers: dict[str, str] | None = None):
        super().__init__(diagnostics)
        self.status = status
        self.diagnostics = diagnostics
        self.headers = headers or {}


def operation_outcome(status: int, diagnostics: str) -> OperationOutcome:
    return OperationOutcome(
        issue=[
            OperationOutcomeIssue(
                severity="error",
                code=ISSUE_CODES.get(status, "processing"),
                diagnostics=diagnostics,
            )
        ]
    )
