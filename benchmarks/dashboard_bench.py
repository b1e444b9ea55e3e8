"""Response time of every dashboard view ("Nøgletal"), as the leader, on a real server.

    DATABASE_URL=postgres://... uv run --frozen python benchmarks/dashboard_bench.py \
        [--rounds 5] [--json FILE]

Against the database in DATABASE_URL (the demo: `./rehabplan seed-demo`; a large municipality:
`./rehabplan seed-scale --citizens 30000 --sessions 1000000`), which must hold the demo logins.
Drill-downs and exports write audit rows, so use a copy, never production.

The views are found the way the leader finds them: the benchmark opens the dashboard, follows
its tabs to every section, and on each section page takes
- the page with the default filters (the last 12 months),
- the page filtered by each of the filter form's lists (the first choice of each: a location,
  a service, a team class, a therapist),
- the page for the whole history the data holds, up to the longest period a leader can ask
  for (three years),
- the first drill-down (the cases behind a figure), and
- every table's CSV and XLSX export.
Each is requested once to warm up, then --rounds times; the report gives median, p95 and the
slowest, and marks every view at or over the target of 1 s.
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import os
import re
import statistics
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 1.0

SECTION_LINK = re.compile(r'href="(/statistik/[a-z0-9-]+/)"')
DRILLDOWN_LINK = re.compile(r'href="(/statistik/[a-z0-9-]+/sager/\?[^"]*)"')
EXPORT_LINK = re.compile(r'href="(/statistik/[a-z0-9-]+/[a-z0-9-]+\.(?:csv|xlsx)(?:\?[^"]*)?)"')
SELECT = re.compile(r'<select[^>]*name="([a-z_]+)"[^>]*>(.*?)</select>', re.S)
OPTION_VALUE = re.compile(r'<option value="([^"]+)"')
LONGEST_PERIOD_DAYS = 3 * 365  # the filter form refuses longer periods


@dataclass(frozen=True)
class View:
    label: str
    path: str


@dataclass(frozen=True)
class ViewTiming:
    label: str
    path: str
    seconds: list[float]
    kilobytes: float

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.seconds)
        return ordered[max(0, -(-len(ordered) * 95 // 100) - 1)] * 1000

    @property
    def slowest_ms(self) -> float:
        return max(self.seconds) * 1000


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="timed requests per view")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser.parse_args()


def _setup_django() -> dict[str, str]:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url:
        sys.exit("dashboard_bench: set DATABASE_URL to a copy of the database to measure")
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from webbench.servers import production_environment

    environment = production_environment(database_url)
    os.environ.update(environment)
    import django

    django.setup()
    return environment


def _get(browser, path: str):
    answer = browser.request("GET", path)
    if answer.status != 200:
        raise RuntimeError(f"{path} answered HTTP {answer.status}")
    return answer


def _with_query(path: str, changes: dict[str, str]) -> str:
    parts = urlsplit(path)
    query = dict(parse_qsl(parts.query))
    query.update(changes)
    return f"{parts.path}?{urlencode(query)}"


def _filter_views(section_path: str, label: str, page: str, history_start: datetime.date):
    """The section filtered by each list of its filter form, and over the whole history."""
    views = []
    for name, options in SELECT.findall(page):
        values = [value for value in OPTION_VALUE.findall(options) if value]
        if values:
            choice = html.unescape(values[0])
            filtered = _with_query(section_path, {name: choice})
            views.append(View(f"{label}, filtered by {name}", filtered))
    today = datetime.date.today()
    longest_start = today - datetime.timedelta(days=LONGEST_PERIOD_DAYS - 1)
    whole = {
        "fra": f"{max(history_start, longest_start):%d-%m-%Y}",
        "til": f"{today:%d-%m-%Y}",
    }
    views.append(View(f"{label}, whole history", _with_query(section_path, whole)))
    return views


def discover_views(browser, history_start: datetime.date) -> list[View]:
    """Every view of the dashboard, found by following its links as the leader."""
    start = browser.request("GET", "/statistik/")
    if start.status == 302:
        headers = {name.lower(): value for name, value in start.headers.items()}
        start = _get(browser, urlsplit(headers["location"]).path)
    first = start
    sections = list(dict.fromkeys(SECTION_LINK.findall(first.body.decode())))
    sections = [path for path in sections if path.count("/") == 3]
    if not sections:
        raise RuntimeError("the dashboard shows no sections")
    views: list[View] = []
    for section_path in sections:
        label = section_path.strip("/").split("/")[-1]
        page = html.unescape(_get(browser, section_path).body.decode())
        views.append(View(f"{label}", section_path))
        views.extend(_filter_views(section_path, label, page, history_start))
        drilldowns = DRILLDOWN_LINK.findall(page)
        if drilldowns:
            views.append(View(f"{label}, cases behind a figure", drilldowns[0]))
        for export in dict.fromkeys(EXPORT_LINK.findall(page)):
            table = export.split("?")[0].rsplit("/", 1)[-1]
            views.append(View(f"{label}, export {table}", export))
    return views


def time_views(browser, views: list[View], rounds: int) -> list[ViewTiming]:
    """Warm each view once, then request them in turn `rounds` times, so that a noisy moment on
    the shared machine spreads over all views."""
    for view in views:
        _get(browser, view.path)
    seconds: dict[View, list[float]] = {view: [] for view in views}
    sizes: dict[View, int] = {}
    for _round in range(rounds):
        for view in views:
            answer = _get(browser, view.path)
            seconds[view].append(answer.seconds)
            sizes[view] = len(answer.body)
    return [ViewTiming(view.label, view.path, seconds[view], sizes[view] / 1024) for view in views]


def _history_start() -> datetime.date:
    from django.db.models import Min

    from rehabplan.courses.models import Referral

    first = Referral.objects.aggregate(first=Min("received_on"))["first"]
    return first or datetime.date.today() - datetime.timedelta(days=365)


def _heading() -> list[str]:
    from django.db import connection
    from webbench.measured import commit, row_counts

    load = Path("/proc/loadavg").read_text().split()[0]
    return [
        f"## Dashboard benchmark, {datetime.date.today():%d-%m-%Y}, commit {commit()}",
        "",
        f"Database ({connection.vendor}): {row_counts()}. Load average at the start {load}.",
        "",
    ]


def report(timings: list[ViewTiming]) -> list[str]:
    lines = [
        "| view | median ms | p95 ms | slowest ms | KB | under 1 s |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for timing in timings:
        under = "yes" if timing.slowest_ms < TARGET_SECONDS * 1000 else "**NO**"
        lines.append(
            f"| {timing.label} | {timing.median_ms:.0f} | {timing.p95_ms:.0f} | "
            f"{timing.slowest_ms:.0f} | {timing.kilobytes:.0f} | {under} |"
        )
    slowest = max(timings, key=lambda timing: timing.slowest_ms)
    lines += [
        "",
        f"{len(timings)} views; the slowest request: {slowest.label}, {slowest.slowest_ms:.0f} ms.",
    ]
    return lines


def main() -> None:
    args = _arguments()
    environment = _setup_django()
    from webbench.client import Browser
    from webbench.pages import users_by_role
    from webbench.servers import WAITRESS, RunningServer

    from rehabplan.demo.seed import DEMO_PASSWORD

    leader = users_by_role()["leder"]
    heading = _heading()
    history_start = _history_start()
    with RunningServer(WAITRESS, environment) as server:
        browser = Browser(server.port)
        browser.login(leader.username, DEMO_PASSWORD)
        views = discover_views(browser, history_start)
        print(f"# timing {len(views)} dashboard views x {args.rounds}", file=sys.stderr)
        timings = time_views(browser, views, args.rounds)
    print("\n".join(heading + report(timings)))
    if args.json:
        args.json.write_text(json.dumps([asdict(timing) for timing in timings], indent=2))
    if any(timing.slowest_ms >= TARGET_SECONDS * 1000 for timing in timings):
        sys.exit(1)


if __name__ == "__main__":
    main()
