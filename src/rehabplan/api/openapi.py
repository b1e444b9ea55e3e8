"""The OpenAPI document says what every operation can answer, not only what it returns.

Some answers come from the API's own machinery for every operation (no or a bad token, the rate
limit, input that does not fit the schema, an Idempotency-Key on a POST), so they are added here
once instead of by each operation; problem answers carry their own media type."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.operation import Operation

from rehabplan.api.idempotency import HEADER as IDEMPOTENCY_HEADER
from rehabplan.api.idempotency import MAX_KEY_LENGTH, REPLAYED_HEADER
from rehabplan.api.problems import PROBLEM_CONTENT_TYPE, TITLES

METHODS = ("get", "post", "put", "patch", "delete")
# Every operation: bad request, not authenticated, no permission, invalid input, rate limit.
EVERY_OPERATION = (400, 401, 403, 422, 429)
PROBLEM_REF = "#/components/schemas/Problem"

IDEMPOTENCY_PARAMETER = {
    "in": "header",
    "name": IDEMPOTENCY_HEADER,
    "required": False,
    "description": "En nøgle, du vælger for netop denne forespørgsel (fx et UUID). Sendes samme "
    "nøgle igen, udføres intet på ny, og det første svar kommer igen med headeren "
    f"{REPLAYED_HEADER}: true.",
    "schema": {"type": "string", "minLength": 1, "maxLength": MAX_KEY_LENGTH},
}


class RehabplanApi(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation.view_func.__name__

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        if "Problem" not in components:
            from rehabplan.api.problems import FieldProblem, Problem

            components["Problem"] = Problem.model_json_schema(ref_template=_REF_TEMPLATE)
            components["FieldProblem"] = FieldProblem.model_json_schema()
            components["Problem"].pop("$defs", None)
        for path, item in schema["paths"].items():
            for method in METHODS:
                if method in item:
                    _complete(item[method], method=method, has_ids="{" in path)
        return schema


_REF_TEMPLATE = "#/components/schemas/{model}"


def _complete(operation: dict[str, Any], *, method: str, has_ids: bool) -> None:
    # Ninja keys the operation's own answers by int; the document's keys are strings.
    responses = {str(status): answer for status, answer in operation.get("responses", {}).items()}
    operation["responses"] = responses
    statuses = [*EVERY_OPERATION, *((404,) if has_ids else ())]
    for status in statuses:
        responses.setdefault(str(status), {"description": TITLES[status]})
    for status, response in responses.items():
        if int(status) >= 400:
            response["content"] = {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": PROBLEM_REF}}}
            response["description"] = TITLES.get(int(status), response.get("description", ""))
    if method == "post":
        parameters = operation.setdefault("parameters", [])
        if not any(parameter.get("name") == IDEMPOTENCY_HEADER for parameter in parameters):
            parameters.append(IDEMPOTENCY_PARAMETER)
