"""Response times, SQL queries and throughput of the main pages on a real server, and "Planlæg".

    DATABASE_URL=postgres://... uv run --frozen --group servers python benchmarks/web_bench.py \
        [--rounds 20] [--server waitress|gunicorn|granian|all] [--json FILE]

Against the database in DATABASE_URL (the demo: `./rehabplan seed-demo`; a large municipality:
`./rehabplan seed-scale`), which must hold the demo logins. It writes to it as the product does
(audit rows, sessions, planning proposals), so use a copy, never production.

1. Picks the records the pages show (typical citizen = the median number of courses, heavy = the
   most) and counts each page's SQL queries in this process with Django's test client.
2. Starts the product's server (`rehabplan serve`: waitress, 8 threads) with DEBUG off on a free
   port of 127.0.0.1, logs each role in through the login form and times every main page, one
   request at a time, as the role that uses it: median and p95 over --rounds after warm-up.
3. Throughput: 16 clients on keep-alive connections request the typical citizen page, then a bare
   view that only reads the citizen and writes one audit row (served only while this benchmark
   sets REHABPLAN_BENCHMARK_BARE_VIEW), in alternating rounds; requests/s of each and the ratio.
4. "Planlæg": starts `rehabplan worker`, presses the button for next week three times and times
   each run to the finished proposal page; the worker's memory idle and after the runs.
5. With --server gunicorn, granian or all: the throughput and a few pages on the multi-process
   servers too, for the production recommendation in docs/production.md.

The machine's other load shows in the figures: compare runs made at the same time.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import sys
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = 16


def _parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="timed requests per page")
    parser.add_argument(
        "--server", choices=("waitress", "gunicorn", "granian", "all"), default="waitress"
    )
    parser.add_argument("--clients", type=int, default=CLIENTS)
    parser.add_argument("--load-seconds", type=float, default=5.0)
    parser.add_argument("--load-rounds", type=int, default=3)
    parser.add_argument("--plan-runs", type=int, default=3)
    parser.add_argument(
        "--slow-limit",
        type=float,
        default=10.0,
        help="seconds: a page slower than this in the query count is timed on one request",
    )
    parser.add_argument("--skip-planner", action="store_true")
    parser.add_argument(
        "--exclude", action="append", default=[], help="leave out pages whose label has this text"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser.parse_args()


def _setup_django() -> dict[str, str]:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url:
        sys.exit("web_bench: set DATABASE_URL to a copy of the database to measure")
    from webbench.servers import production_environment

    environment = production_environment(database_url)
    os.environ.update(environment)
    import django

    django.setup()
    return environment


def _load_average() -> str:
    """The machine's 1-minute load average: other work on the shared CPUs slows every page."""
    return Path("/proc/loadavg").read_text().split()[0]


def _heading(servers: list[str]) -> list[str]:
    from django.db import connection
    from webbench.measured import commit, row_counts

    database = urlparse(os.environ["DATABASE_URL"]).path.lstrip("/") or "?"
    load = _load_average()
    return [
        f"## Web benchmark, {datetime.date.today():%d-%m-%Y}, commit {commit()}",
        "",
        f"Database `{database}` ({connection.vendor}): {row_counts()}.",
        f"Servers: {', '.join(servers)}. Client and server share this machine's "
        f"{os.cpu_count()} CPUs; load average at the start {load}.",
    ]


def _browsers(port: int, users, clients: int):
    from webbench.client import Browser

    from rehabplan.demo.seed import DEMO_PASSWORD

    by_role = {}
    for role, user in users.items():
        by_role[role] = Browser(port)
        by_role[role].login(user.username, DEMO_PASSWORD)
    visitators = [Browser(port) for _index in range(clients)]
    for browser in visitators:
        browser.login(users["visitator"].username, DEMO_PASSWORD)
    return by_role, visitators


def main() -> None:
    args = _parse_arguments()
    environment = _setup_django()
    from webbench.compare import Workload, compare
    from webbench.latency import time_pages_but_slow
    from webbench.pages import Page, bench_pages, ensure_proposal, pick_targets, users_by_role
    from webbench.planner import time_planning
    from webbench.queries import count_queries
    from webbench.report import Report, markdown
    from webbench.servers import SERVERS, RunningServer

    users = users_by_role()
    targets = pick_targets(users)
    if targets.proposal is None:
        print("# no planning proposal yet: computing one with the planner", file=sys.stderr)
        ensure_proposal(users["leder"])
        targets = pick_targets(users)
    all_pages = [
        page
        for page in bench_pages(targets)
        if not any(text in page.label for text in args.exclude)
    ]
    print(f"# counting the queries of {len(all_pages)} pages", file=sys.stderr)
    queries = count_queries(users, all_pages, slow_seconds=args.slow_limit, progress=True)
    for row in queries:
        if row.status != 200:
            sys.exit(f"web_bench: {row.page.label} ({row.page.role}) answered {row.status}")
    citizen = next(page for page in all_pages if page.label.startswith("citizen page, typical"))
    bare = Page("bare view", "visitator", f"/maaling/borger/{targets.typical_citizen}/")
    compared = [
        page
        for page in all_pages
        if page.label.startswith(("citizen page", "deadline list", "calendar, week"))
        or (page.label == "start page" and page.role == "visitator")
    ]
    compared = [row.page for row in queries if row.page in compared and row.seconds < 1.0]
    names = ("waitress", "gunicorn", "granian") if args.server == "all" else (args.server,)
    specs = [spec for name in names for spec in SERVERS[name]]
    work = Workload(
        compared=compared if len(specs) > 1 else [],
        citizen=citizen,
        bare=bare,
        clients=args.clients,
        load_seconds=args.load_seconds,
        rounds=args.load_rounds,
        page_rounds=max(1, args.rounds // args.load_rounds),
    )
    heading = _heading([spec.name for spec in specs])
    with contextlib.ExitStack() as stack:
        print(f"# starting {len(specs)} server(s)", file=sys.stderr)
        servers = [stack.enter_context(RunningServer(spec, environment)) for spec in specs]
        by_role, visitators = _browsers(servers[0].port, users, args.clients)
        print(f"# {specs[0].name}: timing {len(all_pages)} pages", file=sys.stderr)
        slow = {row.page for row in queries if row.seconds > args.slow_limit}
        timings = time_pages_but_slow(by_role, all_pages, slow, rounds=args.rounds)
        planner = None
        if not args.skip_planner:
            print(f"# {specs[0].name}: Planlæg x {args.plan_runs}", file=sys.stderr)
            planner = time_planning(by_role["leder"], environment, runs=args.plan_runs)
        results = compare(servers, by_role, visitators, work)
    report = Report(heading, queries, specs[0].name, timings, planner, results)
    report.heading.append(f"Load average at the end {_load_average()}.")
    print(markdown(report, clients=args.clients, seconds=args.load_seconds, compared=compared))
    if args.json:
        args.json.write_text(json.dumps(asdict(report), indent=2, default=str))


if __name__ == "__main__":
    main()
