"""Benchmark of the planner: FCFS, EDD and the optimiser against the proven limit.

Run: uv run --frozen python benchmarks/planner_bench.py
Quick: uv run --frozen python benchmarks/planner_bench.py --sizes 20000 --seeds 1 --no-rolling
Headline: ... --scenarios mild,harsh --sizes 600000 --loads 1.05

For every scenario, size, load and seed one instance is generated; every method plans the same
instance once, every plan is verified by the feasibility checker, and the on-time starts are
compared with two upper limits: the tight one (the on-time-only model with exact options, a
MIP solved to optimality or its proven bound) and the loose one (the same model whose
options only check the start day). Prints markdown tables on stdout.
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
from rehabplan.planning.generator import SCENARIOS, GeneratorSettings, generate, scenario_settings

METHODS = ("fcfs", "edd", "optimiser")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenarios", type=_names, default=list(SCENARIOS))
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
    for scenario, size, load in _grid(args):
        for seed in range(1, args.seeds + 1):
            key = (scenario, size, load)
            building = clock.perf_counter()
            problem = generate(
                scenario_settings(
                    scenario,
                    inhabitants=size,
                    load=load,
                    seed=seed,
                    open_form_per_10=args.open_form_per_10,
                )
            )
            built_s = clock.perf_counter() - building
            tight = upper_limit(problem, time_limit_s=args.limit_time)
            loose = upper_limit(problem, time_limit_s=args.limit_time, exact=False)
            limits[key].append((tight, loose))
            _log(
                f"{scenario} {size} {load} seed {seed}: {len(problem.courses)} forløb, "
                f"grænse {tight.bound} (løs {loose.bound})"
            )
            for method in METHODS:
                began = clock.perf_counter()
                result = plan(problem, method, time_limit_s=args.time_limit)
                wall = clock.perf_counter() - began
                violations = check_plan(problem, result)
                rows[(*key, method)].append((problem, result, tight, wall, violations))
                times[(*key, method)].append((built_s, result.kpis, wall))
                _log(
                    f"  {method}: {result.kpis.on_time} rettidige, {wall:.2f} s "
                    f"(model {result.kpis.model_s:.2f} s, "
                    f"solver {result.kpis.solve_s:.2f} s)"
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
        "| scenario | inhabitants | load | courses | limit tight / loose | method | on time "
        "| share of tight limit | share of loose limit | days late mean | days late p95 "
        "| therapist h (individual + team) | seats used / offered | class fill "
        "| classes < min | continuity | runtime mean / max s | violations |",
        "|" + "---|" * 18,
    ]
    for scenario, size, load in _grid(args):
        key = (scenario, size, load)
        tight_total = sum(tight.bound for tight, _ in limits[key])
        loose_total = sum(loose.bound for _, loose in limits[key])
        proven = all(tight.proven_optimal for tight, _ in limits[key])
        seeds = len(limits[key])
        for method in METHODS:
            runs = rows[(*key, method)]
            on_time = sum(result.kpis.on_time for _, result, *_ in runs)
            courses = sum(result.kpis.courses for _, result, *_ in runs)
            walls = [wall for *_, wall, _ in runs]
            cells = [
                scenario,
                f"{size:,}",
                f"{load:.2f}",
                f"{courses / len(runs):.0f}",
                f"{tight_total / seeds:.1f}{'' if proven else ' (bound)'} / "
                f"{loose_total / seeds:.1f}",
                method,
                f"{on_time / len(runs):.1f}",
                _share(on_time, tight_total),
                _share(on_time, loose_total),
                f"{_mean(r.kpis.days_late_mean for _, r, *_ in runs):.2f}",
                f"{_mean(r.kpis.days_late_p95 for _, r, *_ in runs):.1f}",
                _hours(runs),
                _seats(runs),
                f"{100 * _mean(r.kpis.class_fill for _, r, *_ in runs):.0f} %",
                f"{_mean(r.kpis.classes_under_minimum for _, r, *_ in runs):.1f}",
                f"{100 * _mean(r.kpis.continuity_share for _, r, *_ in runs):.0f} %",
                f"{statistics.mean(walls):.2f} / {max(walls):.2f}",
                str(sum(len(violations) for *_, violations in runs)),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _grid(args):
    """Every scenario, size and load the run covers, in table order."""
    for scenario in args.scenarios:
        for size in args.sizes:
            for load in args.loads:
                yield scenario, size, load


def _share(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "-"


def _time_table(args, times) -> str:
    """Where the optimiser's time goes, per stage: building the problem (here: generating it;
    in the product: reading it from the database, not part of the limit), the model, the
    solver, placing its choices exactly, repairing, and the earliest-deadline-first safety
    net; and the wall clock of the whole call, against its limit."""
    lines = [
        "| scenario | inhabitants | load | build problem s | model s | solver s | place s "
        "| repair s | EDD safety net s | wall mean / max s |",
        "|" + "---|" * 10,
    ]
    for scenario, size, load in _grid(args):
        runs = times[scenario, size, load, "optimiser"]
        walls = [wall for *_, wall in runs]
        lines.append(
            f"| {scenario} | {size:,} | {load:.2f} "
            f"| {_mean(built for built, *_ in runs):.2f} "
            f"| {_mean(kpis.model_s for _, kpis, _ in runs):.2f} "
            f"| {_mean(kpis.solve_s for _, kpis, _ in runs):.2f} "
            f"| {_mean(kpis.place_s for _, kpis, _ in runs):.2f} "
            f"| {_mean(kpis.repair_s for _, kpis, _ in runs):.2f} "
            f"| {_mean(kpis.baseline_s for _, kpis, _ in runs):.2f} "
            f"| {statistics.mean(walls):.2f} / {max(walls):.2f} |"
        )
    return "\n".join(lines)


def _rolling_table(args) -> str:
    lines = [
        f"Rolling: {args.rolling_weeks} weeks of weekly re-planning, load {args.rolling_load}, "
        "seed 1, no look-ahead.",
        "",
        "| scenario | inhabitants | method | referrals | started | on time | on-time share "
        "| days late mean | therapist h | class fill | waiting at end | slowest week s "
        "| violations |",
        "|" + "---|" * 13,
    ]
    for scenario in args.scenarios:
        for size in args.rolling_sizes:
            settings = scenario_settings(scenario, inhabitants=size, load=args.rolling_load, seed=1)
            for method in METHODS:
                _log(f"rullende {scenario} {size} {method}")
                outcome = simulate(settings, method, args.rolling_weeks, args.time_limit)
                lines.append(
                    f"| {scenario} | {size:,} | {method} | {outcome.courses} | {outcome.started} "
                    f"| {outcome.on_time} "
                    f"| {100 * outcome.on_time / max(1, outcome.courses):.1f} % "
                    f"| {outcome.days_late_mean:.2f} | {outcome.therapist_hours:,.0f} "
                    f"| {100 * outcome.class_fill:.0f} % | {outcome.still_waiting} "
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


def _names(text: str) -> list[str]:
    names = [part for part in text.split(",") if part]
    for name in names:
        if name not in SCENARIOS:
            raise argparse.ArgumentTypeError(f"unknown scenario {name!r}")
    return names


def _floats(text: str) -> list[float]:
    return [float(part) for part in text.split(",") if part]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
