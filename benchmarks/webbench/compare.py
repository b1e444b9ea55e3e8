"""Servers measured side by side: all are started at once and take turns, round after round, so
that the other work on the shared machine falls on each of them alike."""

from __future__ import annotations

import sys
from dataclasses import dataclass

from .client import Browser
from .latency import Load, PageTiming, load, time_pages
from .pages import Page
from .report import ServerResult
from .servers import RunningServer


@dataclass(frozen=True)
class Workload:
    compared: list[Page]  # timed one request at a time on every server
    citizen: Page  # the page whose throughput is compared with the bare view's
    bare: Page
    clients: int
    load_seconds: float
    rounds: int
    page_rounds: int  # requests per compared page in each round


def _move(browsers: list[Browser], server: RunningServer) -> None:
    for browser in browsers:
        browser.move_to(server.port)


def _warm(server: RunningServer, by_role: dict[str, Browser], visitators, work: Workload) -> None:
    """Imports, templates and a database connection in every thread or worker."""
    _move([*by_role.values(), *visitators], server)
    time_pages(by_role, work.compared, rounds=0, warmup=1)
    for page in (work.citizen, work.bare):
        load(visitators, page, seconds=1.0, server_cpu=server.cpu_seconds)


def compare(
    servers: list[RunningServer],
    by_role: dict[str, Browser],
    visitators: list[Browser],
    work: Workload,
) -> list[ServerResult]:
    for server in servers:
        _warm(server, by_role, visitators, work)
    timings: dict[int, dict[Page, list[float]]] = {index: {} for index in range(len(servers))}
    sizes: dict[Page, int] = {}
    loads: dict[int, dict[str, list[Load]]] = {
        index: {"citizen": [], "bare": []} for index in range(len(servers))
    }
    for round_index in range(work.rounds):
        # Each round starts with the next server, and alternates the two pages' order.
        turn = round_index % len(servers)
        for index in [*range(turn, len(servers)), *range(turn)]:
            server = servers[index]
            print(f"# round {round_index + 1}: {server.spec.name}", file=sys.stderr)
            _move([*by_role.values(), *visitators], server)
            for timing in time_pages(by_role, work.compared, rounds=work.page_rounds, warmup=0):
                timings[index].setdefault(timing.page, []).extend(timing.seconds)
                sizes[timing.page] = timing.size
            pair = [("citizen", work.citizen), ("bare", work.bare)]
            for name, page in pair if round_index % 2 == 0 else reversed(pair):
                measured = load(
                    visitators, page, seconds=work.load_seconds, server_cpu=server.cpu_seconds
                )
                loads[index][name].append(measured)
    return [
        ServerResult(
            server.spec.name,
            [PageTiming(page, timings[index][page], sizes[page]) for page in work.compared],
            loads[index]["citizen"],
            loads[index]["bare"],
            server.rss(),
        )
        for index, server in enumerate(servers)
    ]
