"""The parts of `benchmarks/web_bench.py`: the pages to time, the servers, the HTTP client, the
load, the planner timing and the report."""
