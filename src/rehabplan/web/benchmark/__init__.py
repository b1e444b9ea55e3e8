"""A bare page for the web benchmark's throughput ceiling, never part of production: the URL
configuration adds it only when the benchmark sets REHABPLAN_BENCHMARK_BARE_VIEW."""
