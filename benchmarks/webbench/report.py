"""The benchmark's results as Markdown (and as JSON for comparing runs)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from .latency import Load, PageTiming, percentile
from .pages import Page
from .planner import PAGE_POLL_SECONDS, PlannerTiming
from .queries import PageQueries

MEDIAN_TARGET_MS = 100
P95_TARGET_MS = 200
RATIO_TARGET = 0.25
PLAN_TARGET_S = 5.0


@dataclass
class ServerResult:
    name: str
    timings: list[PageTiming]
    citizen_loads: list[Load]
    bare_loads: list[Load]
    rss_after_load: int

    @property
    def citizen_per_second(self) -> float:
        return statistics.median(load.per_second for load in self.citizen_loads)

    @property
    def bare_per_second(self) -> float:
        return statistics.median(load.per_second for load in self.bare_loads)

    @property
    def ratio(self) -> float:
        return self.citizen_per_second / self.bare_per_second

    @property
    def citizen_cpu_ms(self) -> float:
        return statistics.median(load.cpu_ms_per_request for load in self.citizen_loads)

    @property
    def bare_cpu_ms(self) -> float:
        return statistics.median(load.cpu_ms_per_request for load in self.bare_loads)

    @property
    def cpu_ratio(self) -> float:
        """The ratio by the server's CPU time per request, which the machine's other load
        hardly moves: bare view's CPU ms / citizen page's CPU ms."""
        return self.bare_cpu_ms / self.citizen_cpu_ms


@dataclass
class Report:
    heading: list[str]
    queries: list[PageQueries]
    server: str  # the one every page was timed on, with "Planlæg"
    pages: list[PageTiming]
    planner: PlannerTiming | None
    servers: list[ServerResult]  # side by side, the first being `server`


def _mb(value: int) -> str:
    return f"{value / 1_000_000:.0f} MB"


def page_table(timings: list[PageTiming], queries: list[PageQueries]) -> list[str]:
    counted = {(row.page.label, row.page.role, row.page.path): row for row in queries}
    lines = ["| page | role | median ms | p95 ms | queries | KB |", "|---|---|---:|---:|---:|---:|"]
    for timing in timings:
        page = timing.page
        row = counted.get((page.label, page.role, page.path))
        slow = timing.median_ms >= MEDIAN_TARGET_MS or timing.p95_ms >= P95_TARGET_MS
        once = " (one request)" if len(timing.seconds) == 1 else ""
        lines.append(
            f"| {page.label}{' **(over target)**' if slow else ''}{once} | {page.role} "
            f"| {timing.median_ms:.1f} | {timing.p95_ms:.1f} "
            f"| {row.queries if row else '-'} | {timing.size / 1024:.1f} |"
        )
    return lines


def _load_line(label: str, loads: list[Load]) -> str:
    latencies = [value for load in loads for value in load.latencies]
    median_ms, p95_ms = statistics.median(latencies) * 1000, percentile(latencies, 95) * 1000
    rounds = ", ".join(f"{load.per_second:.0f}" for load in loads)
    cpu_ms = statistics.median(load.cpu_ms_per_request for load in loads)
    return (
        f"- {label}: **{statistics.median(load.per_second for load in loads):.0f} requests/s** "
        f"(median of rounds: {rounds}); under load median "
        f"{median_ms:.0f} ms, p95 {p95_ms:.0f} ms; server CPU {cpu_ms:.1f} ms per request"
    )


def throughput_lines(server: ServerResult, clients: int, seconds: float) -> list[str]:
    verdict = "meets" if server.ratio >= RATIO_TARGET else "misses"
    return [
        f"Throughput, {clients} concurrent clients (keep-alive), {len(server.citizen_loads)} "
        f"alternating rounds of {seconds:.0f} s each:",
        "",
        _load_line("typical citizen page", server.citizen_loads),
        _load_line("bare view (one citizen read, one audit row)", server.bare_loads),
        f"- ratio: **{server.ratio:.0%}** of the bare view's ceiling ({verdict} the "
        f"{RATIO_TARGET:.0%} target); by server CPU time per request {server.cpu_ratio:.0%}; "
        f"server RSS after the load {_mb(server.rss_after_load)}",
    ]


def planner_lines(timing: PlannerTiming) -> list[str]:
    runs = ", ".join(f"{run.ready_seconds:.1f} s" for run in timing.runs)
    browser = ", ".join(f"{run.browser_seconds:.1f} s" for run in timing.runs)
    worst = max(run.ready_seconds for run in timing.runs)
    verdict = "meets" if worst < PLAN_TARGET_S else "misses"
    return [
        '"Planlæg" (optimiser, next week) from the button to the finished proposal page:',
        "",
        f"- polling every 0.2 s: {runs} ({verdict} the {PLAN_TARGET_S:.0f} s target)",
        f"- as a browser sees it (the page polls every {PAGE_POLL_SECONDS:g} s): {browser}",
        f"- worker RSS: idle {_mb(timing.rss_idle)}, after one run {_mb(timing.rss_after_one)}, "
        f"after {len(timing.runs)} runs {_mb(timing.rss_after_all)}",
    ]


def comparison_table(servers: list[ServerResult], compared: list[Page]) -> list[str]:
    """Throughput and a few pages' medians on every server."""
    header = " | ".join(f"{page.label} ({page.role}) median ms" for page in compared)
    lines = [
        "| server | citizen page req/s | bare req/s | ratio | citizen / bare server CPU ms "
        f"| ratio by CPU | {header} | RSS after load |",
        "|---|---:|---:|---:|---:|---:|" + "---:|" * len(compared) + "---:|",
    ]
    for server in servers:
        by_page = {timing.page: timing for timing in server.timings}
        medians = " | ".join(
            f"{by_page[page].median_ms:.1f}" if page in by_page else "-" for page in compared
        )
        lines.append(
            f"| {server.name} | {server.citizen_per_second:.0f} | {server.bare_per_second:.0f} "
            f"| {server.ratio:.0%} | {server.citizen_cpu_ms:.0f} / {server.bare_cpu_ms:.1f} "
            f"| {server.cpu_ratio:.0%} | {medians} "
            f"| {_mb(server.rss_after_load)} |"
        )
    return lines


def markdown(report: Report, *, clients: int, seconds: float, compared: list[Page]) -> str:
    lines = [*report.heading, ""]
    lines += [f"### Pages on {report.server}", ""]
    lines += page_table(report.pages, report.queries)
    slow = [
        timing
        for timing in report.pages
        if timing.median_ms >= MEDIAN_TARGET_MS or timing.p95_ms >= P95_TARGET_MS
    ]
    lines += [
        "",
        f"Targets: median < {MEDIAN_TARGET_MS} ms and p95 < {P95_TARGET_MS} ms; "
        f"{len(report.pages) - len(slow)} of {len(report.pages)} pages meet both.",
        "",
    ]
    lines += throughput_lines(report.servers[0], clients, seconds)
    if report.planner is not None:
        lines += ["", *planner_lines(report.planner)]
    if len(report.servers) > 1:
        lines += ["", "### Servers compared", "", *comparison_table(report.servers, compared)]
    return "\n".join(lines) + "\n"
