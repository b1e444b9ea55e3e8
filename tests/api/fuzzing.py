"""Generated requests against the API's own OpenAPI document, sent as each role of each
municipality, with the answers checked and counted.

Schemathesis turns the document into requests (valid ones and ones that break the schema); each
is sent through Django's test client, so the run shares the test's database and transaction, and
every answer is checked:

- no answer with status 5xx;
- every answer documented: its status, media type, headers and body match the document;
- no operation answers 2xx to a role without the permission the operation needs (`ACCESS`);
- no answer contains a name or CPR number of the other municipality's citizens;
- an answer that shows a citizen's CPR number wrote an audit row naming that citizen.

The suite runs a few examples per operation (tests/api/test_generated_requests.py); the benchmark
command runs a thousand (benchmarks/api_fuzz_bench.py)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import requests
import schemathesis
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup

CHECK_NAMES = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
)
SUCCESS = range(200, 300)


@dataclass(frozen=True)
class Caller:
    """One token: whose it is, what its role may do, and what it must never see."""

    label: str
    token: str
    permissions: frozenset[str]
    foreign_texts: tuple[str, ...]
    own_citizens: dict[str, int]  # CPR number -> id, of the caller's own municipality


@dataclass
class Tally:
    requests: int = 0
    statuses: Counter = field(default_factory=Counter)
    per_operation: Counter = field(default_factory=Counter)
    failures: dict[str, list[str]] = field(default_factory=dict)

    def fail(self, kind: str, description: str) -> None:
        self.failures.setdefault(kind, []).append(description)

    def count(self, kind: str) -> int:
        return len(self.failures.get(kind, []))

    @property
    def server_errors(self) -> int:
        return sum(count for status, count in self.statuses.items() if status >= 500)


def load_schema(document: dict) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_dict(document)


def operations(schema: schemathesis.BaseSchema) -> list:
    found = []
    for result in schema.get_all_operations():
        found.append(result.ok())
    return found


def operation_id(operation) -> str:
    return operation.definition.raw["operationId"]


def _send(client: Client, case, caller: Caller) -> schemathesis.Response:
    kwargs = case.as_transport_kwargs(
        base_url="http://testserver", headers={"Authorization": f"Bearer {caller.token}"}
    )
    accepted = {"method", "url", "headers", "params", "json", "data", "files", "cookies"}
    prepared = requests.Request(**{k: v for k, v in kwargs.items() if k in accepted}).prepare()
    url = urlsplit(prepared.url)
    path = url.path + (f"?{url.query}" if url.query else "")
    headers = {
        name: value
        for name, value in prepared.headers.items()
        if name.lower() not in {"content-type", "content-length", "cookie"}
    }
    body = prepared.body or b""
    if isinstance(body, str):
        body = body.encode("utf-8", "surrogatepass")
    answer = client.generic(
        prepared.method,
        path,
        data=body,
        content_type=prepared.headers.get("Content-Type", ""),
        headers=headers,
    )
    answer_headers = {name: [value] for name, value in answer.headers.items()}
    return schemathesis.Response(
        status_code=answer.status_code,
        headers=answer_headers,
        content=answer.content,
        request=prepared,
        elapsed=0.0,
        verify=True,
    )


def _check(case, response, tally: Tally, label: str) -> None:
    from schemathesis import checks

    for name in CHECK_NAMES:
        try:
            case.validate_response(response, checks=[getattr(checks, name)])
        except FailureGroup as failed:
            failure = failed.exceptions[0]
            detail = " ".join(str(getattr(failure, "message", "")).split())[:300]
            tally.fail(name, f"{label}: {failure.title}: {detail}")


def _audited_citizens(after_entry: int) -> set[int]:
    from rehabplan.audit.models import AuditEntry

    audited: set[int] = set()
    for citizen_id, shown in AuditEntry.objects.filter(pk__gt=after_entry).values_list(
        "citizen_id", "shown_citizen_ids"
    ):
        audited.update(shown or ())
        if citizen_id:
            audited.add(citizen_id)
    return audited


def _last_entry() -> int:
    from rehabplan.audit.models import AuditEntry

    return AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _judge(
    case,
    response,
    caller: Caller,
    access: dict[str, str | tuple[str, ...]],
    tally: Tally,
    last_entry: int,
) -> None:
    op_id = operation_id(case.operation)
    label = f"{caller.label} {case.operation.label} -> {response.status_code}"
    tally.requests += 1
    tally.statuses[response.status_code] += 1
    tally.per_operation[op_id] += 1
    _check(case, response, tally, label)
    needed = access.get(op_id)
    either = tuple(
        permission
        for permission in ((needed,) if isinstance(needed, str) else (needed or ()))
        if permission
    )
    if response.status_code in SUCCESS and either and caller.permissions.isdisjoint(either):
        tally.fail("role", f"{label}: answered without {' or '.join(either)}")
    text = response.content.decode("utf-8", "replace")
    leaked = [foreign for foreign in caller.foreign_texts if foreign in text]
    if leaked:
        tally.fail("other_municipality", f"{label}: shows {leaked[:2]}")
    if response.status_code in SUCCESS:
        shown = {pk for cpr, pk in caller.own_citizens.items() if cpr in text}
        if shown - _audited_citizens(last_entry):
            tally.fail("audit", f"{label}: shows {len(shown)} citizens without an audit row")


def _runner(strategy, examples: int, client: Client, caller: Caller, access, tally: Tally):
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case) -> None:
        last_entry = _last_entry()
        _judge(case, _send(client, case, caller), caller, access, tally, last_entry)

    return run


def fuzz_operation(
    operation,
    callers: Iterable[Caller],
    *,
    access: dict[str, str | tuple[str, ...]],
    examples: int,
    tally: Tally,
    path_parameters: dict[str, int] | None = None,
) -> None:
    """Send about `examples` generated requests to `operation`, shared evenly between the
    callers and the two generation modes (valid and invalid input).

    With `path_parameters`, the ids in the path are fixed to those (another municipality's
    records), so the run probes exactly the rows that must stay out of reach."""
    client = Client()
    callers = list(callers)
    modes = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    each = max(1, math.ceil(examples / (len(callers) * len(modes))))
    for caller in callers:
        for mode in modes:
            strategy = operation.as_strategy(generation_mode=mode, path_parameters=path_parameters)
            run = _runner(strategy, each, client, caller, access, tally)
            try:
                run()
            except Unsatisfiable:
                # Nothing in this operation can be made invalid (no parameters, no body).
                if mode is GenerationMode.POSITIVE:
                    raise
