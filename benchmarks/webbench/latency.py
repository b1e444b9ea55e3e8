"""Response times of the pages, one request at a time, and the throughput of one page under
concurrent clients."""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .client import Answer, Browser
from .pages import Page


@dataclass(frozen=True)
class PageTiming:
    page: Page
    seconds: list[float]
    size: int

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000

    @property
    def p95_ms(self) -> float:
        return percentile(self.seconds, 95) * 1000


def percentile(values: list[float], rank: float) -> float:
    """The nearest-rank percentile: the smallest value with `rank` % of the values at or below."""
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, -(-len(ordered) * rank // 100) - 1))
    return ordered[int(index)]


def fetch(browser: Browser, page: Page, headers: dict[str, str] | None = None) -> Answer:
    answer = browser.request(page.method, page.path, dict(page.form) or None, headers)
    if answer.status != 200:
        raise RuntimeError(f"{page.label} ({page.role}) {page.path} answered HTTP {answer.status}")
    return answer


def time_pages(
    browsers: dict[str, Browser], pages: Iterable[Page], *, rounds: int, warmup: int = 2
) -> list[PageTiming]:
    """Request every page `warmup` times, then `rounds` times more, page after page in each
    round, so that a noisy moment on the shared machine spreads over all pages."""
    pages = list(pages)
    for _round in range(warmup):
        for page in pages:
            fetch(browsers[page.role], page)
    seconds: dict[int, list[float]] = {index: [] for index in range(len(pages))}
    sizes: dict[int, int] = {}
    for _round in range(rounds):
        for index, page in enumerate(pages):
            answer = fetch(browsers[page.role], page)
            seconds[index].append(answer.seconds)
            sizes[index] = len(answer.body)
    return [
        PageTiming(page, seconds[index], sizes.get(index, 0)) for index, page in enumerate(pages)
    ]


def time_pages_but_slow(
    browsers: dict[str, Browser], pages: list[Page], slow: set[Page], *, rounds: int
) -> list[PageTiming]:
    """`time_pages`, except that each page in `slow` is requested once, without warm-up: a page
    that takes minutes would otherwise hold the run for hours."""
    timed = iter(time_pages(browsers, [page for page in pages if page not in slow], rounds=rounds))
    once = iter(time_pages(browsers, [page for page in pages if page in slow], rounds=1, warmup=0))
    return [next(once) if page in slow else next(timed) for page in pages]


@dataclass(frozen=True)
class Load:
    """One round of concurrent requests to one page."""

    label: str
    requests: int
    seconds: float
    latencies: list[float]
    server_cpu_seconds: float

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds

    @property
    def cpu_ms_per_request(self) -> float:
        return self.server_cpu_seconds / self.requests * 1000


def load(
    browsers: list[Browser], page: Page, *, seconds: float, server_cpu: Callable[[], float]
) -> Load:
    """Every browser requests `page` again and again, each on its own thread and keep-alive
    connection, for `seconds`; the count of answered requests over the time taken, and the CPU
    time the server's processes used meanwhile (`server_cpu` reads their total)."""
    latencies: list[list[float]] = [[] for _browser in browsers]
    failures: list[BaseException] = []
    start = threading.Barrier(len(browsers) + 1)
    stop_at = [0.0]

    def run(index: int) -> None:
        start.wait()
        try:
            while time.perf_counter() < stop_at[0]:
                latencies[index].append(fetch(browsers[index], page).seconds)
        except BaseException as error:  # reported below, on the main thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(index,)) for index in range(len(browsers))]
    for thread in threads:
        thread.start()
    cpu_before = server_cpu()
    began = time.perf_counter()
    stop_at[0] = began + seconds
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    cpu_used = server_cpu() - cpu_before
    if failures:
        raise failures[0]
    flat = [value for values in latencies for value in values]
    return Load(page.label, len(flat), elapsed, flat, cpu_used)
