"""Generated requests against the whole API, at least a thousand per operation by default.

    uv run --frozen python benchmarks/api_fuzz_bench.py [--examples 1000] [--json FILE]
    DATABASE_URL=postgres://... uv run --frozen python benchmarks/api_fuzz_bench.py

The same run as tests/api/test_generated_requests.py (which sends a few per operation), on a
throw-away test database beside the one in DATABASE_URL (SQLite by default): the demo
municipality seeded in full, a second municipality, a token for every role in each. Every
operation gets `--examples` requests, shared evenly between the 8 tokens and between valid and
invalid input, and a few more with the other municipality's ids in its path (an operation with
little to vary, such as one without parameters, may get fewer: the generator stops when it has
tried every distinct request). The report counts the requests per
operation and status, and every failure of the checks in tests/api/fuzzing.py: server errors,
answers that do not match the OpenAPI document, a role past its permission, another
municipality's citizen shown, a citizen shown without an audit row.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = datetime.date(2026, 11, 23)


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=1000)
    parser.add_argument("--json", type=Path, help="also write the counts as JSON here")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    arguments = _parse(argv)
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
    import django

    django.setup()
    import logging

    from django.db import connection
    from django.test.utils import setup_test_environment

    # Thousands of 4xx answers are the point of the run; their log lines are not.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    setup_test_environment()
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        return _run(arguments)
    finally:
        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


def _run(arguments: argparse.Namespace) -> int:
    from rehabplan.demo.seed import seed_demo
    from tests.api.fuzzing_run import run_generated_requests
    from tests.api.fuzzing_world import build_world

    started = time.perf_counter()
    world = build_world(seed_demo(seed=2026, today=TODAY).municipality)
    print(
        f"Seeded in {time.perf_counter() - started:.0f} s; about {arguments.examples} requests "
        f"per operation from {len(world.callers)} tokens",
        flush=True,
    )
    started = time.perf_counter()
    tally = run_generated_requests(
        world,
        examples=arguments.examples,
        progress=lambda label: print(f"  {label}", flush=True),
    )
    seconds = time.perf_counter() - started
    print(f"\n{tally.requests} requests in {seconds:.0f} s")
    print("Status  count")
    for status, count in sorted(tally.statuses.items()):
        print(f"{status:>6}  {count}")
    print("\nRequests per operation")
    for operation, count in sorted(tally.per_operation.items()):
        print(f"  {operation:<40} {count}")
    kinds = (
        "not_a_server_error",
        "status_code_conformance",
        "content_type_conformance",
        "response_headers_conformance",
        "response_schema_conformance",
        "role",
        "other_municipality",
        "audit",
    )
    print("\nFailures")
    for kind in kinds:
        print(f"  {kind:<32} {tally.count(kind)}")
        for description in tally.failures.get(kind, [])[:5]:
            print(f"      {description}")
    if arguments.json:
        arguments.json.write_text(
            json.dumps(
                {
                    "requests": tally.requests,
                    "seconds": round(seconds, 1),
                    "statuses": {str(k): v for k, v in sorted(tally.statuses.items())},
                    "per_operation": dict(sorted(tally.per_operation.items())),
                    "failures": {kind: tally.count(kind) for kind in kinds},
                },
                indent=2,
            )
        )
    return 1 if tally.failures or tally.server_errors else 0


if __name__ == "__main__":
    sys.exit(main())
