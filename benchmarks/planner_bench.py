"""Benchmark of the planner: FCFS, EDD and the optimiser against the proven limit.

Run: uv run --frozen python benchmarks/planner_bench.py
Quick: uv run --frozen python benchmarks/planner_bench.py --sizes 20000 --seeds 1 --no-rolling

For every size, load and seed one instance is generated; every method plans the same instance,
every plan is verified by the feasibility checker, and the on-time starts are compared with the
upper limit (the on-time-only model solved exactly). Prints markdown tables on stdout.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time as clock
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from planner_rolling import simulate

from rehabplan.planning import check_plan, plan, upper_limit
from rehabplan.planning.generator import GeneratorSettings, generate

METHODS = ("fcfs", "edd", "optimiser")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=_ints, default=[20_000, 60_000, 600_000])
    parser.add_argument("--loads", type=_floats, default=[0.95, 1.05])
    parser.add_argument("--seeds", type=int, default=3, help="seeds 1..N per size and load")
    parser.add_argument("--time-limit", type=float, default=10.0, help="optimiser, seconds")
    parser.add_argument("--limit-time", type=float, default=60.0, help="upper limit, seconds")
    parser.add_argument("--rolling", dest="rolling", action="store_true", default=True)
    parser.add_argument("--no-rolling", dest="rolling", action="store_false")
    parser.add_argument("--rolling-sizes", type=_ints, default=[60_000, 600_000])
    parser.add_argument("--rolling-load", type=float, default=1.05)
    parser.add_argument("--rolling-weeks", type=int, default=12)
    parser.add_argument(
        "--open-form-per-10",
        type=int,
        default=GeneratorSettings.open_form_per_10,
        help="individual courses in ten that may take a class seat instead (0: none)",
    )
    args = parser.parse_args(argv)

    rows = defaultdict(list)
    limits = defaultdict(list)
    times = defaultdict(list)
    for size in args.sizes:
        for load in args.loads:
            for seed in range(1, args.seeds + 1):
                building = clock.perf_counter()
                problem = generate(
                    GeneratorSettings(
                        inhabitants=size,
                        load=load,
                        seed=seed,
                        open_form_per_10=args.open_form_per_10,
                    )
                )
                built_s = clock.perf_counter() - building
                limit = upper_limit(problem, time_limit_s=args.limit_time)
                limits[size, load].append(limit)
                _log(f"{size} {load} seed {seed}: {len(problem.courses)} forløb, grænse {limit}")
                for method in METHODS:
                    began = clock.perf_counter()
                    result = plan(problem, method, time_limit_s=args.time_limit)
                    wall = clock.perf_counter() - began
                    violations = check_plan(problem, result)
                    rows[size, load, method].append((problem, result, limit, wall, violations))
                    times[size, load, method].append((built_s, result.kpis))
                    _log(
                        f"  {method}: {result.kpis.on_time} rettidige, {wall:.2f} s "
                        f"(model {result.kpis.model_s:.2f} s, solver {result.kpis.solve_s:.2f} s, "
                        f"bevist optimal: {'ja' if result.kpis.proven_optimal else 'nej'})"
                    )
    print(_main_table(args, rows, limits))
    print()
    print(_time_table(args, times))
    if args.rolling:
        print()
        print(_rolling_table(args))
    return 0


def _main_table(args, rows, limits) -> str:
    lines = [
        "| inhabitants | load | courses | limit (proven) | method | on time | share of limit "
        "| days late mean | days late p95 | therapist h (individual + team) "
        "| seats used / offered | class fill | classes < min | load spread "
        "| continuity | runtime mean / max s | gap | violations |",
        "|" + "---|" * 18,
    ]
    for size in args.sizes:
        for load in args.loads:
            limit_list = limits[size, load]
            limit_total = sum(limit.bound for limit in limit_list)
            proven = all(limit.proven_optimal for limit in limit_list)
            for method in METHODS:
                runs = rows[size, load, method]
                on_time = sum(result.kpis.on_time for _, result, *_ in runs)
                courses = sum(result.kpis.courses for _, result, *_ in runs)
                gaps = [result.gap for _, result, *_ in runs if result.gap is not None]
                walls = [wall for *_, wall, _ in runs]
                lines.append(
                    "| "
                    + " | ".join(
                        [
                            f"{size:,}",
                            f"{load:.2f}",
                            f"{courses / len(runs):.0f}",
                            f"{limit_total / len(runs):.1f}{'' if proven else ' (bound)'}",
                            method,
                            f"{on_time / len(runs):.1f}",
                            f"{100 * on_time / limit_total:.1f} %" if limit_total else "-",
                            f"{_mean(r.kpis.days_late_mean for _, r, *_ in runs):.2f}",
                            f"{_mean(r.kpis.days_late_p95 for _, r, *_ in runs):.1f}",
                            _hours(runs),
                            _seats(runs),
                            f"{100 * _mean(r.kpis.class_fill for _, r, *_ in runs):.0f} %",
                            f"{_mean(r.kpis.classes_under_minimum for _, r, *_ in runs):.1f}",
                            f"{_mean(r.kpis.therapist_load_spread for _, r, *_ in runs):.3f}",
                            f"{100 * _mean(r.kpis.continuity_share for _, r, *_ in runs):.0f} %",
                            f"{statistics.mean(walls):.2f} / {max(walls):.2f}",
                            f"{100 * statistics.mean(gaps):.2f} %" if gaps else "-",
                            str(sum(len(violations) for *_, violations in runs)),
                        ]
                    )
                    + " |"
                )
    return "\n".join(lines)


def _time_table(args, times) -> str:
    """Where the optimiser's time goes: building the problem (here: generating it; in the
    product: reading it from the database), building the model, the solver, and whether the
    solver stopped because it had proven the plan optimal rather than at its time limit."""
    lines = [
        "| inhabitants | load | build problem s | model s | solver s | total s "
        "| stopped proven optimal |",
        "|" + "---|" * 7,
    ]
    for size in args.sizes:
        for load in args.loads:
            runs = times[size, load, "optimiser"]
            proven = sum(1 for _, kpis in runs if kpis.proven_optimal)
            lines.append(
                f"| {size:,} | {load:.2f} | {_mean(built for built, _ in runs):.2f} "
                f"| {_mean(kpis.model_s for _, kpis in runs):.2f} "
                f"| {_mean(kpis.solve_s for _, kpis in runs):.2f} "
                f"| {_mean(kpis.runtime_s for _, kpis in runs):.2f} "
                f"| {proven} of {len(runs)} |"
            )
    return "\n".join(lines)


def _rolling_table(args) -> str:
    lines = [
        f"Rolling: {args.rolling_weeks} weeks of weekly re-planning, load {args.rolling_load}, "
        "seed 1, no look-ahead.",
        "",
        "| inhabitants | method | referrals | started | on time | on-time share "
        "| days late mean | waiting at end | slowest week s | violations |",
        "|" + "---|" * 10,
    ]
    for size in args.rolling_sizes:
        settings = GeneratorSettings(inhabitants=size, load=args.rolling_load, seed=1)
        for method in METHODS:
            _log(f"rullende {size} {method}")
            outcome = simulate(settings, method, args.rolling_weeks, args.time_limit)
            lines.append(
                f"| {size:,} | {method} | {outcome.courses} | {outcome.started} "
                f"| {outcome.on_time} | {100 * outcome.on_time / max(1, outcome.courses):.1f} % "
                f"| {outcome.days_late_mean:.2f} | {outcome.still_waiting} "
                f"| {outcome.runtime_max_s:.2f} | {outcome.violations} |"
            )
    return "\n".join(lines)


def _hours(runs) -> str:
    individual = _mean(r.kpis.individual_hours for _, r, *_ in runs)
    team = _mean(r.kpis.team_hours for _, r, *_ in runs)
    return f"{individual + team:.0f} ({individual:.0f} + {team:.0f})"


def _seats(runs) -> str:
    used = _mean(r.kpis.seats_used for _, r, *_ in runs)
    offered = _mean(r.kpis.seat_capacity for _, r, *_ in runs)
    return f"{used:.0f} / {offered:.0f}"


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values) if values else 0.0


def _ints(text: str) -> list[int]:
    return [int(part.replace("_", "")) for part in text.split(",") if part]


def _floats(text: str) -> list[float]:
    return [float(part) for part in text.split(",") if part]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
