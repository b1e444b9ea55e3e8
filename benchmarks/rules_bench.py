"""Throughput of the rules core: deadlines plus eligibility for generated referrals.

    uv run --frozen python benchmarks/rules_bench.py [--referrals 100000]

Each referral counts as two evaluations (one deadlines call, one eligibility call). The
standards are loaded once before timing; one process, one core. Wall-clock time suffers when
other processes share the machine, so the CPU time of this process is reported too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from rehabplan.rules import deadlines, default_registry, eligibility
from rehabplan.rules.registry import BASELINE

SERVICES = ("SUL140", "SEL86-1", "SEL86-2", "RAAD", "SUL119", "SUL140a")
FIRST_DAY = dt.date(2024, 1, 1)


def municipalities() -> list[str]:
    """Every municipal standard the registry holds (the baseline alone is no municipality)."""
    return sorted(slug for slug, _, _ in default_registry().municipalities() if slug != BASELINE)


def generate(count: int, seed: int = 2026) -> list[tuple]:
    rng = random.Random(seed)
    slugs = municipalities()
    referrals = []
    for _ in range(count):
        municipality = rng.choice(slugs)
        service = rng.choice(SERVICES)
        event = FIRST_DAY + dt.timedelta(days=rng.randrange(0, 3 * 365))
        decided = event + dt.timedelta(days=rng.randrange(0, 15)) if rng.random() < 0.6 else None
        facts = {
            "birth_date": (
                dt.date(1935, 1, 1) + dt.timedelta(days=rng.randrange(0, 25000))
            ).isoformat(),
            "motivated": rng.random() < 0.9,
            "can_train_alone": rng.random() < 0.2,
            "needs_pt_and_ot": rng.random() < 0.3,
            "has_gop": service == "SUL140",
            "impairment": rng.choice(("hip", "knee", "stroke")),
            "other_services": [{"service": "SUL140", "impairment": "hip"}]
            if rng.random() < 0.2
            else [],
            "last_course_end": {
                "SEL86-2": (event - dt.timedelta(days=rng.randrange(30, 500))).isoformat()
            },
            "last_grant": {},
            "fsiii": {"J3.5": rng.choice((0, 1, 2, 3, 4))},
        }
        referrals.append((municipality, service, event, decided, facts))
    return referrals


def run(referrals: list[tuple]) -> int:
    registry = default_registry()
    evaluations = 0
    for municipality, service, event, decided, facts in referrals:
        deadlines(
            registry,
            municipality,
            service,
            discharge=event,
            received=event,
            granted=decided,
            decided=decided,
        )
        eligibility(registry, municipality, service, on=event, facts=facts)
        evaluations += 2
    return evaluations


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--referrals", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the best is reported")
    args = parser.parse_args()
    referrals = generate(args.referrals)
    default_registry()  # load and validate the standards outside the timing
    best_wall = best_cpu = float("inf")
    evaluations = 0
    for _ in range(args.rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        evaluations = run(referrals)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    print(
        f"{len(referrals)} henvisninger, {evaluations} evalueringer (frister + visitation), "
        f"bedste af {args.rounds} runder:\n"
        f"  vægur: {best_wall:.2f} s = {evaluations / best_wall:,.0f} evalueringer pr. sekund\n"
        f"  CPU-tid (én kerne): {best_cpu:.2f} s = {evaluations / best_cpu:,.0f} evalueringer "
        "pr. sekund"
    )


if __name__ == "__main__":
    main()
